"""The registry's pages, in the four languages."""

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
        ("home", {}),
        ("mechanism_list", {}),
        ("country_list", {}),
        ("theme_list", {}),
        ("theme_detail", {"key": "trafficking-in-persons"}),
    ],
)
def test_every_page_answers_in_every_language(client, language, name, kwargs):
    response = _get(client, name, language, **kwargs)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    for other in LANGUAGES:
        assert f'hreflang="{other}"' in html


def test_the_root_redirects_to_spanish(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/es/"


def test_country_names_come_from_cldr_in_the_readers_language(client):
    assert "Estados Unidos" in _get(client, "country_list", "es").content.decode()
    assert "United States" in _get(client, "country_list", "en").content.decode()
    assert "États-Unis" in _get(client, "country_list", "fr").content.decode()
    assert "Estados Unidos" in _get(client, "country_list", "pt").content.decode()


def test_filters_narrow_the_mechanism_list(client):
    with translation.override("en"):
        url = reverse("mechanism_list")
    everything = client.get(url).content.decode()
    caribbean = client.get(url, {"subregion": "caribbean"}).content.decode()
    assert "CSM" in everything
    assert ">CSM<" not in caribbean
    assert ">CMC<" in caribbean
    frameworks = client.get(url, {"kind": "declaration"}).content.decode()
    assert ">LAD<" in frameworks and ">CRM<" not in frameworks


def test_mechanism_list_page_queries_are_bounded(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(16):
        assert _get(client, "mechanism_list", "en").status_code == 200
