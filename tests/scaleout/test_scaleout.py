"""Sinergia on two app servers and a worker, as production scales it out: `sinergia serve` on
two ports (A and B) and `sinergia worker`, with `DEBUG=0`, sharing PostgreSQL, Redis and the
folder of stored reports (`cluster.py`).

- A write through A is seen at once through B: pages, search and API lists, although B
  cached them just before.
- Every other door of writing (a page, the admin, a restore, an import from the command line)
  leaves its audit entry and shows through B at once.
- A token's limit and an account's write limit hold across A and B together.
- A report asked for on A is built once, by the worker, and B serves that very file.
- The worker killed with SIGKILL while it builds every report of a session, then started
  again, finishes the job once: no report built twice, nothing left half-written.

Run with `make test-scaleout` (in CI); needs PostgreSQL (the server of `DATABASE_URL`, or
127.0.0.1:5432) and Redis at 127.0.0.1:6379, whose database 9 it empties.
"""

from __future__ import annotations

import json
import re
import time
import urllib.parse

import pytest

from tests.scaleout.cluster import (
    API_RATE_PER_MINUTE,
    REPORT_NAME,
    WRITES_PER_MINUTE,
    Cluster,
    wait_for,
)
from tests.security.live import Client, Response, redis_answers

pytestmark = [
    pytest.mark.scaleout,
    pytest.mark.skipif(not redis_answers(), reason="needs Redis at 127.0.0.1:6379"),
]

SESSION_KEY = "cam-2023-05-09"
REPORTS_OF_A_SESSION = 12  # four languages, three formats
# Made-up words no practice holds, so that a search finds exactly what the test wrote.
FIRST_WORD = "vizcachalumbre"
SECOND_WORD = "quirquinchoventa"
NEW_WORD = "tatabrumoso"
MEETING_WORD = "pichiciegocalma"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def api(client: Client, method: str, path: str, token: str, payload: object = None) -> Response:
    body = None if payload is None else json.dumps(payload).encode()
    headers = {**bearer(token), "Content-Type": "application/json"}
    return client.request(method, path, body, headers)


def found_ids(response: Response) -> set[int]:
    assert response.status == 200, response.text
    return {hit["id"] for hit in response.json()["results"]}


def site_search_urls(response: Response) -> str:
    assert response.status == 200, response.text
    return " ".join(hit["url"] for hit in response.json()["results"])


def fresh_window(seconds: float) -> None:
    """Limits count in windows of a wall-clock minute: wait for the next one unless this one
    has `seconds` left, so that a burst is counted in one window."""
    left = 60 - time.time() % 60
    if left < seconds:
        time.sleep(left + 0.5)


