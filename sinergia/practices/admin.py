"""Practices in the Django admin: read only. Every change (content, translations, files,
the workflow) goes through the pages and the API, whose services check the rule, audit,
reindex the search and refresh the caches; the admin links to the practice's pages."""

from django.contrib import admin
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from sinergia.accounts.admin_support import ReadOnlyAdminMixin
from sinergia.practices.models import Attachment, Practice, PracticeTranslation, StatusChange


class TranslationInline(ReadOnlyAdminMixin, admin.StackedInline):
    model = PracticeTranslation
    extra = 0


class StatusChangeInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = StatusChange
    extra = 0
    can_delete = False
    readonly_fields = ["from_status", "to_status", "by_label", "at", "comment"]
    fields = ["from_status", "to_status", "by_label", "at", "comment"]


@admin.register(Practice)
class PracticeAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
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

    def view_on_site(self, obj: Practice) -> str:
        return reverse("practice_detail", args=[obj.pk])


@admin.register(Attachment)
class AttachmentAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["original_name", "practice", "content_type", "size_bytes", "uploaded_at"]
    readonly_fields = ["token", "content_type", "size_bytes", "uploaded_by", "uploaded_at"]
