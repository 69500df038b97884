"""Every cell of the permission matrix in docs/security.md, exercised over HTTP (the API for
writes, the pages for what each role may open), read from the document itself: a row with no
probe here, or a probe whose row is gone, fails, and so does a cell the product disagrees
with. Roles: the public, a state focal point (Colombia), a mechanism focal point (CRM), a
reviewer, the secretariat.

A probe answers what the role may do: "✓", "✗", "own only" (its own country's or
mechanism's, not another's) or "staff only" (Django's staff flag decides, not the role)."""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from pathlib import Path
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sinergia.dialogue.models import Session
from sinergia.dialogue.services import action_create
from sinergia.jobs.models import Job, JobKind
from sinergia.practices import services as practice_services
from sinergia.registry.models import Country, Membership
from tests.dialogue.factories import ContributionFactory, delegation, mechanism_participant
from tests.factories import secretariat_user
from tests.practices.helpers import draft, mechanism_focal_point, reviewer, state_focal_point

pytestmark = pytest.mark.django_db

SECURITY_DOC = Path(__file__).resolve().parents[2] / "docs" / "security.md"
ROLES = ["public", "state", "mechanism", "reviewer", "secretariat"]
HEADER = ["Action", "Object", "public", "state (COL)", "mechanism (CRM)", "reviewer", "secretariat"]


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def matrix() -> list[tuple[str, str, dict[str, str]]]:
    """(action, object, {role: cell}) for each row of the document's permission matrix."""
    section = SECURITY_DOC.read_text(encoding="utf-8").split("## Permission matrix", 1)[1]
    lines = [line for line in section.split("\n## ", 1)[0].splitlines() if line.startswith("|")]
    assert _cells(lines[0]) == HEADER, "the matrix's columns changed: update ROLES"
    rows = []
    for line in lines[2:]:
        action, thing, *values = _cells(line)
        assert len(values) == len(ROLES), line
        rows.append((action, thing, dict(zip(ROLES, values, strict=True))))
    return rows


def expected(cell: str) -> str:
    """A cell as a probe answers it: "✓ (any)" and "✓ (on its behalf)" are allowed."""
    return "✓" if cell.startswith("✓") else cell


@pytest.fixture
def people():
    return {
        "public": None,
        "state": state_focal_point("COL"),
        "mechanism": mechanism_focal_point("CRM"),
        "reviewer": reviewer(),
        "secretariat": secretariat_user(),
    }


@pytest.fixture
def session():
    return Session.objects.get(key="cam-2023-05-09")


def as_role(client, people, role):
    if people[role] is not None:
        client.force_login(people[role])
    return client


def post(client, path, body):
    return client.post(path, body, content_type="application/json")


def mark(allowed: bool) -> str:
    return "✓" if allowed else "✗"


def api_mark(response) -> str:
    """An API answer: 200 or 201 allowed; refused must be 401 or 403, not an error."""
    if response.status_code in {200, 201}:
        return "✓"
    assert response.status_code in {401, 403}, (response.status_code, response.content[:200])
    return "✗"


def own_only(sees_own: bool | None, sees_other: bool) -> str:
    """What a role sees of unpublished content: everyone's, its own only, or none."""
    if sees_other:
        return "✓"
    return "own only" if sees_own else "✗"


def page_mark(response, success: str) -> str:
    """A page that redirects after a write: to `success` when it was done; a refusal is 403,
    or, for the public, the way to sign in."""
    location = response.get("Location", "")
    if response.status_code == 302 and location.startswith(success):
        return "✓"
    assert response.status_code == 403 or "/accounts/login/" in location, (
        response.status_code,
        location,
    )
    return "✗"


# Practices, with their authors: the role's own country or mechanism, or Colombia's.
def _author(people, role):
    return people[role] if role in {"state", "mechanism"} else state_focal_point("COL")


def _submitted(author, **extra):
    return practice_services.practice_submit(actor=author, practice=draft(author, **extra))


def probe_create_practice(client, people, role, session):
    body = {"title": "Ventanilla de orientación", "summary": "Atención a retornados.",
            "language": "es", "countries": ["COL"]}  # fmt: skip
    return api_mark(post(as_role(client, people, role), "/api/v1/practices", body))