def test_a_write_through_a_is_seen_at_once_through_b(cluster: Cluster):
    a, b = cluster.a.client(address="198.51.100.20"), cluster.b.client(address="198.51.100.21")
    token = cluster.secrets["secretariat"]
    listed = a.get("/api/v1/practices?language=es&sort=date&page=1")
    practice = listed.json()["results"][0]
    number, title = practice["id"], practice["title"]
    before = listed.json()["count"]

    # What B serves, cached before the writes (each read adds its entry to the shared cache).
    public = [
        f"/es/practices/{number}/",
        "/es/practices/?sort=date",
        f"/es/practices/?q={FIRST_WORD}",
        f"/es/search/?q={FIRST_WORD}",
        "/es/practices/feed/",
        f"/api/v1/practices/{number}",
        "/api/v1/practices?language=es&sort=date",
        f"/api/v1/practices?q={FIRST_WORD}",
        f"/api/v1/search?q={FIRST_WORD}",
        "/es/meetings/",
        "/es/mechanisms/CRM/",
        "/api/v1/meetings?mechanism=CRM",
        "/api/v1/mechanisms/CRM",
    ]
    for path in public:
        cached_before = cluster.page_cache_keys()
        assert b.get(path).status == 200, path
        assert cluster.page_cache_keys() > cached_before, f"{path} was not cached"
    assert number not in found_ids(b.get(f"/api/v1/practices?q={FIRST_WORD}"))

    # A practice changed through A: B shows the change, and search finds it by the new word.
    first = f"{title} {FIRST_WORD}"
    changed = api(a, "PATCH", f"/api/v1/practices/{number}", token, {"title": first})
    assert changed.status == 200, changed.text
    assert FIRST_WORD in b.get(f"/es/practices/{number}/").text
    assert FIRST_WORD in b.get("/es/practices/?sort=date").text
    assert FIRST_WORD in b.get("/es/practices/feed/").text
    assert b.get(f"/api/v1/practices/{number}").json()["title"] == first
    assert FIRST_WORD in b.get("/api/v1/practices?language=es&sort=date").text
    assert found_ids(b.get(f"/api/v1/practices?q={FIRST_WORD}")) == {number}
    assert f"/practices/{number}/" in b.get(f"/es/practices/?q={FIRST_WORD}").text
    assert f"/practices/{number}/" in b.get(f"/es/search/?q={FIRST_WORD}").text
    assert f"/practices/{number}/" in site_search_urls(b.get(f"/api/v1/search?q={FIRST_WORD}"))

    # The word taken out again through A: no search through B finds the practice by it.
    second = f"{title} {SECOND_WORD}"
    changed = api(a, "PATCH", f"/api/v1/practices/{number}", token, {"title": second})
    assert changed.status == 200, changed.text
    assert number not in found_ids(b.get(f"/api/v1/practices?q={FIRST_WORD}"))
    assert f"/practices/{number}/" not in b.get(f"/es/practices/?q={FIRST_WORD}").text
    assert f"/practices/{number}/" not in b.get(f"/es/search/?q={FIRST_WORD}").text
    assert f"/practices/{number}/" not in site_search_urls(b.get(f"/api/v1/search?q={FIRST_WORD}"))
    assert found_ids(b.get(f"/api/v1/practices?q={SECOND_WORD}")) == {number}
    page = b.get(f"/es/practices/{number}/").text
    assert SECOND_WORD in page and FIRST_WORD not in page
    assert b.get(f"/api/v1/practices/{number}").json()["title"] == second

    # A practice created and published through A: in B's lists, feed and search at once.
    draft = {
        "title": f"Ventanilla única {NEW_WORD}",
        "summary": "Atención a personas migrantes en un solo lugar.",
        "language": "es",
        "countries": ["COL"],
    }
    created = api(a, "POST", "/api/v1/practices", token, draft)
    assert created.status == 201, created.text
    new = created.json()["id"]
    for action in ("submit", "publish"):
        moved = api(a, "POST", f"/api/v1/practices/{new}/transitions", token, {"action": action})
        assert moved.status == 200, moved.text
    now_listed = b.get("/api/v1/practices?language=es&sort=date").json()
    assert now_listed["count"] == before + 1
    assert new in {hit["id"] for hit in now_listed["results"]}
    assert NEW_WORD in b.get("/es/practices/?sort=date").text
    assert NEW_WORD in b.get("/es/practices/feed/").text
    assert found_ids(b.get(f"/api/v1/practices?q={NEW_WORD}")) == {new}
    assert f"/practices/{new}/" in b.get(f"/es/search/?q={NEW_WORD}").text

    # A meeting announced through A: in B's calendar, the mechanism's page and the API.
    meeting = {"mechanism": "CRM", "title": f"Reunión {MEETING_WORD}", "date": "2027-01-15"}
    announced = api(a, "POST", "/api/v1/meetings", token, meeting)
    assert announced.status == 201, announced.text
    for path in ["/es/meetings/", "/es/mechanisms/CRM/", "/api/v1/meetings?mechanism=CRM",
                 "/api/v1/mechanisms/CRM"]:  # fmt: skip
        assert MEETING_WORD in b.get(path).text, path


