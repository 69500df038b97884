"""Figures as UN DESA and UNHCR publish them, through selectors, the API and the pages."""

from __future__ import annotations

import pytest

from sinergia.i18n import LANGUAGE_CODES
from sinergia.statistics import selectors
from sinergia.statistics.checking import CONCEPT_NOTE_SENTENCE, MAX_FINDINGS, check_figures

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "area,total",
    [
        ("019", 73_503_418),  # Northern America + Latin America and the Caribbean
        ("021", 58_708_795),
        ("419", 14_794_623),
        ("029", 1_605_148),
        ("013", 2_302_001),
        ("005", 10_887_474),
        ("001", 280_598_105),
        ("USA", 50_632_836),
        ("COL", 1_905_393),
    ],
)
def test_migrant_stock_2020_as_published(client, area, total):
    body = client.get("/api/v1/statistics/migrant-stock", {"area": area, "year": 2020}).json()
    assert body["total"] == total
    assert "International Migrant Stock 2020" in body["source"]


def test_series_by_sex_add_up(client):
    body = client.get("/api/v1/statistics/migrant-stock", {"area": "CAN", "year": 1990}).json()
    assert body["male"] + body["female"] == body["total"]


def test_origins_and_refugees(client):
    origins = client.get("/api/v1/statistics/origins", {"destination": "USA", "year": 2019}).json()
    assert origins["origins"][0] == {
        "origin": "484",
        "iso3": "MEX",
        "name": origins["origins"][0]["name"],
        "persons": 11_489_684,
    }
    refugees = client.get("/api/v1/statistics/refugees", {"country": "COL", "year": 2020}).json()
    assert refugees["other_in_need_of_protection"] == 1_729_537
    venezuela = client.get("/api/v1/statistics/refugees", {"country": "VEN", "year": 2020}).json()
    assert venezuela["refugees_from"] == 171_112
    assert venezuela["other_in_need_of_protection_from"] == 3_862_102


def test_unknown_area_is_a_problem_document(client):
    response = client.get("/api/v1/statistics/migrant-stock", {"area": "999"})
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_the_concept_notes_figures_are_checked():
    findings = {finding.area: finding for finding in check_figures(CONCEPT_NOTE_SENTENCE)}
    assert set(findings) == {"019", "021", "419"}
    assert findings["019"].agrees and findings["021"].agrees
    lac = findings["419"]
    assert lac.agrees is False
    assert lac.cited_value == 12_500_000 and lac.data_value == 14_794_623
    assert lac.year == 2020


def test_english_text_and_rounding():
    [finding] = check_figures("In 2020 Colombia was home to 1.9 million international migrants.")
    assert finding.area == "170" and finding.agrees and finding.tolerance == 50_000
    [finding] = check_figures("In 2020 Colombia was home to 1.91 million international migrants.")
    assert finding.agrees is True and finding.tolerance == 5_000
    [finding] = check_figures("En 2020 Colombia acogía a 2 millones de migrantes.")
    assert finding.agrees is True  # 1.9 million rounds to 2 million


@pytest.mark.parametrize(
    "text",
    [
        "En 2020 Colombia acogía a 1,9 millones de migrantes internacionales y Estados Unidos "
        "a 50,6 millones.",
        "In 2020 Colombia hosted 1.9 million international migrants and the United States "
        "50.6 million.",
    ],
)
def test_each_figure_goes_with_the_place_named_just_before_it(text):
    colombia = selectors.migrant_stock("COL", 2020)
    united_states = selectors.migrant_stock("USA", 2020)
    assert colombia and united_states
    first, second = check_figures(text)
    assert (first.area, first.cited_value, first.data_value) == ("170", 1_900_000, colombia.total)
    assert (second.area, second.cited_value, second.data_value) == (
        "840",
        50_600_000,
        united_states.total,
    )
    assert first.agrees and second.agrees and first.year == second.year == 2020


def test_a_place_named_after_a_figure_is_not_taken_again_by_the_next():
    findings = check_figures("Hubo 1,9 millones en Colombia y 1,3 millones en el Perú.")
    assert [finding.area for finding in findings] == ["170", "604"]


def test_letters_that_fold_to_two_keep_places_where_they_are():
    # "ﬁ" and "ß" fold to two letters each: the place must still be read before the figure.
    [finding] = check_figures("La ﬁla de Straße: en 2015 el Perú acogía 0,1 millones.")
    assert finding.area == "604" and finding.year == 2015


def test_figures_without_a_place_numbers_and_years_are_not_findings():
    assert check_figures("En 2020 hubo 1,9 millones de migrantes.") == []
    assert check_figures("Colombia: " + "1" * 5_000 + " millones, " + "1,000" * 2_000) == []
    [finding] = check_figures("En 2020 Colombia acogía a 1.905.393 mil migrantes.")
    assert finding.cited_value == 1_905_393_000 and finding.agrees is False


def test_the_findings_are_capped():
    findings = check_figures("Colombia acogía 1,9 millones. " * 1_000)
    assert len(findings) == MAX_FINDINGS
    assert all(finding.area == "170" for finding in findings)


def test_home_page_flags_the_disagreement(client):
    html = client.get("/en/").content.decode()
    assert "14,794,623" in html and "does not agree" in html


