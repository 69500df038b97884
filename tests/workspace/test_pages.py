"""Each role's workspace after signing in: what it lists, what it leaves out, the header's
links, and the full list of the data that needs confirming."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from sinergia.dialogue.models import ContributionStatus, FollowUpAction, Session
from sinergia.i18n import LANGUAGE_CODES
from sinergia.practices.services import practice_submit
from sinergia.registry.models import Country, Mechanism, Meeting
from tests.dialogue.factories import ContributionFactory, delegation, mechanism_participant
from tests.factories import secretariat_user
from tests.practices.helpers import draft, mechanism_focal_point, reviewer, state_focal_point

pytestmark = pytest.mark.django_db

SUBMITTED = "Ruta de atención a niñez migrante no acompañada"
DRAFT = "Ventanilla única de documentación para personas retornadas"
COL_DRAFT_STATEMENT = "Colombia propone una ventanilla binacional de documentación."
CRM_STATEMENT = "La CRM propone un grupo técnico conjunto con el MIRPS sobre retorno."
OVERDUE = "Publicar el mapa regional de rutas de protección de la CRM"
PER_SOON = "Compartir el protocolo peruano de identificación de víctimas de trata"
COL_LATER = "Presentar la estrategia colombiana de integración socioeconómica"
CRM_MEETING = "XXXI Reunión Viceministerial de la CRM"
MIRPS_MEETING = "Reunión anual del MIRPS"
CSM_MEETING = "XXIV Conferencia Suramericana sobre Migraciones"


def _action(session, description, *, due, country=None, mechanism=None):
    action = FollowUpAction.objects.create(
        session=session, description=description, language="es", due=due
    )
    if country:
        action.owner_countries.add(Country.objects.get(iso3=country))
    if mechanism:
        action.owner_mechanisms.add(Mechanism.objects.get(acronym=mechanism))
    return action


def _meeting(acronym, title, day):
    return Meeting.objects.create(
        mechanism=Mechanism.objects.get(acronym=acronym),
        title=title,
        date=day,
        place="Ciudad de Guatemala",
        recorded_in_sinergia=True,
    )


@pytest.fixture
def scene():
    today = timezone.localdate()
    session = Session.objects.get(key="cam-2023-05-09")
    col = state_focal_point("COL")
    crm = mechanism_focal_point("CRM")
    practice_submit(actor=col, practice=draft(col, title=SUBMITTED))
    draft(col, title=DRAFT)
    ContributionFactory(
        participant=delegation(session, "COL"),
        status=ContributionStatus.DRAFT,
        statement=COL_DRAFT_STATEMENT,
    )
    crm_contribution = ContributionFactory(
        participant=mechanism_participant(session, "CRM"), statement=CRM_STATEMENT
    )
    _action(session, OVERDUE, due=today - datetime.timedelta(days=3), mechanism="CRM")
    _action(session, PER_SOON, due=today + datetime.timedelta(days=10), country="PER")
    _action(session, COL_LATER, due=today + datetime.timedelta(days=60), country="COL")
    _meeting("CRM", CRM_MEETING, today + datetime.timedelta(days=20))
    _meeting("MIRPS", MIRPS_MEETING, today + datetime.timedelta(days=21))
    _meeting("CSM", CSM_MEETING, today + datetime.timedelta(days=40))
    return {
        "col": col,
        "crm": crm,
        "reviewer": reviewer(),
        "secretariat": secretariat_user(),
        "crm_contribution": crm_contribution,
    }


def _workspace(client, user, language="en"):
    client.force_login(user)
    with translation.override(language):
        url = reverse("workspace")
    response = client.get(url)
    assert response.status_code == 200
    return response


def _main(response) -> str:
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def _account_nav(response) -> str:
    html = response.content.decode()
    start = html.index('aria-label="Account"')
    return html[start : html.index("</nav>", start)]


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_someone_not_signed_in_is_sent_to_sign_in(client):
    for name in ("workspace", "workspace_unconfirmed"):
        with translation.override("es"):
            url = reverse(name)
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == f"/es/accounts/login/?next={url}"


def test_signing_in_lands_on_the_workspace(client):
    person = state_focal_point("COL")
    person.set_password("a long demo password")
    person.save()
    response = client.post(
        "/en/accounts/login/", {"username": person.username, "password": "a long demo password"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/workspace/"


def test_the_secretariat_finds_its_work(client, scene):
    response = _workspace(client, scene["secretariat"])
    main = _main(response)
    text = _text(main)
    # Practices to review, linked, and the queue.
    assert SUBMITTED in text and DRAFT not in text
    assert reverse("practice_review") in main
    # A contribution still in draft waits; the CRM's submitted one is recent.
    assert COL_DRAFT_STATEMENT not in text  # listed by who and which session, not its text
    assert "Contributions awaiting submission (1)" in text
    assert "Submitted in the last 30 days (1)" in text
    assert f'href="/en/contributions/{scene["crm_contribution"].pk}/"' in main
    # Actions due within 30 days and overdue; later ones wait for their turn.
    assert OVERDUE in text and "(overdue)" in text and PER_SOON in text
    assert COL_LATER not in text
    assert "1 overdue · 1 due within 30 days" in text
    # Every coming meeting and their clash.
    assert CRM_MEETING in text and MIRPS_MEETING in text and CSM_MEETING in text
    assert "Clashes (1)" in text and "7 member states in common" in text
    # Data needing confirmation, with its full list.
    assert "Data needing confirmation" in text
    assert "OAS — Venezuela" in text or "LAD — Suriname" in text
    assert reverse("workspace_unconfirmed") in main
    # No focal point's own lists.
    assert "My practices (" not in text
    assert "My contributions" not in text


def test_the_secretariat_s_header_links_its_tools_with_the_queue_s_count(client, scene):
    nav = _account_nav(_workspace(client, scene["secretariat"]))
    assert 'href="/en/workspace/" aria-current="page"' in nav
    assert "Review queue" in nav and '<span class="badge" aria-hidden="true">1</span>' in nav
    assert "1 practice waits for review" in nav
    assert 'href="/en/follow-up/"' in nav
    assert 'href="/en/meetings/new/"' in nav
    assert 'href="/en/audit/"' in nav
    assert "My practices" not in nav


def test_a_reviewer_sees_the_queue_and_nothing_of_the_secretariat(client, scene):
    response = _workspace(client, scene["reviewer"])
    text = _text(_main(response))
    assert "Practices to review (1)" in text and SUBMITTED in text
    for absent in (
        DRAFT,
        "Contributions awaiting",
        OVERDUE,
        CRM_MEETING,
        "Data needing confirmation",
        "My practices",
    ):
        assert absent not in text
    nav = _text(_account_nav(response))
    assert "Review queue" in nav
    for absent in ("Audit trail", "Follow-up", "New meeting", "My practices"):
        assert absent not in nav


def test_a_state_focal_point_sees_its_own_work(client, scene):
    response = _workspace(client, scene["col"])
    main = _main(response)
    text = _text(main)
    assert "Focal point of Colombia" in text
    # Its practices, any status, with the count of each.
    assert SUBMITTED in text and DRAFT in text
    assert "Draft: 1" in text and "Submitted: 1" in text
    assert text.count("New good practice") == 1
    # Its contributions, the draft included; not the CRM's.
    assert "My contributions to the dialogue (1)" in text
    assert "Colombia — " in text and "CRM — " not in text
    # Its action, whatever its date; not others'.
    assert COL_LATER in text and OVERDUE not in text and PER_SOON not in text
    assert 'href="/en/follow-up/?owner=COL"' in main
    # Meetings of the mechanisms Colombia belongs to, not the CRM's.
    assert CSM_MEETING in text and CRM_MEETING not in text
    assert 'href="/en/meetings/?country=COL"' in main
    for absent in ("Practices to review", "Data needing confirmation", "Add a meeting"):
        assert absent not in text
    nav = _text(_account_nav(response))
    assert "My practices" in nav and "Follow-up" in nav
    for absent in ("Review queue", "Audit trail", "New meeting"):
        assert absent not in nav


def test_a_mechanism_focal_point_sees_its_mechanism_s_work(client, scene):
    response = _workspace(client, scene["crm"])
    main = _main(response)
    text = _text(main)
    assert "Focal point of CRM" in text
    assert "No practice yet." in text
    assert "CRM — " in text and "Colombia — " not in text
    assert OVERDUE in text and "(overdue)" in text and COL_LATER not in text
    # Its meetings and the clash with the MIRPS's, which it does not see as its own.
    assert CRM_MEETING in text and CSM_MEETING not in text
    assert "Clashes (1)" in text and MIRPS_MEETING in text
    assert 'href="/en/meetings/new/"' in main
    # Its mechanism's unconfirmed facts only.
    assert "Data needing confirmation" in text and "OAS — Venezuela" not in text
    assert reverse("membership_manage", kwargs={"acronym": "CRM"}) in main
    assert "New meeting" in _text(_account_nav(response))


def test_a_person_without_a_role_is_told_whom_to_ask(client):
    from tests.factories import UserFactory

    text = _text(_main(_workspace(client, UserFactory(username="reader"))))
    assert "ask the CAM secretariat" in text
    assert "Practices to review" not in text and "My practices" not in text


def test_empty_blocks_say_what_to_do(client):
    text = _text(_main(_workspace(client, mechanism_focal_point("CSM"))))
    assert "No practice yet. Share one with “New good practice”" in text
    assert "No open action is yours." in text
    assert "No meeting announced ahead. Add the next one to the calendar" in text


@pytest.mark.parametrize("language", list(LANGUAGE_CODES))
def test_the_workspace_answers_in_every_language_and_is_never_shared(client, scene, language):
    response = _workspace(client, scene["secretariat"], language)
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    if language != "en":
        assert "My workspace" not in html


def test_the_full_list_of_unconfirmed_data(client, scene):
    client.force_login(scene["secretariat"])
    text = _text(client.get("/en/workspace/unconfirmed/").content.decode())
    assert "OAS — Venezuela" in text and "Disputed." in text
    assert "Facts of dialogue sessions (1)" in text
    assert "Session participants" in text

    client.force_login(scene["crm"])
    text = _text(client.get("/en/workspace/unconfirmed/").content.decode())
    assert "OAS — Venezuela" not in text
    assert "Facts of mechanisms (1)" in text and "Facts of dialogue sessions" not in text

    for person in (scene["reviewer"], scene["col"]):
        client.force_login(person)
        assert client.get("/en/workspace/unconfirmed/").status_code == 403


def test_the_workspace_reads_a_bounded_number_of_queries(
    client, scene, django_assert_max_num_queries
):
    client.force_login(scene["secretariat"])
    client.get("/en/workspace/")
    with django_assert_max_num_queries(40):
        client.get("/en/workspace/")


@pytest.mark.parametrize(
    ("person", "path"),
    [("secretariat", "/en/practices/review/"), ("col", "/en/practices/mine/"),
     ("crm", "/en/follow-up/"), ("secretariat", "/en/meetings/month/")],
)  # fmt: skip
def test_the_header_marks_one_link_as_the_page_shown(client, scene, person, path):
    """A screen reader hears "current page" once: on the person's own link when the page is
    theirs (review queue, my practices, follow-up), not also on the site's section."""
    client.force_login(scene[person])
    html = client.get(path).content.decode()
    header = html[html.index('<header class="site-header">') : html.index("</header>")]
    assert header.count('aria-current="page"') == 1, path
