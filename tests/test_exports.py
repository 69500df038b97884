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
    rows = list(csv.DictReader(io.StringIO(as_csv.content.decode())))
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
