"""The multilingual term list: every set is whole in the four languages, sourced, tied to real
concepts, and no term points to two sets unless both say so; a broken file is refused with the
entry at fault named."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from sinergia.i18n import LANGUAGE_CODES
from sinergia.vocabulary.terms import (
    TermListError,
    read_term_sets,
    term_sets,
)
from sinergia.vocabulary.text import fold


@pytest.fixture(scope="module")
def sets():
    return term_sets()


def by_id(sets, key):
    return next(term_set for term_set in sets if term_set.id == key)


def test_the_list_holds_a_few_hundred_sets(sets):
    assert len(sets) >= 250


def test_every_set_is_in_all_four_languages(sets):
    for term_set in sets:
        for language in LANGUAGE_CODES:
            assert term_set.in_language(language), (term_set.id, language)
            assert all(term.strip() for term in term_set.in_language(language))


def test_every_set_names_a_source_and_confirms_some_language(sets):
    for term_set in sets:
        assert term_set.sources, term_set.id
        for source in term_set.sources:
            assert source.title and source.url.startswith(("http://", "https://")), term_set.id
        assert set(LANGUAGE_CODES) - term_set.unconfirmed, term_set.id


def test_concepts_are_concepts_of_the_vocabulary(sets, bundle):
    concept_ids = {theme.id for theme in bundle.themes}
    linked = [term_set for term_set in sets if term_set.concept]
    assert len(linked) > len(sets) // 2
    for term_set in linked:
        assert term_set.concept in concept_ids, term_set.id


def test_ids_are_unique(sets):
    ids = [term_set.id for term_set in sets]
    assert len(ids) == len(set(ids))


def test_a_term_belongs_to_one_set_per_language_unless_marked_shared(sets):
    owners: dict[tuple[str, str], list] = {}
    for term_set in sets:
        for language in LANGUAGE_CODES:
            for term in term_set.in_language(language):
                owners.setdefault((language, fold(term)), []).append(term_set)
    for (language, term), holders in owners.items():
        if len(holders) > 1:
            assert all(term in holder.shared for holder in holders), (language, term)


@pytest.mark.parametrize(
    "key,language,term",
    [
        ("work-permit", "pt", "autorização de trabalho"),
        ("work-permit", "fr", "permis de travail"),
        ("trafficking-in-persons", "pt", "tráfico de pessoas"),
        ("trafficking-in-persons", "es", "trata de personas"),
        ("smuggling-of-migrants", "es", "tráfico ilícito de migrantes"),
        ("smuggling-of-migrants", "fr", "trafic illicite de migrants"),
        ("family-reunification", "pt", "reagrupamento familiar"),
        ("non-refoulement", "fr", "non-refoulement"),
        ("interiorization", "pt", "interiorização"),
    ],
)
def test_the_field_s_known_equivalents_are_where_a_reader_expects_them(sets, key, language, term):
    assert fold(term) in {fold(t) for t in by_id(sets, key).in_language(language)}


def test_false_friends_are_kept_apart_and_explained(sets):
    trafficking = by_id(sets, "trafficking-in-persons")
    smuggling = by_id(sets, "smuggling-of-migrants")
    assert fold("tráfico de pessoas") not in {fold(t) for t in smuggling.pt}
    assert fold("tráfico de migrantes") not in {fold(t) for t in trafficking.es}
    assert trafficking.note and smuggling.note


def test_generic_sets_are_marked(sets):
    generic_ids = {term_set.id for term_set in sets if term_set.generic}
    for term_set in sets:
        if fold("migrant") in {fold(t) for t in term_set.en}:
            assert term_set.id in generic_ids


# A broken file is refused, with the entry at fault named.

GOOD = {
    "id": "work-permit",
    "terms": {
        "en": ["work permit"],
        "es": ["permiso de trabajo"],
        "fr": ["permis de travail"],
        "pt": ["autorização de trabalho"],
    },
    "concept": "labour-migration",
    "sources": [{"title": "EMN Glossary", "url": "https://example.org/work-permit"}],
}


def write(tmp_path: Path, entries) -> Path:
    path = tmp_path / "terms.yaml"
    path.write_text(yaml.safe_dump(entries, allow_unicode=True), encoding="utf-8")
    return path


def problems_of(tmp_path: Path, entries) -> str:
    with pytest.raises(TermListError) as error:
        read_term_sets(write(tmp_path, entries), concept_ids={"labour-migration"})
    return str(error.value)


def test_a_good_file_reads(tmp_path):
    (term_set,) = read_term_sets(write(tmp_path, [GOOD]), concept_ids={"labour-migration"})
    assert term_set.pt == ("autorização de trabalho",)
    assert term_set.concept == "labour-migration"


def test_a_missing_language_is_refused(tmp_path):
    entry = {**GOOD, "terms": {k: v for k, v in GOOD["terms"].items() if k != "pt"}}
    assert "(work-permit): terms.pt" in problems_of(tmp_path, [entry])


def test_an_entry_without_sources_is_refused(tmp_path):
    assert "needs at least one source" in problems_of(tmp_path, [{**GOOD, "sources": []}])


def test_an_unknown_concept_is_refused(tmp_path):
    assert "concept work-migration" in problems_of(
        tmp_path, [{**GOOD, "concept": "work-migration"}]
    )


def test_an_id_used_twice_is_refused(tmp_path):
    other = {**GOOD, "terms": {k: [v[0] + " x"] for k, v in GOOD["terms"].items()}}
    assert "id work-permit is used twice" in problems_of(tmp_path, [GOOD, other])


def test_a_term_in_two_sets_is_refused_unless_both_mark_it_shared(tmp_path):
    other = {**GOOD, "id": "work-visa", "terms": {**GOOD["terms"], "en": ["work visa"]}}
    assert "es term 'permiso de trabajo' is in work-permit, work-visa" in problems_of(
        tmp_path, [GOOD, other]
    )
    # Accents and case do not make two terms different.
    accented = {**other, "terms": {**other["terms"], "es": ["Permiso de TRABAJO"]}}
    assert "'permiso de trabajo'" in problems_of(tmp_path, [GOOD, accented])
    marked = [
        {**GOOD, "shared": ["permiso de trabajo", "permis de travail", "autorização de trabalho"]},
        {**other, "shared": ["permiso de trabajo", "permis de travail", "autorização de trabalho"]},
    ]
    assert len(read_term_sets(write(tmp_path, marked), concept_ids={"labour-migration"})) == 2


def test_sources_must_confirm_some_language(tmp_path):
    entry = {**GOOD, "unconfirmed": list(LANGUAGE_CODES)}
    assert "confirm at least one language" in problems_of(tmp_path, [entry])
