"""The open-data package, as a researcher downloads and validates it."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest
from frictionless import validate

from sinergia.practices.models import Practice, Status
from tests.practices.helpers import draft, state_focal_point

pytestmark = pytest.mark.django_db


def test_the_package_is_valid_and_holds_only_what_is_public(client, tmp_path):
    unpublished = draft(state_focal_point("COL"), title="Práctica aún no publicada")
    response = client.get("/api/v1/export/datapackage.zip")
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    content = b"".join(response.streaming_content)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        archive.extractall(tmp_path)

    report = validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]

    descriptor = json.loads((tmp_path / "datapackage.json").read_text())
    names = [resource["name"] for resource in descriptor["resources"]]
    assert {"mechanisms", "memberships", "themes", "crosswalks", "practices", "observations",
            "sources", "contributions"} <= set(names)  # fmt: skip
    for resource in descriptor["resources"]:
        assert resource["licenses"], resource["name"]

    with (tmp_path / "data" / "practices.csv").open(encoding="utf-8") as handle:
        titles = {row["title"] for row in csv.DictReader(handle)}
    assert len(titles) == Practice.objects.filter(status=Status.PUBLISHED).count()
    assert unpublished.title not in titles
    with (tmp_path / "data" / "observations.csv").open(encoding="utf-8") as handle:
        datasets = {row["dataset"] for row in csv.DictReader(handle)}
    assert datasets == {"undesa-stock-2020", "undesa-origin-2019", "unhcr-population"}
