"""The search box in every page's header and the site search page it leads to."""

from __future__ import annotations

import datetime
import html as html_module
import re

import pytest
from django.urls import reverse
from django.utils import translation

from sinergia.accounts.services import SystemActor
from sinergia.i18n import LANGUAGE_CODES
from sinergia.registry.models import Mechanism
from sinergia.registry.services import meeting_add

pytestmark = pytest.mark.django_db

LANGUAGES = list(LANGUAGE_CODES)


def page(client, path, **params):
    response = client.get(path, params)
    assert response.status_code == 200
    return response.content.decode()


def group(html, kind):
    """The text of one group of results on the page, or "" when the page has none."""
    found = re.search(
        rf'<section class="search-group" aria-labelledby="results-{kind}">(.*?)</section>',
        html,
        re.S,
    )
    return found.group(1) if found else ""


def titles(html, kind):
    return [
        re.sub(r"<[^>]+>", "", title).strip()
        for title in re.findall(r"<h3[^>]*>(.*?)</h3>", group(html, kind), re.S)
    ]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", ["", "mechanisms/", "countries/COL/", "practices/", "meetings/"])
def test_every_page_has_a_labelled_search_box_in_its_header(client, language, path):
    html = page(client, f"/{language}/{path}")
    header = html.split('<header class="site-header">', 1)[1].split("</header>", 1)[0]
    form = re.search(r'<form class="site-search"[^>]*>(.*?)</form>', header, re.S)
    assert form, "no search box in the header"
    assert 'role="search"' in form.group(0) and f'action="/{language}/search/"' in form.group(0)
    assert 'aria-label="' in form.group(0)
    label = re.search(r'<label for="site-search-q"[^>]*>([^<]+)</label>', form.group(1))
    assert label and label.group(1).strip(), "the box has no label"
    assert 'id="site-search-q" name="q"' in form.group(1)


def test_the_header_labels_speak_the_page_language(client):
    labels = {
        language: re.search(
            r'<label for="site-search-q"[^>]*>([^<]+)</label>', page(client, f"/{language}/")
        ).group(1)
        for language in LANGUAGES
    }
    assert len(set(labels.values())) == 4, labels


def test_the_regional_conference_by_its_spanish_name(client):
    html = page(client, "/es/search/", q="Conferencia Regional sobre Migración")
    mechanisms = titles(html, "mechanism")
    assert mechanisms[0] == "Conferencia Regional sobre Migración (CRM)"
    assert 'href="/es/mechanisms/CRM/"' in group(html, "mechanism")
    assert any(
        "CRM" in title or "Conferencia Regional" in title for title in titles(html, "meeting")
    )


def test_a_french_reader_finds_the_crm_by_its_french_name(client):
    html = page(client, "/fr/search/", q="Conférence régionale")
    assert titles(html, "mechanism")[0] == "Conférence régionale sur les migrations (CRM)"
    assert 'href="/fr/mechanisms/CRM/"' in html


def test_an_acronym_finds_its_mechanism_and_its_meetings(client):
    html = page(client, "/en/search/", q="MIRPS")
    assert titles(html, "mechanism") == [
        "Comprehensive Regional Protection and Solutions Framework (MIRPS)"
    ]
    assert "VII MIRPS Annual Meeting" in titles(html, "meeting")
    assert 'href="/en/mechanisms/MIRPS/#meetings-title"' in group(html, "meeting")


def test_a_country_by_name(client):
    html = page(client, "/es/search/", q="guatemala")
    assert titles(html, "country") == ["Guatemala"]
    assert 'href="/es/countries/GTM/"' in group(html, "country")
    assert any("Guatemala" in title for title in titles(html, "meeting")) or "Guatemala" in group(
        html, "meeting"
    )


def test_a_theme_by_its_label_or_synonyms(client):
    assert titles(page(client, "/es/search/", q="trata de personas"), "theme")[0] == (
        "Trata de personas"
    )
    assert titles(page(client, "/en/search/", q="trata"), "theme")[0] == "Trafficking in persons"
    assert titles(page(client, "/fr/search/", q="réinstallation"), "theme")[0] == "Réinstallation"


def test_a_place(client):
    html = page(client, "/es/search/", q="Quito")
    assert titles(html, "mechanism")[0] == "Proceso de Quito (QUITO)"
    assert titles(html, "meeting")


def test_a_meeting_by_its_title(client):
    html = page(client, "/pt/search/", q="Third Ministerial Meeting of the Los Angeles Declaration")
    assert titles(html, "meeting")[0] == "Third Ministerial Meeting of the Los Angeles Declaration"
    assert 'href="/pt/mechanisms/LAD/#meetings-title"' in group(html, "meeting")


