"""The page of a mechanism and the page of a country, in the four languages."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from sinergia.i18n import LANGUAGE_CODES

pytestmark = pytest.mark.django_db

LANGUAGES = list(LANGUAGE_CODES)


def _get(client, name, language="es", **kwargs):
    with translation.override(language):
        url = reverse(name, kwargs=kwargs or None)
    return client.get(url)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    "name,kwargs",
    [
        ("mechanism_detail", {"acronym": "CRM"}),
        ("country_detail", {"iso3": "NIC"}),
    ],
)
def test_every_profile_answers_in_every_language(client, language, name, kwargs):
    response = _get(client, name, language, **kwargs)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    for other in LANGUAGES:
        assert f'hreflang="{other}"' in html


def test_mechanism_page_shows_members_roles_and_sources(client):
    html = _get(client, "mechanism_detail", "en", acronym="CRM").content.decode()
    assert "Regional Conference on Migration" in html
    assert "Guatemala" in html
    assert "observer" in html
    assert 'class="source"' in html


def test_unconfirmed_facts_are_marked(client):
    html = _get(client, "mechanism_detail", "en", acronym="RIAM").content.decode()
    assert 'class="unconfirmed"' in html


def test_members_on_a_past_date(client):
    with translation.override("en"):
        url = reverse("mechanism_detail", kwargs={"acronym": "OAS"})
    before = client.get(url, {"on": "2023-01-01"}).content.decode()
    after = client.get(url, {"on": "2024-01-01"}).content.decode()
    assert "Members on" in before
    nicaragua = '/en/countries/NIC/"'
    members_before = before.split('id="past-title"')[0]
    members_after = after.split('id="past-title"')[0]
    assert nicaragua in members_before
    assert nicaragua not in members_after


def test_country_page_shows_oas_withdrawal(client):
    html = _get(client, "country_detail", "en", iso3="NIC").content.decode()
    assert "2023-11-19" in html
    assert "OAS" in html


def test_unknown_mechanism_is_404(client):
    assert _get(client, "mechanism_detail", "en", acronym="NOPE").status_code == 404


def test_the_language_switch_keeps_the_page(client):
    html = _get(client, "mechanism_detail", "es", acronym="CSM").content.decode()
    assert 'href="/fr/mechanisms/CSM/"' in html


def test_mechanism_page_queries_are_bounded(client, django_assert_max_num_queries):
    _get(client, "mechanism_detail", "en", acronym="OAS")  # the synergy analysis, cached once
    with django_assert_max_num_queries(20):
        assert _get(client, "mechanism_detail", "en", acronym="OAS").status_code == 200


def test_the_shared_parts_of_a_mechanism_page_follow_the_data_and_not_the_reader(client):
    """The parts every reader sees alike are kept rendered: a focal point still sees its own
    link among them, a visitor never does, and a new meeting shows at once to both."""
    import datetime

    from django.test import Client

    from sinergia.registry.models import Mechanism
    from sinergia.registry.services import meeting_add
    from tests.practices.helpers import mechanism_focal_point

    visitor, focal = Client(), mechanism_focal_point("CRM")
    client.force_login(focal)
    link = "/es/mechanisms/CRM/members/"
    assert link not in visitor.get("/es/mechanisms/CRM/").content.decode()
    assert link in client.get("/es/mechanisms/CRM/").content.decode()
    assert link not in visitor.get("/es/mechanisms/CRM/").content.decode()
    meeting_add(
        actor=focal,
        mechanism=Mechanism.objects.get(acronym="CRM"),
        title="Reunión zetafragmento",
        date=datetime.date(2026, 3, 2),
    )
    for reader in (visitor, client):
        assert "Reunión zetafragmento" in reader.get("/es/mechanisms/CRM/").content.decode()
    assert "Reunión zetafragmento" in visitor.get("/en/mechanisms/CRM/").content.decode()
