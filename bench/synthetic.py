"""A synthetic registry at scale, for the synergy benchmark: mechanisms, countries,
memberships and agenda texts in four languages, with planted near-duplicates."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import numpy as np

from sinergia.i18n import LANGUAGE_CODES
from sinergia.regions import SUBREGION_KEYS
from sinergia.synergy.snapshot import (
    CountryInfo,
    MechanismInfo,
    Participation,
    Snapshot,
    TextItem,
)

LANGUAGES = list(LANGUAGE_CODES)
ENDINGS = {
    "es": ["ción", "dad", "os", "as", "ar", "ente", "ismo", "ado"],
    "en": ["tion", "ing", "ed", "ment", "ness", "ly", "er", "s"],
    "fr": ["tion", "ment", "eur", "ité", "er", "ique", "age", "es"],
    "pt": ["ção", "dade", "os", "ar", "mente", "ismo", "ado", "ões"],
}
SYLLABLES = [
    "ba",
    "be",
    "bi",
    "bo",
    "bu",
    "ca",
    "ce",
    "ci",
    "co",
    "cu",
    "da",
    "de",
    "di",
    "do",
    "du",
    "fa",
    "fe",
    "fi",
    "fo",
    "ga",
    "ge",
    "gi",
    "go",
    "la",
    "le",
    "li",
    "lo",
    "lu",
    "ma",
    "me",
    "mi",
    "mo",
    "mu",
    "na",
    "ne",
    "ni",
    "no",
    "nu",
    "pa",
    "pe",
    "pi",
    "po",
    "pu",
    "ra",
    "re",
    "ri",
    "ro",
    "ru",
    "sa",
    "se",
    "si",
    "so",
    "su",
    "ta",
    "te",
    "ti",
    "to",
    "tu",
    "va",
    "ve",
    "vi",
    "vo",
    "za",
    "zo",
]
KINDS = [
    "regional_consultative_process",
    "intergovernmental_forum",
    "network_of_authorities",
    "framework",
    "declaration",
]
SCOPES = ["hemispheric", "regional", "subregional", "global"]
DAY = datetime.date(2026, 1, 1)
SUBREGIONS = list(SUBREGION_KEYS)


@dataclass(frozen=True)
class Corpus:
    snapshot: Snapshot
    planted: set[tuple[int, int]]  # (original, edited) text indexes


def _vocabulary(random: np.random.Generator, language: str, size: int) -> list[str]:
    words: set[str] = set()
    endings = ENDINGS[language]
    while len(words) < size:
        syllables = random.choice(SYLLABLES, size=random.integers(2, 4))
        words.add("".join(syllables) + endings[random.integers(len(endings))])
    return sorted(words)


def _edit(
    random: np.random.Generator, words: list[str], vocabulary: list[str], p: np.ndarray
) -> list[str]:
    """One to three light edits: substitute, delete, insert or swap a word."""
    words = list(words)
    for _ in range(random.integers(1, 4)):
        position = int(random.integers(len(words)))
        operation = random.integers(4)
        if operation == 0:
            words[position] = vocabulary[random.choice(len(vocabulary), p=p)]
        elif operation == 1 and len(words) > 5:
            del words[position]
        elif operation == 2:
            words.insert(position, vocabulary[random.choice(len(vocabulary), p=p)])
        elif position + 1 < len(words):
            words[position], words[position + 1] = words[position + 1], words[position]
    return words


def synthetic_corpus(
    *,
    mechanisms: int = 1_000,
    countries: int = 250,
    texts: int = 100_000,
    words_per_text: int = 40,
    vocabulary_size: int = 4_000,
    planted_share: float = 0.02,
    themes: list[str],
    seed: int = 7,
) -> Corpus:
    random = np.random.default_rng(seed)
    ranks = np.arange(1, vocabulary_size + 1)
    zipf = 1.0 / ranks**1.07
    zipf /= zipf.sum()
    vocabularies = {
        language: _vocabulary(random, language, vocabulary_size) for language in LANGUAGES
    }

    country_list = [
        CountryInfo(f"C{i:03d}", SUBREGIONS[i % len(SUBREGIONS)]) for i in range(countries)
    ]
    mechanism_list = [
        MechanismInfo(
            acronym=f"M{i:04d}",
            kind=KINDS[i % len(KINDS)],
            scope=SCOPES[i % len(SCOPES)],
            names={"es": f"Mecanismo {i}", "en": f"Mechanism {i}"},
            meetings_per_year=float(random.integers(0, 4)),
            # Most met in the last three years; about one in five is dormant.
            last_meeting=DAY - datetime.timedelta(days=int(random.integers(0, 4 * 365))),
        )
        for i in range(mechanisms)
    ]
    participations = []
    for mechanism in mechanism_list:
        size = int(random.integers(3, 41))
        for index in random.choice(countries, size=size, replace=False):
            role = "observer" if random.random() < 0.1 else "member"
            participations.append(Participation(mechanism.acronym, country_list[index].iso3, role))

    planted_count = int(texts * planted_share)
    originals = texts - planted_count
    items: list[TextItem] = []
    word_lists: list[list[str]] = []
    for index in range(originals):
        language = LANGUAGES[index % 4]
        length = max(10, int(random.normal(words_per_text, 6)))
        choice = random.choice(vocabulary_size, size=length, p=zipf)
        words = [vocabularies[language][k] for k in choice]
        word_lists.append(words)
        theme_count = int(random.integers(1, 4))
        items.append(
            TextItem(
                key=f"text:{index}",
                mechanism=mechanism_list[int(random.integers(mechanisms))].acronym,
                kind="agenda",
                text=" ".join(words).capitalize() + ".",
                language=language,
                themes=frozenset(random.choice(themes, size=theme_count, replace=False).tolist()),
            )
        )
    planted: set[tuple[int, int]] = set()
    for offset in range(planted_count):
        original = int(random.integers(originals))
        source = items[original]
        edited = _edit(random, word_lists[original], vocabularies[source.language], zipf)
        index = originals + offset
        items.append(
            TextItem(
                key=f"text:{index}",
                mechanism=mechanism_list[int(random.integers(mechanisms))].acronym,
                kind="agenda",
                text=" ".join(edited).capitalize() + ".",
                language=source.language,
                themes=source.themes,
            )
        )
        planted.add((original, index))
    snapshot = Snapshot(
        day=DAY,
        mechanisms=mechanism_list,
        countries=country_list,
        subregions=SUBREGIONS,
        themes=themes,
        participations=participations,
        texts=items,
    )
    return Corpus(snapshot, planted)
