"""Which mechanisms and countries a text names: by their names in the four languages, their
other names, and their acronyms.

Names are matched on folded text (case and accents ignored) as whole words, the longest
name first, so "República Dominicana" is not read as "Dominica". Acronyms are matched as
written (case-sensitive), so "CAM" is the committee and "cam" is not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.conf import settings

from sinergia.data_version import VersionedValue
from sinergia.i18n import territory_name
from sinergia.registry.models import Country, Mechanism
from sinergia.vocabulary.text import fold

ACRONYM = re.compile(r"^[A-Z][A-Z0-9&.\-]{1,11}$")


@dataclass(frozen=True)
class Mentions:
    mechanisms: list[str]  # acronyms, in order of first mention
    countries: list[str]  # ISO3, in order of first mention


class MentionFinder:
    """Finds names from a fixed list of (kind, key, names) in texts."""

    def __init__(self, entries: Iterable[tuple[str, str, Iterable[str]]]):
        by_name: dict[str, tuple[str, str]] = {}
        by_acronym: dict[str, tuple[str, str]] = {}
        for kind, key, names in entries:
            for raw in names:
                name = raw.strip()
                if not name:
                    continue
                if ACRONYM.match(name):
                    by_acronym.setdefault(name, (kind, key))
                else:
                    by_name.setdefault(fold(name), (kind, key))
        self._by_name = by_name
        self._by_acronym = by_acronym
        self._names = _alternation(by_name, flags=0)
        self._acronyms = _alternation(by_acronym, flags=0)

    def find(self, text: str) -> Mentions:
        found: dict[tuple[str, str], int] = {}
        if self._names is not None:
            for match in self._names.finditer(fold(text)):
                found.setdefault(self._by_name[match.group(1)], match.start())
        if self._acronyms is not None:
            for match in self._acronyms.finditer(text):
                found.setdefault(self._by_acronym[match.group(1)], match.start())
        ordered = sorted(found, key=found.__getitem__)
        return Mentions(
            mechanisms=[key for kind, key in ordered if kind == "mechanism"],
            countries=[key for kind, key in ordered if kind == "country"],
        )


def _alternation(names: Mapping[str, object], *, flags: int) -> re.Pattern[str] | None:
    if not names:
        return None
    longest_first = sorted(names, key=lambda name: (-len(name), name))
    body = "|".join(re.escape(name) for name in longest_first)
    return re.compile(rf"(?<!\w)({body})(?!\w)", flags)


def _registry_names() -> tuple[list[tuple[str, dict[str, str], list[str]]], list[tuple[str, str]]]:
    """What the finder is made of: mechanisms' acronyms and names, countries' codes."""
    mechanisms = list(
        Mechanism.objects.order_by("acronym").values_list("acronym", "names", "aliases")
    )
    countries = list(Country.objects.order_by("iso3").values_list("iso3", "iso2"))
    return mechanisms, countries


def _finder(
    names: tuple[list[tuple[str, dict[str, str], list[str]]], list[tuple[str, str]]],
) -> MentionFinder:
    mechanisms, countries = names
    entries: list[tuple[str, str, list[str]]] = [
        ("mechanism", acronym, [acronym, *titles.values(), *aliases])
        for acronym, titles, aliases in mechanisms
    ]
    entries += [
        ("country", iso3, [territory_name(iso2, language) for language in settings.LANGUAGE_CODES])
        for iso3, iso2 in countries
    ]
    return MentionFinder(entries)


_finder_value = VersionedValue(_registry_names, _finder, domains=("registry",))


def mention_finder() -> MentionFinder:
    """The finder for the registry as it is now (rebuilt when the data version moves and the
    mechanisms' or countries' names changed)."""
    return _finder_value.get()