@pytest.mark.parametrize("language", list(LANGUAGE_CODES))
def test_statistics_pages(client, language):
    assert client.get(f"/{language}/statistics/").status_code == 200
    assert client.get(f"/{language}/statistics/areas/019/").status_code == 200
    assert client.get(f"/{language}/statistics/areas/COL/").status_code == 200
    response = client.post(f"/{language}/statistics/check/", {"text": CONCEPT_NOTE_SENTENCE})
    assert response.status_code == 200
    assert client.get(f"/{language}/statistics/map-data.csv", {"year": 2015}).status_code == 200


def test_country_page_shows_its_statistics(client):
    html = client.get("/en/countries/COL/").content.decode()
    assert "1,905,393" in html and "UNHCR" in html


def test_a_list_of_places_and_a_list_of_figures_pair_respectively():
    findings = check_figures("Colombia y Perú acogen 2,9 y 1,5 millones de venezolanos.")
    assert [(f.area, f.cited_value, f.kind, f.origin) for f in findings] == [
        ("170", 2_900_000, "origin", "862"),
        ("604", 1_500_000, "origin", "862"),
    ]
    findings = check_figures(
        "In 2015, 0.13 and 0.15 million migrants lived in Colombia and Peru, respectively."
    )
    assert [(f.area, f.year, f.cited_value) for f in findings] == [
        ("170", 2015, 130_000),
        ("604", 2015, 150_000),
    ]
    assert [f.data_value for f in findings] == [
        selectors.migrant_stock("COL", 2015).total,
        selectors.migrant_stock("PER", 2015).total,
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Colombia acogía 1,9 millones de migrantes internacionales en 2020.",
        "1,9 millones de migrantes internacionales vivían en Colombia en 2020.",
        "Con 1,9 millones de migrantes internacionales, Colombia era en 2020 el primer destino.",
        "En 2020, la Colombie accueillait 1,9 million de migrants internationaux.",
        "Em 2020, a Colômbia abrigava 1,9 milhão de migrantes internacionais.",
    ],
)
def test_the_place_and_the_year_before_or_after_the_figure(text):
    [finding] = check_figures(text)
    assert (finding.area, finding.year, finding.year_stated) == ("170", 2020, True)
    assert finding.agrees


def test_a_year_goes_with_its_own_figure():
    first, second = check_figures(
        "Estados Unidos acogía 50,6 millones de migrantes en 2020 y 48,2 millones en 2015."
    )
    assert (first.year, second.year) == (2020, 2015)
    assert first.agrees and second.data_value == selectors.migrant_stock("USA", 2015).total


def test_kinds_qualifiers_and_what_is_no_figure():
    [refugees] = check_figures("A finales de 2020, México acogía 45.434 refugiados.")
    assert (refugees.kind, refugees.year, refugees.agrees) == ("refugees", 2020, True)
    [more] = check_figures("Colombia acoge a más de un millón de venezolanos.")
    assert (more.kind, more.qualifier, more.year_stated, more.agrees) == (
        "origin", "more_than", False, True,
    )  # fmt: skip
    assert check_figures("Estados Unidos donó 40 millones de dólares a Colombia.") == []
    assert check_figures("En 2017, 1,5 millones de personas abandonaron Venezuela.") == []
    assert check_figures("En Chile viven 1.251.225 extranjeros: 646.128 hombres.")[1:] == []


@pytest.mark.parametrize(
    "language,kind,source",
    [
        ("es", "migrantes procedentes de Venezuela", "International Migrant Stock 2019"),
        ("en", "migrants from Venezuela", "International Migrant Stock 2019"),
        ("fr", "migrants originaires de Venezuela", "International Migrant Stock 2019"),
        ("pt", "migrantes provenientes de Venezuela", "International Migrant Stock 2019"),
    ],
)
def test_the_check_page_names_each_kind_and_its_source(client, language, kind, source):
    text = (
        "En 2019 Colombia acogía a 1,05 millones de venezolanos. En 2020 México acogía "
        "45.434 refugiados y Estados Unidos a 50,6 millones de migrantes internacionales."
    )
    response = client.post(f"/{language}/statistics/check/", {"text": text})
    html = response.content.decode()
    assert [f.kind for f in response.context["findings"]] == ["origin", "refugees", "stock"]
    assert all(f.agrees for f in response.context["findings"])
    assert kind in html and source in html
    assert "UNHCR" in html and "International Migrant Stock 2020" in html


@pytest.mark.parametrize(
    "text",
    [
        "En 2015 y 2020, Colombia acogía 0,14 y 1,9 millones de migrantes, respectivamente.",
        "Entre 2015 y 2020, Colombia pasó de 0,14 a 1,9 millones de migrantes.",
        "From 2015 to 2020, the number of migrants in Colombia rose from 0.14 to 1.9 million.",
    ],
)
def test_lists_and_ranges_of_years_go_with_lists_of_figures(text):
    findings = check_figures(text)
    assert [(f.area, f.year, f.cited_value) for f in findings] == [
        ("170", 2015, 140_000),
        ("170", 2020, 1_900_000),
    ]
    assert findings[1].agrees
