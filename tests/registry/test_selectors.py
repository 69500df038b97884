"""Membership over time, as the registry's readers see it."""

from __future__ import annotations

import datetime

import pytest

from sinergia.registry import selectors
from sinergia.registry.models import Country, Mechanism

pytestmark = pytest.mark.django_db


def _codes(acronym: str, day: datetime.date) -> list[str]:
    return selectors.member_codes(selectors.mechanism_get(acronym), day=day)


def test_nicaragua_is_an_oas_member_until_its_withdrawal_took_effect():
    assert "NIC" in _codes("OAS", datetime.date(2023, 11, 18))
    assert "NIC" not in _codes("OAS", datetime.date(2023, 11, 20))


def test_oas_has_35_member_states_before_the_withdrawals():
    assert len(_codes("OAS", datetime.date(2015, 1, 1))) == 35


def test_the_cam_has_the_members_of_the_oas():
    day = datetime.date(2024, 1, 1)
    assert _codes("CAM", day) == _codes("OAS", day)


def test_el_salvador_joined_mirps_after_it_started():
    assert "SLV" not in _codes("MIRPS", datetime.date(2018, 1, 1))
    assert "SLV" in _codes("MIRPS", datetime.date(2020, 1, 1))


def test_country_participations_include_borrowed_memberships():
    colombia = Country.objects.get(iso3="COL")
    acronyms = {
        p.mechanism.acronym for p in selectors.country_participations(colombia) if p.current
    }
    assert {"OAS", "CAM", "CSM"} <= acronyms


def test_subregion_filter_keeps_mechanisms_with_current_members_there():
    caribbean = {
        m.acronym
        for m in selectors.mechanism_list(selectors.MechanismFilters(subregion="caribbean"))
    }
    assert "CMC" in caribbean
    assert "CSM" not in caribbean


def test_theme_filter_uses_the_agenda_and_commitments():
    trafficking = selectors.mechanism_list(
        selectors.MechanismFilters(theme="trafficking-in-persons")
    )
    assert trafficking
    for mechanism in trafficking:
        keys = {concept.key for concept, _ in selectors.mechanism_themes(mechanism)}
        assert "trafficking-in-persons" in keys


def test_every_filter_of_the_mechanism_list_is_answered_from_the_list_read_once(
    django_assert_max_num_queries,
):
    """A reader filtering the list by theme, subregion, kind or words makes no new query
    beyond the data version: the whole list is read once and filtered in the process."""
    everything = selectors.mechanism_list()
    filters = [
        selectors.MechanismFilters(theme="trafficking-in-persons"),
        selectors.MechanismFilters(subregion="caribbean"),
        selectors.MechanismFilters(kind=everything[0].kind),
        selectors.MechanismFilters(query="puebla"),
    ]
    with django_assert_max_num_queries(len(filters)):
        found = [selectors.mechanism_list(f) for f in filters]
    trafficking, caribbean, same_kind, puebla = found
    assert trafficking and len(trafficking) < len(everything)
    assert {m.acronym for m in puebla} == {"CRM"}
    assert all(m.kind == everything[0].kind for m in same_kind)
    assert caribbean and all(
        any(
            membership.country.subregion.key == "caribbean"
            for membership in selectors.memberships_on(m)
        )
        for m in caribbean
    )


def test_mechanism_list_reads_in_a_fixed_number_of_queries(django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        for mechanism in selectors.mechanism_list():
            selectors.member_codes(mechanism)
            selectors.mechanism_themes(mechanism)
    assert Mechanism.objects.count() >= 18


def test_the_subregion_filter_follows_the_day_as_well_as_the_data(monkeypatch):
    """The list is kept until the registry changes, but who is a member changes with the day
    alone: a membership that starts tomorrow puts the mechanism in the subregion tomorrow,
    with no write in between."""
    from sinergia.registry.models import Role
    from sinergia.registry.services import membership_add
    from tests.factories import secretariat_user

    today = selectors.today()
    membership_add(
        actor=secretariat_user(),
        mechanism=Mechanism.objects.get(acronym="CSM"),
        country="JAM",
        role=Role.MEMBER,
        source_title="Comunicado de prueba",
        source_publisher="Secretaría de prueba",
        source_url="https://example.org/adhesion",
        since=today + datetime.timedelta(days=1),
    )
    caribbean = selectors.MechanismFilters(subregion="caribbean")
    assert "CSM" not in {m.acronym for m in selectors.mechanism_list(caribbean)}
    monkeypatch.setattr(selectors, "today", lambda: today + datetime.timedelta(days=2))
    assert "CSM" in {m.acronym for m in selectors.mechanism_list(caribbean)}
