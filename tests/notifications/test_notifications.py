"""Who is told what, in which language, by which way; and a person's own writes to their
notifications, which stay private."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone, translation
from django.utils.formats import date_format

from sinergia.accounts.models import AuditEntry, Profile
from sinergia.data_version import data_version
from sinergia.dialogue import services as dialogue
from sinergia.dialogue.models import ActionStatus, Session
from sinergia.dialogue.notices import action_reminders_send
from sinergia.notifications.mail import mail_wait
from sinergia.notifications.models import Kind, Notification, NotificationPreference
from sinergia.notifications.services import (
    notification_mark_read,
    notification_preferences_set,
    notifications_mark_all_read,
)
from sinergia.practices import services as practices
from sinergia.registry.models import Mechanism
from tests.factories import secretariat_user
from tests.practices.helpers import draft, mechanism_focal_point, reviewer, state_focal_point

pytestmark = pytest.mark.django_db


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run a write and what follows its commit (the notifications), then let mail go."""

    def run(write, **arguments):
        with django_capture_on_commit_callbacks(execute=True):
            result = write(**arguments)
        mail_wait()
        return result

    return run


def speaks(user, language):
    Profile.objects.update_or_create(user=user, defaults={"language": language})
    return user


def notes(user, kind=None):
    found = Notification.objects.filter(recipient=user)
    return list(found.filter(kind=kind) if kind else found)


def test_a_submission_reaches_the_reviewers_each_in_their_own_language(commit):
    author = state_focal_point(email="focal@example.org")
    french, english = (
        speaks(reviewer(), "fr"),
        speaks(reviewer(username="rev-en", email="rev-en@example.org"), "en"),
    )
    practice = draft(author)

    commit(practices.practice_submit, actor=author, practice=practice, comment="Lista")

    (for_french,) = notes(french, Kind.PRACTICE_SUBMITTED)
    (for_english,) = notes(english, Kind.PRACTICE_SUBMITTED)
    assert for_english.subject == f"Practice submitted for review: {practice.title}"
    assert for_french.subject.startswith("Pratique soumise")
    assert for_english.url == f"/en/practices/{practice.pk}/"
    assert for_french.url == f"/fr/practices/{practice.pk}/"
    assert "Lista" in for_english.body
    assert not notes(author)  # the author is not told of what they did themselves
    sent = {message.to[0]: message for message in mail.outbox}
    assert set(sent) == {"reviewer@example.org", "rev-en@example.org"}
    message = sent["rev-en@example.org"]
    assert message.subject == f"[Sinergia] {for_english.subject}"
    assert f"http://127.0.0.1:8000/en/practices/{practice.pk}/" in message.body
    html, mime = message.alternatives[0]
    assert (
        mime == "text/html" and f'href="http://127.0.0.1:8000/en/practices/{practice.pk}/"' in html
    )
    assert 'lang="fr"' in sent["reviewer@example.org"].alternatives[0][0]


def test_a_submission_taken_up_by_one_reviewer_is_read_for_the_others_and_comes_back_if_resubmitted(
    commit,
):
    """Two reviewers are told of a submission; once one of them takes it up, the other's
    notice is read (nobody opens one already handled), and sending it back for changes and
    submitting it again tells them anew."""
    author = state_focal_point()
    first, second = reviewer(), reviewer(username="rev-2", email="rev-2@example.org")
    practice = draft(author)
    commit(practices.practice_submit, actor=author, practice=practice)
    assert [n.read_at for n in notes(second, Kind.PRACTICE_SUBMITTED)] == [None]

    commit(practices.practice_start_review, actor=first, practice=practice)
    (told,) = notes(second, Kind.PRACTICE_SUBMITTED)
    assert told.read_at is not None
    commit(practices.practice_request_changes, actor=first, practice=practice, comment="Fuentes")
    commit(practices.practice_submit, actor=author, practice=practice)
    again = notes(second, Kind.PRACTICE_SUBMITTED)
    assert len(again) == 2 and sorted(n.read_at is None for n in again) == [False, True]
    other = draft(author, title="Otra práctica zeta")
    commit(practices.practice_submit, actor=author, practice=other)
    commit(practices.practice_publish, actor=first, practice=practice)
    unread = [n for n in notes(second, Kind.PRACTICE_SUBMITTED) if n.read_at is None]
    assert [n.url for n in unread] == [f"/es/practices/{other.pk}/"]


def test_links_in_mail_are_built_on_site_url_never_on_a_request(commit, settings):
    settings.SITE_URL = "https://sinergia.example.org"
    author, checker = state_focal_point(), reviewer()
    practice = draft(author)
    commit(practices.practice_submit, actor=author, practice=practice)
    assert f"https://sinergia.example.org/es/practices/{practice.pk}/" in mail.outbox[0].body
    assert checker.email in mail.outbox[0].to


