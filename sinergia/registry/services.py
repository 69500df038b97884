"""Writes to the registry. Each checks the permission rule, validates, writes in one
transaction and leaves an audit record."""

from __future__ import annotations

import datetime
import hashlib

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sinergia.accounts.permissions import can_edit_mechanism, require
from sinergia.accounts.services import Actor, audit_record
from sinergia.i18n import current_language
from sinergia.inputs import web_address_clean
from sinergia.registry.models import (
    Commitment,
    Country,
    DatePrecision,
    Mechanism,
    Meeting,
    MeetingStatus,
    Membership,
    Source,
)
from sinergia.registry.sources import source_quality_in_registry


def document_source(*, mechanism: Mechanism, title: str, publisher: str, url: str = "") -> Source:
    """The source for a public document that states a fact of `mechanism`: the one already
    recorded for the same document, or a new one."""
    if not title.strip() or not publisher.strip():
        raise ValidationError(
            {"source_title": _("Name the public document that states it, and who published it.")}
        )
    url = web_address_clean("source_url", url)
    digest = hashlib.sha256(f"{publisher}|{title}|{url}".encode()).hexdigest()
    source, _created = Source.objects.get_or_create(
        key=f"{mechanism.acronym.lower()}-{digest[:12]}",
        defaults={
            "title": title.strip(),
            "publisher": publisher.strip(),
            "url": url,
            "consulted": datetime.date.today(),
            "quality": source_quality_in_registry(url=url, publisher=publisher),
        },
    )
    source.full_clean()
    return source


MEMBERS_RULE = gettext_lazy(
    "Only the secretariat or this mechanism's focal points can change its members."
)


def membership_add(
    *,
    actor: Actor,
    mechanism: Mechanism,
    country: Country | str,
    role: str,
    source: Source | None = None,
    source_title: str = "",
    source_publisher: str = "",
    source_url: str = "",
    since: datetime.date | None = None,
    since_precision: str = DatePrecision.DAY,
    confirmed: bool = True,
    note: str = "",
) -> Membership:
    """Record that `country` (a Country or its ISO3 code) joined `mechanism` in `role`, as
    `source` says (or the public document named by `source_title`, `source_publisher` and
    `source_url`). The mechanism's focal points or the secretariat; `sinergia init` leaves
    the membership as it is."""
    require(can_edit_mechanism(actor, mechanism.pk), str(MEMBERS_RULE))
    if isinstance(country, str):
        found = Country.objects.filter(iso3=country.strip().upper()).first()
        if found is None:
            raise ValidationError({"country": _("Unknown: %(values)s") % {"values": country}})
        country = found
    holding = (
        Membership.objects.filter(mechanism=mechanism, country=country, role=role)
        .exclude(until__isnull=False, until__lte=since or datetime.date.max)
        .first()
    )
    if holding is not None:
        raise ValidationError(
            {
                "country": _("%(country)s is already a %(role)s of %(mechanism)s.")
                % {
                    "country": country.name,
                    "role": holding.get_role_display(),
                    "mechanism": mechanism.acronym,
                }
            }
        )
    with transaction.atomic():
        if source is None:
            source = document_source(
                mechanism=mechanism, title=source_title, publisher=source_publisher, url=source_url
            )
        membership = Membership(
            mechanism=mechanism,
            country=country,
            role=role,
            since=since,
            since_precision=since_precision,
            source=source,
            confirmed=confirmed,
            note=note.strip(),
            # Written by a person in the language of the page they used.
            note_language=current_language() if note.strip() else "",
            recorded_in_sinergia=True,
        )
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
    """Record that a membership ended on `until`, the first day the country no longer took
    part (it left, withdrew or was suspended). The mechanism's focal points or the
    secretariat; `sinergia init` leaves the ended membership as it is."""
    require(can_edit_mechanism(actor, membership.mechanism_id), str(MEMBERS_RULE))
    with transaction.atomic():
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        if membership.until is not None:
            raise ValidationError(
                {
                    "until": _("This membership already ended on %(day)s.")
                    % {"day": membership.until_display}
                }
            )
        if membership.since is not None and until <= membership.since:
            raise ValidationError({"until": _("A membership cannot end before the day it began.")})
        before = membership.until_display
        membership.until = until
        membership.until_precision = until_precision
        if note.strip():
            membership.note = note.strip()
            membership.note_language = current_language()
            membership.note_translations = {}
        membership.recorded_in_sinergia = True
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


MEETING_FIELDS = ("title", "date", "end_date", "place", "outcome", "outcome_url")


def meeting_update(
    *,
    actor: Actor,
    meeting: Meeting,
    title: str,
    date: datetime.date,
    end_date: datetime.date | None = None,
    place: str = "",
    outcome: str = "",
    outcome_url: str = "",
) -> Meeting:
    """Change a meeting's title, dates or place: whoever may add the mechanism's meetings."""
    require(
        can_edit_mechanism(actor, meeting.mechanism_id),
        _("Only the secretariat or this mechanism's focal points can change its meetings."),
    )
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError({"title": _("A cancelled meeting cannot be changed.")})
    if end_date is not None and end_date < date:
        raise ValidationError({"end_date": _("The last day is before the first.")})
    before = {name: getattr(meeting, name) for name in MEETING_FIELDS}
    meeting.title = title.strip()
    meeting.date = date
    meeting.date_precision = DatePrecision.DAY
    meeting.end_date = end_date
    meeting.place = place.strip()
    meeting.outcome = outcome.strip()
    meeting.outcome_url = web_address_clean("outcome_url", outcome_url)
    after = {name: getattr(meeting, name) for name in MEETING_FIELDS}
    with transaction.atomic():
        meeting.full_clean()
        meeting.save()
        audit_record(
            actor=actor,
            action="meeting.update",
            target=meeting,
            summary=f"{meeting.mechanism.acronym} {date.isoformat()}: {meeting.title}",
            changes={
                name: {"before": str(before[name] or ""), "after": str(after[name] or "")}
                for name in MEETING_FIELDS
                if before[name] != after[name]
            },
        )
    return meeting


def meeting_cancel(*, actor: Actor, meeting: Meeting) -> Meeting:
    """Mark a meeting cancelled: it stays in the calendar, labelled, and clashes no more."""
    require(
        can_edit_mechanism(actor, meeting.mechanism_id),
        _("Only the secretariat or this mechanism's focal points can change its meetings."),
    )
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError({"status": _("This meeting is already cancelled.")})
    with transaction.atomic():
        meeting.status = MeetingStatus.CANCELLED
        meeting.save(update_fields=["status"])
        audit_record(
            actor=actor,
            action="meeting.cancel",
            target=meeting,
            summary=f"{meeting.mechanism.acronym} {meeting.date.isoformat()}: {meeting.title}",
            changes={"status": {"before": MeetingStatus.SCHEDULED, "after": meeting.status}},
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
    with transaction.atomic():
        source = document_source(
            mechanism=mechanism, title=source_title, publisher=source_publisher, url=source_url
        )
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
