"""A contribution reads the same through the API, the session's exports and the open-data
package: the same columns, in the same order, with the same values."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest

from sinergia.dialogue.models import Session
from sinergia.dialogue.shapes import CONTRIBUTION
from tests.dialogue.factories import ContributionFactory, mechanism_participant

pytestmark = pytest.mark.django_db


def test_api_exports_and_package_write_one_shape(client):
    session = Session.objects.get(key="cam-2023-05-09")
    contribution = ContributionFactory(participant=mechanism_participant(session, "CRM"))
    api = client.get(f"/api/v1/contributions/{contribution.pk}").json()
    as_json = json.loads(client.get(f"/es/dialogue/{session.pk}/contributions.json").content)
    as_csv = list(csv.DictReader(io.StringIO(
        client.get(f"/es/dialogue/{session.pk}/contributions.csv").content.decode("utf-8-sig"))))  # fmt: skip
    content = b"".join(client.get("/api/v1/export/datapackage.zip").streaming_content)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        package = list(csv.DictReader(io.StringIO(archive.read("data/contributions.csv").decode())))

    assert list(api) == CONTRIBUTION.names
    exported = next(row for row in as_json if row["id"] == contribution.pk)
    assert exported == api
    assert list(as_csv[0]) == CONTRIBUTION.table_names == list(package[0])
    cells = next(row for row in as_csv if row["id"] == str(contribution.pk))
    assert next(row for row in package if row["id"] == str(contribution.pk)) == cells
    assert cells["participant"] == "CRM" and cells["session_key"] == session.key
