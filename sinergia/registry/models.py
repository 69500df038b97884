"""The registry: countries, mechanisms, their memberships, agenda, commitments and meetings.

Every fact points at the `Source` that supports it; a fact no source confirms is kept with
`confirmed=False` and a note, and is shown as unconfirmed.
"""

from __future__ import annotations

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sinergia.i18n import LANGUAGE_CHOICES, ShownText, localized, territory_name, translated


class DatePrecision(models.TextChoices):
    YEAR = "year", _("year")
    MONTH = "month", _("month")
    DAY = "day", _("day")


def format_partial_date(value: datetime.date | None, precision: str) -> str:
    """A date written as precisely as its source gives it: 1996, 2023-11 or 2023-11-19."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return f"{value.year}"
    if precision == DatePrecision.MONTH:
        return f"{value.year}-{value.month:02d}"
    return value.isoformat()


class SourceQuality(models.TextChoices):
    """How far a source can be trusted for what it states, best first."""

    OFFICIAL = "official", _("official source")
    INTERGOVERNMENTAL = "intergovernmental", _("intergovernmental source")
    PRESS = "press", _("press")
    OTHER = "other", _("other source")


# Best first: evidence is ordered by this rank.
SOURCE_QUALITY_RANK = {quality: rank for rank, quality in enumerate(SourceQuality.values)}


class Source(models.Model):
    """A public document or page that supports facts in the registry."""

    key = models.SlugField(_("key"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=500)
    publisher = models.CharField(_("publisher"), max_length=300)
    url = models.URLField(_("address"), max_length=1000, blank=True)
    consulted = models.DateField(_("date consulted"), null=True, blank=True)
    quality = models.CharField(
        _("quality"),
        max_length=20,
        choices=SourceQuality.choices,
        default=SourceQuality.OTHER,
        help_text=_(
            "The official site or document of the body or of a member government, an "
            "intergovernmental organization, the press, or anything else."
        ),
    )
    language = models.CharField(
        _("language"),
        max_length=2,
        blank=True,
        help_text=_("The language its title is written in; empty when not known."),
    )
    publisher_language = models.CharField(
        _("language of the publisher's name"),
        max_length=2,
        blank=True,
        help_text=_("The language the publisher's name is written in; empty when not known."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["key"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self) -> str:
        return f"{self.publisher}: {self.title}"


class Subregion(models.Model):
    """A UN M49 subregion (Caribbean, Central America, ...). Names come from CLDR."""

    key = models.SlugField(_("key"), max_length=40, unique=True)
    m49 = models.CharField(_("M49 code"), max_length=3, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("subregion")
        verbose_name_plural = _("subregions")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return territory_name(self.m49)


class Country(models.Model):
    """A country or territory (ISO 3166-1). Names come from CLDR in every language."""

    iso3 = models.CharField(_("ISO 3166-1 alpha-3"), max_length=3, unique=True)
    iso2 = models.CharField(_("ISO 3166-1 alpha-2"), max_length=2, unique=True)
    m49 = models.PositiveSmallIntegerField(_("M49 code"), unique=True)
    subregion = models.ForeignKey(
        Subregion, on_delete=models.PROTECT, related_name="countries", verbose_name=_("subregion")
    )
    sovereign = models.BooleanField(
        _("sovereign state"), help_text=_("A member state of the United Nations.")
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["iso3"]
        verbose_name = _("country or territory")
        verbose_name_plural = _("countries and territories")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return territory_name(self.iso2)

    def name_in(self, language: str) -> str:
        return territory_name(self.iso2, language)


class MechanismKind(models.TextChoices):
    REGIONAL_CONSULTATIVE_PROCESS = (
        "regional_consultative_process",
        _("regional consultative process"),
    )
    INTERGOVERNMENTAL_FORUM = "intergovernmental_forum", _("intergovernmental forum")
    INTERGOVERNMENTAL_ORGANIZATION = (
        "intergovernmental_organization",
        _("intergovernmental organization"),
    )
    NETWORK_OF_AUTHORITIES = "network_of_authorities", _("network of authorities")
    FRAMEWORK = "framework", _("framework")
    DECLARATION = "declaration", _("declaration")
    INTERAGENCY_GROUP = "interagency_group", _("interagency group")
    UN_DIALOGUE = "un_dialogue", _("UN dialogue")
    PROJECT = "project", _("project")


class Scope(models.TextChoices):
    GLOBAL = "global", _("global")
    HEMISPHERIC = "hemispheric", _("hemispheric")
    REGIONAL = "regional", _("regional")
    SUBREGIONAL = "subregional", _("subregional")


class MechanismStatus(models.TextChoices):
    ACTIVE = "active", _("active")
    INACTIVE = "inactive", _("inactive")
    CONCLUDED = "concluded", _("concluded")


class Mechanism(models.Model):
    """A mechanism, process, forum, framework or declaration on migration."""

    acronym = models.CharField(_("acronym"), max_length=30, unique=True)
    names = models.JSONField(_("names"), default=dict, help_text=_("{language: name}"))
    aliases = models.JSONField(_("other names"), default=list, blank=True)
    kind = models.CharField(_("kind"), max_length=40, choices=MechanismKind.choices)
    scope = models.CharField(_("scope"), max_length=20, choices=Scope.choices)
    established = models.PositiveSmallIntegerField(_("year established"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=MechanismStatus.choices, default=MechanismStatus.ACTIVE
    )
    website = models.URLField(_("website"), max_length=500, blank=True)
    secretariat = models.CharField(_("secretariat"), max_length=500, blank=True)
    supporting_organizations = models.JSONField(
        _("supporting organizations"), default=list, blank=True
    )
    description = models.JSONField(_("description"), default=dict, blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
    )
    members_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="member_lenders",
        verbose_name=_("same members as"),
    )
    related = models.ManyToManyField(
        "self",
        blank=True,
        symmetrical=False,
        related_name="related_from",
        verbose_name=_("related mechanisms"),
    )
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="+", verbose_name=_("source")
    )
    unconfirmed = models.JSONField(
        _("unconfirmed facts"), default=dict, blank=True, help_text=_("{field: note}")
    )
    editorial_language = models.CharField(
        _("language of the notes"),
        max_length=2,
        default="en",
        help_text=_("The language the secretariat and the notes on unconfirmed facts are in."),
    )
    editorial_translations = models.JSONField(
        _("translations of the notes"),
        default=dict,
        blank=True,
        help_text=_(
            '{"secretariat": {language: {"text": ..., "translation": "human" or "machine"}}, '
            '"unconfirmed": {field: {language: {...}}}}'
        ),
    )

    history = HistoricalRecords(excluded_fields=["related"])

    class Meta:
        ordering = ["acronym"]
        verbose_name = _("mechanism")
        verbose_name_plural = _("mechanisms")

    def __str__(self) -> str:
        return self.acronym

    @property
    def name(self) -> str:
        return localized(self.names)

    @property
    def description_text(self) -> str:
        return localized(self.description)

    @property
    def secretariat_shown(self) -> ShownText:
        """The secretariat's description in the reader's language, or in its own."""
        translations = (self.editorial_translations or {}).get("secretariat")
        return translated(self.secretariat, self.editorial_language, translations)

    def unconfirmed_note(self, field: str) -> ShownText:
        """The note on why `field` is not confirmed, in the reader's language or its own."""
        translations = (self.editorial_translations or {}).get("unconfirmed", {}).get(field)
        return translated(
            (self.unconfirmed or {}).get(field, ""), self.editorial_language, translations
        )

    @property
    def unconfirmed_notes(self) -> list[tuple[str, ShownText]]:
        """[(what is unconfirmed, in the reader's language, the note)], in the data's order."""
        return [
            (str(UNCONFIRMED_FIELDS.get(field, field)), self.unconfirmed_note(field))
            for field in self.unconfirmed or {}
        ]


