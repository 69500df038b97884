"""The consolidated report is built once for each version of the data, stored, and served
from storage; building is bounded, so that asking for reports cannot take the site down."""

from __future__ import annotations

import io
import json
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection

from sinergia.accounts.services import SystemActor
from sinergia.dialogue import services
from sinergia.dialogue.models import Session
from sinergia.dialogue.report import ReportBusy, report_file, store
from sinergia.dialogue.report import locks as locks_module
from sinergia.dialogue.report.content import Report
from sinergia.dialogue.report.locks import lock_try

pytestmark = pytest.mark.django_db

ACTION = "Mapa regional de rutas de retorno asistido"


@pytest.fixture
def session() -> Session:
    return Session.objects.get(key="cam-2023-05-09")


@pytest.fixture(params=["file", "cache"])
def locks(request, settings) -> str:
    """Locks taken with flock on files (one host), or in the shared cache (`REDIS_URL`; the
    process's own cache stands in for Redis here)."""
    settings.REDIS_URL = "redis://shared-cache.invalid/0" if request.param == "cache" else ""
    return request.param


@pytest.fixture
def builds(monkeypatch) -> list[tuple[str, str]]:
    """Every report the store builds, as (session key, language)."""
    calls: list[tuple[str, str]] = []
    real = store.report_build

    def counted(session: Session, language: str, edits=None) -> Report:
        calls.append((session.key, language))
        return real(session, language, edits)

    monkeypatch.setattr(store, "report_build", counted)
    return calls


def held_render(monkeypatch) -> threading.Event:
    """Make writing a report wait until the returned event is set."""
    release = threading.Event()
    real = store.report_render

    def held(report: Report, fmt: str) -> bytes:
        release.wait(timeout=30)
        return real(report, fmt)

    monkeypatch.setattr(store, "report_render", held)
    return release


@pytest.fixture
def slots_taken(settings) -> Iterator[None]:
    """Every build slot of the machine held, as by builds under way in other processes."""
    settings.SINERGIA_REPORT_BUILDS = 2
    store.WAIT_SECONDS = 1.0  # restored by the autouse fixture's monkeypatch
    held = [store.build_slot_try(), store.build_slot_try()]
    assert all(held) and store.build_slot_try() is None
    yield
    for lock in held:
        assert lock is not None
        lock.release()


def audited_write(session: Session) -> None:
    services.action_create(
        actor=SystemActor("test"),
        session=session,
        description=ACTION,
        language="es",
        owner_mechanism="CRM",
    )


def body(response) -> bytes:
    return response.getvalue()


def stored_names(session: Session) -> list[str]:
    folder = f"reports/session-{session.pk}"
    if not default_storage.exists(folder):
        return []
    return sorted(n for n in default_storage.listdir(folder)[1] if not n.endswith(".lock"))


def wait_for(condition: Callable[[], bool]) -> None:
    for _attempt in range(300):
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError("the condition never held")


def test_the_second_request_is_served_from_storage_without_a_build(client, session, builds):
    url = f"/es/dialogue/{session.pk}/report.es.html"
    first, second = client.get(url), client.get(url)
    assert first.status_code == second.status_code == 200
    assert builds == [(session.key, "es")]
    assert body(first) == body(second)
    assert body(client.get(f"/en/dialogue/{session.pk}/report.en.html"))
    assert builds == [(session.key, "es"), (session.key, "en")]  # each report on its own


def test_the_stored_file_is_served_byte_for_byte_with_its_validators(client, session):
    response = client.get(f"/es/dialogue/{session.pk}/report.es.pdf")
    [name] = stored_names(session)
    with default_storage.open(f"reports/session-{session.pk}/{name}") as handle:
        assert body(response) == handle.read()
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="sinergia-{session.key}-es.pdf"'
    )
    assert response["ETag"] and response["Last-Modified"]
    again = client.get(
        f"/es/dialogue/{session.pk}/report.es.pdf", headers={"if-none-match": response["ETag"]}
    )
    assert again.status_code == 304


