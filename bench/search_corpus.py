"""Text for the search benchmark: natural queries, and practices written in the same words.

A synthetic practice is made of runs of consecutive words cut from the project's own texts
in its language (themes and their definitions, framework items, mechanisms' agendas,
commitments and descriptions, the demonstration practices), so function words, phrases and
word frequencies stay those of real writing; a few words are swapped for pseudo-words from
a long tail of rare ones, as names, places and jargon are in real practices.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path
from random import Random

from sinergia.i18n import LANGUAGE_CODES
from sinergia.reference.schema import Bundle

LANGUAGES = LANGUAGE_CODES
# The share of practices written in each language (the repository is mostly Spanish and English).
LANGUAGE_SHARES = (0.4, 0.3, 0.15, 0.15)

# What people type: two to nine words, function words included, in the four languages.
QUERIES = {
    "es": [
        "trata de personas en la frontera",
        "regularización migratoria de venezolanos",
        "protección internacional de refugiados",
        "acceso a la salud para migrantes",
        "niños, niñas y adolescentes no acompañados",
        "retorno y reintegración de migrantes",
        "migración laboral",
        "documentación e identidad de las personas migrantes",
        "integración de migrantes en las comunidades de acogida",
        "cooperación regional en materia migratoria",
        "programa de regularización para personas venezolanas en Colombia",
        "violencia de género contra mujeres migrantes",
    ],
    "en": [
        "work permit for asylum seekers",
        "human trafficking",
        "labour migration and remittances",
        "protection of the rights of migrant workers",
        "unaccompanied migrant children at the border",
        "return and reintegration programmes",
        "regional cooperation on migration data",
        "access to health care for refugees",
        "integration of migrants in host communities",
        "smuggling of migrants",
        "how can refugees get a work permit in Mexico",
        "temporary protection for Venezuelan migrants",
    ],
    "fr": [
        "protection temporaire des Vénézuéliens",
        "traite des personnes",
        "droits des travailleurs migrants",
        "accès à la santé pour les migrants",
        "intégration des réfugiés",
        "retour et réintégration des migrants",
        "migration de main-d'œuvre",
        "enfants migrants non accompagnés",
        "coopération régionale sur les migrations",
        "régularisation des migrants en situation irrégulière",
        "trafic illicite de migrants",
        "gestion des frontières et droits de l'homme",
    ],
    "pt": [
        "regularização de migrantes venezuelanos no Brasil",
        "tráfico de pessoas",
        "proteção internacional de refugiados",
        "acolhida humanitária",
        "direitos dos trabalhadores migrantes",
        "acesso à saúde para migrantes",
        "integração local de refugiados e migrantes",
        "interiorização de venezuelanos",
        "crianças e adolescentes desacompanhados",
        "retorno voluntário",
        "cooperação regional em matéria migratória",
        "documentação de migrantes na fronteira",
    ],
}

SYLLABLES = [consonant + vowel for consonant in "bcdflmnprstv" for vowel in "aeio"]
ENDINGS = {
    "es": ["ción", "dad", "ano", "era", "ismo", "ado"],
    "en": ["tion", "ing", "ness", "ford", "ton", "er"],
    "fr": ["tion", "ment", "eur", "ité", "ique", "age"],
    "pt": ["ção", "dade", "eiro", "ismo", "ado", "ões"],
}
RARE_WORD_SHARE = 0.05
RARE_WORDS_PER_LANGUAGE = 20_000


def queries() -> list[tuple[str, str]]:
    """(language, text) of every benchmark query."""
    return [(language, text) for language in LANGUAGES for text in QUERIES[language]]


def source_texts(bundle: Bundle, data_dir: Path) -> dict[str, list[list[str]]]:
    """The words of each text of the bundled data and the demonstration practices, by language."""
    texts: dict[str, list[str]] = {language: [] for language in LANGUAGES}
    for theme in bundle.themes:
        for language in LANGUAGES:
            texts[language].append(getattr(theme.labels, language))
            texts[language].extend(getattr(theme.synonyms, language))
        for language, definition in theme.definition.items():
            texts[language].append(definition)
    for framework in bundle.frameworks:
        for item in framework.items:
            for language in LANGUAGES:
                texts[language].append(getattr(item.labels, language))
    for mechanism in bundle.mechanisms:
        for text in [*mechanism.agenda, *mechanism.commitments]:
            texts[text.language].append(text.text)
        for language in LANGUAGES:
            texts[language].append(getattr(mechanism.names, language))
            texts[language].append(getattr(mechanism.description, language))
    demo = json.loads((data_dir / "practices" / "demo_practices.json").read_text())
    for practice in demo:
        for name in ("title", "summary", "body", "results"):
            texts[practice["language"]].append(practice.get(name, ""))
    return {
        language: [words for text in found if (words := text.replace("*", "").split())]
        for language, found in texts.items()
    }


@dataclass
class PracticeText:
    language: str
    title: str
    summary: str
    body: str


class Writer:
    """Writes practices from runs of the source texts (`source_texts`)."""

    def __init__(self, sources: dict[str, list[list[str]]], random: Random):
        self.random = random
        self.sources = sources
        # Longer texts are cut more often: most of the prose is in them.
        self.cumulative = {
            language: list(accumulate(len(words) for words in texts))
            for language, texts in sources.items()
        }
        self.rare = {
            language: [
                "".join(random.choices(SYLLABLES, k=random.randint(2, 4)))
                + random.choice(ENDINGS[language])
                for _ in range(RARE_WORDS_PER_LANGUAGE)
            ]
            for language in LANGUAGES
        }
        self.rare_cumulative = list(
            accumulate(1.0 / rank**1.1 for rank in range(1, RARE_WORDS_PER_LANGUAGE + 1))
        )

    def _run(self, language: str, longest: int) -> list[str]:
        (words,) = self.random.choices(
            self.sources[language], cum_weights=self.cumulative[language]
        )
        size = min(len(words), self.random.randint(4, longest))
        start = self.random.randint(0, len(words) - size)
        return words[start : start + size]

    def _prose(self, language: str, words: int) -> str:
        written: list[str] = []
        while len(written) < words:
            written.extend(self._run(language, 20))
        written = written[:words]
        rare = self.rare[language]
        for position in range(len(written)):
            if self.random.random() < RARE_WORD_SHARE:
                (written[position],) = self.random.choices(rare, cum_weights=self.rare_cumulative)
        return " ".join(written).rstrip(".,;:") + "."

    def practice(self) -> PracticeText:
        (language,) = self.random.choices(LANGUAGES, weights=LANGUAGE_SHARES)
        title = " ".join(self._run(language, 12)).rstrip(".,;:")
        return PracticeText(
            language=language,
            title=title[:1].upper() + title[1:],
            summary=self._prose(language, self.random.randint(30, 60)),
            body=self._prose(language, self.random.randint(40, 100)),
        )
