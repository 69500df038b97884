"""Writes to the registry. Each checks the permission rule, validates, writes in one
transaction and leaves an audit record."""

from __future__ import annotations

import datetime
import hashlib

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sinergia.accounts.permissions import can_edit_mechanism, require
from sinergia.accounts.services import Actor, audit_record
from sinergia.inputs import web_address_clean
from sinergia.registry.models import (
    Commitment,
    Country,
    DatePrecision,
    Mechanism,
    Meeting,
    Membership,
    Source,
)
from sinergia.registry.sources import source_quality_in_registry


def membership_add(
    *,
    actor: Actor,
    mechanism: Mechanism,
    country: Country,
    role: str,
    source: Source,
    since: datetime.date | None = None,
    since_precision: str = DatePrecision.DAY,
    confirmed: bool = True,
    note: str = "",
) -> Membership:
    """Record that `country` joined `mechanism` in `role`, as `source` says."""
    require(
        can_edit_mechanism(actor, mechanism.pk),
        "Only the secretariat or this mechanism's focal points can change its members.",
    )
    membership = Membership(
        mechanism=mechanism,
        country=country,
        role=role,
        since=since,
        since_precision=since_precision,
        source=source,
        confirmed=confirmed,
        note=note,
    )
    with transaction.atomic():
        membership.full_clean()
        membership.save()
        audit_record(
            actor=actor,
            action="membership.add",
            target=membership,
            summary=f"{country.iso3} joined {mechanism.acronym} as {role}",
            changes={"after": {"country": country.iso3, "role": role, "since": str(since or "")}},
        )
    return membership


def membership_end(
    *,
    actor: Actor,
    membership: Membership,
    until: datetime.date,
    until_precision: str = DatePrecision.DAY,
    note: str = "",
) -> Membership:
    """Record that a membership ended on `until` (the country left, withdrew or was suspended)."""
    require(
        can_edit_mechanism(actor, membership.mechanism_id),
        "Only the secretariat or this mechanism's focal points can change its members.",
    )
    before = membership.until_display
    with transaction.atomic():
        membership.until = until
        membership.until_precision = until_precision
        if note:
            membership.note = note
        membership.full_clean()
        membership.save()
        audit_record(
            actor=actor,
            action="membership.end",
            target=membership,
            summary=f"{membership.country.iso3} left {membership.mechanism.acronym}",
            changes={"before": {"until": before}, "after": {"until": membership.until_display}},
        )
    return membership


def meeting_add(
    *,
    actor: Actor,
    mechanism: Mechanism,
    title: str,
    date: datetime.date,
    end_date: datetime.date | None = None,
    place: str = "",
    outcome: str = "",
    outcome_url: str = "",
    source: Source | None = None,
) -> Meeting:
    """Announce or record a meeting of `mechanism`: its secretariat's focal points or the CAM
    secretariat."""
    require(
        can_edit_mechanism(actor, mechanism.pk),
        _("Only the secretariat or this mechanism's focal points can add its meetings."),
    )
    if end_date is not None and end_date < date:
        raise ValidationError({"end_date": _("The last day is before the first.")})
    outcome_url = web_address_clean("outcome_url", outcome_url)
    meeting = Meeting(
        mechanism=mechanism,
        title=title.strip(),
        date=date,
        date_precision=DatePrecision.DAY,
        end_date=end_date,
        place=place.strip(),
        outcome=outcome.strip(),
        outcome_url=outcome_url,
        source=source,
        recorded_in_sinergia=True,
    )
    with transaction.atomic():
        meeting.full_clean()
        meeting.save()
        audit_record(
            actor=actor,
            action="meeting.create",
            target=meeting,
            summary=f"{mechanism.acronym} {date.isoformat()}: {meeting.title}",
        )
    return meeting


def commitment_add(
    *,
    actor: Actor,
    mechanism: Mechanism,
    text: str,
    language: str,
    source_title: str,
    source_publisher: str,
    source_url: str = "",
    year: int | None = None,
    themes: list[str] | None = None,
) -> Commitment:
    """Record a commitment of `mechanism` with the public document that states it; themes
    are found by the vocabulary when not given."""
    from sinergia.vocabulary.models import Concept
    from sinergia.vocabulary.selectors import vocabulary_tagger

    require(
        can_edit_mechanism(actor, mechanism.pk),
        _("Only the secretariat or this mechanism's focal points can add its commitments."),
    )
    keys = themes if themes is not None else vocabulary_tagger().concept_keys(text, language)[:5]
    concepts = list(Concept.objects.filter(key__in=keys))
    unknown = sorted(set(keys) - {c.key for c in concepts})
    if unknown:
        raise ValidationError({"themes": _("Unknown: %(values)s") % {"values": ", ".join(unknown)}})
    source_url = web_address_clean("source_url", source_url)
    digest = hashlib.sha256(f"{source_publisher}|{source_title}|{source_url}".encode()).hexdigest()
    with transaction.atomic():
        source, _created = Source.objects.get_or_create(
            key=f"{mechanism.acronym.lower()}-{digest[:12]}",
            defaults={
                "title": source_title.strip(),
                "publisher": source_publisher.strip(),
                "url": source_url,
                "consulted": datetime.date.today(),
                "quality": source_quality_in_registry(url=source_url, publisher=source_publisher),
            },
        )
        source.full_clean()
        last = mechanism.commitments.order_by("-position").first()
        commitment = Commitment(
            mechanism=mechanism,
            position=(last.position + 1) if last else 0,
            text=text.strip(),
            language=language,
            year=year,
            source=source,
            recorded_in_sinergia=True,
        )
        commitment.full_clean()
        commitment.save()
        commitment.themes.set(concepts)
        audit_record(
            actor=actor,
            action="commitment.create",
            target=commitment,
            summary=f"{mechanism.acronym}: {commitment.text[:150]}",
        )
    return commitment
