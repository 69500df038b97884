"""One data version: every public write moves it in its own transaction, whichever door the
write came through, and every cache follows it at once; private writes leave it."""

from __future__ import annotations

import csv
import datetime
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils.http import http_date

from sinergia.accounts.models import AuditEntry
from sinergia.accounts.tokens import token_create
from sinergia.data_version import data_version
from sinergia.registry.models import Mechanism
from sinergia.registry.services import meeting_add
from tests.factories import secretariat_user
from tests.practices.helpers import mechanism_focal_point, state_focal_point

pytestmark = pytest.mark.django_db


@pytest.fixture
def public(settings):
    """A reader not signed in, with the public page cache on as in production."""
    settings.SINERGIA_PUBLIC_CACHE_SECONDS = 600
    return Client()


def test_a_public_write_moves_the_version_and_a_private_one_does_not():
    before = data_version()
    focal = mechanism_focal_point("CRM")
    token_create(actor=focal, name="sync", mechanism="CRM")
    assert data_version() == before
    meeting_add(
        actor=focal,
        mechanism=Mechanism.objects.get(acronym="CRM"),
        title="Reunión técnica",
        date=datetime.date(2026, 3, 2),
    )
    after = data_version()
    assert after.token != before.token and after.changed_at > before.changed_at


def test_a_write_rolled_back_leaves_the_version_as_it_was():
    before = data_version()
    with pytest.raises(RuntimeError), transaction.atomic():
        meeting_add(
            actor=secretariat_user(),
            mechanism=Mechanism.objects.get(acronym="CRM"),
            title="Reunión que no fue",
            date=datetime.date(2026, 3, 2),
        )
        assert data_version() != before  # the write sees its own version
        raise RuntimeError
    assert data_version() == before


def test_a_request_reads_the_version_once(public):
    for path in ["/es/practices/?q=migración", "/api/v1/practices?q=trata", "/es/synergy/"]:
        with CaptureQueriesContext(connection) as queries:
            assert public.get(path).status_code == 200
        reads = [q for q in queries.captured_queries if "data_version_dataversion" in q["sql"]]
        assert len(reads) == 1, path


def test_last_modified_is_the_time_of_the_last_public_write(public):
    meeting_add(
        actor=secretariat_user(),
        mechanism=Mechanism.objects.get(acronym="CRM"),
        title="Reunión técnica",
        date=datetime.date(2026, 3, 2),
    )
    response = public.get("/api/v1/mechanisms")
    assert response["Last-Modified"] == http_date(data_version().changed_at.timestamp())


def test_a_meeting_added_on_the_page_is_seen_by_the_analysis_at_once(client, public):
    """The analysis counts the meetings a year of each mechanism in its members' burden."""

    def mexico_meetings() -> float:
        rows = public.get("/api/v1/synergy/burden").json()
        return next(row["meetings_per_year"] for row in rows if row["country"] == "MEX")

    before = mexico_meetings()
    client.force_login(mechanism_focal_point("CRM"))
    last_month = (datetime.date.today() - datetime.timedelta(days=30)).isoformat()
    response = client.post(
        "/en/meetings/new/",
        {
            "mechanism": "CRM",
            "title": "Grupo regional de consulta",
            "date": last_month,
            "confirm_clash": "yes",  # saved whatever it clashes with
        },
    )
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="meeting.create").count() == 1
    assert mexico_meetings() == pytest.approx(before + 0.2)
    assert "Grupo regional de consulta" in public.get("/en/meetings/").content.decode()


def test_a_practices_import_is_audited_and_seen_at_once_by_pages_and_search(tmp_path, public):
    def search() -> dict:
        return public.get("/api/v1/practices", {"q": "zetaventanilla"}).json()

    assert search()["count"] == 0
    listing = "/es/practices/?q=zetaventanilla"
    assert "Ventanilla zetaventanilla" not in public.get(listing).content.decode()
    path = tmp_path / "practices.json"
    row = {
        "external_id": "test-import-1",
        "title": "Ventanilla zetaventanilla de orientación",
        "summary": "Orientación a personas retornadas sobre documentos y empleo.",
        "language": "es",
        "countries": ["GTM"],
    }
    path.write_text(json.dumps([row]), encoding="utf-8")
    call_command("practices", "import", str(path), "--publish")
    imported = AuditEntry.objects.filter(
        action="practice.publish", object_type="practices.practice"
    )
    assert imported.filter(summary="import", actor_label="sinergia practices import").count() == 1
    found = search()
    assert found["count"] == 1 and found["facets"]["country"] == {"GTM": 1}
    assert "zetaventanilla" in public.get(listing).content.decode()


