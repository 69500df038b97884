"""Every list in the product downloads as CSV, XLSX and JSON, with what the list shows."""

from __future__ import annotations

import csv
import io
import json

import pytest
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db

LISTS = [
    ("/es/mechanisms/", "/es/mechanisms/export.{fmt}", "acronym", "CRM"),
    ("/es/countries/", "/es/countries/export.{fmt}", "iso3", "COL"),
    ("/es/themes/", "/es/themes/export.{fmt}", "key", "regularization"),
    ("/es/meetings/", "/es/meetings/export.{fmt}", "mechanism", "CSM"),
    ("/es/practices/", "/es/practices/export.{fmt}", "language", "es"),
]


@pytest.mark.parametrize(("page", "export", "column", "value"), LISTS)
def test_each_list_downloads_in_three_formats(client, page, export, column, value):
    assert export.format(fmt="csv").split("?")[0] in client.get(page).content.decode()
    as_csv = client.get(export.format(fmt="csv"))
    rows = list(csv.DictReader(io.StringIO(as_csv.content.decode("utf-8-sig"))))
    assert value in {row[column] for row in rows}
    as_json = json.loads(client.get(export.format(fmt="json")).content)
    assert len(as_json) == len(rows)
    workbook = load_workbook(io.BytesIO(client.get(export.format(fmt="xlsx")).content))
    sheet = workbook.worksheets[0]
    assert sheet.max_row == len(rows) + 1
    assert client.get(export.format(fmt="exe")).status_code == 404


def test_the_mechanism_export_keeps_the_filters(client):
    rows = json.loads(client.get("/es/mechanisms/export.json?scope=subregional").content)
    assert rows and all(row["scope"] == "subregional" for row in rows)


def test_a_formula_in_a_cell_is_made_inert(client, django_user_model):
    from sinergia.accounts.services import SystemActor
    from sinergia.registry.models import Mechanism
    from sinergia.registry.services import meeting_add

    meeting_add(
        actor=SystemActor("test"),
        mechanism=Mechanism.objects.get(acronym="CRM"),
        title='=HYPERLINK("http://evil")',
        date=__import__("datetime").date(2027, 1, 5),
    )
    text = client.get("/es/meetings/export.csv?mechanism=CRM").content.decode()
    assert "'=HYPERLINK" in text


# Every address that downloads a table, by URL name, with the values of its other parts.
# A new export address fails `test_every_csv_export_is_walked` until it is added here.
EXPORT_ADDRESSES = {
    "mechanism_export": [{}],
    "country_export": [{}],
    "theme_export": [{}],
    "practice_export": [{}],
    "meeting_export": [{}],
    "action_export": [{}],
    "contribution_export": "sessions",
    "statistics_map_data": [{}],
    "statistics_area_data": [{"code": "019"}, {"code": "COL"}],
    "synergy_chart_data": "charts",
    "synergy_state_chart_data": "state_charts",
}


def _export_names():
    from django.urls import get_resolver

    names = set()

    def walk(patterns):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                walk(pattern.url_patterns)
            elif pattern.name and "fmt" in pattern.pattern.converters:
                names.add(pattern.name)

    walk(get_resolver().url_patterns)
    # Reports, drafts and final versions alike, are PDF, Word and HTML, never CSV.
    return names - {"session_report", "report_final_file", "report_draft_preview"}


def _export_kwargs(name):
    from sinergia.dialogue.models import Session
    from sinergia.synergy.charts import CHARTS, STATE_CHARTS

    given = EXPORT_ADDRESSES[name]
    if given == "sessions":
        return [{"pk": Session.objects.get(key="cam-2023-05-09").pk}]
    if given == "charts":
        return [{"name": chart} for chart in CHARTS]
    if given == "state_charts":
        return [{"iso3": "GTM", "name": chart} for chart in STATE_CHARTS]
    return given


def test_every_csv_export_is_walked():
    assert _export_names() == set(EXPORT_ADDRESSES)


@pytest.mark.parametrize("language", ["es", "en"])
def test_every_csv_export_opens_cleanly_in_a_spreadsheet(client, language):
    """UTF-8 behind a byte-order mark (spreadsheet programs then read accents right), a
    table that parses, and column names that are unique."""
    from django.urls import reverse
    from django.utils import translation

    walked = 0
    for name in sorted(EXPORT_ADDRESSES):
        for kwargs in _export_kwargs(name):
            with translation.override(language):
                address = reverse(name, kwargs={**kwargs, "fmt": "csv"})
            response = client.get(address)
            assert response.status_code == 200, address
            assert response["Content-Type"] == "text/csv; charset=utf-8", address
            assert response.content.startswith(b"\xef\xbb\xbf"), address
            text = response.content.decode("utf-8-sig")
            assert not text.startswith("\ufeff"), address  # one mark, not two
            rows = list(csv.reader(io.StringIO(text, newline="")))
            header = rows[0]
            assert header and all(header), address
            assert len(header) == len(set(header)), (address, header)
            assert all(len(row) == len(header) for row in rows[1:]), address
            walked += 1
    assert walked >= len(EXPORT_ADDRESSES)


def test_the_overlap_table_names_both_mechanisms_apart(client):
    headers = {}
    for language in ("es", "en", "fr", "pt"):
        text = client.get(f"/{language}/synergy/charts/overlap/data.csv").content
        headers[language] = next(csv.reader(io.StringIO(text.decode("utf-8-sig"))))[:2]
    assert headers == {
        "es": ["Mecanismo A", "Mecanismo B"],
        "en": ["Mechanism A", "Mechanism B"],
        "fr": ["Mécanisme A", "Mécanisme B"],
        "pt": ["Mecanismo A", "Mecanismo B"],
    }


def test_a_table_with_two_columns_of_one_name_is_refused():
    from sinergia.downloads import csv_text, table_response

    with pytest.raises(ValueError, match="Two columns"):
        csv_text(["Mecanismo", "Mecanismo"], [])
    with pytest.raises(ValueError, match="Two columns"):
        table_response([], ["a", "a"], "xlsx", "test")


def test_the_open_data_package_csvs_stay_plain_utf8():
    """The package is read by programs (its descriptor says `utf-8`): no byte-order mark.
    (Built here without the stored copy, which other tests read for the data they write.)"""
    import zipfile

    from sinergia.opendata.package import datapackage_zip

    with zipfile.ZipFile(io.BytesIO(datapackage_zip())) as archive:
        names = [name for name in archive.namelist() if name.endswith(".csv")]
        assert names
        for name in names:
            assert not archive.read(name).startswith(b"\xef\xbb\xbf"), name
