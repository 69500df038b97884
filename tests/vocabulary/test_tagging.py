"""The tagger finds the vocabulary's themes in real sentences in the four languages,
whatever their accents, case and inflection."""

from __future__ import annotations

import pytest

from sinergia.i18n import LANGUAGE_CODES
from sinergia.vocabulary.tagging import ConceptTerms, Tagger
from sinergia.vocabulary.text import fold, stems


@pytest.fixture(scope="module")
def tagger(bundle) -> Tagger:
    concepts = []
    for theme in bundle.themes:
        terms = {
            language: [getattr(theme.labels, language), *getattr(theme.synonyms, language)]
            for language in LANGUAGE_CODES
        }
        concepts.append(ConceptTerms(key=theme.id, terms=terms))
    return Tagger(concepts)


@pytest.mark.parametrize(
    "language,sentence,expected",
    [
        (
            "es",
            "Los Estados se comprometen a combatir la trata de personas y el tráfico ilícito de "
            "migrantes en la región.",
            {"trafficking-in-persons", "smuggling-of-migrants"},
        ),
        (
            "es",
            "Se ampliaron los programas de REGULARIZACIONES MIGRATORIAS para personas venezolanas.",
            {"regularization"},
        ),
        (
            "es",
            "Fortalecer el retorno y la reintegración de los migrantes retornados a Centroamérica.",
            {"return-and-reintegration"},
        ),
        (
            "en",
            "The countries agreed to strengthen national asylum systems and expand labour "
            "migration pathways.",
            {"asylum-systems", "labour-migration"},
        ),
        (
            "en",
            "Remittances sent home by the diaspora support families in countries of origin.",
            {"remittances", "diaspora"},
        ),
        (
            "fr",
            "Renforcer la lutte contre la traite des êtres humains et protéger les mineurs non "
            "accompagnés.",
            {"trafficking-in-persons", "children"},
        ),
        ("fr", "Les envois de fonds de la diaspora haïtienne.", {"remittances", "diaspora"}),
        (
            "pt",
            "Políticas de integração dos migrantes e regularização migratória no Brasil.",
            {"integration", "regularization"},
        ),
        (
            "pt",
            "O enfrentamento ao tráfico de pessoas e a proteção das crianças migrantes.",
            {"trafficking-in-persons", "children"},
        ),
    ],
)
def test_finds_themes_in_real_sentences(tagger, language, sentence, expected):
    assert expected <= set(tagger.concept_keys(sentence, language))


def test_insensitive_to_accents_and_case(tagger):
    with_accents = tagger.concept_keys("Regularización migratoria", "es")
    without = tagger.concept_keys("REGULARIZACION MIGRATORIA", "es")
    assert with_accents == without == ["regularization"]


def test_smuggling_and_trafficking_are_told_apart(tagger):
    assert tagger.concept_keys("tráfico ilícito de migrantes", "es") == ["smuggling-of-migrants"]
    assert tagger.concept_keys("trata de personas", "es") == ["trafficking-in-persons"]


def test_a_text_of_unknown_language_is_read_in_all_four(tagger):
    assert "remittances" in tagger.concept_keys("remesas familiares", None)
    assert "remittances" in tagger.concept_keys("family remittances", None)


def test_unrelated_text_has_no_theme(tagger):
    assert tagger.tag("La reunión comenzó a las diez de la mañana en la sede.", "es") == []


def test_counts_repeated_mentions(tagger):
    [match] = [
        m
        for m in tagger.tag("Trata de personas. Víctimas de trata de personas.", "es")
        if m.key == "trafficking-in-persons"
    ]
    assert match.count == 2


def test_text_normalisation():
    assert fold("Migración ÉXODO") == "migracion exodo"
    assert stems("las personas migrantes", "es") == stems("persona migrante", "es")
