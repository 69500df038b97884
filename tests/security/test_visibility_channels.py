"""One visibility rule, every public channel. A delegation reports a good practice from a
submitted contribution (the practice waits for review), a second delegation saves only a
draft, and focal points and the secretariat report progress on an action. Walking every
address of the URL configuration and the API as the public, then the report in each format
and the open-data package: the practice's title and number are nowhere, the draft-only
delegation is nowhere more than before it spoke, and progress notes name bodies, not
people. Its author and the secretariat still see what they should."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile

import pytest
from django.db.models import Q

from sinergia.accounts.models import RoleKind
from sinergia.dialogue import services
from sinergia.dialogue.models import Session
from sinergia.dialogue.report import report_build, report_render
from sinergia.i18n import LANGUAGE_CODES, territory_name
from sinergia.practices.models import Status
from sinergia.synergy.selectors import registry_analysis
from tests.factories import user_with_role
from tests.practices.helpers import state_focal_point
from tests.security.channels import channel_paths, text_of, walk

pytestmark = pytest.mark.django_db

WORD = "Tlaloquetzalwq"
TITLE = f"Ventanilla binacional {WORD}"
DRAFT = f"Borrador {WORD} de Santa Lucía"
SPEAKER, SILENT = "PAN", "LCA"  # the delegation that spoke; the one with a draft only
FOCAL_NAME, SECRETARIAT_NAME = "vocera-pan-7731", "secretaria-cam-5521"
REPORT_LANGUAGES, REPORT_FORMATS = ("es", "en"), ("html", "pdf", "docx")


def _data(statement: str, status: str = "submitted") -> services.ContributionData:
    return services.ContributionData(
        question=1,
        language="es",
        statement=statement,
        good_practices="Una ventanilla única en la frontera atiende a personas migrantes.",
        status=status,
    )


@pytest.fixture
def scene():
    session = Session.objects.get(key="cam-2023-05-09")
    speaker = state_focal_point(SPEAKER, username=FOCAL_NAME)
    participant = services.delegation_join(actor=speaker, session=session, country=SPEAKER)
    contribution = services.contribution_submit(
        actor=speaker,
        participant=participant,
        data=_data("Panamá comparte su experiencia de atención en frontera."),
    )
    practice = services.practice_from_contribution(
        actor=speaker, contribution=contribution, title=TITLE
    )
    assert practice.status == Status.SUBMITTED
    secretariat = user_with_role(RoleKind.ADMIN, username=SECRETARIAT_NAME)
    action = services.action_create(
        actor=secretariat,
        session=session,
        description="Compartir el protocolo de ventanilla única.",
        language="es",
        owner_country=SPEAKER,
    )
    services.action_progress(actor=speaker, action=action, status="in_progress", note="Iniciado.")
    services.action_progress(actor=secretariat, action=action, status="in_progress", note="Visto.")
    return {
        "session": session,
        "contribution": contribution,
        "practice": practice,
        "action": action,
        "speaker": speaker,
        "secretariat": secretariat,
    }


def draft_only_delegation(session: Session):
    """A focal point of Saint Lucia joins the session with a draft, and nothing else."""
    silent = state_focal_point(SILENT)
    participant = services.delegation_join(actor=silent, session=session, country=SILENT)
    services.contribution_submit(actor=silent, participant=participant, data=_data(DRAFT, "draft"))
    return silent


def public_paths(scene) -> list[str]:
    session, contribution = scene["session"], scene["contribution"]
    opportunity = registry_analysis().opportunities[0].key
    values = {
        "fmt": ["csv", "xlsx", "json", *REPORT_FORMATS],
        "acronym": ["CAM", "OCAM"],
        "iso3": [SPEAKER, SILENT],
        "key": ["regularization", opportunity],
        "name": ["overlap", "burden", "partners"],
        "subregion": ["caribbean"],
        "theme": ["regularization"],
        "code": ["019"],
        "language": list(REPORT_LANGUAGES),
        "number": [1],
        "dialogue:pk": [session.pk],
        "contributions:pk": [contribution.pk],
        "practices:pk": [scene["practice"].pk],
        "follow-up:pk": [scene["action"].pk],
        "session_id": [session.pk],
        "contribution_id": [contribution.pk],
        "practice_id": [scene["practice"].pk],
        "action_id": [scene["action"].pk],
        # Not read by the public: files by secret token, the audit trail, token revocation,
        # a practice's workflow steps and the end of a membership (written to, never read).
        "token": [],
        "membership_id": [],
        "members:pk": [],
        "action": [],
        "label": [],
        "versions:pk": [],
        "tokens:pk": [],
        # One's own notifications: marked read, never read by the public.
        "notifications:pk": [],
        # Changes to meetings and participants: written to, or opened to change them only.
        "meeting_id": [],
        "meetings:pk": [],
        "participant": [],
        "participant_id": [],
        # A final report's stored files and the secretariat's new draft from it: the scene
        # has no final version; a final one is the session's report frozen, read above.
        "final": [],
    }
    return channel_paths(
        values,
        extra=[
            f"/es/practices/?q={WORD}",
            f"/api/v1/practices?q={WORD}",
            f"/es/practices/export.csv?q={WORD}",
            f"/api/v1/actions?session={session.pk}",
        ],
    )


def country_markers(iso3: str, iso2: str) -> list[re.Pattern]:
    names = {territory_name(iso2, language) for language in LANGUAGE_CODES}
    return [
        re.compile(rf"\b{iso3}\b"),
        *(re.compile(rf"(?<!\w){re.escape(name)}(?!\w)") for name in names),
    ]


def _counts(text: str, markers: list[re.Pattern]) -> tuple[int, ...]:
    return tuple(len(marker.findall(text)) for marker in markers)


def practice_traces(practice_id: int) -> list[re.Pattern]:
    """How a practice's number shows: its address, or in a list of practices."""
    return [
        re.compile(rf"/practices/{practice_id}/"),
        re.compile(rf"\"practices\":\s*\[[^\]]*\b{practice_id}\b"),
    ]


