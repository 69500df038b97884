"""Check the migrant-stock figures a Spanish or English text cites against UN DESA's data.

"En las Américas, según datos del 2020, se estima que hay un total de 73.5 millones de
migrantes internacionales, incluidos 58.7 millones en América del Norte y 12.5 millones en
América Latina y el Caribe" gives three findings: each cited figure with its area and year,
the value in the data, its source, and whether they agree within the text's rounding.

The work is linear in the length of the text: place names, sentence ends and years are
found in one pass each, and every figure then looks only at a bounded window around it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import asdict, dataclass
from decimal import Decimal
from functools import lru_cache

from babel import Locale

from sinergia.statistics import selectors
from sinergia.statistics.editions import STOCK_YEAR
from sinergia.vocabulary.text import fold

# Area names as texts write them (folded); they win over a country of the same name.
AREA_NAMES: dict[str, str] = {
    "las americas": "019", "the americas": "019", "americas": "019", "hemisferio": "019",
    "america del norte": "021", "norteamerica": "021", "northern america": "021",
    "north america": "021",
    "america latina y el caribe": "419", "latinoamerica y el caribe": "419",
    "latin america and the caribbean": "419",
    "el caribe": "029", "the caribbean": "029", "caribe": "029", "caribbean": "029",
    "centroamerica": "013", "america central": "013", "central america": "013",
    "sudamerica": "005", "suramerica": "005", "america del sur": "005", "south america": "005",
    "el mundo": "001", "the world": "001", "worldwide": "001", "mundo": "001", "world": "001",
}  # fmt: skip
UNITS = {
    "millones": 1_000_000, "millon": 1_000_000, "million": 1_000_000, "millions": 1_000_000,
    "mil": 1_000, "thousand": 1_000,
}  # fmt: skip

# The most findings one check returns: a text citing more is read up to there.
MAX_FINDINGS = 200
# How far from a figure its place may be named: before it, within its sentence and after the
# previous figure; after it, before the next figure.
CHARACTERS_BEFORE = 200
CHARACTERS_AFTER = 90

# A cited number: thousands written with separators (1,905,393) or a few digits with a
# decimal part (73.5); never a piece of a longer run of digits, so no figure has more than
# fifteen digits.
_FIGURE = re.compile(
    r"(?<![\d.,])(?P<number>\d{1,3}(?:[.,]\d{3}){1,4}(?![.,]?\d)|\d{1,12}(?:[.,]\d{1,6})?(?![.,]?\d))"
    r"(?:\s{0,5}(?P<unit>millones|millón|millon|millions?|mil|thousand)\b)?",
    re.IGNORECASE,
)
_THOUSANDS = re.compile(r"\d{1,3}(?:[.,]\d{3})+")
_SENTENCE_END = re.compile(r"[.!?;]\s")
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
DEFAULT_YEAR = STOCK_YEAR


@dataclass
class Finding:
    cited_text: str
    area: str  # M49
    area_name: str
    year: int
    cited_value: int
    tolerance: int
    data_value: int | None
    agrees: bool | None
    source: str

    def as_dict(self) -> dict[str, object]:
        return asdict(self)

    def sentence_en(self) -> str:
        if self.data_value is None:
            return f"“{self.cited_text}” ({self.area_name}, {self.year}): no data for this area and year."
        verdict = "agrees" if self.agrees else "DISAGREES"
        return (
            f"“{self.cited_text}” ({self.area_name}, {self.year}): the data give "
            f"{self.data_value:,} — {verdict} within the text's rounding (±{self.tolerance:,}). "
            f"Source: {self.source}"
        )


@lru_cache(maxsize=1)
def _place_codes() -> dict[str, str]:
    """Folded place names to M49 codes: CLDR country names in Spanish and English (longer
    than three letters, so that no abbreviation is taken for a country), then the areas."""
    codes: dict[str, str] = {}
    for language in ("es", "en"):
        for iso2, name in Locale.parse(language).territories.items():
            if iso2.isalpha() and len(iso2) == 2 and len(fold(name)) > 3:
                m49 = selectors.m49_of_iso2(iso2)
                if m49:
                    codes[fold(name)] = m49
    codes.update(AREA_NAMES)
    return codes


@lru_cache(maxsize=1)
def _place_pattern() -> re.Pattern[str]:
    """Every place name in one alternation, longest first, so "america latina y el caribe"
    is read whole rather than as "el caribe"."""
    names = sorted(_place_codes(), key=lambda name: (-len(name), name))
    return re.compile(r"\b(?:" + "|".join(re.escape(name) for name in names) + r")\b")


def _folded_with_positions(text: str) -> tuple[str, list[int]]:
    """`text` folded, and for each folded character the position of its source character
    (folding may change the length: "ß" becomes "ss"), with len(text) appended."""
    table = {ord(char): fold(char) for char in set(text)}
    if all(len(folded) == 1 for folded in table.values()):
        return text.translate(table), [*range(len(text) + 1)]
    positions = [
        position for position, char in enumerate(text) for _ in range(len(table[ord(char)]))
    ]
    return text.translate(table), [*positions, len(text)]


@dataclass(frozen=True)
class _Place:
    start: int  # in the text as given
    end: int
    code: str  # M49


def _places(text: str) -> list[_Place]:
    """The place names of `text`, in order, found in one pass."""
    folded, positions = _folded_with_positions(text)
    codes = _place_codes()
    return [
        _Place(positions[match.start()], positions[match.end() - 1] + 1, codes[match.group(0)])
        for match in _place_pattern().finditer(folded)
    ]


def _value(number: str, unit: str | None) -> tuple[int, int]:
    """The cited number in persons, and half a unit of its last digit (the rounding)."""
    multiplier = UNITS.get(fold(unit or ""), 1)
    # "1,905,393" is a whole number; so is "1.905.393 mil", but "1.9 mil" is not.
    if _THOUSANDS.fullmatch(number) and (unit is None or len(re.findall(r"[.,]", number)) > 1):
        return int(re.sub(r"[.,]", "", number)) * multiplier, multiplier // 2
    decimal = Decimal(number.replace(",", "."))
    exponent = decimal.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    tolerance = int(Decimal(5) * Decimal(10) ** (-(places + 1)) * multiplier)
    return int(decimal * multiplier), tolerance


def _figures(text: str) -> list[re.Match[str]]:
    """The numbers that cite a stock: with a unit, or thousands with separators; a bare
    number is a year or a paragraph, and a year is never a stock."""
    return [
        match
        for match in _FIGURE.finditer(text)
        if (match.group("unit") is not None or _THOUSANDS.fullmatch(match.group("number")))
        and not _YEAR.fullmatch(match.group("number"))
    ]


def check_figures(text: str) -> list[Finding]:
    """The migrant-stock figures (millions or thousands of persons) cited in `text`, at most
    MAX_FINDINGS of them, in the order of the text.

    A figure's place is the nearest place named before it in its sentence, after the
    previous figure and its place; failing that, the first named right after it. Its year
    is the last year named before it in its sentence, else the last in the text, else 2020.
    """
    cited = _cited_places(text)
    totals, source = selectors.stock_totals({code for _match, code, _year in cited})
    names = {code: selectors.area_name(code) for code in {code for _match, code, _year in cited}}
    findings = []
    for match, code, year in cited:
        value, tolerance = _value(match.group("number"), match.group("unit"))
        total = totals.get((code, year))
        findings.append(
            Finding(
                cited_text=match.group(0).strip(),
                area=code,
                area_name=names[code],
                year=year,
                cited_value=value,
                tolerance=tolerance,
                data_value=total,
                agrees=abs(total - value) <= tolerance if total is not None else None,
                source=source if total is not None else "",
            )
        )
    return findings


def _cited_places(text: str) -> list[tuple[re.Match[str], str, int]]:
    """The first MAX_FINDINGS figures that have a place: each with its M49 code and year."""
    figures = _figures(text)
    if not figures:
        return []
    places = _places(text)
    place_starts = [place.start for place in places]
    sentence_starts = [end.end() for end in _SENTENCE_END.finditer(text)]
    years = list(_YEAR.finditer(text))
    year_ends = [year.end() for year in years]
    cited: list[tuple[re.Match[str], str, int]] = []
    taken = 0  # where the previous figure, or the place after it that it took, ends
    for index, match in enumerate(figures):
        if len(cited) >= MAX_FINDINGS:
            break
        start, end = match.start(), match.end()
        sentence_index = bisect_right(sentence_starts, start)
        sentence = sentence_starts[sentence_index - 1] if sentence_index else 0
        after_end = min(
            figures[index + 1].start() if index + 1 < len(figures) else len(text),
            sentence_starts[sentence_index] if sentence_index < len(sentence_starts) else len(text),
            end + CHARACTERS_AFTER,
        )
        window_start = max(sentence, taken, start - CHARACTERS_BEFORE)
        taken = end
        # Place names hold no digits, so none overlaps a figure.
        before = bisect_left(place_starts, start) - 1
        after = bisect_left(place_starts, end)
        if before >= 0 and places[before].start >= window_start:
            place = places[before]
        elif after < len(places) and places[after].start < after_end:
            place = places[after]
            taken = place.end  # spoken for: the next figure cannot take it
        else:
            continue
        year_index = bisect_right(year_ends, start) - 1
        if year_index >= 0 and years[year_index].start() >= sentence:
            year = int(years[year_index].group(0))
        else:
            year = int(years[-1].group(0)) if years else DEFAULT_YEAR
        cited.append((match, place.code, year))
    return cited


# The first sentence of the CAM concept note (9 May 2023), whose figures the home page checks.
CONCEPT_NOTE_SENTENCE = (
    "En las Américas, según datos del 2020, se estima que hay un total de 73.5 millones de "
    "migrantes internacionales, incluidos 58.7 millones en América del Norte y 12.5 millones "
    "en América Latina y el Caribe"
)
