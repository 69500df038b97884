"""The secretariat's tools of the dialogue: participants with their source, actions with
several owners, meetings edited and cancelled with the clash warning, the month view and the
calendar subscriptions."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from icalendar import Calendar

from sinergia.accounts.models import AuditEntry
from sinergia.data_version import data_version
from sinergia.dialogue import services
from sinergia.dialogue.models import ProgressNote, Session
from sinergia.registry.models import Mechanism, Meeting, MeetingStatus
from sinergia.registry.services import meeting_add, meeting_cancel, meeting_update
from tests.dialogue.factories import ContributionFactory
from tests.factories import secretariat_user
from tests.practices.helpers import mechanism_focal_point, state_focal_point

pytestmark = pytest.mark.django_db

DAY = datetime.date(2031, 3, 10)


@pytest.fixture
def session():
    return Session.objects.get(key="cam-2023-05-09")


def _without_mexico(session):
    session.participants.filter(country__iso3="MEX").delete()


# Participants.


def test_the_secretariat_adds_a_participant_with_its_source_and_removes_one(session):
    _without_mexico(session)
    secretariat = secretariat_user()
    before = data_version().token
    mexico = services.participant_add(
        actor=secretariat,
        session=session,
        country="MEX",
        source_title="Lista de participantes",
        source_publisher="OEA",
        source_url="https://www.oas.org/lista.pdf",
    )
    assert mexico.confirmed and mexico.source.title == "Lista de participantes"
    assert AuditEntry.objects.filter(action="participant.add", object_id=str(mexico.pk)).exists()
    assert data_version().token != before
    with pytest.raises(ValidationError) as twice:
        services.participant_add(actor=secretariat, session=session, country="MEX")
    assert "party" in twice.value.message_dict

    unconfirmed = services.participant_add(actor=secretariat, session=session, organization="OIM")
    assert not unconfirmed.confirmed and unconfirmed.source is None
    services.participant_remove(actor=secretariat, participant=unconfirmed)
    assert not session.participants.filter(organization="OIM").exists()
    assert AuditEntry.objects.filter(action="participant.remove").exists()

    ContributionFactory(participant=mexico)
    with pytest.raises(ValidationError):
        services.participant_remove(actor=secretariat, participant=mexico)
    with pytest.raises(PermissionDenied):
        services.participant_add(actor=state_focal_point("COL"), session=session, country="PER")


def test_the_participants_page_adds_mexico_then_its_contribution_is_recorded(client, session):
    _without_mexico(session)
    client.force_login(secretariat_user())
    page = client.get(f"/en/dialogue/{session.pk}/participants/")
    assert page.status_code == 200 and "Add a participant" in page.content.decode()

    missing_publisher = client.post(
        f"/en/dialogue/{session.pk}/participants/",
        {"party": "country:MEX", "role": "delegation", "source_title": "List of participants"},
    )
    assert missing_publisher.status_code == 200
    assert 'value="List of participants"' in missing_publisher.content.decode()
    assert not session.participants.filter(country__iso3="MEX").exists()

    added = client.post(
        f"/en/dialogue/{session.pk}/participants/",
        {"party": "country:MEX", "role": "delegation", "source_title": "List of participants",
         "source_publisher": "OAS"},
    )  # fmt: skip
    assert added.status_code == 302
    mexico = session.participants.get(country__iso3="MEX")
    assert mexico.source.publisher == "OAS"

    contributed = client.post(
        f"/en/dialogue/{session.pk}/contribute/",
        {"participant": str(mexico.pk), "question": "1", "language": "es",
         "statement": "México comparte su experiencia.", "status": "submitted"},
    )  # fmt: skip
    assert contributed.status_code == 302
    assert mexico.contributions.get().on_behalf

    for outsider in (None, state_focal_point("COL")):
        client.logout()
        if outsider:
            client.force_login(outsider)
        response = client.get(f"/en/dialogue/{session.pk}/participants/")
        assert response.status_code in {302, 403}


def test_the_api_adds_and_removes_a_participant(client, session):
    _without_mexico(session)
    client.force_login(secretariat_user())
    created = client.post(
        f"/api/v1/sessions/{session.pk}/participants",
        {"country": "MEX", "source_title": "Acta", "source_publisher": "OEA"},
        content_type="application/json",
    )
    assert created.status_code == 201 and created.json()["confirmed"] is True
    removed = client.delete(f"/api/v1/sessions/{session.pk}/participants/{created.json()['id']}")
    assert removed.status_code == 204
    client.force_login(state_focal_point("COL"))
    refused = client.post(
        f"/api/v1/sessions/{session.pk}/participants",
        {"country": "PER"},
        content_type="application/json",
    )
    assert refused.status_code == 403


# Actions with several owners.


def test_an_action_has_several_owners_and_each_reports_progress(client, session):
    secretariat = secretariat_user()
    action = services.action_create(
        actor=secretariat,
        session=session,
        description="Calendario común",
        language="es",
        owner_mechanisms=["CRM"],
        owner_countries=["MEX", "COL"],
    )
    assert action.owner_codes == ["CRM", "COL", "MEX"]
    assert action.owner_name == "CRM, Colombia, Mexico" or "CRM" in action.owner_name
    with pytest.raises(ValidationError) as unknown:
        services.action_create(
            actor=secretariat, session=session, description="x", language="es",
            owner_countries=["XXX"],
        )  # fmt: skip
    assert "XXX" in str(unknown.value)

    note = services.action_progress(
        actor=state_focal_point("COL"), action=action, status="in_progress", note="Enviado."
    )
    assert not note.on_behalf and note.reported_by == "Colombia"
    with pytest.raises(PermissionDenied):
        services.action_progress(actor=state_focal_point("PER"), action=action, status="done")

    listed = client.get("/api/v1/actions", {"owner": "MEX"}).json()
    [found] = [a for a in listed if a["id"] == action.pk]
    assert [o["code"] for o in found["owners"]] == ["CRM", "COL", "MEX"]
    assert found["owner"] == "CRM" and found["owner_uri"]
    assert found["progress"][0]["by"] == "COL"
    page = client.get("/en/follow-up/", {"owner": "COL"}).content.decode()
    assert "Calendario común" in page and '<option value="COL" selected>' in page
    exported = client.get("/en/follow-up/export.json").json()
    assert [row["owners"] for row in exported if row["id"] == action.pk] == [["CRM", "COL", "MEX"]]
    assert ProgressNote.objects.filter(action=action).count() == 1


def test_the_action_form_keeps_what_was_typed_when_no_owner_is_chosen(client, session):
    client.force_login(secretariat_user())
    response = client.post(
        f"/en/dialogue/{session.pk}/actions/",
        {"description": "Compartir el calendario", "language": "es"},
    )
    assert response.status_code == 200
    assert "Compartir el calendario" in response.content.decode()
    assert not session.actions.filter(description="Compartir el calendario").exists()


# Meetings.


def test_meetings_are_edited_and_cancelled_by_whoever_may_add_them():
    crm = Mechanism.objects.get(acronym="CRM")
    focal = mechanism_focal_point("CRM")
    meeting = meeting_add(actor=focal, mechanism=crm, title="Reunión técnica", date=DAY)
    changed = meeting_update(
        actor=focal, meeting=meeting, title="Reunión técnica ampliada", date=DAY,
        end_date=DAY + datetime.timedelta(days=1), place="San José",
    )  # fmt: skip
    assert changed.end_date == DAY + datetime.timedelta(days=1)
    entry = AuditEntry.objects.get(action="meeting.update", object_id=str(meeting.pk))
    assert entry.changes["title"]["after"] == "Reunión técnica ampliada"
    with pytest.raises(PermissionDenied):
        meeting_update(actor=mechanism_focal_point("CSM"), meeting=meeting, title="x", date=DAY)
    with pytest.raises(PermissionDenied):
        meeting_cancel(actor=state_focal_point("COL"), meeting=meeting)
    meeting_cancel(actor=focal, meeting=meeting)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED  # kept, not deleted
    with pytest.raises(ValidationError):
        meeting_update(actor=focal, meeting=meeting, title="x", date=DAY)


def _clashing_pair():
    secretariat = secretariat_user()
    cam = meeting_add(
        actor=secretariat, mechanism=Mechanism.objects.get(acronym="CAM"),
        title="Sesión del CAM", date=DAY,
    )  # fmt: skip
    crm = meeting_add(
        actor=secretariat, mechanism=Mechanism.objects.get(acronym="CRM"),
        title="Reunión de la CRM", date=DAY + datetime.timedelta(days=60),
    )  # fmt: skip
    return cam, crm


def test_editing_a_meeting_into_a_clash_warns_before_saving(client):
    _cam, crm = _clashing_pair()
    client.force_login(secretariat_user())
    form = {"title": "Reunión de la CRM", "date": (DAY + datetime.timedelta(days=1)).isoformat()}
    warned = client.post(f"/en/meetings/{crm.pk}/edit/", form)
    assert warned.status_code == 200
    body = warned.content.decode()
    assert "This meeting would clash" in body and "Sesión del CAM" in body
    crm.refresh_from_db()
    assert crm.date == DAY + datetime.timedelta(days=60)  # not saved yet

    saved = client.post(f"/en/meetings/{crm.pk}/edit/", {**form, "confirm_clash": "yes"})
    assert saved.status_code == 302
    crm.refresh_from_db()
    assert crm.date == DAY + datetime.timedelta(days=1)

    # A new meeting without a clash is added at once, from its own page.
    assert client.get("/en/meetings/new/").status_code == 200
    added = client.post(
        "/en/meetings/new/", {"mechanism": "CSM", "title": "Lejos", "date": "2032-08-01"}
    )
    assert added.status_code == 302 and Meeting.objects.filter(title="Lejos").exists()


def test_a_filtered_calendar_lists_clashes_with_other_bodies_and_cancelled_ones_drop(client):
    cam, crm = _clashing_pair()
    meeting_update(
        actor=secretariat_user(), meeting=crm, title=crm.title,
        date=DAY + datetime.timedelta(days=2),
    )  # fmt: skip
    page = client.get("/en/meetings/", {"mechanism": "CRM"}).content.decode()
    clashes_section = page.split('id="clashes-title"', 1)[1].split("</section>", 1)[0]
    assert "Sesión del CAM" in clashes_section and "No clash" not in clashes_section
    api = client.get("/api/v1/meetings", {"mechanism": "CRM"}).json()
    assert {(c["first"], c["second"]) for c in api["clashes"]} >= {(cam.pk, crm.pk)}

    meeting_cancel(actor=secretariat_user(), meeting=cam)
    page = client.get("/en/meetings/", {"mechanism": "CAM"}).content.decode()
    assert "<del>Sesión del CAM</del>" in page
    clashes_section = page.split('id="clashes-title"', 1)[1].split("</section>", 1)[0]
    assert "Sesión del CAM" not in clashes_section
    feed = Calendar.from_ical(client.get("/api/v1/meetings.ics", {"mechanism": "CAM"}).content)
    statuses = {str(e["summary"]): str(e["status"]) for e in feed.walk("VEVENT")}
    assert statuses["CAM: Sesión del CAM"] == "CANCELLED"
    assert "<del>Sesión del CAM</del>" in client.get("/en/mechanisms/CAM/").content.decode()
    detail = client.get("/api/v1/mechanisms/CAM").json()
    assert {m["title"]: m["status"] for m in detail["meetings"]}["Sesión del CAM"] == "cancelled"


def test_the_month_view_and_the_subscription_links(client):
    _cam, _crm = _clashing_pair()
    page = client.get("/en/meetings/month/", {"month": "2031-03"}).content.decode()
    assert "March 2031" in page and "Sesión del CAM" in page
    assert "?month=2031-02" in page and "?month=2031-04" in page
    assert "<caption" in page and 'scope="col"' in page
    assert "Reunión de la CRM" not in page  # in May
    filtered = client.get("/en/meetings/month/", {"month": "2031-03", "mechanism": "CRM"})
    assert "Sesión del CAM" not in filtered.content.decode()
    assert client.get("/en/meetings/month/", {"month": "nonsense"}).status_code == 200
    # months and days as each language writes them
    french = client.get("/fr/meetings/month/", {"month": "2031-03"}).content.decode()
    assert "mars 2031" in french and ">lundi<" in french and "Mars 2031" not in french
    portuguese = client.get("/pt/meetings/month/", {"month": "2031-03"}).content.decode()
    assert "março de 2031" in portuguese and "Março" not in portuguese
    calendar_page = client.get("/en/meetings/", {"mechanism": "CRM"}).content.decode()
    assert "webcal://testserver/api/v1/meetings.ics?mechanism=CRM" in calendar_page
    assert "webcal://testserver/api/v1/meetings.ics" in calendar_page
    assert "Add a meeting" not in calendar_page  # the public adds none


def test_the_api_edits_and_cancels_a_meeting(client):
    _cam, crm = _clashing_pair()
    client.force_login(mechanism_focal_point("CRM"))
    changed = client.put(
        f"/api/v1/meetings/{crm.pk}",
        {"title": "Reunión nueva", "date": "2031-07-01"},
        content_type="application/json",
    )
    assert changed.status_code == 200 and changed.json()["title"] == "Reunión nueva"
    cancelled = client.post(f"/api/v1/meetings/{crm.pk}/cancel")
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    client.force_login(mechanism_focal_point("CSM"))
    assert client.post(f"/api/v1/meetings/{_cam.pk}/cancel").status_code == 403


def test_the_api_answers_a_written_meeting_with_the_clashes_it_makes(client):
    cam, crm = _clashing_pair()
    client.force_login(mechanism_focal_point("CRM"))
    apart = client.put(
        f"/api/v1/meetings/{crm.pk}",
        {"title": "Reunión de la CRM", "date": (DAY + datetime.timedelta(days=60)).isoformat()},
        content_type="application/json",
    )
    assert apart.status_code == 200 and apart.json()["clashes"] == []
    near = client.put(
        f"/api/v1/meetings/{crm.pk}",
        {"title": "Reunión de la CRM", "date": (DAY + datetime.timedelta(days=1)).isoformat()},
        content_type="application/json",
    )
    assert near.status_code == 200  # saved, as the page saves after its warning
    (clash,) = near.json()["clashes"]
    assert {clash["first"], clash["second"]} == {cam.pk, crm.pk} and clash["shared_countries"]
    added = client.post(
        "/api/v1/meetings",
        {"mechanism": "CRM", "title": "Taller", "date": DAY.isoformat()},
        content_type="application/json",
    )
    assert added.status_code == 201 and len(added.json()["clashes"]) >= 1


def test_the_edit_form_shows_the_meetings_dates_as_a_date_field_reads_them(client):
    _cam, crm = _clashing_pair()
    client.force_login(secretariat_user())
    page = client.get(f"/es/meetings/{crm.pk}/edit/").content.decode()
    assert f'value="{(DAY + datetime.timedelta(days=60)).isoformat()}"' in page


def test_cancelling_a_meeting_on_its_page_asks_for_a_confirmation(client):
    _cam, crm = _clashing_pair()
    client.force_login(secretariat_user())
    refused = client.post(f"/es/meetings/{crm.pk}/cancel/", follow=True)
    assert "Marque la casilla" in refused.content.decode()
    crm.refresh_from_db()
    assert not crm.is_cancelled
    done = client.post(f"/es/meetings/{crm.pk}/cancel/", {"confirm": "yes"})
    assert done.status_code == 302
    crm.refresh_from_db()
    assert crm.is_cancelled