REPORT_TYPES = {
    "html": "text/html",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def test_every_public_channel_keeps_unpublished_practices_drafts_and_people_to_itself(
    client, scene
):
    session, practice = scene["session"], scene["practice"]
    paths = public_paths(scene)
    silent = country_markers(SILENT, "LC")
    # The report is compared as its content (it is long to render): read by its addresses
    # after the draft only.
    before = {
        path: _counts(reading.text, silent)
        for path, reading in walk(client, [p for p in paths if "/report." not in p]).items()
    }
    reports_before = {language: report_build(session, language) for language in REPORT_LANGUAGES}

    draft_only_delegation(session)
    readings = walk(client, paths)

    read_fully = {path for path, r in readings.items() if r.status == 200}
    for essential in [
        f"/es/dialogue/{session.pk}/",
        "/es/dialogue/",
        f"/es/contributions/{scene['contribution'].pk}/",
        f"/es/countries/{SILENT}/",
        "/es/follow-up/",
        "/es/follow-up/export.csv",
        f"/es/dialogue/{session.pk}/contributions.xlsx",
        *(f"/es/dialogue/{session.pk}/report.en.{fmt}" for fmt in REPORT_FORMATS),
        "/es/practices/export.json",
        "/es/practices/feed/",
        "/es/synergy/",
        f"/es/synergy/countries/{SILENT}/",
        f"/api/v1/countries/{SILENT}/partners",
        f"/api/v1/sessions/{session.pk}",
        f"/api/v1/sessions/{session.pk}/contributions",
        f"/api/v1/contributions/{scene['contribution'].pk}",
        "/api/v1/actions",
        "/api/v1/synergy/opportunities",
        "/api/v1/export/datapackage.zip",
    ]:
        assert essential in read_fully, essential
    assert len(read_fully) > 60

    traces = practice_traces(practice.pk)
    for path, reading in readings.items():
        assert WORD not in reading.text or path.endswith(f"q={WORD}"), path
        assert TITLE not in reading.text, path
        assert not any(trace.search(reading.text) for trace in traces), path
        if path in before:
            assert _counts(reading.text, silent) == before[path], f"{SILENT} shows in {path}"
        assert FOCAL_NAME not in reading.text and SECRETARIAT_NAME not in reading.text, path

    # The report says exactly what it said before the draft, and not the practice, in
    # whatever format it is read.
    for language, earlier in reports_before.items():
        report = report_build(session, language)
        assert report == earlier, language
        for fmt, content_type in REPORT_TYPES.items():
            text = text_of(report_render(report, fmt), content_type)
            assert TITLE not in text and WORD not in text, (language, fmt)
            assert FOCAL_NAME not in text and SECRETARIAT_NAME not in text, (language, fmt)


def test_the_public_sees_who_spoke_and_which_body_reported(client, scene):
    session = scene["session"]
    draft_only_delegation(session)
    detail = client.get(f"/api/v1/sessions/{session.pk}").json()
    countries = {p["country"] for p in detail["participants"]}
    assert SPEAKER in countries and SILENT not in countries
    listed = client.get("/es/dialogue/").content.decode()
    assert f'<td class="num">{len(detail["participants"])}</td>' in listed

    contribution = client.get(f"/api/v1/contributions/{scene['contribution'].pk}").json()
    assert contribution["practices"] == []

    (action,) = client.get("/api/v1/actions", {"session": session.pk}).json()
    assert [(note["by"], note["author"]) for note in action["progress"]] == [
        (SPEAKER, None),
        ("secretariat", None),
    ]
    page = client.get("/es/follow-up/").content.decode()
    assert "(Panamá)" in page and "(la Secretaría de la CAM)" in page


def test_the_author_and_the_secretariat_still_see_them(client, scene):
    session, practice = scene["session"], scene["practice"]
    contribution = scene["contribution"]
    silent = draft_only_delegation(session)
    for person in (scene["speaker"], scene["secretariat"]):
        client.force_login(person)
        page = client.get(f"/es/contributions/{contribution.pk}/").content.decode()
        assert TITLE in page and f"/es/practices/{practice.pk}/" in page
        body = client.get(f"/api/v1/contributions/{contribution.pk}").json()
        assert body["practices"] == [practice.pk]
        assert client.get(f"/es/practices/{practice.pk}/").status_code == 200
    for person in (silent, scene["secretariat"]):
        client.force_login(person)
        detail = client.get(f"/api/v1/sessions/{session.pk}").json()
        assert SILENT in {p["country"] for p in detail["participants"]}
        assert "Santa Lucía" in client.get(f"/es/dialogue/{session.pk}/").content.decode()
        assert (
            client.get(f"/es/countries/{SILENT}/")
            .content.decode()
            .count(session.display_title[:30])
            >= 1
        )
    # The secretariat sees who wrote each progress note; the owner's focal point does not.
    client.force_login(scene["secretariat"])
    (action,) = client.get("/api/v1/actions", {"session": session.pk}).json()
    assert [note["author"] for note in action["progress"]] == [FOCAL_NAME, SECRETARIAT_NAME]
    assert FOCAL_NAME in client.get("/es/follow-up/").content.decode()
    client.force_login(scene["speaker"])
    assert FOCAL_NAME not in client.get("/es/follow-up/").content.decode()


def test_the_open_data_package_holds_neither(client, scene):
    draft_only_delegation(scene["session"])
    response = client.get("/api/v1/export/datapackage.zip")
    with zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))) as archive:
        practices = list(csv.DictReader(io.StringIO(archive.read("data/practices.csv").decode())))
        contributions = list(
            csv.DictReader(io.StringIO(archive.read("data/contributions.csv").decode()))
        )
        descriptor = json.loads(archive.read("datapackage.json"))
    assert str(scene["practice"].pk) not in {row["id"] for row in practices}
    assert practices, "the published practices are there"
    speakers = {row["participant"] for row in contributions}
    assert "Panamá" in speakers or SPEAKER in speakers or "Panama" in speakers
    assert not speakers & {SILENT, "Santa Lucía", "St. Lucia"}
    assert {r["name"] for r in descriptor["resources"]} >= {"practices", "contributions"}


def test_the_rules_answer_for_each_reader(scene):
    """Each reader's view of a session comes from the rules in the permissions modules."""
    from sinergia.dialogue import permissions, selectors
    from sinergia.practices.permissions import ANONYMOUS, visible_filter

    session = scene["session"]
    silent = draft_only_delegation(session)
    public = selectors.participants_visible(session, ANONYMOUS)
    assert SILENT not in {p.country.iso3 for p in public if p.country}
    assert SILENT in {
        p.country.iso3 for p in selectors.participants_visible(session, silent) if p.country
    }
    assert not session.participants.filter(permissions.visible_participants(ANONYMOUS)).filter(
        Q(country__iso3=SILENT)
    )
    assert not scene["contribution"].practices.filter(visible_filter(ANONYMOUS)).exists()