# What a note on an unconfirmed fact of a mechanism may be about, as pages name it.
UNCONFIRMED_FIELDS = {
    "names": _("names"),
    "aliases": _("other names"),
    "kind": _("kind"),
    "scope": _("scope"),
    "established": _("year established"),
    "status": _("status"),
    "website": _("website"),
    "secretariat": _("secretariat"),
    "supporting_organizations": _("supporting organizations"),
    "description": _("description"),
    "parent": _("part of"),
    "members": _("members"),
    "agenda": _("main lines of work"),
    "commitments": _("commitments"),
    "meetings": _("meetings"),
}


class Role(models.TextChoices):
    MEMBER = "member", _("member")
    OBSERVER = "observer", _("observer")
    ASSOCIATE = "associate", _("associate")
    SIGNATORY = "signatory", _("signatory")
    # Seen at its meetings, not a member.
    PARTICIPANT = "participant", _("participant")


# The one definition of a mechanism's members, which every page, list, chart and export
# counts: its members, the signatories of a declaration or compact, and the associated states
# of a forum that takes them in as full participants (the MERCOSUR forum is "of MERCOSUR and
# associated states"). Observers are counted apart; participants are not members.
MEMBER_ROLES = frozenset({Role.MEMBER, Role.SIGNATORY, Role.ASSOCIATE})