def test_the_author_hears_of_each_decision_with_the_reviewers_comment(commit):
    author, checker = speaks(state_focal_point(), "pt"), reviewer()
    practice = draft(author)
    commit(practices.practice_submit, actor=author, practice=practice)
    commit(
        practices.practice_request_changes,
        actor=checker,
        practice=practice,
        comment="Agreguen los resultados.",
    )
    commit(practices.practice_submit, actor=author, practice=practice)
    commit(practices.practice_publish, actor=checker, practice=practice)

    decisions = notes(author, Kind.REVIEW_DECISION)
    assert len(decisions) == 2
    published, changes = decisions  # newest first
    assert published.subject.startswith("Sua prática foi publicada")
    assert changes.subject.startswith("Alterações")
    assert "Agreguen los resultados." in changes.body
    assert [m.to for m in mail.outbox if "publicada" in m.subject] == [[author.email]]


def test_each_person_chooses_in_sinergia_by_email_both_or_neither(commit):
    author = state_focal_point()
    mail_only = reviewer()
    list_only = reviewer(username="r2", email="r2@example.org")
    neither = reviewer(username="r3", email="r3@example.org")
    for person, choice in (
        (mail_only, (False, True)),
        (list_only, (True, False)),
        (neither, (False, False)),
    ):
        notification_preferences_set(
            actor=person, user=person, choices={Kind.PRACTICE_SUBMITTED: choice}
        )
    commit(practices.practice_submit, actor=author, practice=draft(author))

    assert [n.listed for n in notes(mail_only)] == [False]
    assert [n.listed for n in notes(list_only)] == [True]
    assert notes(neither) == []
    assert [m.to for m in mail.outbox] == [[mail_only.email]]


def test_a_new_contribution_reaches_the_secretariat_not_a_draft(commit):
    session = Session.objects.get(key="cam-2023-05-09")
    secretariat = secretariat_user()
    focal = state_focal_point("COL")
    data = dialogue.ContributionData(
        question=1, language="es", statement="Proponemos una mesa conjunta sobre regularización."
    )
    draft_data = dialogue.ContributionData(
        question=2, language="es", statement="Borrador.", status="draft"
    )
    kept = commit(
        dialogue.contribution_create, actor=focal, session=session, data=draft_data, country="COL"
    )
    assert notes(secretariat) == []
    commit(dialogue.contribution_create, actor=focal, session=session, data=data, country="COL")
    (told,) = notes(secretariat, Kind.CONTRIBUTION_NEW)
    assert told.subject == "Nueva contribución de Colombia a la sesión del 9 de mayo de 2023"
    commit(
        dialogue.contribution_update,
        actor=focal,
        contribution=kept,
        data=dialogue.ContributionData(question=2, language="es", statement="Listo."),
    )
    assert len(notes(secretariat, Kind.CONTRIBUTION_NEW)) == 2


def test_a_meeting_that_clashes_reaches_the_focal_points_of_both_bodies(commit):
    crm, mirps = Mechanism.objects.get(acronym="CRM"), Mechanism.objects.get(acronym="MIRPS")
    crm_focal, mirps_focal = mechanism_focal_point("CRM"), mechanism_focal_point("MIRPS")
    bystander = mechanism_focal_point("CSM")
    day = datetime.date(2031, 3, 10)
    commit(
        dialogue.meeting_create,
        actor=secretariat_user(),
        mechanism=crm,
        title="Reunión viceministerial",
        date=day,
    )
    assert notes(crm_focal) == []  # nothing to clash with yet
    commit(
        dialogue.meeting_create,
        actor=mirps_focal,
        mechanism=mirps,
        title="Reunión anual",
        date=day + datetime.timedelta(days=2),
    )
    (told,) = notes(crm_focal, Kind.MEETING_CLASH)
    assert "MIRPS: Reunión anual" in told.subject and "CRM: Reunión viceministerial" in told.subject
    assert "GTM" in told.body
    assert notes(mirps_focal) == []  # who added it knows
    assert notes(bystander) == []