def test_a_statistics_import_is_audited_and_seen_at_once(tmp_path, public):
    original = Path(settings.SINERGIA_DATA_DIR) / "statistics" / "unhcr_population_2015_2025.csv"
    rows = list(csv.reader(original.read_text(encoding="utf-8").splitlines()))
    header = rows[0]
    year, asylum, refugees = header.index("year"), header.index("coa_iso"), header.index("refugees")
    line = next(i for i, r in enumerate(rows) if r[year] == "2024" and r[asylum] == "COL")
    rows[line][refugees] = str(int(rows[line][refugees] or 0) + 1000)
    copy = tmp_path / "unhcr.csv"
    with copy.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)

    address = "/api/v1/statistics/refugees?country=COL&year=2024"
    before = public.get(address).json()["refugees"]
    version = data_version()
    call_command("stats", "import", "unhcr", str(copy))
    entry = AuditEntry.objects.filter(action="dataset.import").first()
    assert entry.summary.endswith(": unhcr.csv") and data_version() != version
    assert public.get(address).json()["refugees"] == before + 1000


def test_an_api_write_is_audited_and_seen_at_once(client, public):
    focal = state_focal_point("COL")
    _token, secret = token_create(actor=focal, name="sync", country="COL")
    draft = client.post(
        "/api/v1/practices",
        json.dumps(
            {
                "title": "Registro zetaúnico de retornados",
                "summary": "Un registro para orientar a quienes regresan.",
                "language": "es",
                "countries": ["COL"],
            }
        ),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )
    assert draft.status_code == 201
    assert public.get("/api/v1/practices", {"q": "zetaúnico"}).json()["count"] == 0
    practice = draft.json()["id"]
    from tests.practices.helpers import reviewer

    _token, review = token_create(actor=reviewer(), name="desk")
    for action, secret_used in (("submit", secret), ("publish", review)):
        moved = client.post(
            f"/api/v1/practices/{practice}/transitions",
            json.dumps({"action": action}),
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {secret_used}",
        )
        assert moved.status_code == 200, moved.content
    assert AuditEntry.objects.filter(action="practice.publish", object_id=str(practice)).exists()
    assert public.get("/api/v1/practices", {"q": "zetaúnico"}).json()["count"] == 1
    assert "zetaúnico" in public.get(f"/es/practices/{practice}/").content.decode()


def test_a_write_elsewhere_keeps_the_tagger_and_a_new_synonym_rebuilds_it():
    from sinergia.accounts.editing import record_save
    from sinergia.vocabulary.models import Concept
    from sinergia.vocabulary.selectors import vocabulary_tagger

    first = vocabulary_tagger()
    meeting_add(
        actor=secretariat_user(),
        mechanism=Mechanism.objects.get(acronym="CRM"),
        title="Reunión técnica",
        date=datetime.date(2026, 3, 2),
    )
    assert vocabulary_tagger() is first
    concept = Concept.objects.get(key="trafficking-in-persons")
    concept.synonyms = {**concept.synonyms, "es": [*concept.synonyms.get("es", []), "zetatrata"]}
    record_save(actor=secretariat_user(), instance=concept)
    rebuilt = vocabulary_tagger()
    assert rebuilt is not first
    assert "trafficking-in-persons" in rebuilt.concept_keys("una red de zetatrata", "es")