class MembershipQuerySet(models.QuerySet["Membership"]):
    def holding_on(self, day: datetime.date) -> MembershipQuerySet:
        """The periods that hold on `day` (the database's version of `holds_on`)."""
        return self.filter(models.Q(since__isnull=True) | models.Q(since__lte=day)).filter(
            models.Q(until__isnull=True) | models.Q(until__gt=day)
        )

    def members(self) -> MembershipQuerySet:
        """Members by the one definition (`MEMBER_ROLES`): observers are not among them."""
        return self.filter(role__in=MEMBER_ROLES)

    def observers(self) -> MembershipQuerySet:
        return self.filter(role=Role.OBSERVER)


class Membership(models.Model):
    """A country's participation in a mechanism, in a role, over a period."""

    mechanism = models.ForeignKey(
        Mechanism, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("mechanism")
    )
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("country")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    since = models.DateField(_("since"), null=True, blank=True)
    since_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.YEAR
    )
    until = models.DateField(_("until"), null=True, blank=True)
    until_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.YEAR
    )
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="+", verbose_name=_("source")
    )
    confirmed = models.BooleanField(_("confirmed by the source"), default=True)
    note = models.TextField(_("note"), blank=True)
    note_language = models.CharField(
        _("language of the note"), max_length=2, blank=True, choices=LANGUAGE_CHOICES
    )
    note_translations = models.JSONField(
        _("translations of the note"),
        default=dict,
        blank=True,
        help_text=_('{language: {"text": ..., "translation": "human" or "machine"}}'),
    )
    recorded_in_sinergia = models.BooleanField(
        _("recorded in Sinergia"),
        default=False,
        help_text=_(
            "Added or ended through Sinergia's pages or API, not the bundled reference data: "
            "`sinergia init` leaves it alone."
        ),
    )

    history = HistoricalRecords()

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["mechanism", "country", "since"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["mechanism", "country", "role", "since"], name="unique_membership_period"
            ),
            models.CheckConstraint(
                condition=models.Q(until__isnull=True)
                | models.Q(since__isnull=True)
                | models.Q(until__gte=models.F("since")),
                name="membership_until_after_since",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.country.iso3} in {self.mechanism.acronym} ({self.role})"

    @property
    def since_display(self) -> str:
        return format_partial_date(self.since, self.since_precision)

    @property
    def is_member(self) -> bool:
        """A member by the one definition that every count uses (`MEMBER_ROLES`)."""
        return self.role in MEMBER_ROLES

    @property
    def note_shown(self) -> ShownText:
        """The note in the reader's language, or in the language it was written in."""
        return translated(self.note, self.note_language, self.note_translations)

    @property
    def until_display(self) -> str:
        return format_partial_date(self.until, self.until_precision)

    def holds_on(self, day: datetime.date) -> bool:
        return (self.since is None or self.since <= day) and (
            self.until is None or day < self.until
        )