def test_a_dialogue_session_by_its_title_in_the_reader_language(client):
    html = page(client, "/en/search/", q="annual session on migration governance")
    assert titles(html, "session")[0].startswith("Annual session on migration governance")


def test_practices_link_to_all_of_them_in_the_practice_search(client):
    html = page(client, "/es/search/", q="refugiados")
    practices = group(html, "practice")
    assert 1 <= len(titles(html, "practice")) <= 5
    count = int(re.search(r'aria-labelledby="results-practice">.*?\((\d+)\)', html, re.S).group(1))
    link = re.search(r'<p class="more"><a href="([^"]+)">([^<]+)</a>', practices)
    assert link.group(1) == "/es/practices/?q=refugiados"
    assert str(count) in link.group(2)
    assert 'href="/es/practices/' in practices


def test_a_big_group_shows_ten_and_links_to_all_of_its_kind(client):
    html = page(client, "/es/search/", q="Caribe")
    countries = titles(html, "country")
    assert len(countries) == 10
    link = re.search(r'<p class="more"><a href="([^"]+)"', group(html, "country")).group(1)
    assert link == "/es/search/?q=Caribe&amp;kind=country"
    every = page(client, "/es/search/", q="Caribe", kind="country")
    assert len(titles(every, "country")) > 10 and not group(every, "mechanism")
    assert "Jamaica" in titles(every, "country")


def test_looking_in_practices_leads_to_the_practice_search(client):
    response = client.get("/fr/search/", {"q": "réinstallation", "kind": "practice"})
    assert response.status_code == 302
    assert response["Location"] == "/fr/practices/?q=r%C3%A9installation"


def test_nothing_found_says_so_and_an_empty_query_shows_the_form(client):
    html = page(client, "/fr/search/", q="xyzzyqwerty")
    assert "xyzzyqwerty" in html and 'role="status"' in html and "search-group" not in html
    empty = page(client, "/es/search/")
    assert 'id="search-q"' in empty and "search-group" not in empty


def test_the_query_is_escaped_and_cut_at_300_characters(client):
    html = page(client, "/es/search/", q="<script>alert(1)</script> " + "x" * 400)
    assert "<script>alert(1)</script>" not in html
    value = re.search(r'id="search-q" name="q" value="([^"]*)"', html).group(1)
    assert len(html_module.unescape(value)) == 300 and value.endswith("x")


def test_the_search_page_reads_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    # Built afresh: the data version, one read per kind, and the practice search (which may
    # build its facet tables).
    with django_assert_max_num_queries(22):
        page(client, "/es/search/", q="Guatemala")
    # From the cache: the data version and the practice search (match, titles, hits), once
    # per process the words that correct misspellings, and once the index's figures the
    # process keeps for a while (the words' list, the fields' average length) are due.
    with django_assert_max_num_queries(11):
        page(client, "/es/search/", q="Conferencia Regional sobre Migración")


def test_a_write_shows_at_once(client):
    assert not titles(page(client, "/es/search/", q="Zetazeta"), "meeting")
    meeting_add(
        actor=SystemActor("test"),
        mechanism=Mechanism.objects.get(acronym="OCAM"),
        title="Reunión extraordinaria Zetazeta",
        date=datetime.date(2026, 3, 2),
        place="Tegucigalpa, Honduras",
    )
    assert titles(page(client, "/es/search/", q="Zetazeta"), "meeting") == [
        "Reunión extraordinaria Zetazeta"
    ]


def test_the_address_is_in_every_language():
    for language in LANGUAGES:
        with translation.override(language):
            assert reverse("site_search") == f"/{language}/search/"


@pytest.mark.parametrize(
    "query",
    ["work permit", "permiso de trabajo para solicitantes de asilo"],
)
def test_bodies_that_share_one_common_word_do_not_come_before_the_practices(client, query):
    """A query about permits finds practices about permits; mechanisms whose texts only say
    "work" or "asilo" are not what it asks for."""
    html = page(client, "/es/search/", q=query)
    assert titles(html, "practice")
    assert titles(html, "mechanism") == []


def test_a_misspelt_word_gets_a_suggestion_as_on_the_practice_search(client):
    html = page(client, "/es/search/", q="regularizacion migrante venesolanos")
    assert 'class="suggestion"' in html and "venezolanos" in html


def test_a_real_word_no_mechanism_holds_still_counts_but_a_typo_does_not(client):
    # "Quito" is a mechanism's own word; a made-up word beside it changes nothing
    assert "Proceso de Quito" in " ".join(
        titles(page(client, "/es/search/", q="Quito xqzvw"), "mechanism")
    )
