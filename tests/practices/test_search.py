"""Search of published practices: the same tests on SQLite FTS5 and PostgreSQL full text."""

from __future__ import annotations

import pytest

from sinergia.practices.models import Practice
from sinergia.practices.search import SearchQuery, practice_search

pytestmark = pytest.mark.django_db


def _titles(text: str, **filters) -> list[str]:
    return [hit.plain_title for hit in practice_search(SearchQuery(text=text, **filters)).hits]


def test_an_english_query_finds_spanish_and_portuguese_practices_on_the_same_theme():
    titles = _titles("regularization", page_size=100)
    assert any("Estatuto Temporal de Protección" in title for title in titles)
    assert any("Lei de Migração" in title for title in titles)
    assert any("Sisconare" in title for title in _titles("asylum systems"))


def test_human_trafficking_finds_trata_de_personas():
    titles = _titles("human trafficking")
    assert any("Trata" in title for title in titles)


@pytest.mark.parametrize(
    "query", ["regularización", "regularizacion", "REGULARIZACIÓN", "regularizaciones"]
)
def test_insensitive_to_accents_case_and_inflection(query):
    titles = _titles(query, page_size=100)
    assert any("Estatuto Temporal de Protección" in title for title in titles)
    assert titles == _titles("regularización", page_size=100)


def test_singular_and_plural_in_english():
    assert set(_titles("refugee")) == set(_titles("refugees"))
    assert any("Private Sponsorship" in title for title in _titles("refugees"))


def test_facets_count_the_whole_result():
    result = practice_search(SearchQuery(text="regularización"))
    facets = {name: dict(values) for name, values in result.facets.items()}
    assert sum(facets["language"].values()) == result.count
    assert facets["country"]["COL"] >= 1
    assert "south_america" in facets["subregion"]


def test_filters_narrow_the_result():
    everything = practice_search(SearchQuery(text="regularización"))
    peru = practice_search(SearchQuery(text="regularización", countries=("PER",)))
    assert 0 < peru.count < everything.count
    for hit in peru.hits:
        assert "PER" in hit.countries
    english = practice_search(SearchQuery(languages=("en",)))
    assert english.count and all(hit.original_language == "en" for hit in english.hits)


def test_snippets_highlight_the_matching_words():
    hits = practice_search(SearchQuery(text="Acolhida")).hits
    [hit] = [hit for hit in hits if hit.external_id == "demo-bra-operacao-acolhida"]
    assert "<mark>" in hit.title
    assert "<script" not in hit.snippet


def test_pagination_and_sort_by_date():
    first = practice_search(SearchQuery(page=1, page_size=10, sort="date"))
    second = practice_search(SearchQuery(page=2, page_size=10, sort="date"))
    assert first.count >= 40
    assert not set(first.ids) & set(second.ids)
    dates = [Practice.objects.get(pk=pk).published_at for pk in first.ids]
    assert dates == sorted(dates, reverse=True)


def test_nonsense_finds_nothing_and_hostile_text_is_harmless():
    assert practice_search(SearchQuery(text="zzqqxx")).count == 0
    for text in ['"', "' OR 1=1 --", "NEAR(a b)", "a AND OR NOT", "*", "(((", "\x00"]:
        practice_search(SearchQuery(text=text))  # no error


def test_translations_are_searched_and_shown_in_the_readers_language():
    from sinergia.practices.models import Practice
    from sinergia.practices.services import translation_set
    from tests.factories import secretariat_user

    practice = Practice.objects.get(title__startswith="Operação Acolhida")
    translation_set(
        actor=secretariat_user(),
        practice=practice,
        language="fr",
        title="Opération Accueil",
        summary="Opération humanitaire d'accueil des migrants vénézuéliens au Brésil.",
        kind="machine",
    )
    result = practice_search(SearchQuery(text="opération accueil"), language="fr")
    [hit] = [h for h in result.hits if h.id == practice.pk]
    assert hit.language == "fr" and hit.translated == "machine"


def test_a_filter_on_a_facet_few_practices_have_finds_exactly_those():
    # Most practices name no mechanism: the practices without a value, last ones included,
    # are simply not selected.
    with_fibemyd = set(
        Practice.objects.filter(status="published", mechanisms__acronym="FIBEMYD").values_list(
            "pk", flat=True
        )
    )
    result = practice_search(SearchQuery(mechanisms=("FIBEMYD",)))
    assert result.count == len(with_fibemyd)
    assert {hit.pk for hit in result.hits} <= with_fibemyd


def _same_tables(one, other) -> None:
    import numpy as np

    assert one.ids.tolist() == other.ids.tolist()
    assert one.recency.tolist() == other.recency.tolist()
    everyone = np.ones(len(one.ids), dtype=bool)
    for name, facet in one.facets.items():
        assert facet.counts(everyone) == other.facets[name].counts(everyone), name
        for position in range(len(one.ids)):
            assert sorted(facet.of(position)) == sorted(other.facets[name].of(position)), name


