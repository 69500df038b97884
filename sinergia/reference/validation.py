"""Read the bundled reference data and check it whole, before anything is written.

`read_bundle(data_dir)` returns a `Bundle` or raises `BundleError`, whose problems each name
the file and the entry at fault (for example `mechanisms/crm.yaml: members[3] (MEX): ...`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pycountry
import yaml
from pydantic import BaseModel, ValidationError

from sinergia.reference.schema import (
    Bundle,
    CountrySpec,
    FrameworkSpec,
    MechanismSpec,
    ThemeSpec,
)

COUNTRIES_FILE = "countries.yaml"
THEMES_FILE = "vocabulary/themes.yaml"
FRAMEWORKS_FILE = "vocabulary/frameworks.yaml"
MECHANISMS_DIR = "mechanisms"
ENTRY_KEYS = ("acronym", "id", "iso3", "country", "code")

Spec = TypeVar("Spec", bound=BaseModel)


@dataclass(frozen=True)
class Problem:
    file: str
    entry: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}: {self.entry}" if self.entry else self.file
        return f"{where}: {self.message}"


class BundleError(Exception):
    """The reference data is broken; `problems` says where and why."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


def _describe(raw: Any, location: tuple[Any, ...]) -> str:
    """Name an entry by its path and, where it has one, its key: `members[3] (MEX).role`."""
    path = ""
    node = raw
    for step in location:
        if isinstance(step, int):
            path += f"[{step}]"
            node = node[step] if isinstance(node, list) and step < len(node) else None
            if isinstance(node, dict):
                key = next((node[k] for k in ENTRY_KEYS if k in node), None)
                if key is not None:
                    path += f" ({key})"
        else:
            path += f".{step}" if path else str(step)
            node = node.get(step) if isinstance(node, dict) else None
    return path


def _parse(
    model: type[Spec], raw: Any, file: str, problems: list[Problem], entry: str = ""
) -> Spec | None:
    try:
        return model.model_validate(raw)
    except ValidationError as error:
        for detail in error.errors():
            location = _describe(raw, tuple(detail["loc"]))
            message = detail["msg"].removeprefix("Value error, ")
            full_entry = ".".join(part for part in (entry, location) if part)
            problems.append(Problem(file, full_entry, message))
        return None


_UNREADABLE = object()  # a file whose problem is already reported


def _load_yaml(path: Path, relative: str, problems: list[Problem]) -> Any:
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.safe_load(handle)
    except FileNotFoundError:
        problems.append(Problem(relative, "", "file not found"))
    except yaml.YAMLError as error:
        problems.append(Problem(relative, "", f"not valid YAML: {error}"))
    except UnicodeDecodeError as error:
        problems.append(Problem(relative, "", f"not UTF-8 text: {error}"))
    return _UNREADABLE


def _parse_list(model: type[Spec], raw: Any, file: str, problems: list[Problem]) -> list[Spec]:
    if raw is _UNREADABLE:
        return []
    if not isinstance(raw, list):
        problems.append(Problem(file, "", "expected a list of entries"))
        return []
    parsed = []
    for index, item in enumerate(raw):
        key = item.get("iso3") or item.get("id") if isinstance(item, dict) else None
        entry = f"[{index}]" + (f" ({key})" if key else "")
        spec = _parse(model, item, file, problems, entry)
        if spec is not None:
            parsed.append(spec)
    return parsed


def _duplicates(values: Iterable[str]) -> set[str]:
    seen: set[str] = set()
    repeated: set[str] = set()
    for value in values:
        (repeated if value in seen else seen).add(value)
    return repeated


def read_bundle(data_dir: Path) -> Bundle:
    """Read and check every file under `data_dir`; raise BundleError listing every problem."""
    problems: list[Problem] = []

    countries = _parse_list(
        CountrySpec,
        _load_yaml(data_dir / COUNTRIES_FILE, COUNTRIES_FILE, problems),
        COUNTRIES_FILE,
        problems,
    )
    themes = _parse_list(
        ThemeSpec, _load_yaml(data_dir / THEMES_FILE, THEMES_FILE, problems), THEMES_FILE, problems
    )
    frameworks = _parse_list(
        FrameworkSpec,
        _load_yaml(data_dir / FRAMEWORKS_FILE, FRAMEWORKS_FILE, problems),
        FRAMEWORKS_FILE,
        problems,
    )
    mechanism_files: list[tuple[str, MechanismSpec]] = []
    for path in sorted((data_dir / MECHANISMS_DIR).glob("*.yaml")):
        relative = f"{MECHANISMS_DIR}/{path.name}"
        raw = _load_yaml(path, relative, problems)
        if raw is _UNREADABLE:
            continue
        if not isinstance(raw, dict):
            problems.append(Problem(relative, "", "expected one mechanism (a mapping)"))
            continue
        spec = _parse(MechanismSpec, raw, relative, problems)
        if spec is not None:
            mechanism_files.append((relative, spec))

    _check_countries(countries, problems)
    _check_vocabulary(themes, frameworks, problems)
    _check_mechanisms(mechanism_files, countries, themes, frameworks, problems)
    if problems:
        raise BundleError(problems)
    return Bundle(
        countries=countries,
        themes=themes,
        frameworks=frameworks,
        mechanisms=[spec for _file, spec in mechanism_files],
    )


