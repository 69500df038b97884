"""A meeting reads the same through the API, the calendar's exports and the open-data
package: the same columns, in the same order, with the same values."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest

from sinergia.registry.models import Meeting
from sinergia.registry.shapes import COUNTRY, MECHANISM, MEETING

pytestmark = pytest.mark.django_db


def test_api_exports_and_package_write_one_shape(client):
    meeting = Meeting.objects.filter(mechanism__acronym="CSM").order_by("pk").first()
    assert meeting is not None, "the bundled registry has meetings of the CSM"
    api = next(m for m in client.get("/api/v1/meetings?mechanism=CSM").json()["meetings"]
               if m["id"] == meeting.pk)  # fmt: skip
    as_json = json.loads(client.get("/es/meetings/export.json?mechanism=CSM").content)
    as_csv = list(
        csv.DictReader(
            io.StringIO(client.get("/es/meetings/export.csv").content.decode("utf-8-sig"))
        )
    )
    content = b"".join(client.get("/api/v1/export/datapackage.zip").streaming_content)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        package = list(csv.DictReader(io.StringIO(archive.read("data/meetings.csv").decode())))

    assert list(api) == MEETING.names
    exported = next(row for row in as_json if row["id"] == meeting.pk)
    assert list(exported) == MEETING.names
    assert api == exported
    cells = next(row for row in as_csv if row["id"] == str(meeting.pk))
    assert list(cells) == MEETING.names == list(package[0])
    assert next(row for row in package if row["id"] == str(meeting.pk)) == cells


def _package_table(client, name):
    content = b"".join(client.get("/api/v1/export/datapackage.zip").streaming_content)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return list(csv.DictReader(io.StringIO(archive.read(f"data/{name}.csv").decode())))


@pytest.mark.parametrize(
    ("shape", "api", "export", "key", "value"),
    [
        (MECHANISM, "/api/v1/mechanisms", "/es/mechanisms/export", "acronym", "CRM"),
        (COUNTRY, "/api/v1/countries", "/es/countries/export", "iso3", "COL"),
    ],
)
def test_mechanisms_and_countries_write_one_shape(client, shape, api, export, key, value):
    from_api = next(row for row in client.get(api).json() if row[key] == value)
    as_json = next(row for row in json.loads(client.get(f"{export}.json").content)
                   if row[key] == value)  # fmt: skip
    as_csv = list(
        csv.DictReader(io.StringIO(client.get(f"{export}.csv").content.decode("utf-8-sig")))
    )
    package = _package_table(client, export.split("/")[2])

    assert list(from_api)[: len(shape.names)] == shape.names
    assert {name: from_api[name] for name in shape.names} == as_json
    assert list(as_csv[0]) == shape.table_names == list(package[0])
    cells = next(row for row in as_csv if row[key] == value)
    assert next(row for row in package if row[key] == value) == cells
    assert cells["name_fr"] == as_json["names"]["fr"]