def probe_edit_own_draft(client, people, role, session):
    practice = draft(_author(people, role))
    client = as_role(client, people, role)
    return api_mark(client.patch(f"/api/v1/practices/{practice.pk}", {"title": "Título nuevo"},
                                 content_type="application/json"))  # fmt: skip


def probe_edit_submitted(client, people, role, session):
    practice = _submitted(_author(people, role))
    client = as_role(client, people, role)
    return api_mark(client.patch(f"/api/v1/practices/{practice.pk}", {"title": "Título nuevo"},
                                 content_type="application/json"))  # fmt: skip


def probe_review(client, people, role, session):
    author = _author(people, role)
    client = as_role(client, people, role)
    answers = {
        api_mark(
            post(
                client,
                f"/api/v1/practices/{practice.pk}/transitions",
                {"action": action, "comment": "Falta el año de inicio."},
            )
        )
        for action, practice in [
            ("publish", _submitted(author, title="Para publicar")),
            ("request_changes", _submitted(author, title="Para devolver")),
        ]
    }
    assert len(answers) == 1, answers
    return answers.pop()


def probe_see_unpublished_practice(client, people, role, session):
    other_author = state_focal_point("PRY")
    other = _submitted(other_author, iso3="PRY", title="Borrador paraguayo")
    own = draft(people[role], title="Borrador propio") if role in {"state", "mechanism"} else None
    client = as_role(client, people, role)
    sees_other = client.get(f"/api/v1/practices/{other.pk}").status_code == 200
    sees_own = own and client.get(f"/api/v1/practices/{own.pk}").status_code == 200
    return own_only(sees_own, sees_other)


MEETING = {"title": "Reunión técnica", "date": "2027-03-02"}


def probe_meeting_of_crm(client, people, role, session):
    body = {**MEETING, "mechanism": "CRM"}
    return api_mark(post(as_role(client, people, role), "/api/v1/meetings", body))


def probe_meeting_of_csm(client, people, role, session):
    body = {**MEETING, "mechanism": "CSM"}
    return api_mark(post(as_role(client, people, role), "/api/v1/meetings", body))


def _meeting_change_marks(client, people, role, acronym: str) -> set[str]:
    """Edit a meeting of `acronym` (its page and the API), then cancel it, as `role`."""
    from sinergia.registry.models import Mechanism
    from sinergia.registry.services import meeting_add

    meeting = meeting_add(
        actor=secretariat_user(),
        mechanism=Mechanism.objects.get(acronym=acronym),
        title="Reunión de prueba",
        date=datetime.date(2033, 5, 2),
    )
    client = as_role(client, people, role)
    change = {"title": "Reunión cambiada", "date": "2033-05-03"}
    edited = api_mark(
        client.put(f"/api/v1/meetings/{meeting.pk}", change, content_type="application/json")
    )
    page = client.get(f"/es/meetings/{meeting.pk}/edit/")
    opened = mark(page.status_code == 200)
    cancelled = api_mark(post(client, f"/api/v1/meetings/{meeting.pk}/cancel", {}))
    meeting.refresh_from_db()
    assert (cancelled == "✓") == (meeting.status == "cancelled")
    return {edited, opened, cancelled}


def probe_change_meeting_of_crm(client, people, role, session):
    answers = _meeting_change_marks(client, people, role, "CRM")
    assert len(answers) == 1, answers
    return answers.pop()


def probe_change_meeting_of_csm(client, people, role, session):
    answers = _meeting_change_marks(client, people, role, "CSM")
    assert len(answers) == 1, answers
    return answers.pop()


def _membership_marks(client, people, role, acronym: str) -> set[str]:
    """Add a member and end a membership of `acronym` through the API, as `role`."""
    client = as_role(client, people, role)
    body = {"country": "BRA", "role": "observer", "since": "2026-01-01",
            "source_title": "Comunicado", "source_publisher": "Secretaría"}  # fmt: skip
    added = api_mark(post(client, f"/api/v1/mechanisms/{acronym}/memberships", body))
    existing = Membership.objects.filter(mechanism__acronym=acronym, until__isnull=True).first()
    ended = api_mark(
        post(
            client,
            f"/api/v1/mechanisms/{acronym}/memberships/{existing.pk}/end",
            {"until": "2027-01-01"},
        )
    )
    return {added, ended}


