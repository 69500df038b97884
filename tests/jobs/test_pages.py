"""People follow a job on its page, in their language: a report asked for while a worker
builds it, every report of a session, an import; each ends with what it made."""

from __future__ import annotations

import json
import re

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from sinergia.accounts.models import RoleKind
from sinergia.dialogue.models import Session
from sinergia.dialogue.report import store
from sinergia.jobs.models import Job, JobKind, JobState
from sinergia.jobs.services import progress_key
from sinergia.registry.models import Country
from tests.factories import secretariat_user, user_with_role

pytestmark = pytest.mark.django_db

PAGE = {"accept": "text/html,application/xhtml+xml"}


@pytest.fixture
def session() -> Session:
    return Session.objects.get(key="cam-2023-05-09")


@pytest.fixture
def quick_reports(monkeypatch) -> None:
    monkeypatch.setattr(store, "report_render", lambda report, fmt: f"{fmt} report".encode())


def reports_job(session: Session, *, done: int, total: int) -> Job:
    job = Job.objects.create(
        kind=JobKind.REPORTS,
        key=f"reports:{session.pk}:test",
        params={"session": session.pk},
        state=JobState.RUNNING,
        public=True,
    )
    cache.set(progress_key(job.pk), ("reports", done, total))
    return job


@pytest.mark.parametrize(
    ("language", "title", "state", "step", "count"),
    [
        ("es", "Todos los informes de una sesión", "En curso", "Generando los informes", "3 de 12"),
        ("en", "Every report of a session", "Under way", "Building the reports", "3 of 12"),
        (
            "fr",
            "Tous les rapports d’une session",
            "En cours",
            "Production des rapports",
            "3 sur 12",
        ),
        (
            "pt",
            "Todos os relatórios de uma sessão",
            "Em andamento",
            "Gerando os relatórios",
            "3 de 12",
        ),
    ],
)
def test_the_progress_page_says_how_far_a_job_has_got_in_each_language(
    client, session, language, title, state, step, count
):
    job = reports_job(session, done=3, total=12)
    page = client.get(f"/{language}/jobs/{job.token}/").content.decode()
    assert f'<html lang="{language}">' in page
    assert f"<h1>{title}</h1>" in page
    status = re.search(r'<p class="job-state" role="status"[^>]*>(.*?)</p>', page, re.S)
    assert status and state in status.group(1) and step in status.group(1)
    assert count in page and 'max="12" value="3"' in page
    assert f'data-poll="/{language}/jobs/{job.token}/status"' in page
    assert "sinergia/jobs.js" in page
    fragment = client.get(f"/{language}/jobs/{job.token}/status").content.decode()
    assert count in fragment and "<html" not in fragment


def test_a_job_page_is_never_kept_by_a_cache(client, session, settings):
    settings.SINERGIA_PUBLIC_CACHE_SECONDS = 600
    job = reports_job(session, done=1, total=12)
    first = client.get(f"/en/jobs/{job.token}/")
    assert "no-store" in first["Cache-Control"]
    cache.set(progress_key(job.pk), ("reports", 2, 12))
    assert "2 of 12" in client.get(f"/en/jobs/{job.token}/").content.decode()


def test_a_person_asking_for_a_report_follows_the_worker_then_downloads_it(
    client, session, queued, quick_reports
):
    url = f"/en/dialogue/{session.pk}/report.en.pdf"
    asked = client.get(url, headers=PAGE)
    assert asked.status_code == 302
    [job] = queued
    assert asked["Location"] == f"/en/jobs/{job.token}/"
    waiting = client.get(asked["Location"]).content.decode()
    assert "Waiting for its turn" in waiting and "Download the report" not in waiting
    assert client.get(url, headers=PAGE)["Location"] == asked["Location"]  # the same job
    assert len(queued) == 1
    queued.deliver_all()
    done = client.get(asked["Location"]).content.decode()
    assert "Done" in done and f'href="{url}"' in done and "jobs.js" not in done
    download = client.get(url, headers=PAGE)
    assert download.status_code == 200 and download.getvalue() == b"pdf report"


def test_a_program_asking_for_a_report_gets_503_and_where_to_follow_the_build(
    client, session, queued, quick_reports
):
    url = f"/en/dialogue/{session.pk}/report.en.docx"
    busy = client.get(url, headers={"accept": "application/json"})
    assert busy.status_code == 503 and busy["Retry-After"]
    [job] = queued
    assert busy["Link"] == f'</api/v1/jobs/{job.token}>; rel="monitor"'
    follow = client.get(f"/api/v1/jobs/{job.token}").json()
    assert follow["state"] == "queued" and follow["link"] == ""
    queued.deliver_all()
    follow = client.get(f"/api/v1/jobs/{job.token}").json()
    assert follow["state"] == "done" and follow["link"] == url
    assert follow["done"] == follow["total"] == 1
    assert client.get(url).getvalue() == b"docx report"


