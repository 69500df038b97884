"""Every cell of the permission matrix in docs/security.md, exercised over HTTP: the API for
writes, the pages for what each role may open. Roles: the public, a state focal point
(Colombia), a mechanism focal point (CRM), a reviewer, the secretariat."""

from __future__ import annotations

import pytest

from sinergia.dialogue.models import Session
from sinergia.dialogue.services import action_create
from sinergia.practices import services as practice_services
from sinergia.registry.models import Membership
from tests.dialogue.factories import ContributionFactory
from tests.factories import secretariat_user
from tests.practices.helpers import draft, mechanism_focal_point, reviewer, state_focal_point

pytestmark = pytest.mark.django_db

ROLES = ["public", "state", "mechanism", "reviewer", "secretariat"]


@pytest.fixture
def people():
    return {
        "public": None,
        "state": state_focal_point("COL"),
        "mechanism": mechanism_focal_point("CRM"),
        "reviewer": reviewer(),
        "secretariat": secretariat_user(),
    }


def as_role(client, people, role):
    if people[role] is not None:
        client.force_login(people[role])
    return client


def post(client, path, body):
    return client.post(path, body, content_type="application/json")


def allowed(status):
    return status in {200, 201}


MEETING = {"title": "Reunión técnica", "date": "2027-03-02"}
COMMITMENT = {"text": "Intercambio de datos sobre retorno.", "language": "es",
              "source_title": "Acta", "source_publisher": "Secretaría"}  # fmt: skip
MEMBERSHIP = {"country": "GUY", "role": "observer", "since": "2026-05-01",
              "source_title": "Comunicado", "source_publisher": "Secretaría"}  # fmt: skip


# (action, role) -> allowed? The rows of the matrix.
WRITES = {
    "practice for own country or mechanism": {
        "public": False,
        "state": True,
        "mechanism": True,
        "reviewer": False,
        "secretariat": True,
    },
    "meeting of the CRM": {
        "public": False,
        "state": False,
        "mechanism": True,
        "reviewer": False,
        "secretariat": True,
    },
    "meeting of the CSM": {
        "public": False,
        "state": False,
        "mechanism": False,
        "reviewer": False,
        "secretariat": True,
    },
    "commitment of the CRM": {
        "public": False,
        "state": False,
        "mechanism": True,
        "reviewer": False,
        "secretariat": True,
    },
    "membership of the CRM": {
        "public": False,
        "state": False,
        "mechanism": True,
        "reviewer": False,
        "secretariat": True,
    },
    "end a membership of the CRM": {
        "public": False,
        "state": False,
        "mechanism": True,
        "reviewer": False,
        "secretariat": True,
    },
    "membership of the CSM": {
        "public": False,
        "state": False,
        "mechanism": False,
        "reviewer": False,
        "secretariat": True,
    },
    "contribution for Colombia": {
        "public": False,
        "state": True,
        "mechanism": False,
        "reviewer": False,
        "secretariat": True,
    },
    "contribution for the CRM": {
        "public": False,
        "state": False,
        "mechanism": True,
        "reviewer": False,
        "secretariat": True,
    },
    "contribution for Peru": {
        "public": False,
        "state": False,
        "mechanism": False,
        "reviewer": False,
        "secretariat": True,
    },
    "progress on a CRM action": {
        "public": False,
        "state": False,
        "mechanism": True,
        "reviewer": False,
        "secretariat": True,
    },
    "progress on a Peru action": {
        "public": False,
        "state": False,
        "mechanism": False,
        "reviewer": False,
        "secretariat": True,
    },
}


