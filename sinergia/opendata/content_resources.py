"""What people wrote, as the public may read it: published practices, dialogue sessions
and contributions."""

from __future__ import annotations

from sinergia.dialogue.models import Contribution, Session
from sinergia.dialogue.permissions import visible_contributions
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
    contributions = (
        Contribution.objects.filter(visible_contributions(ANONYMOUS))
        .select_related("session", "participant__country", "participant__mechanism", "question")
        .order_by("pk")
    )
    return Resource(
        "contributions",
        "Contributions to the annual dialogue",
        "What each participant submitted, in its own language, by guiding question.",
        [
            ("id", "integer", "identifier"),
            ("session", "string", "session key"),
            ("participant", "string", "acronym, ISO3 or organization"),
            ("question", "integer", "guiding question number"),
            ("language", "string", "language"),
            ("statement", "string", "statement"),
            ("added_value", "string", "added value"),
            ("challenges", "string", "challenges"),
            ("good_practices", "string", "good practices"),
            ("coordination", "string", "coordination opportunities"),
        ],
        (
            [
                c.pk,
                c.session.key,
                c.participant.short_name,
                c.question.number,
                c.language,
                c.statement,
                c.added_value,
                c.challenges,
                c.good_practices,
                c.coordination,
            ]
            for c in contributions
        ),
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
