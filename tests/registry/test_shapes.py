"""A meeting reads the same through the API, the calendar's exports and the open-data
package: the same columns, in the same order, with the same values."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest

from sinergia.registry.models import Meeting
from sinergia.registry.shapes import MEETING

pytestmark = pytest.mark.django_db


def test_api_exports_and_package_write_one_shape(client):
    meeting = Meeting.objects.filter(mechanism__acronym="CSM").order_by("pk").first()
    assert meeting is not None, "the bundled registry has meetings of the CSM"
    api = next(m for m in client.get("/api/v1/meetings?mechanism=CSM").json()["meetings"]
               if m["id"] == meeting.pk)  # fmt: skip
    as_json = json.loads(client.get("/es/meetings/export.json?mechanism=CSM").content)
    as_csv = list(csv.DictReader(io.StringIO(client.get("/es/meetings/export.csv").text)))
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
