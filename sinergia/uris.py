"""Stable identifiers (URIs) of the things Sinergia describes."""

from __future__ import annotations

from django.conf import settings


def mechanism_uri(acronym: str) -> str:
    return f"{settings.SINERGIA_URI_BASE}mechanism/{acronym}"


def country_uri(iso3: str) -> str:
    return f"{settings.SINERGIA_URI_BASE}country/{iso3}"


def concept_uri(key: str) -> str:
    return f"{settings.SINERGIA_URI_BASE}theme/{key}"


def practice_uri(pk: int) -> str:
    return f"{settings.SINERGIA_URI_BASE}practice/{pk}"