def test_a_tokens_limits_hold_across_both_servers(cluster: Cluster):
    servers = [cluster.a.client(address="198.51.100.30"), cluster.b.client(address="198.51.100.31")]
    created_before = cluster.one("SELECT COUNT(*) FROM practices_practice")

    def writes(tokens: list[str], count: int, mechanisms: list[str]) -> list[tuple[int, int]]:
        """(server, status) of `count` drafts made alternately through A and B, the n-th
        with tokens[n % len(tokens)]."""
        made = []
        for n in range(count):
            body = {"title": f"Límite {n}", "summary": "Borrador.", "language": "es",
                    "countries": ["MEX"] if mechanisms else ["COL"], "mechanisms": mechanisms}  # fmt: skip
            token = tokens[n % len(tokens)]
            made.append(
                (n % 2, api(servers[n % 2], "POST", "/api/v1/practices", token, body).status)
            )
        return made

    fresh_window(seconds=20)
    window = int(time.time() // 60)
    # One token's calls, alternately through A and B.
    calls = writes([cluster.secrets["reader"]], 2 * API_RATE_PER_MINUTE + 4, ["CRM"])
    # One account's writes, with two of its tokens: one through A, the other through B.
    account = writes(
        [cluster.secrets["writer-a"], cluster.secrets["writer-b"]], 2 * WRITES_PER_MINUTE + 4, []
    )
    assert int(time.time() // 60) == window, "the writes took longer than the window they count in"

    accepted = [server for server, status in calls if status == 201]
    assert len(accepted) == API_RATE_PER_MINUTE, calls
    assert {status for _server, status in calls} == {201, 429}, calls
    assert set(accepted) == {0, 1}  # both servers counted into the one limit
    accepted = [server for server, status in account if status == 201]
    assert len(accepted) == WRITES_PER_MINUTE, account
    assert {status for _server, status in account} == {201, 429}, account
    assert set(accepted) == {0, 1}
    created = cluster.one("SELECT COUNT(*) FROM practices_practice") - created_before
    assert created == API_RATE_PER_MINUTE + WRITES_PER_MINUTE


def _session_id(cluster: Cluster) -> int:
    return cluster.one("SELECT id FROM dialogue_session WHERE key = %s", SESSION_KEY)


def _job_token(response: Response) -> str:
    found = re.search(r"</api/v1/jobs/([^>]+)>", response.headers.get("link", ""))
    assert found, (response.status, response.headers)
    return found.group(1)


def _finished(client: Client, token: str) -> dict[str, object] | None:
    job = client.get(f"/api/v1/jobs/{token}").json()
    return job if job["state"] in {"done", "failed"} else None


def test_a_report_asked_for_on_a_is_built_once_by_the_worker_and_served_by_b(cluster: Cluster):
    a, b = cluster.a.client(address="198.51.100.40"), cluster.b.client(address="198.51.100.41")
    session = _session_id(cluster)
    path = f"/es/dialogue/{session}/report.en.pdf"
    jobs_before = cluster.one("SELECT COUNT(*) FROM jobs_job WHERE kind = 'report'")
    succeeded_before = cluster.worker.tail(10**9).count("sinergia.jobs.report[")

    asked = a.get(path, Accept="application/pdf")
    # The web process does not build it: it answers at once that the report is on its way.
    assert asked.status == 503, asked.text
    assert asked.headers["retry-after"]
    token = _job_token(asked)
    again = b.get(path, Accept="application/pdf")  # asked for on B as well meanwhile
    assert again.status in {200, 503}
    if again.status == 503:
        assert _job_token(again) == token

    job = wait_for(lambda: _finished(b, token), 120, "the report's job")
    assert job["state"] == "done", job
    served = b.get(path, Accept="application/pdf")
    assert served.status == 200, served.text
    assert served.headers["content-type"] == "application/pdf"
    assert a.get(path, Accept="application/pdf").body == served.body

    stored = [
        file for name, file in cluster.reports(session).items()
        if (found := REPORT_NAME.fullmatch(name)) and found["language"] == "en" and found["format"] == "pdf"
    ]  # fmt: skip
    assert len(stored) == 1, cluster.reports(session)
    assert stored[0].read_bytes() == served.body
    assert cluster.query(
        "SELECT state, attempts FROM jobs_job WHERE kind = 'report' AND token = %s", token
    ) == [("done", 1)]
    assert cluster.one("SELECT COUNT(*) FROM jobs_job WHERE kind = 'report'") == jobs_before + 1
    log = cluster.worker.tail(10**9)
    assert log.count("sinergia.jobs.report[") > succeeded_before
    assert re.search(r"Task sinergia\.jobs\.report\[[^\]]+\] succeeded", log), log[-3000:]


def _sign_in(client: Client, username: str) -> None:
    client.form_page("/es/accounts/login/")
    signed = client.post_form(
        "/es/accounts/login/", {"username": username, "password": "sinergia-demo"}
    )
    assert signed.status == 302, signed.text


def test_a_worker_killed_mid_job_finishes_it_once_restarted(cluster: Cluster):
    a, b = cluster.a.client(address="198.51.100.50"), cluster.b.client(address="198.51.100.51")
    session = _session_id(cluster)
    _sign_in(a, "secretaria")
    # A change of the data (through the API, signed in), so that none of the session's
    # reports is stored for it yet.
    changed = a.request(
        "PATCH", f"/api/v1/practices/{_any_practice(a)}",
        json.dumps({"summary": f"Resumen revisado {time.time()}."}).encode(),
        {"Content-Type": "application/json"},
    )  # fmt: skip
    assert changed.status == 200, changed.text
    audit_before = cluster.one("SELECT COUNT(*) FROM accounts_auditentry")
    asked = a.post_form(f"/es/dialogue/{session}/reports/build/", {})
    assert asked.status == 302, asked.text
    job_page = urllib.parse.urlsplit(asked.headers["location"]).path
    token = job_page.rstrip("/").rsplit("/", 1)[-1]
    b.cookies = dict(a.cookies)  # the same person, whose next request reaches B

    def reports_stored() -> dict[str, tuple[int, int]]:
        return {
            name: (path.stat().st_ino, path.stat().st_mtime_ns)
            for name, path in cluster.reports(session).items()
            if REPORT_NAME.fullmatch(name)
        }

    # Kill the worker once half the reports are stored for the new data.
    half = REPORTS_OF_A_SESSION // 2
    wait_for(lambda: len(_current(reports_stored())) >= half, 180, "the first reports")
    cluster.worker.kill()
    before_kill = _current(reports_stored())
    assert half <= len(before_kill) < REPORTS_OF_A_SESSION, before_kill
    state, attempts = cluster.one("SELECT state, attempts FROM jobs_job WHERE token = %s", token)
    assert (state, attempts) == ("running", 1)
    assert b.get(job_page).status == 200  # its page, followed through B, shows it under way

    cluster.worker.start()
    wait_for(cluster.worker.ready, 120, "the worker, started again")
    job = wait_for(lambda: _finished(b, token), 240, "the job, taken up again", poll=1)
    assert job["state"] == "done", job
    assert job["result"] == {"count": REPORTS_OF_A_SESSION}, job

    stored = reports_stored()
    current = _current(stored)
    assert len(current) == REPORTS_OF_A_SESSION, sorted(stored)
    assert len(stored) == REPORTS_OF_A_SESSION, sorted(stored)  # no older version left
    assert not [name for name in cluster.reports(session) if name.endswith(".part")]
    # Those built before the kill were not built again.
    assert {name: current[name] for name in before_kill} == before_kill
    assert cluster.query("SELECT state, attempts FROM jobs_job WHERE token = %s", token) == [
        ("done", 2)
    ]
    assert cluster.one("SELECT COUNT(*) FROM jobs_job WHERE kind = 'reports'") == 1
    assert cluster.one("SELECT COUNT(*) FROM accounts_auditentry") == audit_before
    # A report built after the restart, served through B as the worker stored it.
    name = next(name for name in current if name not in before_kill)
    found = REPORT_NAME.fullmatch(name)
    assert found
    served = b.get(f"/es/dialogue/{session}/report.{found['language']}.{found['format']}")
    assert served.status == 200, served.text
    assert served.body == (cluster.reports(session)[name]).read_bytes()


def _any_practice(client: Client) -> int:
    return client.get("/api/v1/practices?sort=date").json()["results"][-1]["id"]


def _current(stored: dict[str, tuple[int, int]]) -> dict[str, tuple[int, int]]:
    """The reports of the newest version among `stored`."""
    versions = {REPORT_NAME.fullmatch(name)["version"] for name in stored}
    newest = max(versions, key=int, default=None)
    return {
        name: value
        for name, value in stored.items()
        if REPORT_NAME.fullmatch(name)["version"] == newest
    }


PAGE_WORD = "quenatrinoso"
ADMIN_WORD = "Zetaconferencia"
IMPORT_WORD = "yaguaretemplado"


def sign_in(client: Client, username: str) -> None:
    from sinergia.core.demo import DEMO_PASSWORD

    client.form_page("/es/accounts/login/")
    done = client.post_form(
        "/es/accounts/login/", {"username": username, "password": DEMO_PASSWORD}
    )
    assert done.status == 302, done.text[:500]


def post_page_form(client: Client, path: str, form_id: str, **changes: str) -> Response:
    """Open a page on a server, fill its form as a person would, and send it."""
    from tests.html_forms import form_data

    data = {**form_data(client.get(path).text, form_id), **changes}
    body = urllib.parse.urlencode(data, doseq=True).encode()
    return client.request("POST", path, body, {"Content-Type": "application/x-www-form-urlencoded"})


def audited(cluster: Cluster, action: str, object_id: object) -> bool:
    return bool(
        cluster.one(
            "SELECT count(*) FROM accounts_auditentry WHERE action = %s AND object_id = %s",
            action,
            str(object_id),
        )
    )


def test_every_door_of_writing_is_audited_and_seen_at_once_through_the_other_server(
    cluster: Cluster, tmp_path
):
    """A page write, an admin edit, a restore and an import through A (or the command line)
    each leave an audit entry and show at once through B, which cached the page before."""
    fresh_window(40)
    person = cluster.a.client(address="198.51.100.40")
    b = cluster.b.client(address="198.51.100.41")
    sign_in(person, "secretaria")
    token = cluster.secrets["secretariat"]

    # A page write: a practice submitted through the API, published on A's page.
    created = api(
        person,
        "POST",
        "/api/v1/practices",
        token,
        {"title": f"Mesa migrante {PAGE_WORD}", "summary": "Atención integral.", "language": "es",
         "countries": ["PER"]},
    )  # fmt: skip
    assert created.status == 201, created.text
    number = created.json()["id"]
    assert api(person, "POST", f"/api/v1/practices/{number}/transitions", token,
               {"action": "submit"}).status == 200  # fmt: skip
    assert number not in found_ids(b.get(f"/api/v1/practices?q={PAGE_WORD}"))
    person.form_page(f"/es/practices/{number}/")
    published = person.post_form(f"/es/practices/{number}/publish/", {})
    assert published.status == 302, published.text[:500]
    assert audited(cluster, "practice.publish", number)
    assert found_ids(b.get(f"/api/v1/practices?q={PAGE_WORD}")) == {number}
    assert f"/practices/{number}/" in b.get(f"/es/search/?q={PAGE_WORD}").text

    # A restore on A: the version before the title changed comes back, on B at once.
    changed = api(person, "PATCH", f"/api/v1/practices/{number}", token,
                  {"title": "Mesa migrante renovada"})  # fmt: skip
    assert changed.status == 200, changed.text
    assert PAGE_WORD not in b.get(f"/es/practices/{number}/").text
    history_id = cluster.one(
        "SELECT history_id FROM practices_historicalpractice WHERE id = %s AND title LIKE %s "
        "ORDER BY history_id DESC LIMIT 1",
        number,
        f"%{PAGE_WORD}",
    )
    path = f"/es/audit/versions/practices.practice/{number}/"
    person.form_page(path)
    restored = person.post_form(path, {"history_id": str(history_id)})
    assert restored.status == 302, restored.text[:500]
    assert audited(cluster, "version.restore", number)
    assert PAGE_WORD in b.get(f"/es/practices/{number}/").text
    assert found_ids(b.get(f"/api/v1/practices?q={PAGE_WORD}")) == {number}

    # An admin edit on A: a new alias of the CRM, found through B's site search at once.
    assert "/mechanisms/CRM/" not in b.get(f"/es/search/?q={ADMIN_WORD}").text
    crm = cluster.one("SELECT id FROM registry_mechanism WHERE acronym = 'CRM'")
    admin_path = f"/admin/registry/mechanism/{crm}/change/"
    saved = post_page_form(person, admin_path, "mechanism_form", aliases=f'["{ADMIN_WORD}"]')
    assert saved.status == 302, saved.text[-2000:]
    assert audited(cluster, "mechanism.update", crm)
    assert "/mechanisms/CRM/" in b.get(f"/es/search/?q={ADMIN_WORD}").text

    # An import from the command line, sharing only the database and Redis: B lists it.
    assert not found_ids(b.get(f"/api/v1/practices?q={IMPORT_WORD}"))
    source = tmp_path / "practices.json"
    source.write_text(
        json.dumps(
            [{"external_id": "scaleout-1", "title": f"Feria de empleo {IMPORT_WORD}",
              "summary": "Empleo para personas refugiadas.", "language": "es",
              "countries": ["ECU"]}]
        )
    )  # fmt: skip
    cluster._run(["practices", "import", str(source), "--publish"], cluster.env)
    imported = found_ids(b.get(f"/api/v1/practices?q={IMPORT_WORD}"))
    assert len(imported) == 1
    [new] = imported
    assert audited(cluster, "practice.create", new) and audited(cluster, "practice.publish", new)
    assert cluster.server_errors() == []
