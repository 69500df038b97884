"""The plain data the synergy analysis works on: a snapshot of the registry on one day.

Selectors build it from the database (`synergy.selectors.registry_snapshot`); tests and the
benchmark build it by hand. Nothing here knows the ORM.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

# Roles that make a country a full participant; observers are counted apart.
FULL_ROLES = frozenset({"member", "signatory", "associate"})

# Kinds of mechanism whose states meet and work together: the "forums" of gap analysis.
FORUM_KINDS = frozenset(
    {
        "regional_consultative_process",
        "intergovernmental_forum",
        "intergovernmental_organization",
        "network_of_authorities",
        "framework",
    }
)

# Kinds that are instruments to implement and report on rather than spaces that meet.
INSTRUMENT_KINDS = frozenset({"declaration", "framework"})


@dataclass(frozen=True)
class MechanismInfo:
    acronym: str
    kind: str
    scope: str
    names: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    # Mechanisms that are one another's part or share one member list: never "opportunities".
    family: frozenset[str] = frozenset()
    meetings_per_year: float = 0.0
    status: str = "active"

    @property
    def coordinates(self) -> bool:
        """Whether it can take part in coordination: active, and not an umbrella organization
        (the OAS acts on migration through its committee, the CAM)."""
        return self.status == "active" and self.kind != "intergovernmental_organization"


@dataclass(frozen=True)
class CountryInfo:
    iso3: str
    subregion: str


@dataclass(frozen=True)
class Participation:
    mechanism: str
    country: str
    role: str


@dataclass(frozen=True)
class TextItem:
    """An agenda line, commitment, practice or contribution, with its themes and source."""

    key: str  # unique, e.g. "agenda:12"
    mechanism: str
    kind: str
    text: str
    language: str
    themes: frozenset[str]
    source_title: str = ""
    source_url: str = ""
    year: int | None = None


@dataclass(frozen=True)
class Snapshot:
    day: datetime.date
    mechanisms: list[MechanismInfo]
    countries: list[CountryInfo]
    subregions: list[str]
    themes: list[str]
    participations: list[Participation]
    texts: list[TextItem]

    def mechanism(self, acronym: str) -> MechanismInfo:
        for mechanism in self.mechanisms:
            if mechanism.acronym == acronym:
                return mechanism
        raise KeyError(acronym)