def probe_commitment_and_membership_of_crm(client, people, role, session):
    commitment = {"text": "Intercambio de datos sobre retorno.", "language": "es",
                  "source_title": "Acta", "source_publisher": "Secretaría"}  # fmt: skip
    response = post(as_role(client, people, role), "/api/v1/mechanisms/CRM/commitments", commitment)
    answers = {api_mark(response), *_membership_marks(client, people, role, "CRM")}
    assert len(answers) == 1, "the commitment and the memberships disagree"
    return answers.pop()


def probe_membership_of_csm(client, people, role, session):
    answers = _membership_marks(client, people, role, "CSM")
    assert len(answers) == 1, answers
    return answers.pop()


def _contribute(client, people, role, session, **participant):
    body = {"question": 1, "language": "es", "statement": "Intervención.", **participant}
    client = as_role(client, people, role)
    return api_mark(post(client, f"/api/v1/sessions/{session.pk}/contributions", body))


def probe_contribution_for_colombia(client, people, role, session):
    return _contribute(client, people, role, session, country="COL")


def probe_contribution_for_crm(client, people, role, session):
    crm = session.participants.get(mechanism__acronym="CRM").pk
    return _contribute(client, people, role, session, participant=crm)


def probe_contribution_for_peru(client, people, role, session):
    return _contribute(client, people, role, session, country="PER")


def _own_participant(session, role):
    if role == "state":
        return delegation(session, "COL")
    if role == "mechanism":
        return mechanism_participant(session, "CRM")
    return None


def probe_see_draft_contribution(client, people, role, session):
    other = ContributionFactory(participant=mechanism_participant(session, "CSM"), status="draft")
    participant = _own_participant(session, role)
    own = ContributionFactory(participant=participant, status="withdrawn") if participant else None
    client = as_role(client, people, role)
    sees_other = client.get(f"/api/v1/contributions/{other.pk}").status_code == 200
    sees_own = own and client.get(f"/api/v1/contributions/{own.pk}").status_code == 200
    return own_only(sees_own, sees_other)


def probe_practice_from_contribution(client, people, role, session):
    participant = _own_participant(session, role) or delegation(session, "COL")
    contribution = ContributionFactory(
        participant=participant, good_practices="Un protocolo de recepción compartido."
    )
    contribution.mentioned_countries.add(Country.objects.get(iso3="COL"))
    response = as_role(client, people, role).post(
        f"/es/contributions/{contribution.pk}/practice/", {"title": "Protocolo de recepción"}
    )
    return page_mark(response, "/es/practices/")


def probe_manage_sessions(client, people, role, session):
    client = as_role(client, people, role)
    answers = {
        mark(client.get(path).status_code == 200)
        for path in ["/es/dialogue/new/", f"/es/dialogue/{session.pk}/questions/1/edit/"]
    }
    assert len(answers) == 1, answers
    return answers.pop()


def probe_participants(client, people, role, session):
    """Add Mexico with its source and remove it, through the API and the page."""
    session.participants.filter(country__iso3="MEX").delete()
    client = as_role(client, people, role)
    body = {"country": "MEX", "source_title": "Lista", "source_publisher": "OEA"}
    added = api_mark(post(client, f"/api/v1/sessions/{session.pk}/participants", body))
    mexico = session.participants.filter(country__iso3="MEX").first()
    assert (added == "✓") == (mexico is not None)
    if mexico is None:
        mexico = session.participants.create(kind="delegation", role="delegation",
                                             country=Country.objects.get(iso3="MEX"))  # fmt: skip
    removed = page_mark(
        client.post(f"/es/dialogue/{session.pk}/participants/{mexico.pk}/remove/"),
        f"/es/dialogue/{session.pk}/participants/",
    )
    opened = mark(client.get(f"/es/dialogue/{session.pk}/participants/").status_code == 200)
    answers = {added, removed, opened}
    assert len(answers) == 1, answers
    return answers.pop()


def probe_record_action(client, people, role, session):
    response = as_role(client, people, role).post(
        f"/es/dialogue/{session.pk}/actions/",
        {"description": "Acción acordada", "language": "es", "owners": ["mechanism:CRM"]},
    )
    answer = page_mark(response, f"/es/dialogue/{session.pk}/")
    recorded = session.actions.filter(description="Acción acordada").exists()
    assert answer == mark(recorded), (answer, recorded)
    return answer


