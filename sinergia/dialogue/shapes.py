"""The dialogue's contributions as every channel writes them out: the API, the CSV, XLSX
and JSON exports and the open-data package read this one shape."""

from __future__ import annotations

import datetime
from typing import Any

from ninja import Schema

from sinergia.dialogue.models import Participant
from sinergia.shapes import Column, Shape
from sinergia.uris import country_uri, mechanism_uri


class ParticipantOut(Schema):
    id: int
    kind: str
    role: str
    name: str
    mechanism: str | None
    country: str | None
    uri: str | None
    confirmed: bool
    short_name: str


def participant_record(participant: Participant) -> dict[str, Any]:
    mechanism = participant.mechanism.acronym if participant.mechanism_id else None  # type: ignore[union-attr]
    country = participant.country.iso3 if participant.country_id else None  # type: ignore[union-attr]
    return {
        "id": participant.pk,
        "kind": participant.kind,
        "role": participant.role,
        "name": participant.name,
        "mechanism": mechanism,
        "country": country,
        "uri": mechanism_uri(mechanism) if mechanism else country_uri(country) if country else None,
        "confirmed": participant.confirmed,
        "short_name": participant.short_name,
    }


def _participant_cell(record: dict[str, Any]) -> str:
    return str(record["short_name"])


def _seconds(moment: datetime.datetime) -> str:
    return moment.replace(microsecond=0).isoformat()


# Contributions come from `sinergia.dialogue.selectors`, which prefetch what the shape reads
# (`visible_practices`: the practices reported from each that the reader may see).
CONTRIBUTION = Shape(
    (
        Column("id", int, "identifier", lambda c: c.pk, kind="integer"),
        Column("session", int, "identifier of the session", lambda c: c.session_id, kind="integer"),
        Column("session_key", str, "key of the session", lambda c: c.session.key),
        Column(
            "participant",
            ParticipantOut,
            "who spoke: a state delegation, a mechanism or an organization (as a table: its "
            "acronym, ISO3 code or name)",
            lambda c: participant_record(c.participant),
            cell=_participant_cell,
        ),
        Column(
            "question",
            int,
            "number of the guiding question",
            lambda c: c.question.number,
            kind="integer",
        ),
        Column("language", str, "language", lambda c: c.language),
        Column("status", str, "draft, submitted or withdrawn", lambda c: c.status),
        Column("statement", str, "statement", lambda c: c.statement),
        Column("added_value", str, "added value", lambda c: c.added_value),
        Column("challenges", str, "challenges", lambda c: c.challenges),
        Column("good_practices", str, "good practices", lambda c: c.good_practices),
        Column("coordination", str, "coordination opportunities", lambda c: c.coordination),
        Column("themes", list[str], "theme keys", lambda c: [t.key for t in c.themes.all()]),
        Column(
            "mentioned_mechanisms",
            list[str],
            "acronyms of the mechanisms it names",
            lambda c: [m.acronym for m in c.mentioned_mechanisms.all()],
        ),
        Column(
            "mentioned_countries",
            list[str],
            "ISO3 codes of the countries it names",
            lambda c: [country.iso3 for country in c.mentioned_countries.all()],
        ),
        Column(
            "practices",
            list[int],
            "identifiers of the practices reported from it",
            lambda c: [p.pk for p in c.visible_practices],
        ),
        Column(
            "on_behalf",
            bool,
            "recorded by the secretariat on the participant's behalf",
            lambda c: c.on_behalf,
            kind="boolean",
        ),
        Column(
            "created_at",
            datetime.datetime,
            "when it was recorded",
            lambda c: c.created_at,
            kind="datetime",
            cell=_seconds,
        ),
    )
)