def test_a_drafts_life_moves_no_public_version_and_its_publication_only_the_practices(
    monkeypatch,
):
    """A draft is seen by its authors and the reviewers alone: writing, editing and submitting
    it leave every public cache in place; publishing it moves the practices' version, and the
    coordination analysis, which is not made of practices, is not computed again."""
    from sinergia.practices.services import (
        PracticeData,
        practice_publish,
        practice_submit,
        practice_update,
    )
    from sinergia.synergy import selectors
    from tests.practices.helpers import draft, reviewer

    computed = []
    analyze = selectors.analyze
    monkeypatch.setattr(
        selectors, "analyze", lambda *a, **k: computed.append(1) or analyze(*a, **k)
    )
    everything = data_version()
    selectors.registry_analysis()
    focal = state_focal_point("COL")
    practice = draft(focal)
    edited = PracticeData(
        title=practice.title, summary=practice.summary, language="es", countries=["COL"], year=2024
    )
    practice_update(actor=focal, practice=practice, data=edited)
    practice_submit(actor=focal, practice=practice)
    assert data_version() == everything
    assert AuditEntry.objects.filter(object_id=str(practice.pk)).count() == 3

    practices = data_version("practices")
    practice_publish(actor=reviewer(), practice=practice)
    assert data_version() != everything and data_version("practices") != practices
    selectors.registry_analysis()
    assert computed == [1]
    meeting_add(
        actor=secretariat_user(),
        mechanism=Mechanism.objects.get(acronym="CRM"),
        title="Reunión técnica",
        date=datetime.date(2026, 3, 2),
    )
    selectors.registry_analysis()
    assert computed == [1, 1]


def test_a_publication_refreshes_the_practices_pages_and_leaves_the_mechanisms_cached(public):
    from sinergia.practices.services import practice_publish, practice_submit
    from tests.practices.helpers import draft, reviewer

    focal = state_focal_point("COL")
    practice = draft(focal, title="Ventanilla zetapública de orientación")
    practice_submit(actor=focal, practice=practice)
    for path in ("/es/mechanisms/CRM/", "/es/practices/"):
        assert public.get(path).status_code == 200
    practice_publish(actor=reviewer(), practice=practice)

    with CaptureQueriesContext(connection) as queries:
        assert public.get("/es/mechanisms/CRM/").status_code == 200
    assert len(queries) == 1  # the versions, read once: the page came from the cache
    assert "zetapública" in public.get("/es/practices/").content.decode()
    meeting_add(
        actor=secretariat_user(),
        mechanism=Mechanism.objects.get(acronym="CRM"),
        title="Reunión zetatécnica",
        date=datetime.date(2026, 3, 2),
    )
    assert "zetatécnica" in public.get("/es/mechanisms/CRM/").content.decode()


def test_a_write_that_commits_after_a_later_one_in_another_domain_still_makes_new_files():
    """PostgreSQL's clock gives a write the time its transaction began, and writes to two
    domains no longer wait for each other: a long statistics import commits after a meeting
    written a minute later, with the earlier time. The stored report, the open-data package
    and the jobs that build them must still follow it."""
    from django.utils import timezone

    from sinergia.data_version.models import DataVersion
    from sinergia.dialogue.report.store import report_version
    from sinergia.opendata import package

    now = timezone.now()
    DataVersion.objects.filter(domain="registry").update(token=11, changed_at=now)
    before = (report_version(), package._version())
    # The import, begun five minutes earlier, commits now.
    earlier = now - datetime.timedelta(minutes=5)
    DataVersion.objects.filter(domain="statistics").update(token=12, changed_at=earlier)
    assert report_version() != before[0]
    assert package._version() != before[1]


def _published(title: str):
    from sinergia.practices.services import practice_publish, practice_submit
    from tests.practices.helpers import draft, reviewer

    focal = state_focal_point("COL")
    practice = draft(focal, title=title)
    practice_submit(actor=focal, practice=practice)
    practice_publish(actor=reviewer(), practice=practice)
    return practice


