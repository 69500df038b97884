"""The multilingual term list of the migration field (`data/vocabulary/terms.yaml`).

Each entry is an equivalence set: the same term in es, en, fr and pt, with its common variants,
the sources that give the equivalents and the languages those sources did not confirm. Search
uses the sets to carry a query in one language into the other three. `term_sets()` reads and
checks the file once per process; `read_term_sets(path, concept_ids=...)` does the same for any
file and raises `TermListError` naming every entry at fault.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings

from sinergia.i18n import LANGUAGE_CODES
from sinergia.vocabulary.text import fold

TERMS_FILE = "vocabulary/terms.yaml"
THEMES_FILE = "vocabulary/themes.yaml"

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_URL = re.compile(r"^https?://\S+$")
_KEYS = {"id", "terms", "concept", "sources", "unconfirmed", "note", "generic", "shared"}


@dataclass(frozen=True)
class TermSource:
    title: str
    url: str


@dataclass(frozen=True)
class TermSet:
    """One term in the four languages. The first term of each language is the one the sources
    give; `unconfirmed` lists the languages they did not confirm. `shared` holds the terms that
    may also belong to another set (a word with two meanings); `generic` marks a set so broad
    that it matches most texts of the field."""

    id: str
    es: tuple[str, ...]
    en: tuple[str, ...]
    fr: tuple[str, ...]
    pt: tuple[str, ...]
    sources: tuple[TermSource, ...]
    concept: str | None = None
    unconfirmed: frozenset[str] = frozenset()
    note: str = ""
    generic: bool = False
    shared: frozenset[str] = frozenset()

    def in_language(self, language: str) -> tuple[str, ...]:
        """The terms of one language, preferred term first."""
        if language not in LANGUAGE_CODES:
            raise KeyError(language)
        terms: tuple[str, ...] = getattr(self, language)
        return terms

    def all_terms(self) -> dict[str, tuple[str, ...]]:
        return {language: self.in_language(language) for language in LANGUAGE_CODES}


class TermListError(Exception):
    """The term list is broken; `problems` says which entry and why."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


def _strings(value: Any) -> list[str] | None:
    if not isinstance(value, list) or not value:
        return None
    if not all(isinstance(item, str) and item.strip() for item in value):
        return None
    return [item.strip() for item in value]


def _parse(raw: Any, where: str, concept_ids: set[str], problems: list[str]) -> TermSet | None:
    if not isinstance(raw, dict):
        problems.append(f"{where}: an entry is a mapping with id, terms and sources")
        return None
    entry_id = raw.get("id")
    if not isinstance(entry_id, str) or not _ID.match(entry_id):
        problems.append(f"{where}: id must be lower-case words joined by hyphens")
        return None
    where = f"{where} ({entry_id})"
    count = len(problems)
    for key in sorted(set(raw) - _KEYS):
        problems.append(f"{where}: unknown field {key}")

    terms = raw.get("terms")
    by_language: dict[str, tuple[str, ...]] = {}
    if not isinstance(terms, dict):
        problems.append(f"{where}: terms must give es, en, fr and pt")
    else:
        for language in sorted(set(terms) - set(LANGUAGE_CODES)):
            problems.append(f"{where}: terms.{language} is not one of es, en, fr, pt")
        for language in LANGUAGE_CODES:
            values = _strings(terms.get(language))
            if values is None:
                problems.append(f"{where}: terms.{language} needs at least one term")
                continue
            folded = [fold(value) for value in values]
            if len(set(folded)) != len(folded):
                problems.append(f"{where}: terms.{language} repeats a term")
            by_language[language] = tuple(values)

    sources: list[TermSource] = []
    raw_sources = raw.get("sources")
    if not isinstance(raw_sources, list) or not raw_sources:
        problems.append(f"{where}: sources needs at least one source")
    else:
        for index, source in enumerate(raw_sources):
            title = source.get("title") if isinstance(source, dict) else None
            url = source.get("url") if isinstance(source, dict) else None
            if not isinstance(title, str) or not title.strip():
                problems.append(f"{where}: sources[{index}] needs a title")
            elif not isinstance(url, str) or not _URL.match(url):
                problems.append(f"{where}: sources[{index}] needs an http(s) url")
            else:
                sources.append(TermSource(title=title.strip(), url=url))

    unconfirmed = raw.get("unconfirmed", [])
    if not isinstance(unconfirmed, list) or not set(unconfirmed) <= set(LANGUAGE_CODES):
        problems.append(f"{where}: unconfirmed lists languages among es, en, fr, pt")
        unconfirmed = []
    elif set(unconfirmed) == set(LANGUAGE_CODES):
        problems.append(f"{where}: its sources must confirm at least one language")

    concept = raw.get("concept")
    if concept is not None and concept not in concept_ids:
        problems.append(f"{where}: concept {concept} is not in {THEMES_FILE}")

    note = raw.get("note", "")
    generic = raw.get("generic", False)
    shared = raw.get("shared", [])
    if not isinstance(note, str):
        problems.append(f"{where}: note is text")
    if not isinstance(generic, bool):
        problems.append(f"{where}: generic is true or false")
    if not isinstance(shared, list) or not all(isinstance(term, str) for term in shared):
        problems.append(f"{where}: shared lists terms")
        shared = []
    every_term = {fold(term) for values in by_language.values() for term in values}
    for term in shared if isinstance(shared, list) else []:
        if fold(term) not in every_term:
            problems.append(f"{where}: shared term {term!r} is not one of its terms")

    if len(problems) > count:
        return None
    return TermSet(
        id=entry_id,
        sources=tuple(sources),
        concept=concept,
        unconfirmed=frozenset(unconfirmed),
        note=note.strip(),
        generic=generic,
        shared=frozenset(fold(term) for term in shared),
        **by_language,
    )


