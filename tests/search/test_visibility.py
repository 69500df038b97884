"""The site search shows each reader only what the reader may see: published practices,
submitted contributions, and drafts to their own authors."""

from __future__ import annotations

import pytest

from sinergia.dialogue.models import Session
from sinergia.dialogue.services import ContributionData, contribution_submit
from sinergia.practices import services as practice_services
from tests.dialogue.factories import ContributionFactory, delegation
from tests.factories import secretariat_user
from tests.practices.helpers import draft, state_focal_point

pytestmark = pytest.mark.django_db

WORD = "Quetzalcoatlzz"


@pytest.fixture
def hidden():
    """A practice under review, a draft and a withdrawn contribution, and a submitted one,
    each with WORD."""
    author = state_focal_point("GTM")
    practice_services.practice_submit(
        actor=author, practice=draft(author, iso3="GTM", title=f"Protocolo {WORD} en revisión")
    )
    session = Session.objects.get(key="cam-2023-05-09")
    contribution_submit(
        actor=author,
        participant=delegation(session, "GTM"),
        data=ContributionData(
            question=1, language="es", statement=f"Borrador {WORD} de Guatemala.", status="draft"
        ),
    )
    ContributionFactory(
        participant=session.participants.get(mechanism__acronym="CSM"),
        status="withdrawn",
        statement=f"Retirado {WORD} de la CSM.",
    )
    ContributionFactory(
        participant=session.participants.get(mechanism__acronym="OCAM"),
        statement=f"Presentado {WORD} por la OCAM.",
    )
    return author


def texts(client, language="es"):
    page = client.get(f"/{language}/search/", {"q": WORD}).content.decode()
    page = page.replace("<mark>", "").replace("</mark>", "")
    api = client.get("/api/v1/search", {"q": WORD}, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    return page, api


def test_the_public_sees_the_submitted_contribution_only(client, hidden):
    for body in texts(client):
        assert f"Presentado {WORD}" in body
        for secret in (f"Protocolo {WORD}", f"Borrador {WORD}", f"Retirado {WORD}"):
            assert secret not in body, secret


def test_an_author_sees_its_own_draft_and_no_one_else_does(client, hidden):
    client.force_login(hidden)
    page, api = texts(client)
    for body in (page, api):
        assert f"Borrador {WORD}" in body and f"Presentado {WORD}" in body
        assert f"Retirado {WORD}" not in body  # the CSM's, not Guatemala's
        assert f"Protocolo {WORD}" not in body  # practices: published ones only
    assert "borrador" in page  # the draft is marked as such
    client.force_login(state_focal_point("COL"))
    for body in texts(client):
        assert f"Borrador {WORD}" not in body and f"Presentado {WORD}" in body


def test_the_secretariat_sees_every_contribution(client, hidden):
    client.force_login(secretariat_user())
    for body in texts(client, "en"):
        for text in (f"Borrador {WORD}", f"Retirado {WORD}", f"Presentado {WORD}"):
            assert text in body


def test_what_an_author_saw_is_not_served_to_the_public_afterwards(client, hidden):
    client.force_login(hidden)
    assert f"Borrador {WORD}" in texts(client)[0]
    client.logout()
    for body in texts(client):
        assert f"Borrador {WORD}" not in body
