"""The thematic vocabulary: concepts with labels in four languages, and their crosswalks."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sinergia.i18n import localized


class Concept(models.Model):
    """A theme of migration governance (regularization, trafficking in persons, ...)."""

    key = models.SlugField(_("key"), max_length=60, unique=True)
    labels = models.JSONField(_("labels"), default=dict, help_text=_("{language: label}"))
    synonyms = models.JSONField(
        _("synonyms"), default=dict, blank=True, help_text=_("{language: [term, ...]}")
    )
    definition = models.JSONField(_("definition"), default=dict, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "key"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return localized(self.labels)

    @property
    def definition_text(self) -> str:
        return localized(self.definition)


class Framework(models.Model):
    """A framework the themes cross-walk to: the GCM objectives, SDG target 10.7, ..."""

    key = models.SlugField(_("key"), max_length=30, unique=True)
    labels = models.JSONField(_("labels"), default=dict)
    source = models.ForeignKey(
        "registry.Source", on_delete=models.PROTECT, related_name="+", verbose_name=_("source")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    notes = models.TextField(_("notes on the labels"), blank=True)
    translated_languages = models.JSONField(
        _("languages translated by Sinergia"),
        default=list,
        blank=True,
        help_text=_("Languages whose labels are not an official text."),
    )

    class Meta:
        ordering = ["position"]
        verbose_name = _("framework")
        verbose_name_plural = _("frameworks")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return localized(self.labels)


class FrameworkItem(models.Model):
    """One item of a framework: GCM objective 7, LAD pillar 2, SDG indicator 10.7.2, ..."""

    framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="items", verbose_name=_("framework")
    )
    code = models.CharField(_("code"), max_length=40)
    labels = models.JSONField(_("labels"), default=dict)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    concepts = models.ManyToManyField(
        Concept, through="ConceptMatch", related_name="framework_items", verbose_name=_("themes")
    )

    class Meta:
        ordering = ["framework", "position"]
        verbose_name = _("framework item")
        verbose_name_plural = _("framework items")
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="unique_framework_item")
        ]

    def __str__(self) -> str:
        return f"{self.framework.key} {self.code}: {self.label}"

    @property
    def label(self) -> str:
        return localized(self.labels)

    @property
    def number(self) -> str:
        """The item's number as its framework writes it ("10.7.2"), or "" when its code is
        a key (AG/RES. 2988's "admission-and-stay"): pages then show its label alone."""
        return self.code if self.code[:1].isdigit() else ""


class MatchKind(models.TextChoices):
    EXACT = "exact", _("exact match")
    CLOSE = "close", _("close match")


class ConceptMatch(models.Model):
    """A crosswalk: this theme corresponds to that framework item (SKOS exact/close match)."""

    concept = models.ForeignKey(Concept, on_delete=models.CASCADE, related_name="matches")
    item = models.ForeignKey(FrameworkItem, on_delete=models.CASCADE, related_name="matches")
    kind = models.CharField(max_length=5, choices=MatchKind.choices, default=MatchKind.CLOSE)

    class Meta:
        verbose_name = _("crosswalk")
        verbose_name_plural = _("crosswalks")
        constraints = [
            models.UniqueConstraint(fields=["concept", "item"], name="unique_concept_match")
        ]

    def __str__(self) -> str:
        return f"{self.concept.key} ~ {self.item}"
