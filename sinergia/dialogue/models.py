"""The CAM's annual dialogue: sessions, what participants said in them, and what was agreed.

A session asks guiding questions; each participant (a state delegation, a mechanism on the
panel, an organization) answers in a contribution, in its own language, in structured parts.
Follow-up actions agreed at a session carry their progress until the next one.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sinergia.i18n import LANGUAGE_CHOICES, ShownText, localized, translated
from sinergia.uploads import StoredFile


class Modality(models.TextChoices):
    IN_PERSON = "in_person", _("in person")
    VIRTUAL = "virtual", _("virtual")
    HYBRID = "hybrid", _("hybrid")


class Session(models.Model):
    """A session of the annual dialogue, convened by a mechanism (the CAM)."""

    key = models.SlugField(_("key"), max_length=80, unique=True)
    convener = models.ForeignKey(
        "registry.Mechanism",
        on_delete=models.PROTECT,
        related_name="dialogue_sessions",
        verbose_name=_("convening body"),
    )
    date = models.DateField(_("date"), db_index=True)
    modality = models.CharField(
        _("modality"),
        max_length=10,
        choices=Modality.choices,
        blank=True,
        help_text=_("Empty when no source says how the session was held."),
    )
    place = models.CharField(_("place"), max_length=300, blank=True)
    title = models.JSONField(_("title"), help_text=_("The title in each language."))
    document = models.CharField(_("document symbol"), max_length=120, blank=True)
    chair = models.CharField(_("chair"), max_length=300, blank=True)
    concept_note = models.TextField(_("concept note (Markdown)"), blank=True, max_length=100_000)
    concept_note_language = models.CharField(
        _("language of the concept note"), max_length=2, choices=LANGUAGE_CHOICES, default="es"
    )
    source = models.ForeignKey(
        "registry.Source",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("source"),
    )
    concept_note_source = models.ForeignKey(
        "registry.Source",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("source of the concept note"),
    )
    sources = models.ManyToManyField(
        "registry.Source", blank=True, related_name="dialogue_sessions", verbose_name=_("sources")
    )
    unconfirmed = models.JSONField(_("unconfirmed facts"), default=dict, blank=True)
    unconfirmed_language = models.CharField(
        _("language of the notes"),
        max_length=2,
        default="en",
        help_text=_("The language the notes on unconfirmed facts are in."),
    )
    unconfirmed_translations = models.JSONField(
        _("translations of the notes"),
        default=dict,
        blank=True,
        help_text=_('{field: {language: {"text": ..., "translation": "human" or "machine"}}}'),
    )
    bundle_checksum = models.CharField(
        max_length=64,
        blank=True,
        help_text=_("Set for a session loaded from Sinergia's reference data."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date"]
        verbose_name = _("dialogue session")
        verbose_name_plural = _("dialogue sessions")

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.display_title}"

    @property
    def display_title(self) -> str:
        return localized(self.title)

    @property
    def unconfirmed_notes(self) -> list[tuple[str, ShownText]]:
        """[(what is unconfirmed, why: in the reader's language or its own)], in the data's
        order."""
        translations = self.unconfirmed_translations or {}
        return [
            (
                str(SESSION_UNCONFIRMED_FIELDS.get(field, field)),
                translated(note, self.unconfirmed_language, translations.get(field)),
            )
            for field, note in (self.unconfirmed or {}).items()
        ]


# What a note on an unconfirmed fact of a session may be about, as pages name it.
SESSION_UNCONFIRMED_FIELDS = {
    "session": _("the session itself"),
    "title": _("title"),
    "modality": _("modality"),
    "place": _("place"),
    "document": _("document"),
    "chair": _("chair"),
    "agenda": _("agenda"),
    "guiding_questions": _("guiding questions"),
    "participants": _("participants"),
    "mandate": _("mandate"),
}


class SessionAgendaItem(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="agenda")
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.JSONField(_("title"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["session", "position"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.UniqueConstraint(fields=["session", "position"], name="agenda_position_unique")
        ]

    def __str__(self) -> str:
        return f"{self.position}. {localized(self.title)}"

    @property
    def display_title(self) -> str:
        return localized(self.title)


class GuidingQuestion(models.Model):
    """A question the session asks every participant, in the four languages."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="questions")
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.JSONField(_("text"), help_text=_("The question in each language."))
    translated = models.JSONField(
        _("translated by Sinergia"),
        default=list,
        blank=True,
        help_text=_("The languages whose text is Sinergia's translation, not an official one."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["session", "number"]
        verbose_name = _("guiding question")
        verbose_name_plural = _("guiding questions")
        constraints = [
            models.UniqueConstraint(fields=["session", "number"], name="question_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {localized(self.text)}"

    @property
    def display_text(self) -> str:
        return localized(self.text)

    def text_in(self, language: str) -> str:
        return localized(self.text, language)


class ParticipantKind(models.TextChoices):
    DELEGATION = "delegation", _("state delegation")
    MECHANISM = "mechanism", _("mechanism")
    ORGANIZATION = "organization", _("organization")


class ParticipantRole(models.TextChoices):
    PANELIST = "panelist", _("panelist")
    INVITED = "invited", _("invited")
    DELEGATION = "delegation", _("delegation")
    ORGANIZATION = "organization", _("organization")


class Participant(models.Model):
    """Who takes part in a session: a state, a mechanism, or another organization."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="participants")
    kind = models.CharField(_("kind"), max_length=12, choices=ParticipantKind.choices)
    role = models.CharField(_("role"), max_length=12, choices=ParticipantRole.choices)
    country = models.ForeignKey(
        "registry.Country",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("country"),
    )
    mechanism = models.ForeignKey(
        "registry.Mechanism",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("mechanism"),
    )
    organization = models.CharField(_("organization"), max_length=300, blank=True)
    confirmed = models.BooleanField(_("confirmed"), default=True)
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
    source = models.ForeignKey(
        "registry.Source",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("source"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind="delegation", country__isnull=False, mechanism__isnull=True)
                    | models.Q(kind="mechanism", mechanism__isnull=False, country__isnull=True)
                    | models.Q(
                        kind="organization",
                        country__isnull=True,
                        mechanism__isnull=True,
                    )
                    & ~models.Q(organization="")
                ),
                name="participant_names_one_party",
            ),
            models.UniqueConstraint(
                fields=["session", "country"],
                condition=models.Q(country__isnull=False),
                name="participant_country_once",
            ),
            models.UniqueConstraint(
                fields=["session", "mechanism"],
                condition=models.Q(mechanism__isnull=False),
                name="participant_mechanism_once",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        if self.country_id:
            return self.country.name  # type: ignore[union-attr]
        if self.mechanism_id:
            return self.mechanism.name  # type: ignore[union-attr]
        return self.organization

    @property
    def short_name(self) -> str:
        if self.mechanism_id:
            return self.mechanism.acronym  # type: ignore[union-attr]
        return self.name

    @property
    def note_shown(self) -> ShownText:
        """The note in the reader's language, or in the language it was written in."""
        return translated(self.note, self.note_language or "en", self.note_translations)


class ContributionStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    WITHDRAWN = "withdrawn", _("withdrawn")


# The structured parts of a contribution, in the order the report gives them.
CONTRIBUTION_PARTS = ("added_value", "challenges", "good_practices", "coordination")


class Contribution(models.Model):
    """What a participant said or sent in answer to a guiding question, in its own language."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="contributions")
    participant = models.ForeignKey(
        Participant,
        on_delete=models.PROTECT,
        related_name="contributions",
        verbose_name=_("participant"),
    )
    question = models.ForeignKey(
        GuidingQuestion,
        on_delete=models.PROTECT,
        related_name="contributions",
        verbose_name=_("guiding question"),
    )
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGE_CHOICES)
    statement = models.TextField(_("statement"), blank=True, max_length=50_000)
    added_value = models.TextField(_("added value"), blank=True, max_length=20_000)
    challenges = models.TextField(_("challenges"), blank=True, max_length=20_000)
    good_practices = models.TextField(_("good practices"), blank=True, max_length=20_000)
    coordination = models.TextField(_("coordination opportunities"), blank=True, max_length=20_000)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ContributionStatus.choices,
        default=ContributionStatus.SUBMITTED,
        db_index=True,
    )
    themes = models.ManyToManyField(
        "vocabulary.Concept", blank=True, related_name="contributions", verbose_name=_("themes")
    )
    mentioned_mechanisms = models.ManyToManyField(
        "registry.Mechanism",
        blank=True,
        related_name="mentioned_in_contributions",
        verbose_name=_("mechanisms mentioned"),
    )
    mentioned_countries = models.ManyToManyField(
        "registry.Country",
        blank=True,
        related_name="mentioned_in_contributions",
        verbose_name=_("countries mentioned"),
    )
    practices = models.ManyToManyField(
        "practices.Practice",
        blank=True,
        related_name="contributions",
        verbose_name=_("practices reported from it"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    on_behalf = models.BooleanField(
        _("recorded on the participant's behalf"),
        default=False,
        help_text=_("Recorded by the secretariat rather than by the participant itself."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["session", "question__number", "participant__kind", "id"]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")

    def __str__(self) -> str:
        return f"{self.participant} · {self.question.number}"

    def parts(self) -> list[tuple[str, str, str]]:
        """(part key, label, text) of each structured part that has text."""
        return [
            (name, str(self._meta.get_field(name).verbose_name), getattr(self, name))  # type: ignore[union-attr]
            for name in CONTRIBUTION_PARTS
            if getattr(self, name).strip()
        ]

    @property
    def full_text(self) -> str:
        return "\n\n".join(
            [self.statement, *(getattr(self, name) for name in CONTRIBUTION_PARTS)]
        ).strip()


def contribution_attachment_path(instance: ContributionAttachment, filename: str) -> str:
    # A random name: the original is kept in `original_name`, never used on disk.
    return f"contributions/{instance.contribution_id}/{instance.token}"


class ContributionAttachment(StoredFile):
    """A file sent with a contribution (a presentation, a written statement)."""

    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(upload_to=contribution_attachment_path, max_length=200)

    class Meta(StoredFile.Meta):
        pass


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
    DROPPED = "dropped", _("dropped")


class FollowUpAction(models.Model):
    """Something agreed at a session, owned by one or more mechanisms and states."""

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="actions", verbose_name=_("session")
    )
    description = models.TextField(_("action"), max_length=5_000)
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGE_CHOICES)
    owner_mechanisms = models.ManyToManyField(
        "registry.Mechanism",
        blank=True,
        related_name="owned_actions",
        verbose_name=_("owners (mechanisms)"),
    )
    owner_countries = models.ManyToManyField(
        "registry.Country",
        blank=True,
        related_name="owned_actions",
        verbose_name=_("owners (states)"),
    )
    due = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ActionStatus.choices,
        default=ActionStatus.PLANNED,
        db_index=True,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["session", "due", "id"]
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")

    def __str__(self) -> str:
        return self.description[:80]

    def owners(self) -> list[tuple[str, str, str]]:
        """(kind, code, name) of each owner: mechanisms by acronym, then states by name."""
        mechanisms = sorted(self.owner_mechanisms.all(), key=lambda m: m.acronym)
        countries = sorted(self.owner_countries.all(), key=lambda c: c.name)
        return [("mechanism", m.acronym, m.acronym) for m in mechanisms] + [
            ("country", c.iso3, c.name) for c in countries
        ]

    @property
    def owner_codes(self) -> list[str]:
        return [code for _kind, code, _name in self.owners()]

    @property
    def owner_name(self) -> str:
        return ", ".join(name for _kind, _code, name in self.owners())


class ProgressNote(models.Model):
    """A step in an action's life: a note, and the status it moved to."""

    action = models.ForeignKey(FollowUpAction, on_delete=models.CASCADE, related_name="progress")
    at = models.DateTimeField(_("when"), db_index=True)
    status_before = models.CharField(max_length=12, choices=ActionStatus.choices)
    status_after = models.CharField(_("status"), max_length=12, choices=ActionStatus.choices)
    note = models.TextField(_("progress note"), blank=True, max_length=5_000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    author_label = models.CharField(max_length=150)
    on_behalf = models.BooleanField(
        _("reported by the secretariat"),
        default=False,
        help_text=_("Reported by the secretariat rather than by the action's owner itself."),
    )
    # The owners (acronyms, ISO3) the author spoke for, of an action owned by several.
    speaks_for = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["action", "at", "id"]
        verbose_name = _("progress note")
        verbose_name_plural = _("progress notes")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d} {self.status_after}"

    @property
    def reported_by(self) -> str:
        """The body the note speaks for, never the person: the action's owner, or the
        secretariat."""
        if self.on_behalf:
            return str(_("the CAM secretariat"))
        return ", ".join(self.owner_codes_names().values()) or self.action.owner_name

    def owner_codes_names(self) -> dict[str, str]:
        """{code: name} of the owners the note speaks for (every owner for an older note)."""
        owners = {code: name for _kind, code, name in self.action.owners()}
        chosen = {code: name for code, name in owners.items() if code in self.speaks_for}
        return chosen or owners


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    FINAL = "final", _("final")


class ReportDraft(models.Model):
    """The consolidated report of a session in one language as the secretariat edits it:
    Sinergia fills it from the data, the secretariat writes the summary and conclusions,
    chooses the opportunities and their quotes, and marks it final. A final version is
    frozen (its files are stored, `ReportFile`); a new draft may start from it."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="report_drafts")
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGE_CHOICES)
    status = models.CharField(
        _("status"), max_length=5, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    symbol = models.CharField(
        _("document symbol"),
        max_length=120,
        blank=True,
        help_text=_("As the secretariat assigns it, e.g. OEA/Ser.W CIDI/CAM/doc.X/23."),
    )
    document_date = models.DateField(_("date of the document"), null=True, blank=True)
    summary = models.TextField(_("executive summary (Markdown)"), blank=True, max_length=20_000)
    conclusions = models.TextField(
        _("conclusions and recommendations (Markdown)"), blank=True, max_length=20_000
    )
    # Keys of the opportunities shown, in order ("crm-mirps"); null: the engine's strongest.
    opportunities = models.JSONField(_("opportunities shown"), null=True, blank=True)
    # {opportunity key: [keys of the texts quoted, in order]}; absent: the strongest.
    quotes = models.JSONField(_("quotes chosen"), default=dict, blank=True)
    based_on = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started from"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    finalized_at = models.DateTimeField(_("marked final"), null=True, blank=True)
    finalized_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("marked final by"),
    )

    class Meta:
        ordering = ["session", "language", "-created_at"]
        verbose_name = _("report draft")
        verbose_name_plural = _("report drafts")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "language"],
                condition=models.Q(status="draft"),
                name="report_one_open_draft",
            )
        ]

    def __str__(self) -> str:
        return f"{self.session.key} · {self.language} · {self.get_status_display()}"


def report_file_path(instance: ReportFile, filename: str) -> str:
    draft = instance.draft
    return f"reports/final/session-{draft.session_id}/{draft.pk}.{draft.language}.{instance.fmt}"


class ReportFile(models.Model):
    """A final report's file in one format, stored once and served as it is."""

    draft = models.ForeignKey(ReportDraft, on_delete=models.CASCADE, related_name="files")
    fmt = models.CharField(_("format"), max_length=4)
    file = models.FileField(_("file"), upload_to=report_file_path, max_length=300)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size_bytes = models.PositiveBigIntegerField(_("size in bytes"))

    class Meta:
        verbose_name = _("final report file")
        verbose_name_plural = _("final report files")
        constraints = [
            models.UniqueConstraint(fields=["draft", "fmt"], name="report_file_once_per_format")
        ]

    def __str__(self) -> str:
        return f"{self.draft} · {self.fmt}"
