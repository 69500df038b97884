"""Migration statistics: datasets with their source, areas, and observations.

An observation is one number: an indicator (migrant stock, refugees, ...) for an area, a
year and a sex, optionally by area of origin, from one dataset. New indicators need no
new tables.
"""

from __future__ import annotations

import numpy as np
from django.db import models
from django.utils.translation import gettext_lazy as _


class Dataset(models.Model):
    key = models.SlugField(_("key"), max_length=60, unique=True)
    title = models.CharField(_("title"), max_length=300)
    publisher = models.CharField(_("publisher"), max_length=300)
    edition = models.CharField(_("edition"), max_length=100)
    licence = models.CharField(_("licence"), max_length=100)
    citation = models.TextField(_("citation"))
    url = models.URLField(_("address"), max_length=500, blank=True)
    file_sha256 = models.CharField(_("file checksum"), max_length=64, blank=True)
    vector_keys = models.JSONField(
        _("meaning of each position of the breakdown vectors"),
        default=list,
        blank=True,
        help_text=_("For a matrix dataset: the M49 code of each column (each origin)."),
    )
    imported_at = models.DateTimeField(_("imported"), null=True, blank=True)

    class Meta:
        ordering = ["key"]
        verbose_name = _("dataset")
        verbose_name_plural = _("datasets")

    def __str__(self) -> str:
        return f"{self.publisher}, {self.title} ({self.edition})"


class AreaKind(models.TextChoices):
    WORLD = "world", _("world")
    REGION = "region", _("region")
    SUBREGION = "subregion", _("subregion")
    COUNTRY = "country", _("country or area")


class Area(models.Model):
    """A UN M49 area: the world, a region, a subregion or a country or area."""

    m49 = models.CharField(_("M49 code"), max_length=3, unique=True)
    iso3 = models.CharField(_("ISO 3166-1 alpha-3"), max_length=3, blank=True, db_index=True)
    name = models.CharField(_("name in the source"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=AreaKind.choices)

    class Meta:
        ordering = ["m49"]
        verbose_name = _("statistical area")
        verbose_name_plural = _("statistical areas")

    def __str__(self) -> str:
        return f"{self.m49} {self.name}"


class Indicator(models.TextChoices):
    MIGRANT_STOCK = "migrant_stock", _("international migrant stock")
    POPULATION = "population", _("total population")
    MIGRANT_STOCK_BY_ORIGIN = "migrant_stock_by_origin", _("international migrant stock by origin")
    REFUGEES = "refugees", _("refugees under UNHCR's mandate")
    ASYLUM_SEEKERS = "asylum_seekers", _("asylum seekers")
    OTHER_IN_NEED = (
        "other_in_need_of_protection",
        _("other people in need of international protection"),
    )
    REFUGEES_FROM = "refugees_from", _("refugees originating from the country")
    ASYLUM_SEEKERS_FROM = "asylum_seekers_from", _("asylum seekers originating from the country")
    OTHER_IN_NEED_FROM = (
        "other_in_need_of_protection_from",
        _("other people in need of international protection originating from the country"),
    )


class Sex(models.TextChoices):
    TOTAL = "total", _("both sexes")
    MALE = "male", _("male")
    FEMALE = "female", _("female")


class Observation(models.Model):
    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="observations")
    indicator = models.CharField(max_length=40, choices=Indicator.choices)
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="observations")
    origin = models.ForeignKey(
        Area, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    year = models.PositiveSmallIntegerField()
    sex = models.CharField(max_length=6, choices=Sex.choices, default=Sex.TOTAL)
    value = models.BigIntegerField()

    class Meta:
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        indexes = [models.Index(fields=["indicator", "area", "year"], name="observation_lookup")]

    def __str__(self) -> str:
        return f"{self.indicator} {self.area_id} {self.year} {self.sex}: {self.value}"


class Breakdown(models.Model):
    """Many values of one indicator for one area, in one row, read a row at a time and
    written fast: a country's yearly series in `values` ({year: value}), or a sparse row of a
    matrix in `vector` (see `pack_vector`: the persons from each origin, by position in
    `Dataset.vector_keys`, in a destination and year)."""

    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="breakdowns")
    indicator = models.CharField(max_length=40, choices=Indicator.choices)
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="breakdowns")
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    values = models.JSONField(default=dict, blank=True)
    vector = models.BinaryField(null=True, blank=True)

    class Meta:
        verbose_name = _("breakdown")
        verbose_name_plural = _("breakdowns")
        constraints = [
            models.UniqueConstraint(
                fields=["dataset", "indicator", "area", "year"], name="unique_breakdown"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.area_id} {self.year}"


def pack_vector(row: np.ndarray) -> bytes:
    """A matrix row, sparse: the count of non-zero cells (uint32), their positions (uint16),
    then their values (uint32), all little-endian."""
    positions = np.flatnonzero(row)
    return (
        np.array([len(positions)], dtype="<u4").tobytes()
        + positions.astype("<u2").tobytes()
        + row[positions].astype("<u4").tobytes()
    )


def unpack_vector(blob: bytes) -> tuple[np.ndarray, np.ndarray]:
    """(positions, values) of a row packed by `pack_vector`."""
    count = int(np.frombuffer(blob[:4], dtype="<u4")[0])
    positions = np.frombuffer(blob[4 : 4 + 2 * count], dtype="<u2").astype(np.int64)
    values = np.frombuffer(blob[4 + 2 * count : 4 + 6 * count], dtype="<u4").astype(np.int64)
    return positions, values