class MechanismText(models.Model):
    """A text of a mechanism (an agenda line, a commitment), tagged with themes."""

    mechanism = models.ForeignKey(Mechanism, on_delete=models.CASCADE, verbose_name=_("mechanism"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text = models.TextField(_("text"))
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGE_CHOICES)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    date = models.DateField(
        _("date"),
        null=True,
        blank=True,
        help_text=_("When the outcome document it comes from was adopted or published."),
    )
    date_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    translations = models.JSONField(
        _("translations"),
        default=dict,
        blank=True,
        help_text=_("{language: text}: Sinergia's translations of the original."),
    )
    themes = models.ManyToManyField(
        "vocabulary.Concept", blank=True, related_name="+", verbose_name=_("themes")
    )
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="+", verbose_name=_("source")
    )
    recorded_in_sinergia = models.BooleanField(
        _("recorded in Sinergia"),
        default=False,
        help_text=_(
            "Entered through Sinergia's pages or API, not the bundled reference data: "
            "`sinergia init` leaves it alone."
        ),
    )

    class Meta:
        abstract = True
        ordering = ["mechanism", "position"]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def date_display(self) -> str:
        """The date as precisely as its source gives it, else the year, else ""."""
        if self.date is not None:
            return format_partial_date(self.date, self.date_precision)
        return str(self.year) if self.year else ""


class AgendaItem(MechanismText):
    history = HistoricalRecords()

    class Meta(MechanismText.Meta):
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        default_related_name = "agenda_items"


class Commitment(MechanismText):
    history = HistoricalRecords()

    class Meta(MechanismText.Meta):
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        default_related_name = "commitments"


class MeetingLevel(models.TextChoices):
    SUMMIT = "summit", _("summit")
    MINISTERIAL = "ministerial", _("ministerial")
    VICE_MINISTERIAL = "vice-ministerial", _("vice-ministerial")
    PLENARY = "plenary", _("plenary")
    TECHNICAL = "technical", _("technical")
    WORKING_GROUP = "working-group", _("working group")
    OTHER = "other", _("other")


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("scheduled")
    CANCELLED = "cancelled", _("cancelled")


class Meeting(models.Model):
    """A meeting of a mechanism, with its outcome document. A cancelled meeting is kept, marked
    as such: it no longer clashes with anything."""

    mechanism = models.ForeignKey(
        Mechanism, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("mechanism")
    )
    title = models.CharField(_("title"), max_length=500)
    language = models.CharField(
        _("language"),
        max_length=2,
        blank=True,
        help_text=_("The language its title and outcome are written in; empty when not known."),
    )
    date = models.DateField(_("date"), db_index=True)
    date_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    end_date = models.DateField(
        _("last day"), null=True, blank=True, help_text=_("For a meeting of several days.")
    )
    place = models.CharField(_("place"), max_length=300, blank=True)
    level = models.CharField(
        _("level"), max_length=20, choices=MeetingLevel.choices, blank=True, default=""
    )
    outcome = models.CharField(_("outcome document"), max_length=500, blank=True)
    outcome_url = models.URLField(_("outcome document address"), max_length=1000, blank=True)
    source = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("source"),
        help_text=_("Empty for a meeting announced in Sinergia by the mechanism itself."),
    )
    recorded_in_sinergia = models.BooleanField(
        _("recorded in Sinergia"),
        default=False,
        help_text=_(
            "Entered through Sinergia's pages or API, not the bundled reference data: "
            "`sinergia init` leaves it alone."
        ),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=MeetingStatus.choices,
        default=MeetingStatus.SCHEDULED,
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return f"{self.mechanism.acronym}: {self.title} ({self.date_display})"

    @property
    def date_display(self) -> str:
        return format_partial_date(self.date, self.date_precision)

    @property
    def last_day(self) -> datetime.date:
        return self.end_date or self.date

    @property
    def is_virtual(self) -> bool:
        return self.place.strip().lower() in {"virtual", "en línea", "online"}

    @property
    def is_cancelled(self) -> bool:
        return self.status == MeetingStatus.CANCELLED
