"""Near-duplicate texts: light edits in one language, translations across languages."""

from __future__ import annotations

import numpy as np

from sinergia.synergy.neardup import brute_force_pairs, near_duplicates
from sinergia.vocabulary.features import text_features

ORIGINAL = (
    "Los Estados del Proceso acuerdan fortalecer la regularización migratoria de las personas "
    "venezolanas, ampliar el registro biométrico y coordinar el Plan Regional 2024 con ACNUR y OIM"
)
EDITED = ORIGINAL.replace("ampliar", "extender").replace("coordinar", "armonizar")
TRANSLATION = (
    "The States of the Process agree to strengthen the migratory regularization of Venezuelan "
    "people, to expand biometric registration and to coordinate the Regional Plan 2024 with "
    "UNHCR, ACNUR and OIM"
)
OTHERS = [
    ("Acceso a la salud y a la educación de la niñez migrante no acompañada", "es"),
    ("Labour mobility schemes for seasonal agricultural workers", "en"),
    ("Renforcer la lutte contre la traite des êtres humains dans les Caraïbes", "fr"),
    ("Fortalecer os sistemas nacionais de refúgio e asilo no Brasil", "pt"),
]
THEMES = [{"regularization", "documentation-and-identity", "regional-cooperation"}] * 3 + [
    {"health"}, {"labour-migration"}, {"trafficking-in-persons"}, {"asylum-systems"}
]  # fmt: skip


def _pairs():
    texts = [(ORIGINAL, "es"), (EDITED, "es"), (TRANSLATION, "en"), *OTHERS]
    matrix = text_features(texts, THEMES)
    return matrix, near_duplicates(matrix, [language for _text, language in texts])


def test_a_lightly_edited_copy_is_found():
    _matrix, pairs = _pairs()
    [same_language] = [p for p in pairs if not p.cross_language]
    assert (same_language.a, same_language.b) == (0, 1)
    assert same_language.similarity >= 0.8


def test_a_translation_is_found_through_concepts_names_and_numbers():
    _matrix, pairs = _pairs()
    cross = {(p.a, p.b) for p in pairs if p.cross_language}
    assert (0, 2) in cross and (1, 2) in cross
    assert all(p.a < 3 and p.b < 3 for p in pairs)  # the unrelated texts are never paired


def test_agrees_with_brute_force_on_random_texts():
    random = np.random.default_rng(3)
    words = [f"palabra{k}" for k in range(400)]
    texts = [" ".join(random.choice(words, size=30)) for _ in range(300)]
    texts += [text.replace("palabra1 ", "palabra2 ", 1) + " extra" for text in texts[:20]]
    matrix = text_features([(text, "es") for text in texts])
    fast = {(p.a, p.b) for p in near_duplicates(matrix, ["es"] * len(texts))}
    exact = brute_force_pairs(matrix, threshold=0.8)
    assert exact and exact <= fast
