"""The annual dialogue in the Django admin: read only. Sessions, their questions and
participants, contributions and follow-up actions change through the dialogue's pages and
the API, whose services check the rule, follow each workflow and audit; the admin links to
those pages."""

from django.contrib import admin
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from sinergia.accounts.admin_support import ReadOnlyAdminMixin
from sinergia.dialogue.models import (
    Contribution,
    FollowUpAction,
    GuidingQuestion,
    Participant,
    ProgressNote,
    Session,
    SessionAgendaItem,
)


class AgendaInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = SessionAgendaItem
    extra = 0


class QuestionInline(ReadOnlyAdminMixin, admin.StackedInline):
    model = GuidingQuestion
    extra = 0


class ParticipantInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Participant
    extra = 0
    fields = ["kind", "role", "country", "mechanism", "organization", "confirmed"]


@admin.register(Session)
class SessionAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ["date", "key", "convener", "place"]
    search_fields = ["key", "place", "document"]
    inlines = [AgendaInline, QuestionInline, ParticipantInline]

    def view_on_site(self, obj: Session) -> str:
        return reverse("session_detail", args=[obj.pk])


@admin.register(Contribution)
class ContributionAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ["session", "participant", "question", "language", "status", "on_behalf"]
    list_filter = ["status", "language", "session"]

    def view_on_site(self, obj: Contribution) -> str:
        return reverse("contribution_detail", args=[obj.pk])


class ProgressInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = ProgressNote
    extra = 0
    fields = ["at", "status_before", "status_after", "note", "author_label", "on_behalf"]


@admin.register(FollowUpAction)
class FollowUpActionAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ["description", "session", "owner_name", "due", "status"]
    list_filter = ["status", "session"]
    inlines = [ProgressInline]

    def view_on_site(self, obj: FollowUpAction) -> str:
        return f"{reverse('action_list')}#action-{obj.pk}"