def test_the_html_report_opens_in_the_browser_with_its_own_styles(client, session):
    response = client.get(f"/en/dialogue/{session.pk}/report.en.html")
    response.close()
    assert response["Content-Disposition"].startswith("inline")
    assert response["Content-Type"] == "text/html; charset=utf-8"
    policy = response["Content-Security-Policy"]
    assert "style-src 'unsafe-inline'" in policy and "script-src" not in policy
    assert "sandbox" in policy


def test_an_audited_write_makes_a_new_build_that_replaces_the_old_file(client, session, builds):
    url = f"/es/dialogue/{session.pk}/report.es.html"
    before = body(client.get(url))
    [old_name] = stored_names(session)
    audited_write(session)
    after = body(client.get(url))
    assert len(builds) == 2
    assert ACTION.encode() in after and ACTION.encode() not in before
    [new_name] = stored_names(session)
    assert new_name != old_name


def test_concurrent_requests_for_one_report_build_it_once(
    locks, session, builds, monkeypatch, settings
):
    settings.SINERGIA_REPORT_BUILDS = 3  # room for the three others to wait
    release = held_render(monkeypatch)
    start = threading.Barrier(4)
    contents: list[bytes] = []
    errors: list[BaseException] = []

    def ask() -> None:
        try:
            start.wait(timeout=10)
            stored = report_file(session=session, language="fr", fmt="docx")
            with stored.file:
                contents.append(stored.file.read())
        except BaseException as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=ask) for _index in range(4)]
    for thread in threads:
        thread.start()
    wait_for(lambda: len(builds) == 1)
    time.sleep(0.3)  # the others now find the build under way
    release.set()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors
    assert builds == [(session.key, "fr")]
    assert len(contents) == 4 and len(set(contents)) == 1


def test_without_a_free_slot_the_answer_is_503_with_retry_after(
    locks, client, session, builds, slots_taken
):
    response = client.get(f"/en/dialogue/{session.pk}/report.en.pdf")
    assert response.status_code == 503
    assert response["Retry-After"] == str(store.RETRY_AFTER_SECONDS)
    assert "The report is being prepared" in response.content.decode()
    spanish = client.get(f"/es/dialogue/{session.pk}/report.es.pdf")
    assert spanish.status_code == 503
    assert "El informe se está preparando" in spanish.content.decode()
    api = client.get(
        f"/en/dialogue/{session.pk}/report.en.pdf", headers={"accept": "application/json"}
    )
    assert api["Content-Type"] == "application/problem+json"
    assert json.loads(api.content)["status"] == 503 and api["Retry-After"]
    assert builds == []


def test_the_older_file_is_served_while_a_new_one_cannot_be_built(
    locks, client, session, builds, settings
):
    url = f"/es/dialogue/{session.pk}/report.es.html"
    older = body(client.get(url))
    audited_write(session)
    settings.SINERGIA_REPORT_BUILDS = 1
    slot = store.build_slot_try()
    stale = client.get(url)
    assert stale.status_code == 200 and stale["X-Report-Stale"] == "1"
    assert body(stale) == older
    assert slot is not None
    slot.release()
    fresh = client.get(url)
    assert not fresh.has_header("X-Report-Stale")
    assert ACTION.encode() in body(fresh)
    assert len(builds) == 2


def test_a_request_waits_for_the_build_under_way_only_so_long(locks, session, builds, monkeypatch):
    release = held_render(monkeypatch)
    first: list[object] = []

    def build() -> None:
        try:
            stored = report_file(session=session, language="pt", fmt="html", wait_seconds=30)
            stored.file.close()
            first.append(stored)
        finally:
            connection.close()

    builder = threading.Thread(target=build)
    builder.start()
    try:
        wait_for(lambda: len(builds) == 1)
        with pytest.raises(ReportBusy):
            report_file(session=session, language="pt", fmt="html", wait_seconds=0.3)
    finally:
        release.set()
        builder.join(timeout=30)
    assert len(first) == 1 and builds == [(session.key, "pt")]


