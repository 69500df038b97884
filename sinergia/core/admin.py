"""The vocabulary in the Django admin, for the secretariat: every change passes through the
secretariat's edit service (checked, validated, audited, and followed by the search index).
Registered here, on the site's floor, because the vocabulary sits beside the audit trail and
imports nothing of it."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from sinergia.accounts.admin_support import ServiceAdmin, ServiceAdminMixin
from sinergia.vocabulary.models import Concept, ConceptMatch, Framework, FrameworkItem


class ConceptMatchInline(admin.TabularInline):
    model = ConceptMatch
    extra = 0
    autocomplete_fields = ["item"]


@admin.register(Concept)
class ConceptAdmin(ServiceAdminMixin, SimpleHistoryAdmin):
    list_display = ["key", "label", "position"]
    search_fields = ["key", "labels", "synonyms"]
    inlines = [ConceptMatchInline]


class FrameworkItemInline(admin.TabularInline):
    model = FrameworkItem
    extra = 0


@admin.register(Framework)
class FrameworkAdmin(ServiceAdmin):
    list_display = ["key", "label"]
    inlines = [FrameworkItemInline]


@admin.register(FrameworkItem)
class FrameworkItemAdmin(ServiceAdmin):
    list_display = ["framework", "code", "label"]
    list_filter = ["framework"]
    search_fields = ["code", "labels"]