def _write(client, action, session):
    crm = session.participants.get(mechanism__acronym="CRM").pk
    contribution = {"question": 1, "language": "es", "statement": "Intervención."}
    if action == "practice for own country or mechanism":
        body = {"title": "Ventanilla de orientación", "summary": "Atención a retornados.",
                "language": "es", "countries": ["COL"]}  # fmt: skip
        return post(client, "/api/v1/practices", body)
    if action == "meeting of the CRM":
        return post(client, "/api/v1/meetings", {**MEETING, "mechanism": "CRM"})
    if action == "meeting of the CSM":
        return post(client, "/api/v1/meetings", {**MEETING, "mechanism": "CSM"})
    if action == "commitment of the CRM":
        return post(client, "/api/v1/mechanisms/CRM/commitments", COMMITMENT)
    if action in {"membership of the CRM", "membership of the CSM"}:
        acronym = action.rsplit(" ", 1)[-1]
        return post(client, f"/api/v1/mechanisms/{acronym}/memberships", MEMBERSHIP)
    if action == "end a membership of the CRM":
        membership = Membership.objects.get(mechanism__acronym="CRM", country__iso3="MEX")
        return post(
            client,
            f"/api/v1/mechanisms/CRM/memberships/{membership.pk}/end",
            {"until": "2027-01-01"},
        )
    if action == "contribution for Colombia":
        return post(
            client,
            f"/api/v1/sessions/{session.pk}/contributions",
            {**contribution, "country": "COL"},
        )
    if action == "contribution for the CRM":
        return post(
            client,
            f"/api/v1/sessions/{session.pk}/contributions",
            {**contribution, "participant": crm},
        )
    if action == "contribution for Peru":
        return post(
            client,
            f"/api/v1/sessions/{session.pk}/contributions",
            {**contribution, "country": "PER"},
        )
    owner = {
        "progress on a CRM action": {"owner_mechanism": "CRM"},
        "progress on a Peru action": {"owner_country": "PER"},
    }[action]
    created = action_create(
        actor=secretariat_user(), session=session, description="Acción", language="es", **owner
    )
    return post(
        client,
        f"/api/v1/actions/{created.pk}/progress",
        {"status": "in_progress", "note": "Avance"},
    )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(WRITES))
def test_write_cells(client, people, action, role):
    session = Session.objects.get(key="cam-2023-05-09")
    response = _write(as_role(client, people, role), action, session)
    expected = WRITES[action][role]
    assert allowed(response.status_code) == expected, (
        action,
        role,
        response.status_code,
        response.content[:200],
    )
    if not expected:
        assert response.status_code in {401, 403}, response.status_code


# Pages each role may open (200) or not (403, 404, or a redirect to sign in).
PAGES = {
    "/es/practices/review/": {
        "public": False,
        "state": False,
        "mechanism": False,
        "reviewer": True,
        "secretariat": True,
    },
    "/es/dialogue/new/": {
        "public": False,
        "state": False,
        "mechanism": False,
        "reviewer": False,
        "secretariat": True,
    },
    "/es/dialogue/{session}/questions/1/edit/": {
        "public": False,
        "state": False,
        "mechanism": False,
        "reviewer": False,
        "secretariat": True,
    },
    "/es/dialogue/{session}/contribute/": {
        "public": False,
        "state": True,
        "mechanism": True,
        "reviewer": False,
        "secretariat": True,
    },
    "/es/mechanisms/CRM/members/": {
        "public": False,
        "state": False,
        "mechanism": True,
        "reviewer": False,
        "secretariat": True,
    },
    "/es/accounts/tokens/": {
        "public": False,
        "state": True,
        "mechanism": True,
        "reviewer": True,
        "secretariat": True,
    },
    "/es/synergy/": {
        "public": True,
        "state": True,
        "mechanism": True,
        "reviewer": True,
        "secretariat": True,
    },
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("path", list(PAGES))
def test_page_cells(client, people, path, role):
    session = Session.objects.get(key="cam-2023-05-09")
    response = as_role(client, people, role).get(path.format(session=session.pk))
    assert (response.status_code == 200) == PAGES[path][role], (path, role, response.status_code)


# Unpublished content: who sees a submitted practice of Paraguay and a draft contribution of
# the CRM (their authors, reviewers for practices, the secretariat) and who does not.
@pytest.mark.parametrize("role", ROLES)
def test_unpublished_cells(client, people, role):
    author = state_focal_point("PRY")
    practice = practice_services.practice_submit(
        actor=author, practice=draft(author, iso3="PRY", title="Borrador paraguayo")
    )
    session = Session.objects.get(key="cam-2023-05-09")
    contribution = ContributionFactory(
        participant=session.participants.get(mechanism__acronym="CRM"), status="draft"
    )
    as_role(client, people, role)
    sees_practice = client.get(f"/api/v1/practices/{practice.pk}").status_code == 200
    sees_contribution = client.get(f"/api/v1/contributions/{contribution.pk}").status_code == 200
    assert sees_practice == (role in {"reviewer", "secretariat"})
    assert sees_contribution == (role in {"mechanism", "secretariat"})
