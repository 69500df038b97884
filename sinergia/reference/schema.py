"""The schema of the bundled reference data (see docs/data.md), as pydantic models."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from sinergia.i18n import LanguageCode
from sinergia.inputs import web_address
from sinergia.regions import SubregionKey

Kind = Literal[
    "regional_consultative_process",
    "intergovernmental_forum",
    "intergovernmental_organization",
    "network_of_authorities",
    "framework",
    "declaration",
    "interagency_group",
    "un_dialogue",
    "project",
]
ScopeName = Literal["global", "hemispheric", "regional", "subregional"]
StatusName = Literal["active", "inactive", "concluded"]
RoleName = Literal["member", "observer", "associate", "signatory", "participant"]
# How far a source can be trusted for what it states, best first: the official site or
# document of the body or of a member government; an intergovernmental organisation; the
# press; anything else (blogs, document-sharing sites, wiki mirrors).
SourceQuality = Literal["official", "intergovernmental", "press", "other"]
MeetingLevel = Literal[
    "summit", "ministerial", "vice-ministerial", "plenary", "technical", "working-group", "other"
]

SOURCE_ID = r"^[a-z0-9][a-z0-9-]*$"
ACRONYM = r"^[A-Z0-9][A-Z0-9-]*$"
CONCEPT_ID = r"^[a-z0-9][a-z0-9-]*$"
LANGUAGE_TAG = r"^[a-z]{2}$"


@dataclass(frozen=True)
class PartialDate:
    """A date known to the year, the month or the day, as its source gives it."""

    value: datetime.date
    precision: Literal["year", "month", "day"]


_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def parse_partial_date(raw: Any) -> PartialDate:
    if isinstance(raw, PartialDate):
        return raw
    if isinstance(raw, datetime.datetime):
        raw = raw.date()
    if isinstance(raw, datetime.date):
        return PartialDate(raw, "day")
    match = _PARTIAL.match(str(raw).strip())
    if not match:
        raise ValueError(f"{raw!r} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = match.groups()
    try:
        if day:
            return PartialDate(datetime.date(int(year), int(month), int(day)), "day")
        if month:
            return PartialDate(datetime.date(int(year), int(month), 1), "month")
        return PartialDate(datetime.date(int(year), 1, 1), "year")
    except ValueError as error:
        raise ValueError(f"{raw!r} is not a valid date: {error}") from None


DateField = Annotated[PartialDate, BeforeValidator(parse_partial_date)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _none_to_empty(value: Any) -> Any:
    return "" if value is None else value


# A text field that may be left empty (null in YAML reads as "").
OptionalText = Annotated[str, BeforeValidator(_none_to_empty)]

# A link pages show: empty, or an http(s) address by the rule every service applies.
WebAddress = Annotated[OptionalText, AfterValidator(web_address)]


class Labels(Strict):
    """A text in each of the four languages, all required."""

    es: str = Field(min_length=1)
    en: str = Field(min_length=1)
    fr: str = Field(min_length=1)
    pt: str = Field(min_length=1)


class Description(Strict):
    """A text required in Spanish and English, optional in French and Portuguese."""

    es: str = Field(min_length=1)
    en: str = Field(min_length=1)
    fr: str = ""
    pt: str = ""


TranslationKind = Literal["human", "machine"]


class EditorialText(Strict):
    """A text the registry writes about a fact (a membership note, a secretariat, why a fact
    is unconfirmed): its original in one language and translations into the others, each
    marked as made by a person (`human`: copied from an official text in that language,
    named in `translation_sources`) or by machine. A plain string is an English original."""

    es: str = ""
    en: str = ""
    fr: str = ""
    pt: str = ""
    translation: dict[LanguageCode, TranslationKind] = {}
    translation_sources: dict[LanguageCode, str] = {}

    @model_validator(mode="after")
    def _check(self) -> EditorialText:
        texts = {code: getattr(self, code) for code in ("es", "en", "fr", "pt")}
        originals = [code for code, text in texts.items() if text and code not in self.translation]
        if any(texts.values()) and len(originals) != 1:
            raise ValueError(
                "an editorial text has one original: mark every other language in `translation`"
            )
        if any(not texts[code] for code in self.translation):
            raise ValueError("a language marked in `translation` has no text")
        return self

    @property
    def original_language(self) -> str:
        for code in ("es", "en", "fr", "pt"):
            if getattr(self, code) and code not in self.translation:
                return code
        return "en"

    @property
    def original(self) -> str:
        return str(getattr(self, self.original_language))

    def strip(self) -> str:
        return self.original.strip()

    def translations(self) -> dict[str, dict[str, str]]:
        """{language: {"text": ..., "translation": "human"|"machine"[, "source": id]}}."""
        return {
            code: {
                "text": getattr(self, code),
                "translation": kind,
                **(
                    {"source": self.translation_sources[code]}
                    if code in self.translation_sources
                    else {}
                ),
            }
            for code, kind in self.translation.items()
        }


def _english_original(value: Any) -> Any:
    if value is None:
        return {}
    return {"en": value} if isinstance(value, str) else value


# An editorial text: a string (English) or an EditorialText mapping.
Editorial = Annotated[EditorialText, BeforeValidator(_english_original)]


class SourceSpec(Strict):
    id: str = Field(pattern=SOURCE_ID)
    title: str = Field(min_length=1)
    publisher: str = Field(min_length=1)
    # The languages the title and the publisher's name are written in (ISO 639-1, any
    # language: a source may be in Catalan), so that pages mark them for screen readers.
    language: str | None = Field(default=None, pattern=LANGUAGE_TAG)
    publisher_language: str | None = Field(default=None, pattern=LANGUAGE_TAG)
    url: WebAddress = ""
    consulted: datetime.date | None = None
    quality: SourceQuality | None = None


class MemberSpec(Strict):
    country: str = Field(pattern=r"^[A-Z]{3}$")
    role: RoleName
    since: DateField | None = None
    until: DateField | None = None
    source: str
    confirmed: bool = True
    note: Editorial = EditorialText()

    @model_validator(mode="after")
    def _check(self) -> MemberSpec:
        if not self.confirmed and not self.note.strip():
            raise ValueError("an unconfirmed membership needs a note that says why")
        if self.since and self.until and self.until.value < self.since.value:
            raise ValueError("until is before since")
        return self


class TextSpec(Strict):
    text: str = Field(min_length=1)
    language: LanguageCode
    year: int | None = Field(default=None, ge=1900, le=2100)
    # When the text was adopted or published (the outcome document it comes from).
    date: DateField | None = None
    # Sinergia's translations of the text into the other languages, shown as translations.
    translations: dict[LanguageCode, str] = {}
    themes: list[str] = []
    source: str

    @model_validator(mode="after")
    def _check(self) -> TextSpec:
        if self.date and self.year and self.date.value.year != self.year:
            raise ValueError("date and year disagree")
        if self.language in self.translations:
            raise ValueError("a translation into the text's own language")
        return self


class MeetingSpec(Strict):
    title: str = Field(min_length=1)
    # The language of the title and the outcome, so that pages mark it for screen readers.
    language: LanguageCode | None = None
    date: DateField
    place: OptionalText = ""
    level: MeetingLevel | None = None
    outcome: OptionalText = ""
    outcome_url: WebAddress = ""
    source: str


class MechanismSpec(Strict):
    acronym: str = Field(pattern=ACRONYM, max_length=30)
    names: Labels
    aliases: list[str] = []
    kind: Kind
    scope: ScopeName
    established: int | None = Field(default=None, ge=1800, le=2100)
    status: StatusName = "active"
    website: WebAddress = ""
    secretariat: Editorial = EditorialText()
    supporting_organizations: list[str] = []
    parent: str | None = None
    related: list[str] = []
    description: Description
    source: str
    unconfirmed: dict[str, Editorial] = {}
    sources: list[SourceSpec] = []
    members: list[MemberSpec] = []
    members_from: str | None = None
    agenda: list[TextSpec] = []
    commitments: list[TextSpec] = []
    meetings: list[MeetingSpec] = []

    @model_validator(mode="after")
    def _check(self) -> MechanismSpec:
        if self.members and self.members_from:
            raise ValueError("give either members or members_from, not both")
        if len({text.original_language for text in self.editorial_texts if text.original}) > 1:
            raise ValueError("the secretariat and the unconfirmed notes have one original language")
        return self

    @property
    def editorial_texts(self) -> list[EditorialText]:
        return [self.secretariat, *self.unconfirmed.values()]

    @property
    def editorial_language(self) -> str:
        """The original language of the secretariat and of the unconfirmed notes."""
        for text in self.editorial_texts:
            if text.original:
                return text.original_language
        return "en"


class CountrySpec(Strict):
    iso3: str = Field(pattern=r"^[A-Z]{3}$")
    iso2: str = Field(pattern=r"^[A-Z]{2}$")
    m49: int = Field(ge=1, le=999)
    subregion: SubregionKey
    sovereign: bool


class Synonyms(Strict):
    es: list[str] = []
    en: list[str] = []
    fr: list[str] = []
    pt: list[str] = []


class ThemeSpec(Strict):
    id: str = Field(pattern=CONCEPT_ID)
    labels: Labels
    synonyms: Synonyms = Synonyms()
    definition: dict[LanguageCode, str] = {}
    crosswalk: dict[str, list[str]] = {}


class FrameworkItemSpec(Strict):
    code: str = Field(min_length=1)
    labels: Labels


class FrameworkSourceSpec(Strict):
    """A framework's source; its id is derived from the framework's (`framework-gcm`)."""

    title: str = Field(min_length=1)
    publisher: str = Field(min_length=1)
    language: LanguageCode | None = None
    publisher_language: LanguageCode | None = None
    url: WebAddress = ""
    consulted: datetime.date | None = None
    quality: SourceQuality | None = None


class FrameworkSpec(Strict):
    id: str = Field(pattern=CONCEPT_ID)
    labels: Labels
    source: FrameworkSourceSpec
    items: list[FrameworkItemSpec]
    machine_translated: list[LanguageCode] = []
    notes: str = ""

    @property
    def source_id(self) -> str:
        return f"framework-{self.id}"


@dataclass(frozen=True)
class Bundle:
    """The whole of the reference data, validated and cross-checked."""

    countries: list[CountrySpec]
    themes: list[ThemeSpec]
    frameworks: list[FrameworkSpec]
    mechanisms: list[MechanismSpec]
