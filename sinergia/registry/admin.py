"""The registry in the Django admin, for the secretariat. Every change passes through the
secretariat's edit service (checked, validated, audited, seen at once) and keeps its history."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from sinergia.accounts.admin_support import ServiceAdminMixin
from sinergia.registry.models import (
    AgendaItem,
    Commitment,
    Country,
    Mechanism,
    Meeting,
    Membership,
    Source,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["country", "source"]
    fields = [
        "country",
        "role",
        "since",
        "since_precision",
        "until",
        "until_precision",
        "confirmed",
        "note",
        "source",
    ]


class AgendaItemInline(admin.StackedInline):
    model = AgendaItem
    extra = 0
    autocomplete_fields = ["source"]
    filter_horizontal = ["themes"]


class CommitmentInline(admin.StackedInline):
    model = Commitment
    extra = 0
    autocomplete_fields = ["source"]
    filter_horizontal = ["themes"]


@admin.register(Mechanism)
class MechanismAdmin(ServiceAdminMixin, SimpleHistoryAdmin):
    list_display = ["acronym", "kind", "scope", "established", "status"]
    list_filter = ["kind", "scope", "status"]
    search_fields = ["acronym", "names", "aliases"]
    autocomplete_fields = ["source", "parent", "members_from"]
    filter_horizontal = ["related"]
    inlines = [MembershipInline, AgendaItemInline, CommitmentInline]


@admin.register(Membership)
class MembershipAdmin(ServiceAdminMixin, SimpleHistoryAdmin):
    list_display = ["mechanism", "country", "role", "since", "until", "confirmed"]
    list_filter = ["mechanism", "role", "confirmed"]
    search_fields = ["country__iso3", "mechanism__acronym", "note"]
    autocomplete_fields = ["mechanism", "country", "source"]


@admin.register(Country)
class CountryAdmin(ServiceAdminMixin, SimpleHistoryAdmin):
    list_display = ["iso3", "name", "subregion", "sovereign"]
    list_filter = ["subregion", "sovereign"]
    search_fields = ["iso3", "iso2"]


@admin.register(Source)
class SourceAdmin(ServiceAdminMixin, SimpleHistoryAdmin):
    list_display = ["key", "publisher", "title", "quality", "consulted"]
    list_filter = ["quality"]
    search_fields = ["key", "title", "publisher", "url"]


@admin.register(Meeting)
class MeetingAdmin(ServiceAdminMixin, SimpleHistoryAdmin):
    list_display = ["mechanism", "title", "date", "level", "place"]
    list_filter = ["mechanism", "level"]
    search_fields = ["title", "place", "outcome"]
    autocomplete_fields = ["mechanism", "source"]