def probe_edit_report(client, people, role, session):
    """Open a draft, change its summary, mark it final: all or none of them."""
    from sinergia.dialogue import report_services
    from sinergia.dialogue.models import ReportDraft

    client = as_role(client, people, role)
    started = client.post(f"/es/dialogue/{session.pk}/drafts/es/start/")
    answers = {page_mark(started, f"/es/dialogue/{session.pk}/drafts/es/")}
    if answers == {"✓"}:
        edited = client.post(
            f"/es/dialogue/{session.pk}/drafts/es/", {"summary": "Resumen de la secretaría."}
        )
        answers.add(page_mark(edited, f"/es/dialogue/{session.pk}/drafts/es/"))
        with mock.patch.object(report_services, "report_render", lambda report, fmt: b"x"):
            final = client.post(f"/es/dialogue/{session.pk}/drafts/es/final/", {"confirm": "yes"})
        answers.add(page_mark(final, f"/es/dialogue/{session.pk}/drafts/"))
    assert len(answers) == 1, answers
    changed = ReportDraft.objects.filter(session=session, summary__contains="secretaría").exists()
    assert answers == {mark(changed)}, (answers, changed)
    return answers.pop()


def _progress(client, people, role, session, **owner):
    created = action_create(
        actor=secretariat_user(), session=session, description="Acción", language="es", **owner
    )
    client = as_role(client, people, role)
    body = {"status": "in_progress", "note": "Avance"}
    return api_mark(post(client, f"/api/v1/actions/{created.pk}/progress", body))


def probe_progress_crm(client, people, role, session):
    return _progress(client, people, role, session, owner_mechanism="CRM")


def probe_progress_peru(client, people, role, session):
    return _progress(client, people, role, session, owner_country="PER")


def probe_tokens(client, people, role, session):
    return mark(as_role(client, people, role).get("/es/accounts/tokens/").status_code == 200)


def probe_review_queue(client, people, role, session):
    return mark(as_role(client, people, role).get("/es/practices/review/").status_code == 200)


def probe_read_public(client, people, role, session):
    client = as_role(client, people, role)
    paths = ["/es/mechanisms/", "/es/synergy/", "/es/statistics/", "/es/practices/",
             f"/es/dialogue/{session.pk}/", "/api/v1/practices", "/api/v1/export/datapackage.zip"]  # fmt: skip
    return mark(all(client.get(path).status_code == 200 for path in paths))


def probe_django_admin(client, people, role, session):
    user = people[role]
    if user is None:
        return mark(client.get("/admin/").status_code == 200)
    client.force_login(user)
    without_flag = client.get("/admin/").status_code == 200
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    with_flag = client.get("/admin/").status_code == 200
    if with_flag and not without_flag:
        return "staff only"
    return mark(without_flag)


def probe_import_and_build_reports(client, people, role, session):
    from sinergia.dialogue.report import store

    client = as_role(client, people, role)
    rows = [{"external_id": "matrix-1", "title": "T", "summary": "S", "language": "es",
             "countries": ["COL"]}]  # fmt: skip
    upload = SimpleUploadedFile("practices.json", json.dumps(rows).encode())
    imported = client.post("/en/practices/import/", {"file": upload})
    with mock.patch.object(store, "report_render", lambda report, fmt: b"report"):
        built = client.post(f"/en/dialogue/{session.pk}/reports/build/")
    answers = {
        "/jobs/" in imported.get("Location", ""),
        built.status_code == 302 and "/jobs/" in built["Location"],
    }
    assert len(answers) == 1, "the import and the reports disagree"
    return mark(answers.pop())


def probe_follow_someone_elses_job(client, people, role, session):
    job = Job.objects.create(
        kind=JobKind.IMPORT, key="import:matrix", requested_by=state_focal_point("PER")
    )
    return mark(as_role(client, people, role).get(f"/en/jobs/{job.token}/").status_code == 200)


def probe_follow_a_public_job(client, people, role, session):
    job = Job.objects.create(kind=JobKind.PACKAGE, key="package:matrix", public=True)
    return mark(as_role(client, people, role).get(f"/en/jobs/{job.token}/").status_code == 200)


def _notification_of(user):
    from sinergia.notifications.models import Kind, Notification

    return Notification.objects.create(recipient=user, kind=Kind.ACTION_DUE, subject="Matrix")