def _cross_entry_problems(sets: Iterable[TermSet]) -> list[str]:
    """Ids used twice, and a term in two sets of the same language unless both mark it shared."""
    problems: list[str] = []
    ids: dict[str, int] = defaultdict(int)
    holders: dict[tuple[str, str], list[TermSet]] = defaultdict(list)
    for term_set in sets:
        ids[term_set.id] += 1
        for language, values in term_set.all_terms().items():
            for value in values:
                holders[(language, fold(value))].append(term_set)
    problems += [f"{TERMS_FILE}: id {key} is used twice" for key, n in ids.items() if n > 1]
    for (language, term), owners in sorted(holders.items()):
        if len(owners) > 1 and not all(term in owner.shared for owner in owners):
            names = ", ".join(owner.id for owner in owners)
            problems.append(
                f"{TERMS_FILE}: {language} term {term!r} is in {names}; "
                "mark it shared in each or keep it in one"
            )
    return problems


def read_term_sets(path: Path, *, concept_ids: set[str]) -> list[TermSet]:
    """Read and check a term list; raise TermListError listing every problem."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise TermListError([f"{TERMS_FILE}: cannot be read: {error}"]) from None
    if not isinstance(raw, list):
        raise TermListError([f"{TERMS_FILE}: the file is a list of entries"])
    problems: list[str] = []
    sets = [
        term_set
        for index, entry in enumerate(raw)
        if (term_set := _parse(entry, f"{TERMS_FILE}: [{index}]", concept_ids, problems))
    ]
    problems += _cross_entry_problems(sets)
    if problems:
        raise TermListError(problems)
    return sets


def concept_ids_in(themes_path: Path) -> set[str]:
    """The concept ids of a themes file, read straight from the YAML."""
    raw = yaml.safe_load(themes_path.read_text(encoding="utf-8")) or []
    return {entry["id"] for entry in raw if isinstance(entry, Mapping) and "id" in entry}


@cache
def term_sets() -> tuple[TermSet, ...]:
    """The bundled term list, read and checked once per process."""
    data_dir = Path(settings.SINERGIA_DATA_DIR)
    concept_ids = concept_ids_in(data_dir / THEMES_FILE)
    return tuple(read_term_sets(data_dir / TERMS_FILE, concept_ids=concept_ids))
