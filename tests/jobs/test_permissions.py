"""The jobs' rows of the permission matrix in docs/security.md, for every role: only the
secretariat imports a file of practices or builds every report of a session; a job is
followed by whoever asked for it and the secretariat, and a report's job by anyone."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sinergia.dialogue.models import Session
from sinergia.jobs.models import Job, JobKind
from tests.factories import secretariat_user
from tests.practices.helpers import mechanism_focal_point, reviewer, state_focal_point

pytestmark = pytest.mark.django_db

ROLES = ["public", "state", "mechanism", "reviewer", "secretariat"]
ONLY_SECRETARIAT = {"public": False, "state": False, "mechanism": False, "reviewer": False,
                    "secretariat": True}  # fmt: skip


@pytest.fixture
def people():
    return {
        "public": None,
        "state": state_focal_point("COL"),
        "mechanism": mechanism_focal_point("CRM"),
        "reviewer": reviewer(),
        "secretariat": secretariat_user(),
    }


def login(client, people, role):
    if people[role] is not None:
        client.force_login(people[role])


@pytest.mark.parametrize("role", ROLES)
def test_import_a_file_of_practices(client, people, role):
    login(client, people, role)
    rows = [{"external_id": "perm-1", "title": "T", "summary": "S", "language": "es",
             "countries": ["COL"]}]  # fmt: skip
    response = client.post(
        "/en/practices/import/", {"file": SimpleUploadedFile("p.json", json.dumps(rows).encode())}
    )
    assert ("/jobs/" in response.get("Location", "")) == ONLY_SECRETARIAT[role]
    assert Job.objects.filter(kind=JobKind.IMPORT).exists() == ONLY_SECRETARIAT[role]


@pytest.mark.parametrize("role", ROLES)
def test_build_every_report_of_a_session(client, people, role, monkeypatch):
    from sinergia.dialogue.report import store

    monkeypatch.setattr(store, "report_render", lambda report, fmt: b"report")
    login(client, people, role)
    session = Session.objects.get(key="cam-2023-05-09")
    response = client.post(f"/en/dialogue/{session.pk}/reports/build/")
    assert (response.status_code == 302 and "/jobs/" in response["Location"]) == (
        ONLY_SECRETARIAT[role]
    )


@pytest.mark.parametrize("role", ROLES)
def test_follow_a_job(client, people, role):
    asker = state_focal_point("PER")
    private = Job.objects.create(kind=JobKind.IMPORT, key="import:x", requested_by=asker)
    public = Job.objects.create(kind=JobKind.PACKAGE, key="package:x", public=True)
    login(client, people, role)
    assert client.get(f"/en/jobs/{public.token}/").status_code == 200
    assert (client.get(f"/en/jobs/{private.token}/").status_code == 200) == (ONLY_SECRETARIAT[role])
    client.force_login(asker)
    assert client.get(f"/en/jobs/{private.token}/").status_code == 200
