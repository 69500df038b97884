"""Endpoints of the registry: mechanisms and countries; a mechanism's commitments and
members, written by its focal points or the secretariat."""

from __future__ import annotations

import datetime
from typing import Literal

from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from sinergia.api_support import WRITE_AUTH, BodyIn, ErrorOut, Id, IsoDate, service_call
from sinergia.i18n import LanguageCode, localized
from sinergia.registry import selectors, services
from sinergia.registry.models import Mechanism, Membership
from sinergia.registry.schemas import (
    CountryDetailOut,
    CountryOut,
    MechanismDetailOut,
    MechanismOut,
    MeetingOut,
    MembershipOut,
    ParticipationOut,
    SourceOut,
)
from sinergia.registry.shapes import (
    COUNTRY,
    MECHANISM,
    CountryOnDay,
    MechanismOnDay,
    countries_on_day,
)

router = Router(tags=["registry"])


class MechanismQuery(Schema):
    kind: str = ""
    scope: str = ""
    subregion: str = ""
    theme: str = ""
    on: IsoDate | None = None


def _mechanism_out(mechanism: Mechanism, day: datetime.date) -> dict[str, object]:
    return {
        **MECHANISM.record(MechanismOnDay(mechanism, day)),
        "name": localized(mechanism.names),
    }


def _membership_out(membership: Membership, day: datetime.date) -> dict[str, object]:
    return {
        "id": membership.pk,
        "country": membership.country.iso3,
        "role": membership.role,
        "since": membership.since_display,
        "until": membership.until_display,
        "current": membership.holds_on(day),
        "confirmed": membership.confirmed,
        "note": membership.note,
        "source": membership.source.key,
    }


def _text_out(text: object) -> dict[str, object]:
    return {
        "text": text.text,  # type: ignore[attr-defined]
        "language": text.language,  # type: ignore[attr-defined]
        "year": text.year,  # type: ignore[attr-defined]
        "date": text.date_display or None,  # type: ignore[attr-defined]
        "translations": text.translations,  # type: ignore[attr-defined]
        "themes": [concept.key for concept in text.themes.all()],  # type: ignore[attr-defined]
        "source": text.source.key,  # type: ignore[attr-defined]
    }


@router.get(
    "/mechanisms",
    response=list[MechanismOut],  # type: ignore[valid-type]
    summary="List mechanisms",
)
def list_mechanisms(
    request: HttpRequest, filters: Query[MechanismQuery]
) -> list[dict[str, object]]:
    """Every mechanism, with the ISO3 codes of its members, observers and associates on `on`
    (default today). Members include signatories of declarations and frameworks."""
    day = filters.on or selectors.today()
    mechanisms = selectors.mechanism_list(
        selectors.MechanismFilters(
            kind=filters.kind, scope=filters.scope, subregion=filters.subregion, theme=filters.theme
        )
    )
    return [_mechanism_out(mechanism, day) for mechanism in mechanisms]


@router.get("/mechanisms/{acronym}", response=MechanismDetailOut, summary="One mechanism")
def get_mechanism(request: HttpRequest, acronym: str) -> dict[str, object]:
    """A mechanism with all its membership periods, agenda, commitments, meetings and sources."""
    mechanism = selectors.mechanism_get(acronym)
    day = selectors.today()
    return {
        **_mechanism_out(mechanism, day),
        "aliases": mechanism.aliases,
        "description": mechanism.description,
        "secretariat": mechanism.secretariat,
        "supporting_organizations": mechanism.supporting_organizations,
        "related": sorted(other.acronym for other in mechanism.related.all()),
        "unconfirmed": mechanism.unconfirmed,
        "memberships": [_membership_out(m, day) for m in selectors.memberships_of(mechanism)],
        "agenda": [_text_out(item) for item in mechanism.agenda_items.all()],
        "commitments": [_text_out(item) for item in mechanism.commitments.all()],
        "meetings": [
            MeetingOut(
                title=meeting.title,
                date=meeting.date_display,
                place=meeting.place,
                level=meeting.level,
                outcome=meeting.outcome,
                outcome_url=meeting.outcome_url,
                source=meeting.source.key if meeting.source else "",
                status=meeting.status,
            )
            for meeting in mechanism.meetings.all()
        ],
        "sources": [
            SourceOut(
                key=source.key,
                title=source.title,
                publisher=source.publisher,
                url=source.url,
                consulted=source.consulted.isoformat() if source.consulted else None,
                quality=source.quality,
            )
            for source in selectors.mechanism_sources(mechanism)
        ],
    }


def _country_out(country: CountryOnDay) -> dict[str, object]:
    return {**COUNTRY.record(country), "name": country.country.name}


