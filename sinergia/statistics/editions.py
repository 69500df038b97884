"""The editions of the statistics Sinergia ships: what each dataset is and who publishes it."""

from __future__ import annotations

from dataclasses import dataclass

# The years of UN DESA's International Migrant Stock 2020, and the latest: the year pages,
# the API and the report show unless asked for another.
STOCK_YEARS = (1990, 1995, 2000, 2005, 2010, 2015, 2020)
STOCK_YEAR = STOCK_YEARS[-1]
# The year of UN DESA's origin–destination matrix.
ORIGIN_YEAR = 2019
# The years of UNHCR's population table, and the last full year, which pages show.
REFUGEE_YEARS = range(2015, 2026)
REFUGEE_YEAR = 2024


@dataclass(frozen=True)
class DatasetInfo:
    key: str
    title: str
    publisher: str
    edition: str
    licence: str
    citation: str
    url: str


UNDESA_STOCK = DatasetInfo(
    key="undesa-stock-2020",
    title="International Migrant Stock 2020: Destination (Table 1)",
    publisher="United Nations Department of Economic and Social Affairs, Population Division",
    edition="2020 (POP/DB/MIG/Stock/Rev.2020)",
    licence="CC BY 3.0 IGO",
    citation="United Nations Department of Economic and Social Affairs, Population Division (2020). "
    "International Migrant Stock 2020.",
    url="https://www.un.org/development/desa/pd/content/international-migrant-stock",
)


UNDESA_ORIGIN = DatasetInfo(
    key="undesa-origin-2019",
    title="International Migrant Stock 2019: by destination and origin",
    publisher="United Nations Department of Economic and Social Affairs, Population Division",
    edition="2019 (POP/DB/MIG/Stock/Rev.2019), cleaned wide extract",
    licence="CC BY 3.0 IGO",
    citation="United Nations Department of Economic and Social Affairs, Population Division (2019). "
    "International Migrant Stock 2019.",
    url="https://www.un.org/development/desa/pd/content/international-migrant-stock",
)


UNHCR_POPULATION = DatasetInfo(
    key="unhcr-population",
    title="Refugee Population Statistics Database: population figures",
    publisher="Office of the United Nations High Commissioner for Refugees (UNHCR)",
    edition="refugees R package 2025.12.1 (Global Trends 2025), 2015 onwards",
    licence="CC BY 4.0",
    citation="UNHCR Refugee Population Statistics Database, https://www.unhcr.org/refugee-statistics/",
    url="https://www.unhcr.org/refugee-statistics/",
)
