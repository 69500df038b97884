"""The judged search queries: large enough, typed as people type, and consistent with the
bundled practices they name."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings

from sinergia.i18n import LANGUAGE_CODES
from sinergia.practices.search.evaluation import cross_language_of, load_queries

QUERIES = load_queries(Path(__file__).parent / "search_queries.yaml")
PRACTICE_LANGUAGES = {
    row["external_id"]: row["language"]
    for row in json.loads(
        (settings.SINERGIA_DATA_DIR / "practices" / "demo_practices.json").read_text()
    )
}


def test_the_set_is_large_enough_in_every_language_and_across_languages():
    assert len(QUERIES) >= 120
    per_language = Counter(query.language for query in QUERIES)
    assert all(per_language[language] >= 20 for language in LANGUAGE_CODES), per_language
    assert sum(query.cross_language for query in QUERIES) >= 30


def test_ids_and_texts_are_unique_and_queries_are_two_to_nine_words():
    assert len({query.id for query in QUERIES}) == len(QUERIES)
    assert len({query.query.casefold() for query in QUERIES}) == len(QUERIES)
    for query in QUERIES:
        assert 2 <= len(query.query.split()) <= 9, query.id
        assert query.id.startswith(f"{query.language}-"), query.id


def test_every_relevant_practice_is_bundled_and_cross_language_follows_from_them():
    for query in QUERIES:
        unknown = query.relevant - PRACTICE_LANGUAGES.keys()
        assert not unknown, (query.id, unknown)
        expected = cross_language_of(query.relevant, query.language, PRACTICE_LANGUAGES)
        assert query.cross_language == expected, query.id


TRAFFICKING = {
    "demo-arg-rescate-linea-145",
    "demo-usa-t-visa",
    "demo-ecu-lomh",
    "demo-hti-loi-traite-des-personnes",
    "demo-can-pst-victimes-traite",
    "demo-bra-lei-trafico-de-pessoas",
}


@pytest.mark.parametrize(
    ("text", "relevant"),
    [
        ("trata de personas", TRAFFICKING),
        ("victims of trafficking", TRAFFICKING),
        ("traite des personnes", TRAFFICKING),
        ("Permiso Especial de Permanencia", {"demo-col-pep"}),
        ("la migración", {"demo-bra-lei-de-migracao", "demo-pry-ley-6984", "demo-ecu-lomh"}),
        (
            "centros de recepción de migrantes retornados",
            {
                "demo-gtm-centro-recepcion-retornados",
                "demo-hnd-camr",
                "demo-slv-bienvenido-a-casa",
                "demo-hti-centres-ressources-frontaliers",
            },
        ),
        (
            "work permit for asylum seekers",
            {
                "demo-cri-categoria-especial-temporal",
                "demo-mex-tarjeta-visitante-razones-humanitarias",
            },
        ),
        (
            "interiorização de venezuelanos",
            {"demo-bra-interiorizacao", "demo-bra-operacao-acolhida"},
        ),
        ("temporary protection Venezuelans Colombia", {"demo-col-etpv", "demo-col-pep"}),
    ],
)
def test_the_queries_users_tried_are_in_the_set(text, relevant):
    [query] = [query for query in QUERIES if query.query == text]
    assert query.relevant == relevant