def _check_countries(countries: list[CountrySpec], problems: list[Problem]) -> None:
    for index, country in enumerate(countries):
        entry = f"[{index}] ({country.iso3})"
        known = pycountry.countries.get(alpha_3=country.iso3)
        if known is None:
            problems.append(
                Problem(COUNTRIES_FILE, entry, f"unknown ISO 3166-1 code {country.iso3}")
            )
        elif known.alpha_2 != country.iso2 or int(known.numeric) != country.m49:
            problems.append(
                Problem(
                    COUNTRIES_FILE,
                    entry,
                    "codes disagree with ISO 3166-1: expected "
                    f"{known.alpha_2}/{int(known.numeric)}",
                )
            )
    for iso3 in sorted(_duplicates(country.iso3 for country in countries)):
        problems.append(Problem(COUNTRIES_FILE, iso3, "listed twice"))


def _check_vocabulary(
    themes: list[ThemeSpec], frameworks: list[FrameworkSpec], problems: list[Problem]
) -> None:
    for key in sorted(_duplicates(theme.id for theme in themes)):
        problems.append(Problem(THEMES_FILE, key, "concept id used twice"))
    for key in sorted(_duplicates(framework.id for framework in frameworks)):
        problems.append(Problem(FRAMEWORKS_FILE, key, "framework id used twice"))
    items = {framework.id: {item.code for item in framework.items} for framework in frameworks}
    if not items:
        return  # the frameworks file is broken or empty: that problem is already reported
    for framework in frameworks:
        for code in sorted(_duplicates(item.code for item in framework.items)):
            problems.append(Problem(FRAMEWORKS_FILE, framework.id, f"item {code} listed twice"))
    for index, theme in enumerate(themes):
        for framework_id, codes in theme.crosswalk.items():
            entry = f"[{index}] ({theme.id}).crosswalk.{framework_id}"
            if framework_id not in items:
                problems.append(Problem(THEMES_FILE, entry, f"unknown framework {framework_id}"))
                continue
            for code in codes:
                if str(code) not in items[framework_id]:
                    problems.append(
                        Problem(
                            THEMES_FILE, entry, f"unknown item {code} of framework {framework_id}"
                        )
                    )


def _check_mechanisms(
    mechanism_files: list[tuple[str, MechanismSpec]],
    countries: list[CountrySpec],
    themes: list[ThemeSpec],
    frameworks: list[FrameworkSpec],
    problems: list[Problem],
) -> None:
    country_codes = {country.iso3 for country in countries}
    theme_ids = {theme.id for theme in themes}
    acronyms = [spec.acronym for _file, spec in mechanism_files]
    for acronym in sorted(_duplicates(acronyms)):
        files = [file for file, spec in mechanism_files if spec.acronym == acronym]
        problems.append(Problem(", ".join(files), acronym, "acronym used by more than one file"))

    source_files: dict[str, str] = {
        framework.source_id: FRAMEWORKS_FILE for framework in frameworks
    }
    for file, spec in mechanism_files:
        for source in spec.sources:
            if source.id in source_files:
                problems.append(
                    Problem(
                        file,
                        f"sources ({source.id})",
                        f"source id also declared in {source_files[source.id]}",
                    )
                )
            source_files[source.id] = file

    known_acronyms = set(acronyms)
    for file, spec in mechanism_files:

        def dangling(entry: str, what: str, value: str, known: set[str] | dict[str, str]) -> None:
            if value not in known:
                problems.append(Problem(file, entry, f"unknown {what} {value}"))  # noqa: B023

        dangling("source", "source", spec.source, source_files)
        if spec.parent:
            dangling("parent", "mechanism", spec.parent, known_acronyms)
        if spec.members_from:
            dangling("members_from", "mechanism", spec.members_from, known_acronyms)
        for related in spec.related:
            dangling("related", "mechanism", related, known_acronyms)
        for index, member in enumerate(spec.members):
            entry = f"members[{index}] ({member.country})"
            dangling(
                entry, "country (not an ISO code in countries.yaml)", member.country, country_codes
            )
            dangling(entry, "source", member.source, source_files)
        for list_name in ("agenda", "commitments"):
            for index, text in enumerate(getattr(spec, list_name)):
                entry = f"{list_name}[{index}]"
                dangling(entry, "source", text.source, source_files)
                for theme in text.themes:
                    dangling(entry, "theme", theme, theme_ids)
        for index, meeting in enumerate(spec.meetings):
            dangling(f"meetings[{index}]", "source", meeting.source, source_files)
