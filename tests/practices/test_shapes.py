"""A published practice reads the same through the API, the exports and the open-data
package: the same columns, in the same order, with the same values."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest

from sinergia.practices.models import Practice, Status
from sinergia.practices.shapes import PRACTICE

pytestmark = pytest.mark.django_db


def _published() -> Practice:
    practice = (
        Practice.objects.filter(status=Status.PUBLISHED)
        .exclude(links=[])
        .exclude(implementing_institutions=[])
        .order_by("pk")
        .first()
    )
    assert practice is not None, "the demonstration practices include published ones"
    return practice


def _package_rows(client) -> tuple[list[str], dict[str, dict[str, str]], list[dict]]:
    content = b"".join(client.get("/api/v1/export/datapackage.zip").streaming_content)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        descriptor = json.loads(archive.read("datapackage.json"))
        reader = csv.DictReader(io.StringIO(archive.read("data/practices.csv").decode()))
        rows = {row["id"]: row for row in reader}
    fields = next(r for r in descriptor["resources"] if r["name"] == "practices")["schema"]
    return list(reader.fieldnames or []), rows, fields["fields"]


def test_api_exports_and_package_write_one_shape(client):
    practice = _published()
    title = practice.title
    api = client.get(f"/api/v1/practices/{practice.pk}").json()
    as_json = json.loads(client.get("/es/practices/export.json", {"q": title}).content)
    as_csv = list(
        csv.DictReader(
            io.StringIO(
                client.get("/es/practices/export.csv", {"q": title}).content.decode("utf-8-sig")
            )
        )
    )
    header, package, package_fields = _package_rows(client)

    assert list(api)[: len(PRACTICE.names)] == PRACTICE.names
    assert list(as_json[0]) == PRACTICE.names
    assert list(as_csv[0]) == PRACTICE.names
    assert header == PRACTICE.names
    assert [f["description"] for f in package_fields] == [c.description for c in PRACTICE.columns]

    exported = next(row for row in as_json if row["id"] == practice.pk)
    assert {name: api[name] for name in PRACTICE.names} == exported
    cells = next(row for row in as_csv if row["id"] == str(practice.pk))
    assert package[str(practice.pk)] == cells
    assert cells["links"] == "; ".join(link["url"] for link in api["links"])
    assert cells["countries"] == "; ".join(api["countries"])