def test_no_more_requests_wait_than_there_are_build_slots(
    locks, session, builds, monkeypatch, settings
):
    settings.SINERGIA_REPORT_BUILDS = 1
    release = held_render(monkeypatch)
    waiting = threading.Event()
    real_waiting_slot = store.waiting_slot_try

    def noted() -> store.Lock | None:
        lock = real_waiting_slot()
        if lock is not None:
            waiting.set()
        return lock

    monkeypatch.setattr(store, "waiting_slot_try", noted)
    answers: list[object] = []

    def ask() -> None:
        try:
            stored = report_file(session=session, language="pt", fmt="html")
            stored.file.close()
            answers.append(stored)
        except ReportBusy as busy:
            answers.append(busy)
        finally:
            connection.close()

    builder = threading.Thread(target=ask)
    builder.start()
    wait_for(lambda: len(builds) == 1)
    waiter = threading.Thread(target=ask)
    waiter.start()
    try:
        assert waiting.wait(timeout=10)
        start = time.monotonic()
        with pytest.raises(ReportBusy):
            report_file(session=session, language="pt", fmt="html", wait_seconds=20)
        assert time.monotonic() - start < 10  # answered at once, not at the end of the wait
    finally:
        release.set()
        builder.join(timeout=30)
        waiter.join(timeout=30)
    assert len(answers) == 2 and not any(isinstance(a, ReportBusy) for a in answers)
    assert builds == [(session.key, "pt")]


def test_a_build_longer_than_the_wait_goes_on_and_serves_the_next_request(
    client, session, builds, monkeypatch
):
    release = held_render(monkeypatch)
    monkeypatch.setattr(store, "WAIT_SECONDS", 0.2)
    url = f"/en/dialogue/{session.pk}/report.en.docx"
    assert client.get(url).status_code == 503
    release.set()
    wait_for(lambda: bool(stored_names(session)))
    response = client.get(url)
    assert response.status_code == 200 and body(response).startswith(b"PK")
    assert builds == [(session.key, "en")]


def test_a_failed_build_leaves_nothing_behind_and_the_next_request_builds(
    locks, client, session, monkeypatch
):
    def broken(report: Report, fmt: str) -> bytes:
        raise RuntimeError("the renderer failed")

    real = store.report_render
    monkeypatch.setattr(store, "report_render", broken)
    with pytest.raises(RuntimeError):
        client.get(f"/es/dialogue/{session.pk}/report.es.html")
    assert stored_names(session) == []
    monkeypatch.setattr(store, "report_render", real)
    assert b"<!doctype html>" in body(client.get(f"/es/dialogue/{session.pk}/report.es.html"))


def test_a_cache_lock_is_renewed_while_held_and_freed_on_release(settings, monkeypatch):
    settings.REDIS_URL = "redis://shared-cache.invalid/0"
    monkeypatch.setattr(locks_module, "CACHE_LOCK_SECONDS", 0.3)
    path = Path(settings.MEDIA_ROOT) / "lock"
    held = lock_try(path, key="test")
    assert held is not None
    time.sleep(1)  # three times as long as an unrenewed entry lives
    assert lock_try(path, key="test") is None
    held.release()
    again = lock_try(path, key="test")
    assert again is not None
    again.release()


def test_build_all_stores_every_language_and_format(client, session, builds, monkeypatch):
    monkeypatch.setattr(store, "report_render", lambda report, fmt: f"{fmt}".encode())
    call_command("report", "build-all", session.key, stdout=io.StringIO())
    assert len(stored_names(session)) == 12
    assert len(builds) == 12
    assert body(client.get(f"/pt/dialogue/{session.pk}/report.pt.pdf")) == b"pdf"
    assert len(builds) == 12


def test_the_session_command_still_writes_a_file(session, tmp_path: Path):
    output = tmp_path / "report.html"
    call_command(
        "report", "session", session.key, "--lang", "en", "--format", "html",
        "--output", str(output), stdout=io.StringIO(),
    )  # fmt: skip
    assert output.read_text().startswith("<!doctype html>")
