"""The vocabulary in the Django admin."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from sinergia.vocabulary.models import Concept, ConceptMatch, Framework, FrameworkItem


class ConceptMatchInline(admin.TabularInline):
    model = ConceptMatch
    extra = 0
    autocomplete_fields = ["item"]


@admin.register(Concept)
class ConceptAdmin(SimpleHistoryAdmin):
    list_display = ["key", "label", "position"]
    search_fields = ["key", "labels", "synonyms"]
    inlines = [ConceptMatchInline]


class FrameworkItemInline(admin.TabularInline):
    model = FrameworkItem
    extra = 0


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = ["key", "label"]
    inlines = [FrameworkItemInline]


@admin.register(FrameworkItem)
class FrameworkItemAdmin(admin.ModelAdmin):
    list_display = ["framework", "code", "label"]
    list_filter = ["framework"]
    search_fields = ["code", "labels"]