def test_after_a_publication_only_the_practices_changed_are_read_and_the_tables_agree():
    """A publication, an edit of a published practice and an archiving update the facet
    tables without reading every practice again, to the same tables a fresh read gives."""
    from sinergia.data_version import data_version
    from sinergia.practices.search import facets
    from sinergia.practices.services import (
        PracticeData,
        practice_archive,
        practice_publish,
        practice_submit,
        practice_update,
    )
    from tests.factories import secretariat_user
    from tests.practices.helpers import draft, reviewer, state_focal_point

    tables = facets.facet_tables()
    focal, secretariat = state_focal_point("COL"), secretariat_user()
    practice = draft(focal, populations=["refugees-and-asylum-seekers"], year=2021)
    practice_submit(actor=focal, practice=practice)
    older = Practice.objects.filter(status="published").order_by("id").first()
    steps = [
        lambda: practice_publish(actor=reviewer(), practice=practice),
        lambda: practice_update(
            actor=secretariat,
            practice=practice,
            data=PracticeData(
                title=practice.title,
                summary=practice.summary,
                language="pt",
                countries=["COL", "PER"],
                mechanisms=["CRM"],
                year=2023,
            ),
        ),
        lambda: practice_archive(actor=secretariat, practice=older),
    ]
    for step in steps:
        step()
        version = data_version(*facets.TABLE_DOMAINS).token
        updated = facets.updated_tables(tables, version)
        assert updated is not None
        _same_tables(updated, facets.build_tables(version))
        tables = updated


def test_a_search_after_a_publication_reads_only_what_changed(monkeypatch):
    from sinergia.practices.search import facets
    from sinergia.practices.services import practice_publish, practice_submit
    from tests.practices.helpers import draft, reviewer, state_focal_point

    before = facets.facet_tables()
    focal = state_focal_point("COL")
    practice = draft(focal, title="Ventanilla zetaventana de orientación laboral")
    practice_submit(actor=focal, practice=practice)
    practice_publish(actor=reviewer(), practice=practice)

    def read_everything(*args, **kwargs):
        raise AssertionError("every practice read again")

    monkeypatch.setattr(facets, "build_tables", read_everything)
    result = practice_search(SearchQuery(text="zetaventana"))
    assert result.count == 1 and dict(result.facets["country"]) == {"COL": 1}
    assert facets.facet_tables().version != before.version


def test_the_spelling_list_takes_new_words_without_reading_every_practice_again(monkeypatch):
    from sinergia.data_version import data_version
    from sinergia.practices.search import spelling
    from sinergia.practices.services import practice_publish, practice_submit
    from tests.practices.helpers import draft, reviewer, state_focal_point

    spelling.correction("zetaventanilla", data_version("practices").token)
    focal = state_focal_point("COL")
    practice = draft(focal, title="Ventanilla zetaorientadora para personas retornadas")
    practice_submit(actor=focal, practice=practice)
    practice_publish(actor=reviewer(), practice=practice)
    read = []
    texts = spelling._texts
    monkeypatch.setattr(
        spelling, "_texts", lambda published: read.append(t := texts(published)) or t
    )
    monkeypatch.setitem(spelling._state, "built", 0.0)  # the last refresh is a minute old
    assert spelling.correction("zetaorientadera", data_version("practices").token) == (
        "zetaorientadora"
    )
    assert [len(texts) for texts in read] == [1]


def test_values_of_a_practice_published_while_the_tables_are_read_wait_for_the_next_version():
    """Another process publishes between the reading of the practices and of their values:
    the values without a practice are left for the next version, and counting still works."""
    import numpy as np

    from sinergia.practices.search.facets import Facet, _merged

    old = Facet.from_pairs(["COL"], np.array([0]), np.array([0]), 1)
    ids = np.array([10, 11], dtype=np.int64)
    merged = _merged(old, np.array([10]), np.array([True]), [(11, "PER"), (12, "CHL")], ids)
    assert merged.counts(np.ones(2, dtype=bool)) == [("COL", 1), ("PER", 1)]


def test_paging_through_a_ranked_result_shows_every_practice_once(monkeypatch):
    # Pages beyond the exactly scored window follow the first order: a small window makes
    # every page but the first lie beyond it.
    from sinergia.practices.search import ranking

    monkeypatch.setattr(ranking, "WINDOW", 4)
    whole = practice_search(SearchQuery(text="migrantes refugiados", page_size=100))
    assert whole.count > 6
    assert (
        whole.ids[:4] == practice_search(SearchQuery(text="migrantes refugiados", page_size=4)).ids
    )
    seen: list[int] = []
    for page in range(1, -(-whole.count // 3) + 1):
        seen += practice_search(
            SearchQuery(text="migrantes refugiados", page=page, page_size=3)
        ).ids
    assert len(seen) == len(set(seen)) == whole.count
    assert set(seen) == set(whole.ids)


def test_a_term_said_only_inside_a_longer_term_is_found_by_its_tag():
    """ "solicitud de protección internacional" says "protección internacional" too: the
    practice carries both terms' tags, and a query for the shorter term finds it, in any
    language, although the full index is matched by tags alone."""
    from sinergia.practices.search.backends import backend
    from sinergia.practices.search.tokens import term_tagger, term_token
    from sinergia.practices.services import practice_publish, practice_submit
    from tests.practices.helpers import draft, reviewer, state_focal_point

    assert {"application-for-international-protection", "international-protection"} <= (
        term_tagger().keys_anywhere("Atiende cada solicitud de protección internacional", "es")
    )
    focal = state_focal_point("COL")
    practice = draft(
        focal,
        title="Oficina zetaventanilla",
        summary="Atiende cada solicitud de protección internacional en la frontera.",
    )
    practice_submit(actor=focal, practice=practice)
    practice_publish(actor=reviewer(), practice=practice)
    tags = backend().documents([practice.pk])[practice.pk].tags.split()
    assert term_token("international-protection") in tags
    for query in ("protección internacional", "international protection"):
        found = practice_search(SearchQuery(text=f"zetaventanilla {query}"))
        assert found.ids[:1] == [practice.pk], query
        assert found.complete_count >= 1