def test_reminders_of_actions_due_soon_or_overdue_reach_their_owners_once_a_day():
    session = Session.objects.get(key="cam-2023-05-09")
    secretariat = secretariat_user()
    col, crm_focal = state_focal_point("COL"), mechanism_focal_point("CRM")
    today = timezone.localdate()

    def action(**fields):
        return dialogue.action_create(
            actor=secretariat, session=session, language="es", description="Informe", **fields
        )

    soon = action(owner_country="COL", due=today + datetime.timedelta(days=3))
    late = action(owner_mechanism="CRM", due=today - datetime.timedelta(days=1))
    action(owner_country="COL", due=today + datetime.timedelta(days=30))  # not yet
    done = action(owner_country="COL", due=today)
    dialogue.action_progress(actor=secretariat, action=done, status=ActionStatus.DONE)

    assert action_reminders_send() == 2
    assert action_reminders_send() == 0  # the same day: nothing more
    (for_col,) = notes(col, Kind.ACTION_DUE)
    (for_crm,) = notes(crm_focal, Kind.ACTION_DUE)
    with translation.override("es"):
        assert for_col.subject == f"Vence el {date_format(soon.due, 'DATE_FORMAT')}: Informe"
    assert for_crm.subject.startswith("Vencida desde") and str(late.due.year) in for_crm.subject
    assert action_reminders_send(on=today + datetime.timedelta(days=1)) == 2  # next day, again
    mail_wait()


def test_a_new_follow_up_action_reaches_the_focal_points_of_its_owners(commit):
    """The secretariat records an action agreed at a session: the focal points of the
    states and bodies that own it hear of it in their language, nobody else does."""
    session = Session.objects.get(key="cam-2023-05-09")
    secretariat = secretariat_user()
    col, crm_focal, mex = (
        speaks(state_focal_point("COL"), "en"), mechanism_focal_point("CRM"), state_focal_point("MEX")
    )  # fmt: skip
    due = datetime.date(2027, 3, 31)
    commit(dialogue.action_create, actor=secretariat, session=session, language="es",
           description="Informe conjunto zeta", owner_country="COL", owner_mechanism="CRM",
           due=due)  # fmt: skip

    (for_col,) = notes(col, Kind.ACTION_ASSIGNED)
    (for_crm,) = notes(crm_focal, Kind.ACTION_ASSIGNED)
    assert for_col.subject.startswith("A follow-up action for ")
    assert for_col.subject.endswith(": Informe conjunto zeta")
    with translation.override("en"):
        assert date_format(due, "DATE_FORMAT") in for_col.body
    assert for_crm.subject.startswith("Una acción de seguimiento para ")
    assert for_col.url == "/en/follow-up/" and for_crm.url == "/es/follow-up/"
    assert not notes(mex) and not notes(secretariat)


def test_marking_read_is_for_ones_own_notifications_and_stays_private(commit):
    author, checker = state_focal_point(), reviewer()
    commit(practices.practice_submit, actor=author, practice=draft(author))
    commit(practices.practice_submit, actor=author, practice=draft(author, title="Otra práctica"))
    first, second = notes(checker)
    version = data_version()
    with pytest.raises(PermissionDenied):
        notification_mark_read(actor=author, notification=first)
    assert notification_mark_read(actor=checker, notification=first).read_at is not None
    assert notifications_mark_all_read(actor=checker) == 1
    second.refresh_from_db()
    assert second.read_at is not None
    assert data_version() == version  # nothing the public reads changed
    assert AuditEntry.objects.filter(action="notification.read", actor=checker).exists()
    with pytest.raises(PermissionDenied):
        notification_preferences_set(
            actor=author, user=checker, choices={Kind.ACTION_DUE: (False, False)}
        )
    assert not NotificationPreference.objects.filter(user=checker).exists()


def test_sinergia_remind_sends_the_days_reminders_once():
    from io import StringIO

    from django.core.management import call_command

    session = Session.objects.get(key="cam-2023-05-09")
    dialogue.action_create(
        actor=secretariat_user(),
        session=session,
        language="es",
        description="Informe",
        owner_country="COL",
        due=datetime.date(2030, 1, 10),
    )
    col = state_focal_point("COL")
    out = StringIO()
    call_command("remind", "--on", "2030-01-05", stdout=out)
    call_command("remind", "--on", "2030-01-05", stdout=out)
    assert out.getvalue().splitlines() == ["1 reminder(s) sent.", "0 reminder(s) sent."]
    assert [m.to for m in mail.outbox] == [[col.email]]


def test_with_a_worker_mail_is_a_task_retried_while_smtp_fails(settings, monkeypatch):
    from sinergia.notifications import mail as mail_module
    from sinergia.notifications.tasks import mail_send_task

    queued = []
    monkeypatch.setattr(mail_send_task, "delay", lambda message: queued.append(message))
    settings.CELERY_TASK_ALWAYS_EAGER = False
    message = mail_module.mail_message(to="a@example.org", subject="S", text="T", html="<p>T</p>")
    mail_module.mail_queue(message)
    assert queued == [message] and mail.outbox == []
    assert OSError in mail_send_task.autoretry_for and mail_send_task.max_retries >= 5
    mail_send_task.apply(args=[message])
    assert mail.outbox[0].to == ["a@example.org"]
    assert mail.outbox[0].alternatives[0][0] == "<p>T</p>"