@router.get(
    "/countries",
    response=list[CountryOut],  # type: ignore[valid-type]
    summary="List countries and territories",
)
def list_countries(request: HttpRequest) -> list[dict[str, object]]:
    """Every country and territory of the Americas and the Ibero-American members of its forums,
    with CLDR names, UN M49 subregion and current OAS membership."""
    return [_country_out(country) for country in countries_on_day(selectors.country_list())]


@router.get("/countries/{iso3}", response=CountryDetailOut, summary="One country")
def get_country(request: HttpRequest, iso3: str) -> dict[str, object]:
    """A country with every mechanism it takes or took part in."""
    country = selectors.country_get(iso3)
    participations = [
        ParticipationOut(
            mechanism=p.mechanism.acronym,
            role=p.membership.role,
            since=p.membership.since_display,
            until=p.membership.until_display,
            current=p.current,
            through=p.membership.mechanism.acronym
            if p.membership.mechanism_id != p.mechanism.pk
            else None,
            confirmed=p.membership.confirmed,
            source=p.membership.source.key,
        )
        for p in selectors.country_participations(country)
    ]
    return {**_country_out(countries_on_day([country])[0]), "participations": participations}


class CommitmentIn(BodyIn):
    text: str = Field(min_length=1, max_length=5000)
    language: LanguageCode
    year: int | None = Field(default=None, ge=1900, le=2100)
    themes: list[str] | None = None
    source_title: str = Field(min_length=1, max_length=500)
    source_publisher: str = Field(min_length=1, max_length=300)
    source_url: str = Field(default="", max_length=1000, pattern=r"^(https?://\S+)?$")


class CommitmentOut(Schema):
    id: int
    mechanism: str
    text: str
    language: str
    year: int | None
    themes: list[str]
    source: SourceOut


@router.post(
    "/mechanisms/{acronym}/commitments",
    auth=WRITE_AUTH,
    response={201: CommitmentOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Record a commitment of a mechanism (its focal points, or the secretariat)",
)
def create_commitment(
    request: HttpRequest, acronym: str, payload: CommitmentIn
) -> Status[dict[str, object]]:
    mechanism = selectors.mechanism_get(acronym)
    commitment = service_call(
        services.commitment_add, actor=request.user, mechanism=mechanism, **payload.dict()
    )
    source = commitment.source
    return Status(
        201,
        {
            "id": commitment.pk,
            "mechanism": mechanism.acronym,
            "text": commitment.text,
            "language": commitment.language,
            "year": commitment.year,
            "themes": [theme.key for theme in commitment.themes.all()],
            "source": {
                "key": source.key,
                "title": source.title,
                "publisher": source.publisher,
                "url": source.url,
                "consulted": source.consulted.isoformat() if source.consulted else None,
                "quality": source.quality,
            },
        },
    )


class MembershipIn(BodyIn):
    country: str = Field(pattern=r"^[A-Z]{3}$", description="ISO 3166-1 alpha-3 code")
    role: Literal["member", "observer", "associate", "signatory", "participant"] = "member"
    since: IsoDate | None = None
    note: str = Field(default="", max_length=2000)
    source_title: str = Field(min_length=1, max_length=500)
    source_publisher: str = Field(min_length=1, max_length=300)
    source_url: str = Field(default="", max_length=1000, pattern=r"^(https?://\S+)?$")


class MembershipEndIn(BodyIn):
    until: IsoDate = Field(description="The first day the country no longer took part")
    note: str = Field(default="", max_length=2000)


class MembershipWriteOut(MembershipOut):
    mechanism: str


def _membership_written(membership: Membership) -> dict[str, object]:
    return {
        **_membership_out(membership, selectors.today()),
        "mechanism": membership.mechanism.acronym,
    }


@router.post(
    "/mechanisms/{acronym}/memberships",
    auth=WRITE_AUTH,
    response={201: MembershipWriteOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Record that a country joined a mechanism (its focal points, or the secretariat)",
)
def create_membership(
    request: HttpRequest, acronym: str, payload: MembershipIn
) -> Status[dict[str, object]]:
    mechanism = selectors.mechanism_get(acronym)
    membership = service_call(
        services.membership_add, actor=request.user, mechanism=mechanism, **payload.dict()
    )
    return Status(201, _membership_written(membership))


@router.post(
    "/mechanisms/{acronym}/memberships/{membership_id}/end",
    auth=WRITE_AUTH,
    response={200: MembershipWriteOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Record that a membership ended (the mechanism's focal points, or the secretariat)",
)
def end_membership(
    request: HttpRequest, acronym: str, membership_id: Id, payload: MembershipEndIn
) -> dict[str, object]:
    mechanism = selectors.mechanism_get(acronym)
    membership = (
        Membership.objects.select_related("country", "mechanism", "source")
        .filter(pk=membership_id, mechanism=mechanism)
        .first()
    )
    if membership is None:
        raise Http404("No such membership of this mechanism")
    ended = service_call(
        services.membership_end, actor=request.user, membership=membership, **payload.dict()
    )
    return _membership_written(ended)
