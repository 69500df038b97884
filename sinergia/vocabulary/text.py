"""Text normalisation shared by the tagger and search: stemmed, accent- and case-folded."""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

import snowballstemmer
from babel import Locale

from sinergia.i18n import LANGUAGE_CODES

# Snowball names its stemmers by the language's English name ("spanish").
STEMMER_LANGUAGES: dict[str, str] = {
    code: (Locale.parse(code).english_name or code).lower() for code in LANGUAGE_CODES
}

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

# Words that carry no subject in a query, in any of the four languages (folded): dropped
# from queries before matching, so that "la migración" or "work permit for asylum seekers"
# are read by their content words.
FUNCTION_WORDS: frozenset[str] = frozenset(
    [
        "a",
        "al",
        "algo",
        "algun",
        "alguna",
        "algunos",
        "ante",
        "antes",
        "como",
        "con",
        "contra",
        "cual",
        "cuales",
        "cuando",
        "de",
        "del",
        "desde",
        "donde",
        "durante",
        "e",
        "el",
        "ella",
        "ellas",
        "ellos",
        "en",
        "entre",
        "era",
        "es",
        "esa",
        "ese",
        "eso",
        "esta",
        "estas",
        "este",
        "esto",
        "estos",
        "fue",
        "ha",
        "han",
        "hay",
        "la",
        "las",
        "le",
        "les",
        "lo",
        "los",
        "mas",
        "me",
        "mi",
        "mis",
        "muy",
        "ni",
        "no",
        "nos",
        "o",
        "os",
        "otra",
        "otro",
        "para",
        "pero",
        "poco",
        "por",
        "porque",
        "que",
        "quien",
        "se",
        "segun",
        "ser",
        "si",
        "sin",
        "sobre",
        "son",
        "su",
        "sus",
        "tambien",
        "te",
        "tiene",
        "tienen",
        "todo",
        "todos",
        "tras",
        "tu",
        "u",
        "un",
        "una",
        "uno",
        "unos",
        "unas",
        "usted",
        "ya",
        "y",
        "about",
        "after",
        "all",
        "also",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "been",
        "before",
        "being",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "for",
        "from",
        "had",
        "has",
        "have",
        "how",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "may",
        "more",
        "most",
        "no",
        "not",
        "of",
        "on",
        "only",
        "or",
        "other",
        "our",
        "out",
        "over",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "under",
        "up",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "s",
        "au",
        "aux",
        "avec",
        "ce",
        "ces",
        "cet",
        "cette",
        "comme",
        "dans",
        "des",
        "du",
        "elle",
        "elles",
        "est",
        "et",
        "eux",
        "il",
        "ils",
        "je",
        "la",
        "le",
        "les",
        "leur",
        "leurs",
        "lui",
        "mais",
        "meme",
        "mes",
        "moi",
        "mon",
        "ne",
        "nos",
        "notre",
        "nous",
        "on",
        "ont",
        "ou",
        "par",
        "pas",
        "pour",
        "qu",
        "quel",
        "quelle",
        "quels",
        "qui",
        "sa",
        "sans",
        "se",
        "ses",
        "son",
        "sont",
        "sur",
        "ta",
        "tes",
        "toi",
        "ton",
        "tu",
        "un",
        "une",
        "vos",
        "votre",
        "vous",
        "d",
        "l",
        "c",
        "j",
        "n",
        "m",
        "t",
        "y",
        "ao",
        "aos",
        "as",
        "com",
        "da",
        "das",
        "de",
        "dela",
        "dele",
        "deles",
        "do",
        "dos",
        "ela",
        "elas",
        "ele",
        "eles",
        "em",
        "entre",
        "era",
        "essa",
        "esse",
        "esta",
        "este",
        "eu",
        "foi",
        "ha",
        "isso",
        "isto",
        "ja",
        "mais",
        "mas",
        "meu",
        "minha",
        "na",
        "nas",
        "nao",
        "no",
        "nos",
        "num",
        "numa",
        "o",
        "os",
        "ou",
        "para",
        "pela",
        "pelas",
        "pelo",
        "pelos",
        "por",
        "qual",
        "quando",
        "que",
        "quem",
        "se",
        "sem",
        "ser",
        "seu",
        "seus",
        "sua",
        "suas",
        "tambem",
        "tem",
        "um",
        "uma",
        "umas",
        "uns",
    ]
)

_WORD = re.compile(r"\w+", re.UNICODE)
# No word of the four languages is longer; a longer run of letters is not a word, and
# leaving it unstemmed keeps the stem cache (and so memory) bounded whatever the texts.
MAX_WORD_CHARACTERS = 40


def fold(text: str) -> str:
    """Lower-case and strip accents: "Migración" -> "migracion"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    if decomposed.isascii():  # most words: nothing to strip
        return decomposed
    return "".join(char for char in decomposed if not unicodedata.combining(char))


_FOLDED_STOPWORDS: dict[str, frozenset[str]] = {}  # filled below, once fold exists


@cache
def _stemmer(language: str) -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer(STEMMER_LANGUAGES[language])


@lru_cache(maxsize=200_000)
def stem(word: str, language: str) -> str:
    """The folded stem of one lower-case word, or "" for a function word, a number or a
    run of more than MAX_WORD_CHARACTERS letters. Cached: texts repeat the same few
    thousand words."""
    if word in STOPWORDS[language] or len(word) > MAX_WORD_CHARACTERS:
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
