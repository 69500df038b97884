"""Good practices: what a state or a mechanism did that worked, in its own language and in
translation, reviewed by the secretariat before the public sees it."""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sinergia.i18n import LANGUAGE_CHOICES
from sinergia.uploads import StoredFile


class Status(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    IN_REVIEW = "in_review", _("in review")
    CHANGES_REQUESTED = "changes_requested", _("changes requested")
    PUBLISHED = "published", _("published")
    ARCHIVED = "archived", _("archived")


class Population(models.TextChoices):
    MIGRANTS = "migrants", _("migrants")
    REFUGEES = "refugees-and-asylum-seekers", _("refugees and asylum seekers")
    RETURNEES = "returnees", _("returnees")
    INTERNALLY_DISPLACED = "internally-displaced", _("internally displaced persons")
    HOST_COMMUNITIES = "host-communities", _("host communities")
    CHILDREN = "children", _("children and adolescents")
    WOMEN = "women", _("women and girls")
    MIGRANT_WORKERS = "migrant-workers", _("migrant workers")
    STATELESS = "stateless-persons", _("stateless persons")
    TRAFFICKING_VICTIMS = "victims-of-trafficking", _("victims of trafficking")
    INDIGENOUS = "indigenous-peoples", _("indigenous peoples")
    DIASPORA = "diaspora", _("diaspora")


def new_revision() -> int:
    """A random revision number; summed over a country's practices, it cannot overflow."""
    return secrets.randbits(31)


class Practice(models.Model):
    """A good practice, written in its original language (`language`)."""

    external_id = models.CharField(
        _("external identifier"),
        max_length=120,
        blank=True,
        help_text=_("The identifier in the system it came from; a re-import updates the practice."),
    )
    language = models.CharField(_("original language"), max_length=2, choices=LANGUAGE_CHOICES)
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), max_length=2000)
    body = models.TextField(_("description (Markdown)"), blank=True, max_length=50_000)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    countries = models.ManyToManyField(
        "registry.Country", related_name="practices", verbose_name=_("countries")
    )
    mechanisms = models.ManyToManyField(
        "registry.Mechanism", blank=True, related_name="practices", verbose_name=_("mechanisms")
    )
    themes = models.ManyToManyField(
        "vocabulary.Concept", blank=True, related_name="practices", verbose_name=_("themes")
    )
    suggested_themes = models.JSONField(
        _("themes suggested by the tagger"), default=list, blank=True
    )
    year = models.PositiveSmallIntegerField(_("year started"), null=True, blank=True)
    period_end = models.PositiveSmallIntegerField(_("year ended"), null=True, blank=True)
    implementing_institutions = models.JSONField(
        _("implementing institutions"), default=list, blank=True
    )
    partner_institutions = models.JSONField(_("partner institutions"), default=list, blank=True)
    results = models.TextField(_("results and evidence"), blank=True, max_length=5000)
    links = models.JSONField(
        _("sources and links"), default=list, blank=True, help_text=_("[{title, url}]")
    )
    # On whose behalf it was submitted: the focal point's country or mechanism.
    submitting_country = models.ForeignKey(
        "registry.Country",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted for the country"),
    )
    submitting_mechanism = models.ForeignKey(
        "registry.Mechanism",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted for the mechanism"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # A new random number at every change of the practice or of what its page shows: the
    # kept copies of the pages that show it are keyed on it (`selectors.practice_stamp`,
    # `country_practices_stamp`). Unlike `updated_at`, which the app server's clock sets
    # before the write commits, it moves whatever order concurrent writes commit in.
    revision = models.PositiveIntegerField(default=new_revision, editable=False)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")
        constraints = [
            models.UniqueConstraint(
                fields=["external_id"],
                condition=~models.Q(external_id=""),
                name="unique_practice_external_id",
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__isnull=True)
                | models.Q(year__isnull=True)
                | models.Q(period_end__gte=models.F("year")),
                name="practice_period_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.revision = new_revision()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "revision"}
        super().save(*args, **kwargs)

    @property
    def is_public(self) -> bool:
        return self.status == Status.PUBLISHED


def _touch(practice_id: int) -> None:
    Practice.objects.filter(pk=practice_id).update(
        updated_at=timezone.now(), revision=new_revision()
    )


class PartOfPractice(models.Model):
    """A record shown on its practice's page (a translation, a file): writing or deleting it
    changes the practice (its `updated_at` and `revision`, which key the kept copies of the
    pages that show it), whichever door the write came through (a service, a restored
    version)."""

    practice_id: int

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        super().save(*args, **kwargs)
        _touch(self.practice_id)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        deleted = super().delete(*args, **kwargs)
        _touch(self.practice_id)
        return deleted


class TranslationKind(models.TextChoices):
    HUMAN = "human", _("human translation")
    MACHINE = "machine", _("machine translation")


class PracticeTranslation(PartOfPractice):
    """The practice in another language, by a person or a machine."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGE_CHOICES)
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), max_length=2000)
    body = models.TextField(_("description (Markdown)"), blank=True, max_length=50_000)
    kind = models.CharField(_("kind"), max_length=10, choices=TranslationKind.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        constraints = [
            models.UniqueConstraint(fields=["practice", "language"], name="unique_translation")
        ]

    def __str__(self) -> str:
        return f"{self.practice_id} [{self.language}] {self.title}"


class PracticePopulation(models.Model):
    """A population a practice serves (a row per population, so search can count them)."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="populations")
    population = models.CharField(_("population"), max_length=40, choices=Population.choices)

    class Meta:
        verbose_name = _("target population")
        verbose_name_plural = _("target populations")
        constraints = [
            models.UniqueConstraint(fields=["practice", "population"], name="unique_population")
        ]

    def __str__(self) -> str:
        return self.get_population_display()


class StatusChange(models.Model):
    """One step of the review workflow: who moved the practice, when, why."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Status.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    by_label = models.CharField(max_length=150)
    at = models.DateTimeField(auto_now_add=True)
    comment = models.TextField(blank=True, max_length=5000)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self) -> str:
        return f"{self.practice_id}: {self.from_status} → {self.to_status}"


def attachment_path(instance: Attachment, filename: str) -> str:
    # A random name: the original is kept in `original_name`, never used on disk.
    return f"practices/{instance.practice_id}/{instance.token}"


class Attachment(StoredFile, PartOfPractice):
    """A file attached to a practice: PDF, DOCX or an image, checked by its content."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, max_length=200)

    class Meta(StoredFile.Meta):
        pass

    def __str__(self) -> str:
        return self.original_name
