"""Check the migration figures a text cites against UN DESA's and UNHCR's data.

"En las Américas, según datos del 2020, se estima que hay un total de 73.5 millones de
migrantes internacionales, incluidos 58.7 millones en América del Norte y 12.5 millones en
América Latina y el Caribe" gives three findings: each cited figure with its area, year and
kind, the value in the data, its source, and whether they agree within the text's rounding
(or, for "más de", "casi", "menos de", as the text qualifies it).

`sinergia.statistics.reading` reads the text (in linear time); this module names the places
it may cite and compares each figure with the dataset of its kind: UN DESA's migrant stock
(international migrants), UN DESA's origin–destination matrix (migrants from one country),
UNHCR's refugees and asylum seekers.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from functools import lru_cache

import pycountry
from babel import Locale

from sinergia.statistics import reading, selectors
from sinergia.statistics.editions import ORIGIN_YEAR, REFUGEE_YEAR, STOCK_YEAR
from sinergia.statistics.models import Indicator
from sinergia.statistics.reading import Citation, Names
from sinergia.vocabulary.text import fold

# Area names as texts write them; they win over a country of the same name.
AREA_NAMES: dict[str, str] = {
    "las américas": "019", "the americas": "019", "américas": "019", "americas": "019",
    "hemisferio": "019", "les amériques": "019", "amériques": "019", "as américas": "019",
    "américa del norte": "021", "norteamérica": "021", "northern america": "021",
    "north america": "021", "amérique du nord": "021", "américa do norte": "021",
    "américa latina y el caribe": "419", "latinoamérica y el caribe": "419",
    "latin america and the caribbean": "419", "amérique latine et les caraïbes": "419",
    "amérique latine et caraïbes": "419", "américa latina e o caribe": "419",
    "américa latina e caribe": "419",
    "el caribe": "029", "the caribbean": "029", "caribe": "029", "caribbean": "029",
    "les caraïbes": "029", "caraïbes": "029", "o caribe": "029",
    "centroamérica": "013", "américa central": "013", "central america": "013",
    "amérique centrale": "013",
    "sudamérica": "005", "suramérica": "005", "américa del sur": "005", "south america": "005",
    "amérique du sud": "005", "américa do sul": "005",
    "el mundo": "001", "the world": "001", "worldwide": "001", "mundo": "001", "world": "001",
    "le monde": "001", "monde": "001", "o mundo": "001",
    "europa": "150", "europe": "150", "asia": "142", "asie": "142", "ásia": "142",
    "africa": "002", "áfrica": "002", "afrique": "002", "oceanía": "009", "oceania": "009",
    "océanie": "009",
}  # fmt: skip
# Short names that CLDR leaves out.
SHORT_NAMES: dict[str, str] = {
    "EE. UU.": "840", "EE.UU.": "840", "EEUU": "840", "U.S.": "840", "EUA": "840",
    "Estados Unidos de América": "840", "Venezuela": "862", "Bolivia": "068",
    "República Bolivariana de Venezuela": "862", "el Perú": "604", "le Pérou": "604",
    "Arabia Saudita": "682", "Federación de Rusia": "643",
}  # fmt: skip
# Short names read only as written: "US", not the pronoun "us".
CASED_NAMES = {"US": "840"}
LANGUAGES = ("es", "en", "fr", "pt")

# The most findings one check returns: a text citing more is read up to there.
MAX_FINDINGS = reading.MAX_FIGURES
DEFAULT_YEAR = STOCK_YEAR
# Where the text names no year, a figure is compared with the latest year of its dataset.
LATEST_YEAR = {
    reading.STOCK: STOCK_YEAR,
    reading.ORIGIN: ORIGIN_YEAR,
    reading.REFUGEES: REFUGEE_YEAR,
    reading.ASYLUM_SEEKERS: REFUGEE_YEAR,
}
UNHCR_INDICATORS = {
    reading.REFUGEES: Indicator.REFUGEES,
    reading.ASYLUM_SEEKERS: Indicator.ASYLUM_SEEKERS,
}


@dataclass
class Finding:
    cited_text: str
    area: str  # M49
    area_name: str
    year: int
    year_stated: bool  # False where the text names none: the latest of the data is assumed
    kind: str  # one of reading.KINDS
    origin: str  # M49, for a figure of migrants from one country
    origin_name: str
    qualifier: str  # one of reading's EXACT, MORE_THAN, LESS_THAN, NEARLY
    cited_value: int
    tolerance: int
    data_value: int | None
    agrees: bool | None
    source: str

    def as_dict(self) -> dict[str, object]:
        return asdict(self)

    def sentence_en(self) -> str:
        what = f"{self.area_name}, {self.year}, {self.kind.replace('_', ' ')}"
        if self.origin_name:
            what += f" from {self.origin_name}"
        if self.data_value is None:
            return f"“{self.cited_text}” ({what}): no data for this area, year and kind."
        verdict = "agrees" if self.agrees else "DISAGREES"
        within = (
            f"within the text's rounding (±{self.tolerance:,})"
            if self.qualifier == reading.EXACT
            else f"as the text qualifies it ({self.qualifier.replace('_', ' ')})"
        )
        return (
            f"“{self.cited_text}” ({what}): the data give {self.data_value:,} — {verdict} "
            f"{within}. Source: {self.source}"
        )


@lru_cache(maxsize=1)
def place_names() -> Names:
    """Place names to M49 codes: CLDR country names in the four languages (longer than
    three letters, so that no abbreviation is taken for a country), short names, then the
    areas; and demonyms to the M49 code of their country."""
    codes: dict[str, str] = {}
    for language in LANGUAGES:
        for iso2, name in Locale.parse(language).territories.items():
            if iso2.isalpha() and len(iso2) == 2 and len(fold(name)) > 3:
                m49 = selectors.m49_of_iso2(iso2)
                if m49:
                    codes[name] = m49
    codes.update(SHORT_NAMES)
    codes.update(AREA_NAMES)
    demonyms = {prefix: m49_of_iso3(iso3) for prefix, iso3 in reading.DEMONYMS.items()}
    return Names.from_names(codes, CASED_NAMES, demonyms)


def m49_of_iso3(iso3: str) -> str:
    country = pycountry.countries.get(alpha_3=iso3)
    return country.numeric if country else ""


def agrees(cited: Citation, data_value: int) -> bool:
    """Whether the data confirm the figure as the text qualifies it."""
    if cited.qualifier == reading.MORE_THAN:
        return data_value >= cited.value
    if cited.qualifier == reading.LESS_THAN:
        return data_value <= cited.value
    if cited.qualifier == reading.NEARLY:
        return cited.value * 0.9 <= data_value <= cited.value
    return abs(data_value - cited.value) <= cited.tolerance


def check_figures(text: str) -> list[Finding]:
    """The figures of persons cited in `text` with a place, at most MAX_FINDINGS of them, in
    the order of the text, each compared with the data of its kind for its place and year
    (the latest year of that data where the text names none)."""
    citations = reading.read_figures(text, place_names())
    for_origin = [c for c in citations if c.kind == reading.ORIGIN]
    areas = {c.place for c in citations} | {c.origin for c in for_origin}
    stock, stock_source = selectors.stock_totals(
        {c.place for c in citations if c.kind == reading.STOCK}
    )
    protection, protection_source = selectors.protection_totals(
        {c.place for c in citations if c.kind in UNHCR_INDICATORS}
    )
    by_origin, origin_source = selectors.origin_totals({c.place for c in for_origin})
    names = {code: selectors.area_name(code) for code in areas - {""}}
    findings = []
    for cited in citations:
        year = cited.year if cited.year is not None else LATEST_YEAR.get(cited.kind, DEFAULT_YEAR)
        origin = cited.origin
        data_value: int | None = None
        source = ""
        if cited.kind == reading.STOCK:
            data_value, source = stock.get((cited.place, year)), stock_source
        elif cited.kind in UNHCR_INDICATORS:
            key = (cited.place, UNHCR_INDICATORS[cited.kind], year)
            data_value, source = protection.get(key), protection_source
        elif cited.kind == reading.ORIGIN and origin:
            data_value, source = by_origin.get((cited.place, origin, year)), origin_source
        findings.append(
            Finding(
                cited_text=cited.text.strip(),
                area=cited.place,
                area_name=names[cited.place],
                year=year,
                year_stated=cited.year is not None,
                kind=cited.kind,
                origin=origin,
                origin_name=names.get(origin, ""),
                qualifier=cited.qualifier,
                cited_value=cited.value,
                tolerance=cited.tolerance,
                data_value=data_value,
                agrees=agrees(cited, data_value) if data_value is not None else None,
                source=source if data_value is not None else "",
            )
        )
    return findings


# The first sentence of the CAM concept note (9 May 2023), whose figures the home page checks.
CONCEPT_NOTE_SENTENCE = (
    "En las Américas, según datos del 2020, se estima que hay un total de 73.5 millones de "
    "migrantes internacionales, incluidos 58.7 millones en América del Norte y 12.5 millones "
    "en América Latina y el Caribe"
)
