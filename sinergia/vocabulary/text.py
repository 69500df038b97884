"""Text normalisation shared by the tagger and search: stemmed, accent- and case-folded."""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

import snowballstemmer

STEMMER_LANGUAGES = {"es": "spanish", "en": "english", "fr": "french", "pt": "portuguese"}

# Function words dropped from both the terms and the text, so that "trata de personas"
# matches "trata de las personas" and "rights of migrants" matches "migrants' rights".
_STOPWORD_TEXT = {
    "es": "a al con de del e el en la las lo los o para por que se su sus u un una unos unas y",
    "en": "a an and at by for from in into of on or the their to with s",
    "fr": "a à au aux d de des du en et l la le les leur leurs ou par pour sur un une",
    "pt": "a à ao aos as às com da das de do dos e em na nas no nos o os ou para pela pelas "
    "pelo pelos por um uma",
}
STOPWORDS: dict[str, frozenset[str]] = {
    language: frozenset(words.split()) for language, words in _STOPWORD_TEXT.items()
}

_WORD = re.compile(r"\w+", re.UNICODE)


def fold(text: str) -> str:
    """Lower-case and strip accents: "Migración" -> "migracion"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


_FOLDED_STOPWORDS: dict[str, frozenset[str]] = {}  # filled below, once fold exists


@cache
def _stemmer(language: str) -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer(STEMMER_LANGUAGES[language])


@lru_cache(maxsize=200_000)
def stem(word: str, language: str) -> str:
    """The folded stem of one lower-case word, or "" for a function word or a number.
    Cached: texts repeat the same few thousand words."""
    if word in STOPWORDS[language]:
        return ""
    folded = fold(_stemmer(language).stemWord(word))
    if not folded or folded in _FOLDED_STOPWORDS[language] or folded.isdigit():
        return ""
    return folded


def stems(text: str, language: str) -> list[str]:
    """The folded stems of the content words of `text`: what tagging and search match on."""
    return [s for s in (stem(word, language) for word in _WORD.findall(text.casefold())) if s]


_FOLDED_STOPWORDS.update(
    {language: frozenset(fold(word) for word in words) for language, words in STOPWORDS.items()}
)