def test_a_program_following_a_job_sees_it_end_although_public_reads_are_cached(
    client, session, queued, quick_reports, settings
):
    settings.SINERGIA_PUBLIC_CACHE_SECONDS = 600
    busy = client.get(
        f"/en/dialogue/{session.pk}/report.fr.pdf", headers={"accept": "application/pdf"}
    )
    [job] = queued
    follow = f"/api/v1/jobs/{job.token}"
    assert client.get(follow).json()["state"] == "queued"
    assert busy.status_code == 503
    queued.deliver_all()  # a job's progress changes no public data
    answer = client.get(follow)
    assert answer.json()["state"] == "done"
    assert "no-store" in answer["Cache-Control"]


def test_the_secretariat_builds_every_report_of_a_session_at_once(client, session, quick_reports):
    page = client.get(f"/es/dialogue/{session.pk}/").content.decode()
    assert "Generar ahora todos los informes" not in page
    client.force_login(secretariat_user())
    page = client.get(f"/es/dialogue/{session.pk}/").content.decode()
    assert "Generar ahora todos los informes" in page
    response = client.post(f"/es/dialogue/{session.pk}/reports/build/")
    job = Job.objects.get(kind=JobKind.REPORTS)
    assert response["Location"] == f"/es/jobs/{job.token}/"
    done = client.get(response["Location"]).content.decode()
    assert "12 informes guardados" in done and "Terminado" in done
    assert client.get(f"/fr/dialogue/{session.pk}/report.fr.html").getvalue() == b"html report"


def test_only_the_secretariat_may_build_every_report(client, session):
    client.force_login(
        user_with_role(RoleKind.STATE_FOCAL_POINT, country=Country.objects.get(iso3="COL"))
    )
    assert client.post(f"/es/dialogue/{session.pk}/reports/build/").status_code == 403
    assert not Job.objects.exists()


def test_the_secretariat_imports_a_file_and_follows_the_import(client):
    rows = [
        {
            "external_id": "web-1",
            "title": "Registro de personas retornadas",
            "summary": "Un registro único de retornados.",
            "language": "es",
            "countries": ["GTM"],
        }
    ]
    secretariat = secretariat_user()
    client.force_login(secretariat)
    form = client.get("/pt/practices/import/").content.decode()
    assert "Importar boas práticas" in form and 'enctype="multipart/form-data"' in form
    response = client.post(
        "/pt/practices/import/",
        {"file": SimpleUploadedFile("novas.json", json.dumps(rows).encode()), "publish": "on"},
    )
    job = Job.objects.get(kind=JobKind.IMPORT)
    assert response["Location"] == f"/pt/jobs/{job.token}/"
    page = client.get(response["Location"]).content.decode()
    assert "1 criadas, 0 atualizadas, 1 publicadas" in page and "novas.json" in page
    client.logout()
    assert client.get(response["Location"]).status_code == 404  # not a public job
    client.force_login(user_with_role(RoleKind.REVIEWER))
    assert client.get(response["Location"]).status_code == 404
    assert client.get(f"/api/v1/jobs/{job.token}").status_code == 404


def test_a_refused_import_names_the_rows_at_fault(client):
    client.force_login(secretariat_user())
    bad = [
        {"external_id": "x", "title": "T", "summary": "S", "language": "xx", "countries": ["COL"]}
    ]
    response = client.post(
        "/fr/practices/import/", {"file": SimpleUploadedFile("bad.json", json.dumps(bad).encode())}
    )
    page = client.get(response["Location"]).content.decode()
    assert "Échoué" in page and "row 1 (x): language" in page
    assert "n’a rien modifié" in page


def test_only_the_secretariat_may_import_and_only_json_or_csv(client):
    client.force_login(user_with_role(RoleKind.REVIEWER))
    assert client.get("/en/practices/import/").status_code == 403
    client.force_login(secretariat_user())
    response = client.post(
        "/en/practices/import/", {"file": SimpleUploadedFile("notes.txt", b"hello")}
    )
    assert (
        response.status_code == 200 and "Choose a .json or .csv file." in response.content.decode()
    )
    assert not Job.objects.exists()


def test_a_job_no_worker_takes_says_so(client, session):
    job = Job.objects.create(
        kind=JobKind.PACKAGE, key="package:waiting", public=True, state=JobState.QUEUED
    )
    assert "No worker" not in client.get(f"/en/jobs/{job.token}/").content.decode()
    Job.objects.filter(pk=job.pk).update(created_at="2000-01-01T00:00:00Z")
    page = client.get(f"/es/jobs/{job.token}/").content.decode()
    assert "Ningún proceso de trabajo ha tomado esta tarea todavía" in page
