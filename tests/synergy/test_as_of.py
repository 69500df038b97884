"""An analysis as of a date uses only what existed on that date, and its evidence says when
and from what kind of source; a session's report analyses as of the session's date."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.cache import cache

from sinergia.dialogue.models import Session
from sinergia.dialogue.report import report_build
from sinergia.dialogue.report.content import Quote
from sinergia.registry.models import AgendaItem, Country, Mechanism, Meeting, Membership
from sinergia.synergy.alignment import QUALITY_RANK
from sinergia.synergy.selectors import registry_snapshot
from tests.factories import SourceFactory

pytestmark = pytest.mark.django_db

SESSION_DAY = datetime.date(2023, 5, 9)


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


SPANISH_MONTHS = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
]


def _iso_of_spanish(date: str) -> str:
    """ "19 de septiembre de 2008" -> "2008-09-19"; "septiembre de 2008" -> "2008-09";
    "2008" -> "2008"."""
    found = re.fullmatch(r"(?:(\d{1,2}) de )?(?:(\w+) de )?(\d{4})", date)
    assert found, date
    day, month, year = found.groups()
    parts = [year] + ([f"{SPANISH_MONTHS.index(month) + 1:02d}"] if month else [])
    return "-".join(parts + ([f"{int(day):02d}"] if day else []))


def _day_of(date: str | None) -> datetime.date | None:
    """The last day a partial ISO date (2023, 2023-11, 2023-11-19) can stand for."""
    if not date:
        return None
    parts = [int(part) for part in date.split("-")]
    if len(parts) == 1:
        return datetime.date(parts[0], 12, 31)
    if len(parts) == 2:
        following = datetime.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return following - datetime.timedelta(days=1)
    return datetime.date(*parts)


@pytest.mark.parametrize("on", ["2023-05-09", None])
def test_evidence_carries_its_date_and_source_quality_and_none_is_later(client, on):
    query = {"on": on} if on else {}
    opportunities = client.get("/api/v1/synergy/opportunities", query).json()
    day = datetime.date.fromisoformat(on) if on else datetime.date.today()
    assert opportunities
    for opportunity in opportunities:
        ranks = [QUALITY_RANK[e["source_quality"]] for e in opportunity["evidence"]]
        assert ranks == sorted(ranks), opportunity["key"]  # best sources first
        for evidence in opportunity["evidence"]:
            for text in evidence["texts"]:
                assert {"date", "source_quality"} <= set(text)
                assert text["source_quality"] in QUALITY_RANK
                dated = _day_of(text["date"])
                assert dated is None or dated <= day, (opportunity["key"], text["text"])


def test_a_membership_counts_from_the_day_it_certainly_began():
    mirps = Mechanism.objects.get(acronym="MIRPS")
    membership = Membership.objects.create(
        mechanism=mirps,
        country=Country.objects.get(iso3="NIC"),
        role="member",
        since=datetime.date(2024, 1, 1),
        since_precision="year",
        source=SourceFactory(),
    )

    def members(day):
        snapshot = registry_snapshot(day)
        return {p.country for p in snapshot.participations if p.mechanism == "MIRPS"}

    assert "NIC" not in members(SESSION_DAY)
    assert "NIC" not in members(datetime.date(2024, 6, 1))  # "2024" may be December
    assert "NIC" in members(datetime.date(2025, 1, 1))
    membership.since_precision = "day"
    membership.save()
    assert "NIC" in members(datetime.date(2024, 6, 1))


def test_lines_of_work_and_meetings_after_the_day_are_left_out():
    crm = Mechanism.objects.get(acronym="CRM")
    source = SourceFactory()
    later = AgendaItem.objects.create(
        mechanism=crm,
        position=90,
        text="Plan de acción regional sobre movilidad laboral",
        language="es",
        date=datetime.date(2024, 3, 5),
        source=source,
    )
    Meeting.objects.create(
        mechanism=Mechanism.objects.get(acronym="FEM"),
        title="Reunión del Foro",
        date=datetime.date(2023, 5, 10),
        source=source,
    )
    snapshot = registry_snapshot(SESSION_DAY)
    assert f"agenda:{later.pk}" not in {text.key for text in snapshot.texts}
    assert all(m.date <= SESSION_DAY for m in snapshot.meetings)
    # The forum's meeting the day after does not wake it up on the day.
    assert snapshot.mechanism("FEM").last_meeting is None or (
        snapshot.mechanism("FEM").last_meeting <= SESSION_DAY
    )
    assert f"agenda:{later.pk}" in {
        t.key for t in registry_snapshot(datetime.date(2024, 3, 5)).texts
    }


def test_an_undated_line_of_work_counts_from_the_year_its_body_was_established():
    mirps = Mechanism.objects.get(acronym="MIRPS")  # established 2017
    undated = AgendaItem.objects.create(
        mechanism=mirps, position=91, text="Protección", language="es", source=SourceFactory()
    )
    key = f"agenda:{undated.pk}"
    assert key in {t.key for t in registry_snapshot(SESSION_DAY).texts}
    assert key not in {t.key for t in registry_snapshot(datetime.date(2016, 6, 1)).texts}


def test_the_sessions_report_analyses_as_of_the_session(settings):
    session = Session.objects.get(key="cam-2023-05-09")
    report = report_build(session, "es")
    section = next(s for s in report.sections if s.key == "opportunities")
    quotes = [
        block for sub in section.subsections for block in sub.blocks if isinstance(block, Quote)
    ]
    assert quotes
    for quote in quotes:
        # "CRM · 12 de diciembre de 2022 · fuente oficial · original en inglés · [3]": only
        # dated texts, written as the report's language writes dates.
        _mechanism, date, quality, *_rest = quote.attribution.split(" · ")
        assert _day_of(_iso_of_spanish(date)) <= SESSION_DAY, date
        assert quality in {"fuente oficial", "fuente intergubernamental", "prensa", "otra fuente"}
