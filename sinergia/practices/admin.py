"""Practices in the Django admin: read and audit; the workflow runs through the pages."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from sinergia.practices.models import Attachment, Practice, PracticeTranslation, StatusChange


class TranslationInline(admin.StackedInline):
    model = PracticeTranslation
    extra = 0


class StatusChangeInline(admin.TabularInline):
    model = StatusChange
    extra = 0
    can_delete = False
    readonly_fields = ["from_status", "to_status", "by_label", "at", "comment"]
    fields = ["from_status", "to_status", "by_label", "at", "comment"]

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Practice)
class PracticeAdmin(SimpleHistoryAdmin):
    list_display = [
        "title",
        "language",
        "status",
        "submitting_country",
        "submitting_mechanism",
        "published_at",
    ]
    list_filter = ["status", "language"]
    search_fields = ["title", "summary", "external_id"]
    readonly_fields = ["status", "published_at", "created_by", "suggested_themes"]
    filter_horizontal = ["countries", "mechanisms", "themes"]
    inlines = [TranslationInline, StatusChangeInline]


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin):
    list_display = ["original_name", "practice", "content_type", "size_bytes", "uploaded_at"]
    readonly_fields = ["token", "content_type", "size_bytes", "uploaded_by", "uploaded_at"]
