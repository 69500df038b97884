"""What people wrote, as the public may read it: published practices, dialogue sessions
and contributions."""

from __future__ import annotations

from sinergia.dialogue.models import Session
from sinergia.dialogue.selectors import contributions_public
from sinergia.dialogue.shapes import CONTRIBUTION
from sinergia.opendata.resources import Resource, language_fields, language_values
from sinergia.practices.models import Practice
from sinergia.practices.permissions import ANONYMOUS, visible_filter
from sinergia.practices.shapes import PRACTICE, PRACTICE_PREFETCH


def practices_resource() -> Resource:
    practices = (
        Practice.objects.filter(visible_filter(ANONYMOUS))
        .prefetch_related(*PRACTICE_PREFETCH)
        .order_by("pk")
    )
    return Resource(
        "practices",
        "Good practices",
        "The published good practices, in their original language; lists separated by ;.",
        PRACTICE.package_fields(),
        (PRACTICE.cells(p) for p in practices),
        primary_key=["id"],
    )


def contributions_resource() -> Resource:
    return Resource(
        "contributions",
        "Contributions to the annual dialogue",
        "What each participant submitted, in its own language, by guiding question.",
        CONTRIBUTION.package_fields(),
        (CONTRIBUTION.cells(c) for c in contributions_public()),
        primary_key=["id"],
    )


def sessions_resource() -> Resource:
    return Resource(
        "sessions",
        "Dialogue sessions",
        "The sessions of the annual dialogue.",
        [
            ("key", "string", "identifier"),
            ("date", "date", "date"),
            ("convener", "string", "acronym"),
            *language_fields("title", "title"),
        ],
        (
            [s.key, s.date, s.convener.acronym, *language_values(s.title)]
            for s in Session.objects.select_related("convener").order_by("date")
        ),
        primary_key=["key"],
    )