def probe_own_notifications(client, people, role, session):
    client = as_role(client, people, role)
    listed = client.get("/es/notifications/").status_code == 200
    chosen = client.get("/es/notifications/preferences/").status_code == 200
    if people[role] is None:
        return mark(listed or chosen)
    notification = _notification_of(people[role])
    client.post(f"/es/notifications/{notification.pk}/read/")
    notification.refresh_from_db()
    return mark(listed and chosen and notification.read_at is not None)


def probe_someone_elses_notification(client, people, role, session):
    notification = _notification_of(state_focal_point("PER"))
    as_role(client, people, role).post(f"/es/notifications/{notification.pk}/read/")
    notification.refresh_from_db()
    return mark(notification.read_at is not None)


Probe = Callable[..., str]
PROBES: dict[tuple[str, str], Probe] = {
    ("create a practice", "for its own country or mechanism"): probe_create_practice,
    ("edit a practice", "draft or changes requested, own"): probe_edit_own_draft,
    ("edit a practice", "submitted or in review"): probe_edit_submitted,
    ("publish, request changes", "a submitted practice"): probe_review,
    ("see a practice", "not yet published"): probe_see_unpublished_practice,
    ("add a meeting", "of the CRM"): probe_meeting_of_crm,
    ("add a meeting", "of another mechanism (CSM)"): probe_meeting_of_csm,
    ("edit or cancel a meeting", "of the CRM"): probe_change_meeting_of_crm,
    ("edit or cancel a meeting", "of another mechanism (CSM)"): probe_change_meeting_of_csm,
    ("add a commitment, add or end a membership", "of the CRM"): (
        probe_commitment_and_membership_of_crm
    ),
    ("add or end a membership", "of another mechanism (CSM)"): probe_membership_of_csm,
    ("import a file of practices, build every report of a session", "—"): (
        probe_import_and_build_reports
    ),
    ("follow a background job", "asked for by someone else (an import)"): (
        probe_follow_someone_elses_job
    ),
    ("follow a background job", "a report's or the open-data package's"): (
        probe_follow_a_public_job
    ),
    ("submit a contribution", "for Colombia's delegation"): probe_contribution_for_colombia,
    ("submit a contribution", "for the CRM"): probe_contribution_for_crm,
    ("submit a contribution", "for another state (Peru)"): probe_contribution_for_peru,
    ("see a contribution", "draft or withdrawn"): probe_see_draft_contribution,
    ("make a contribution's good practice a practice", "own contribution"): (
        probe_practice_from_contribution
    ),
    ("create a session, edit its questions", "any session"): probe_manage_sessions,
    ("add or remove participants, with their source", "any session"): probe_participants,
    ("record a follow-up action", "any session"): probe_record_action,
    ("edit the consolidated report, mark it final", "a session's draft"): probe_edit_report,
    ("report progress", "on an action owned by the CRM"): probe_progress_crm,
    ("report progress", "on an action owned by Peru"): probe_progress_peru,
    ("make or revoke an API token", "own"): probe_tokens,
    ("open the review queue", "—"): probe_review_queue,
    ("read notifications, mark them read, choose which to receive", "own"): (
        probe_own_notifications
    ),
    ("mark a notification read", "someone else's"): probe_someone_elses_notification,
    (
        "read the registry, synergies, statistics, published practices, submitted "
        "contributions, reports, open data",
        "—",
    ): probe_read_public,
    ("open the Django admin", "—"): probe_django_admin,
}


def test_every_row_of_the_document_has_a_probe_and_every_probe_a_row():
    rows = {(action, thing) for action, thing, _cells in matrix()}
    assert rows - set(PROBES) == set(), "rows of docs/security.md that nothing exercises"
    assert set(PROBES) - rows == set(), "probes of rows no longer in docs/security.md"


CELLS = [
    pytest.param(action, thing, role, cell, id=f"{action} · {thing} · {role}")
    for action, thing, cells in matrix()
    for role, cell in cells.items()
]


@pytest.mark.parametrize(("action", "thing", "role", "cell"), CELLS)
def test_cell(client, people, session, action, thing, role, cell):
    probe = PROBES.get((action, thing))
    if probe is None:
        pytest.fail(f"no probe for the row {action!r} / {thing!r}")
    assert probe(client, people, role, session) == expected(cell)
