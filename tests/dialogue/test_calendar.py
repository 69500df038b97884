"""The meetings calendar: clashes between mechanisms that share member states, and the
iCalendar feeds for all, per mechanism and per country."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied
from icalendar import Calendar

from sinergia.dialogue.calendar import clashes
from sinergia.registry.models import DatePrecision, Mechanism, Meeting
from sinergia.registry.services import meeting_add
from tests.factories import secretariat_user
from tests.practices.helpers import mechanism_focal_point

pytestmark = pytest.mark.django_db


def meeting(pk, mechanism_id, day, *, last=None, precision=DatePrecision.DAY):
    return Meeting(
        pk=pk,
        mechanism_id=mechanism_id,
        title=f"m{pk}",
        date=day,
        end_date=last,
        date_precision=precision,
    )


def test_clashes_need_shared_members_and_dates_a_few_days_apart():
    day = datetime.date(2027, 3, 1)
    members = {1: {"COL", "PER"}, 2: {"PER", "ECU"}, 3: {"CAN"}}
    meetings = [
        meeting(1, 1, day, last=day + datetime.timedelta(days=2)),
        meeting(2, 2, day + datetime.timedelta(days=4)),  # 2 days after the first ends
        meeting(3, 3, day),  # no member in common
        meeting(4, 2, day + datetime.timedelta(days=30)),  # far away
        meeting(5, 2, day, precision=DatePrecision.MONTH),  # not dated to the day
    ]
    found = clashes(meetings, members)
    assert [(c.first.pk, c.second.pk, c.days_apart, c.shared_countries) for c in found] == [
        (1, 2, 2, ["PER"])
    ]
    assert clashes(meetings, members, window_days=1) == []


def test_a_mechanism_focal_point_adds_meetings_of_its_own_mechanism_only():
    crm = Mechanism.objects.get(acronym="CRM")
    csm = Mechanism.objects.get(acronym="CSM")
    focal = mechanism_focal_point("CRM")
    added = meeting_add(
        actor=focal, mechanism=crm, title="Reunión viceministerial", date=datetime.date(2027, 6, 10)
    )
    assert added.source is None and added.last_day == datetime.date(2027, 6, 10)
    with pytest.raises(PermissionDenied):
        meeting_add(actor=focal, mechanism=csm, title="x", date=datetime.date(2027, 6, 11))


def test_the_ical_feeds_parse_and_filter_by_mechanism_and_country(client):
    crm = Mechanism.objects.get(acronym="CRM")
    csm = Mechanism.objects.get(acronym="CSM")
    secretariat = secretariat_user()
    meeting_add(
        actor=secretariat,
        mechanism=crm,
        title="Reunión viceministerial",
        date=datetime.date(2027, 6, 10),
        end_date=datetime.date(2027, 6, 11),
        place="Ciudad de Panamá",
    )
    meeting_add(
        actor=secretariat, mechanism=csm, title="Reunión de la CSM", date=datetime.date(2027, 6, 12)
    )

    everything = Calendar.from_ical(client.get("/api/v1/meetings.ics").content)
    summaries = [str(event["summary"]) for event in everything.walk("VEVENT")]
    assert "CRM: Reunión viceministerial" in summaries and "CSM: Reunión de la CSM" in summaries

    response = client.get("/api/v1/meetings.ics?mechanism=CRM")
    assert response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert {str(e["summary"]).split(":")[0] for e in events} == {"CRM"}
    event = next(e for e in events if str(e["summary"]) == "CRM: Reunión viceministerial")
    assert event.decoded("dtstart") == datetime.date(2027, 6, 10)
    assert event.decoded("dtend") == datetime.date(2027, 6, 12)  # exclusive end of an all-day event
    assert str(event["location"]) == "Ciudad de Panamá"

    argentina = Calendar.from_ical(client.get("/api/v1/meetings.ics?country=ARG").content)
    mechanisms = {str(e["summary"]).split(":")[0] for e in argentina.walk("VEVENT")}
    assert "CSM" in mechanisms and "CRM" not in mechanisms  # Argentina is in the CSM, not the CRM


def test_a_changed_meeting_is_a_new_revision_of_the_same_event_in_the_feed(client):
    """A subscribed calendar replaces an event by one of the same UID only when its SEQUENCE
    is higher: moving a meeting, then cancelling it, raises it each time."""
    from sinergia.registry.services import meeting_cancel, meeting_update

    secretariat = secretariat_user()
    crm = Mechanism.objects.get(acronym="CRM")
    meeting = meeting_add(
        actor=secretariat, mechanism=crm, title="Taller regional", date=datetime.date(2027, 9, 6)
    )

    def event():
        feed = Calendar.from_ical(client.get("/api/v1/meetings.ics?mechanism=CRM").content)
        return next(
            e for e in feed.walk("VEVENT") if str(e["uid"]) == f"meeting-{meeting.pk}@sinergia"
        )

    first = event()
    assert first.decoded("sequence") == 0 and first.decoded("last-modified")
    meeting_update(
        actor=secretariat, meeting=meeting, title="Taller regional", date=datetime.date(2027, 9, 13)
    )
    moved = event()
    assert moved.decoded("sequence") == 1
    assert moved.decoded("dtstart") == datetime.date(2027, 9, 13)
    assert moved.decoded("last-modified") >= first.decoded("last-modified")
    meeting_cancel(actor=secretariat, meeting=meeting)
    cancelled = event()
    assert cancelled.decoded("sequence") == 2 and str(cancelled["status"]) == "CANCELLED"


def test_the_calendar_page_lists_the_clash(client):
    secretariat = secretariat_user()
    for acronym, day in (("CRM", 10), ("MIRPS", 12)):
        meeting_add(
            actor=secretariat,
            mechanism=Mechanism.objects.get(acronym=acronym),
            title=f"Reunión {acronym}",
            date=datetime.date(2027, 6, day),
        )
    page = client.get("/en/meetings/").content.decode()
    assert "Reunión CRM" in page and "Reunión MIRPS" in page
    clashes_section = page.split('id="clashes-title"')[1].split("</section>")[0]
    assert "CRM" in clashes_section and "MIRPS" in clashes_section
    data = client.get("/api/v1/meetings?mechanism=").json()
    assert any(c["days_apart"] == 2 for c in data["clashes"])


def test_init_keeps_the_meetings_recorded_in_sinergia():
    from django.core.management import call_command

    crm = Mechanism.objects.get(acronym="CRM")
    bundled = crm.meetings.count()
    announced = meeting_add(
        actor=secretariat_user(),
        mechanism=crm,
        title="XXX Reunión",
        date=datetime.date(2027, 11, 3),
    )
    call_command("init", verbosity=0)
    assert Meeting.objects.filter(pk=announced.pk).exists()
    assert crm.meetings.count() == bundled + 1


def test_the_clashes_to_come_come_first_and_those_of_meetings_held_are_folded(client):
    """The secretariat looks at the calendar to settle what is coming: the clashes of
    meetings still to be held are listed first, soonest first; those of meetings already
    held wait in a folded list, the latest first."""
    secretariat = secretariat_user()
    for acronym, day in (("CRM", datetime.date(2027, 6, 10)), ("MIRPS", datetime.date(2027, 6, 12)),
                         ("CRM", datetime.date(2019, 3, 4)), ("MIRPS", datetime.date(2019, 3, 5))):  # fmt: skip
        meeting_add(actor=secretariat, mechanism=Mechanism.objects.get(acronym=acronym),
                    title=f"Reunión zeta {acronym} {day.year}", date=day)  # fmt: skip
    page = client.get("/en/meetings/").content.decode()
    section = page.split('id="clashes-title"')[1].split("</section>")[0]
    ahead, _, behind = section.partition("<details>")
    assert "Reunión zeta CRM 2027" in ahead and "Reunión zeta MIRPS 2027" in ahead
    assert "2019" not in ahead
    assert "Reunión zeta CRM 2019" in behind and "clashes of meetings already held" in behind
    held = re.findall(r"<li>\s*([^:<]*?\d{4}):", behind)
    years = [int(day[-4:]) for day in held]
    assert 2019 in years and years == sorted(years, reverse=True)
