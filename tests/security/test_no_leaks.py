"""Unpublished content never leaks: a submitted practice and a draft contribution, each with
a word no published text has, are absent from every public channel."""

from __future__ import annotations

import io
import zipfile

import pytest

from sinergia.dialogue.models import Session
from sinergia.dialogue.report import report_build, report_render
from sinergia.practices import services
from tests.dialogue.factories import ContributionFactory
from tests.practices.helpers import draft, state_focal_point

pytestmark = pytest.mark.django_db

WORD = "Quetzalcóatlxyz"
MARKERS = [f"Protocolo {WORD}", f"Borrador {WORD}", f"Retirado {WORD}"]


@pytest.fixture
def hidden():
    author = state_focal_point("GTM")
    practice = services.practice_submit(
        actor=author, practice=draft(author, iso3="GTM", title=f"Protocolo {WORD}")
    )
    session = Session.objects.get(key="cam-2023-05-09")
    ContributionFactory(
        participant=session.participants.get(mechanism__acronym="OCAM"),
        status="draft",
        statement=f"Borrador {WORD} de la OCAM.",
    )
    ContributionFactory(
        participant=session.participants.get(mechanism__acronym="CSM"),
        status="withdrawn",
        statement=f"Retirado {WORD} de la CSM.",
    )
    return practice, session


CHANNELS = [
    "/es/practices/?q={word}",
    "/api/v1/practices?q={word}",
    "/es/practices/export.csv?q={word}",
    "/es/practices/export.json",
    "/es/practices/feed/",
    "/es/dialogue/{session}/",
    "/api/v1/sessions/{session}/contributions",
    "/es/dialogue/{session}/contributions.csv",
    "/es/dialogue/{session}/report.es.html",
    "/es/themes/",
    "/api/v1/synergy/opportunities",
]


@pytest.mark.parametrize("path", CHANNELS)
def test_no_public_channel_shows_it(client, hidden, path):
    _practice, session = hidden
    response = client.get(path.format(word=WORD, session=session.pk))
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    for marker in MARKERS:  # the search box may echo the word; the texts must not appear
        assert marker.encode() not in body, marker


def test_not_in_the_open_data_package_nor_the_report_in_any_format(client, hidden):
    _practice, session = hidden
    response = client.get("/api/v1/export/datapackage.zip")
    with zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))) as archive:
        for name in archive.namelist():
            assert WORD.encode() not in archive.read(name), name
    for fmt in ("html", "docx"):
        content = report_render(report_build(session, "en"), fmt)
        if fmt == "docx":
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                content = archive.read("word/document.xml")
        assert WORD.encode() not in content
