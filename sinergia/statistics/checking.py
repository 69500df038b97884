"""Check the migrant-stock figures a Spanish or English text cites against UN DESA's data.

"En las Américas, según datos del 2020, se estima que hay un total de 73.5 millones de
migrantes internacionales, incluidos 58.7 millones en América del Norte y 12.5 millones en
América Latina y el Caribe" gives three findings: each cited figure with its area and year,
the value in the data, its source, and whether they agree within the text's rounding.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from decimal import Decimal
from functools import lru_cache

from babel import Locale

from sinergia.statistics import selectors
from sinergia.vocabulary.text import fold

# Area names as texts write them (folded), longest first when matching.
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
_FIGURE = re.compile(
    r"(?P<number>\d{1,3}(?:[.,]\d{3})+|\d+(?:[.,]\d+)?)\s*(?P<unit>millones|millón|millon|millions?|mil|thousand)?",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?;]\s")
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")


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
def _country_names() -> dict[str, str]:
    """CLDR country names in Spanish and English, folded, to ISO 3166 alpha-2."""
    names: dict[str, str] = {}
    for language in ("es", "en"):
        for code, name in Locale.parse(language).territories.items():
            if code.isalpha() and len(code) == 2:
                names[fold(name)] = code
    return names


def _area_in(text: str, countries: dict[str, str]) -> str | None:
    """The M49 code of the area `text` names, the longest name found first."""
    folded = fold(text)
    best: tuple[int, str] | None = None
    for name, code in AREA_NAMES.items():
        if re.search(rf"\b{re.escape(name)}\b", folded) and (best is None or len(name) > best[0]):
            best = (len(name), code)
    if best:
        return best[1]
    for name, iso2 in countries.items():
        if len(name) > 3 and re.search(rf"\b{re.escape(name)}\b", folded):
            return selectors.m49_of_iso2(iso2)
    return None


def _value(number: str, unit: str | None) -> tuple[int, int]:
    """The cited number in persons, and half a unit of its last digit (the rounding)."""
    multiplier = UNITS.get(fold(unit or ""), 1)
    if unit is None and re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", number):
        digits = re.sub(r"[.,]", "", number)
        return int(digits), 0
    decimal = Decimal(number.replace(",", "."))
    exponent = decimal.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    tolerance = int(Decimal(5) * Decimal(10) ** (-(places + 1)) * multiplier)
    return int(decimal * multiplier), tolerance


def check_figures(text: str) -> list[Finding]:
    """Every migrant-stock figure (millions or thousands of persons) cited in `text`."""
    countries = _country_names()
    findings = []
    matches = list(_FIGURE.finditer(text))
    for index, match in enumerate(matches):
        number, unit = match.group("number"), match.group("unit")
        if unit is None and not re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", number):
            continue  # a bare number is a year or a paragraph, not a stock figure
        if _YEAR.fullmatch(number):
            continue
        after_end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        after = text[match.end() : min(after_end, match.end() + 90)]
        # A sentence ends at a full stop followed by a space, not at the point of "73.5".
        sentence_start = max(
            (end.end() for end in _SENTENCE_END.finditer(text, 0, match.start())), default=0
        )
        before = text[sentence_start : match.start()]
        area = _area_in(after, countries) or _area_in(before, countries)
        if area is None:
            continue
        years = _YEAR.findall(text[sentence_start : match.start()]) or _YEAR.findall(text)
        year = int(years[-1]) if years else 2020
        cited, tolerance = _value(number, unit)
        data = selectors.migrant_stock(area, year)
        findings.append(
            Finding(
                cited_text=text[match.start() : match.end()].strip(),
                area=area,
                area_name=selectors.area_name(area),
                year=year,
                cited_value=cited,
                tolerance=tolerance,
                data_value=data.total if data else None,
                agrees=(abs(data.total - cited) <= tolerance) if data else None,
                source=data.source if data else "",
            )
        )
    return findings


# The first sentence of the CAM concept note (9 May 2023), whose figures the home page checks.
CONCEPT_NOTE_SENTENCE = (
    "En las Américas, según datos del 2020, se estima que hay un total de 73.5 millones de "
    "migrantes internacionales, incluidos 58.7 millones en América del Norte y 12.5 millones "
    "en América Latina y el Caribe"
)
