"""The annual dialogue in the Django admin: read and audit; writes run through the pages."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from sinergia.dialogue.models import (
    Contribution,
    FollowUpAction,
    GuidingQuestion,
    Participant,
    ProgressNote,
    Session,
    SessionAgendaItem,
)


class AgendaInline(admin.TabularInline):
    model = SessionAgendaItem
    extra = 0


class QuestionInline(admin.StackedInline):
    model = GuidingQuestion
    extra = 0


class ParticipantInline(admin.TabularInline):
    model = Participant
    extra = 0
    fields = ["kind", "role", "country", "mechanism", "organization", "confirmed"]


@admin.register(Session)
class SessionAdmin(SimpleHistoryAdmin):
    list_display = ["date", "key", "convener", "place"]
    search_fields = ["key", "place", "document"]
    readonly_fields = ["bundle_checksum"]
    inlines = [AgendaInline, QuestionInline, ParticipantInline]


@admin.register(Contribution)
class ContributionAdmin(SimpleHistoryAdmin):
    list_display = ["session", "participant", "question", "language", "status", "on_behalf"]
    list_filter = ["status", "language", "session"]
    readonly_fields = ["recorded_by", "on_behalf", "created_at", "updated_at"]
    filter_horizontal = ["themes", "mentioned_mechanisms", "mentioned_countries", "practices"]


class ProgressInline(admin.TabularInline):
    model = ProgressNote
    extra = 0
    can_delete = False
    readonly_fields = ["at", "status_before", "status_after", "note", "author_label", "on_behalf"]
    fields = ["at", "status_before", "status_after", "note", "author_label", "on_behalf"]

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(FollowUpAction)
class FollowUpActionAdmin(SimpleHistoryAdmin):
    list_display = ["description", "session", "owner_mechanism", "owner_country", "due", "status"]
    list_filter = ["status", "session"]
    readonly_fields = ["status"]
    inlines = [ProgressInline]