def test_a_publication_leaves_the_other_practices_and_the_statistics_cached(public):
    """A publication, the most frequent public write, changes the practice lists and search
    and its country's page, not the page of another practice or country, nor the statistics,
    the lists of countries and themes."""
    shown = _published("Ventanilla zetaúnica de orientación")
    kept = (
        f"/es/practices/{shown.pk}/",
        f"/api/v1/practices/{shown.pk}",
        "/es/statistics/",
        "/es/countries/",
        "/en/themes/",
        "/api/v1/themes",
        "/api/v1/countries",
        "/pt/countries/ARG/",
    )
    for path in (*kept, "/es/practices/", "/es/countries/COL/"):
        assert public.get(path).status_code == 200
    _published("Registro zetanuevo de retornados")

    for path in kept:
        with CaptureQueriesContext(connection) as queries:
            assert public.get(path).status_code == 200
        # The versions, and the stamp of the practices shown: the rest came from the cache.
        assert len(queries) == (2 if "/practices/" in path or "ARG" in path else 1), path
    assert "zetanuevo" in public.get("/es/practices/").content.decode()
    assert "zetanuevo" in public.get("/es/countries/COL/").content.decode()


def test_a_translation_added_or_restored_shows_at_once_on_the_practices_kept_page(public):
    from sinergia.accounts.versions import version_restore, versions_of
    from sinergia.practices.models import PracticeTranslation
    from sinergia.practices.services import translation_set
    from tests.practices.helpers import reviewer

    practice = _published("Ventanilla zetaúnica de orientación")
    page = f"/fr/practices/{practice.pk}/"
    assert "Guichet" not in public.get(page).content.decode()
    assert "Guichet" not in public.get(page).content.decode()  # now from the cache

    translation_set(actor=reviewer(), practice=practice, language="fr",
                    title="Guichet zetaunique d'orientation", summary="Un guichet.")  # fmt: skip
    assert "Guichet zetaunique" in public.get(page).content.decode()
    translation = PracticeTranslation.objects.get(practice=practice, language="fr")
    translation_set(actor=reviewer(), practice=practice, language="fr",
                    title="Bureau zetaunique d'orientation", summary="Un bureau.")  # fmt: skip
    assert "Bureau zetaunique" in public.get(page).content.decode()

    label = "practices.practicetranslation"
    first = versions_of(label, str(translation.pk))[-1]
    version_restore(actor=secretariat_user(), label=label, pk=str(translation.pk),
                    history_id=first.history_id)  # fmt: skip
    assert "Guichet zetaunique" in public.get(page).content.decode()
    assert "Guichet zetaunique" in public.get(f"/api/v1/practices/{practice.pk}").content.decode()


def test_a_practice_archived_leaves_its_countrys_kept_page_at_once(public):
    from sinergia.practices.services import practice_archive

    practice = _published("Ventanilla zetaúnica de orientación")
    for _ in range(2):
        assert "zetaúnica" in public.get("/es/countries/COL/").content.decode()
    practice_archive(actor=secretariat_user(), practice=practice)
    assert "zetaúnica" not in public.get("/es/countries/COL/").content.decode()
    assert public.get(f"/es/practices/{practice.pk}/").status_code == 404


def test_a_country_page_follows_an_edit_that_commits_after_a_later_stamped_one(public, monkeypatch):
    """Two edits of two practices of one country run at once on PostgreSQL (each locks its
    own row), so the edit whose clock time is earlier can commit last, or come from an app
    server whose clock is behind. The country's page still shows it at once: its key sums
    the practices' random revisions instead of taking the latest time. (SQLite runs one
    writer at a time: the clock of the edit that commits last is set back instead.)"""
    from django.utils import timezone

    from sinergia.practices.services import PracticeData, practice_update

    def renamed(practice, title):
        return PracticeData(title=title, summary=practice.summary, language=practice.language,
                            countries=[c.iso3 for c in practice.countries.all()])  # fmt: skip

    first = _published("Ventanilla zetaúnica de orientación")
    second = _published("Registro zetanuevo de retornados")
    stamped_at = timezone.now()
    monkeypatch.setattr(timezone, "now", lambda: stamped_at + datetime.timedelta(seconds=1))
    practice_update(actor=secretariat_user(), practice=second,
                    data=renamed(second, "Registro zetanuevo revisado"))  # fmt: skip
    for _ in range(2):
        assert "zetaúnica de orientación" in public.get("/es/countries/COL/").content.decode()
    monkeypatch.setattr(timezone, "now", lambda: stamped_at)
    practice_update(actor=secretariat_user(), practice=first,
                    data=renamed(first, "Ventanilla zetaúnica renovada"))  # fmt: skip
    assert "zetaúnica renovada" in public.get("/es/countries/COL/").content.decode()
