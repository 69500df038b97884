"""The plain data the synergy analysis works on: a snapshot of the registry on one day.

Selectors build it from the database (`synergy.selectors.registry_snapshot`); tests and the
benchmark build it by hand. Nothing here knows the ORM.

Bodies and instruments. A *body* can act: its member states meet, it has a secretariat or a
presidency, it adopts and carries out lines of work (a consultative process, a forum, an
organization or one of its committees, a network of authorities, and a framework that has
members of its own and meets, such as MIRPS). An *instrument* is what bodies implement: a
declaration, a compact adopted by signature or vote (its states are signatories, not
members), a dialogue, an interagency group, a project. Only bodies are partners of
coordination opportunities; instruments are what their work is aligned with.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass, field

# Roles that make a country a full participant; observers are counted apart, and states only
# seen at a mechanism's meetings ("participant") are never counted as members.
FULL_ROLES = frozenset({"member", "signatory", "associate"})
# Roles whose holders sit at a body's meetings: what a state's burden and partners count.
MEETING_ROLES = frozenset({"member", "associate", "observer"})

# Kinds of mechanism that are bodies whatever their data says.
BODY_KINDS = frozenset(
    {
        "regional_consultative_process",
        "intergovernmental_forum",
        "intergovernmental_organization",
        "network_of_authorities",
    }
)
# A framework is a body when it has members of its own (not signatories) and meets; every
# other kind (declaration, UN dialogue, interagency group, project) is an instrument.
FRAMEWORK_KIND = "framework"

# A body with no meeting in this many years before the analysis date is dormant.
DORMANT_AFTER_YEARS = 3


def years_before(day: datetime.date, years: int) -> datetime.date:
    """The same day `years` earlier; a 29 February becomes the 28th of a common year."""
    year = max(day.year - years, datetime.MINYEAR)
    return day.replace(year=year, day=min(day.day, calendar.monthrange(year, day.month)[1]))


def last_possible_day(value: datetime.date, precision: str) -> datetime.date:
    """The last day a date known to the year or the month can stand for: 2023 → 31 December
    2023, 2023-11 → 30 November 2023. What is dated "2023" certainly existed only then."""
    if precision == "year":
        return datetime.date(value.year, 12, 31)
    if precision == "month":
        return value.replace(day=calendar.monthrange(value.year, value.month)[1])
    return value


def known_on(
    day: datetime.date, value: datetime.date | None, precision: str, *, year: int | None = None
) -> bool:
    """Whether something dated `value` (to `precision`), or else to `year`, certainly existed
    on `day`. Something with neither date nor year is taken as known (see `TextItem`)."""
    if value is not None:
        return last_possible_day(value, precision) <= day
    if year is not None:
        return datetime.date(year, 12, 31) <= day
    return True


def body_acts(kind: str, *, own_members: bool, meets: bool) -> bool:
    """Whether a mechanism of `kind` is a body that can act: the body kinds always; a
    framework when it has members of its own (not only signatories) and recorded meetings."""
    if kind in BODY_KINDS:
        return True
    return kind == FRAMEWORK_KIND and own_members and meets


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
    # Whether it is a body that can act (see the module's docstring); None: by its kind.
    acts: bool | None = None
    # The last day of its latest meeting known on the snapshot's day, if any.
    last_meeting: datetime.date | None = None
    # An organization that acts on migration through one of its committees (the OAS through
    # the CAM) names it here: the committee is the partner, not the organization.
    acts_through: str = ""
    established: int | None = None

    def __post_init__(self) -> None:
        if self.acts is None:
            object.__setattr__(self, "acts", self.kind in BODY_KINDS)

    @property
    def is_body(self) -> bool:
        return bool(self.acts)

    def dormant(self, day: datetime.date) -> bool:
        """A body with no meeting in the three years up to `day` (instruments never are)."""
        if not self.is_body:
            return False
        return self.last_meeting is None or self.last_meeting <= years_before(
            day, DORMANT_AFTER_YEARS
        )

    def partner_on(self, day: datetime.date) -> bool:
        """Whether it can be a partner of a coordination opportunity on `day`: an active
        body, not dormant, that acts by itself rather than through a committee."""
        return (
            self.status == "active"
            and self.is_body
            and not self.acts_through
            and not self.dormant(day)
        )

    @property
    def coordinates(self) -> bool:
        """Whether it can take part in coordination at all (dormancy aside)."""
        return self.status == "active" and self.is_body and not self.acts_through


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
    """An agenda line, commitment, practice or contribution, with its themes and source.

    Its date is that of the outcome document it comes from, to `date_precision`; a text
    with only a year is dated to that year. A text with neither describes a body's standing
    lines of work as its own pages state them: it counts from the year the body was
    established, and is shown as undated."""

    key: str  # unique, e.g. "agenda:12"
    mechanism: str
    kind: str
    text: str
    language: str
    themes: frozenset[str]
    source_title: str = ""
    source_url: str = ""
    source_language: str = ""  # of the source's title
    year: int | None = None
    date: datetime.date | None = None
    date_precision: str = "day"
    # official | intergovernmental | press | other (see registry.sources)
    source_quality: str = "other"
    translations: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    @property
    def dated(self) -> bool:
        return self.date is not None or self.year is not None

    @property
    def date_display(self) -> str:
        """ISO 8601 as precise as known: 2023-11-19, 2023-11 or 2023; "" when undated."""
        if self.date is not None:
            if self.date_precision == "year":
                return f"{self.date.year}"
            if self.date_precision == "month":
                return f"{self.date.year}-{self.date.month:02d}"
            return self.date.isoformat()
        return str(self.year) if self.year else ""

    @property
    def latest_day(self) -> datetime.date | None:
        """The last day its date can stand for; None when undated."""
        if self.date is not None:
            return last_possible_day(self.date, self.date_precision)
        if self.year is not None:
            return datetime.date(self.year, 12, 31)
        return None


@dataclass(frozen=True)
class MeetingInfo:
    """A meeting of a mechanism, known on the snapshot's day."""

    mechanism: str
    title: str
    date: datetime.date
    date_precision: str = "day"
    end_date: datetime.date | None = None
    level: str = ""
    place: str = ""

    @property
    def last_day(self) -> datetime.date:
        return self.end_date or self.date


@dataclass(frozen=True)
class FrameworkItemInfo:
    code: str
    labels: dict[str, str] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class FrameworkInfo:
    """A framework the themes cross-walk to (GCM objectives, LAD pillars, AG/RES. 2988 ¶56)."""

    key: str
    labels: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    items: list[FrameworkItemInfo] = field(default_factory=list, compare=False, hash=False)


@dataclass(frozen=True)
class Snapshot:
    day: datetime.date
    mechanisms: list[MechanismInfo]
    countries: list[CountryInfo]
    subregions: list[str]
    themes: list[str]
    participations: list[Participation]
    texts: list[TextItem]
    meetings: list[MeetingInfo] = field(default_factory=list)
    frameworks: list[FrameworkInfo] = field(default_factory=list)
    # {theme: [(framework key, item code)]}: the vocabulary's crosswalk.
    crosswalk: dict[str, list[tuple[str, str]]] = field(default_factory=dict)

    def mechanism(self, acronym: str) -> MechanismInfo:
        for mechanism in self.mechanisms:
            if mechanism.acronym == acronym:
                return mechanism
        raise KeyError(acronym)
