"""Each attack an outside tester ran against a production configuration, replayed against a
`DEBUG=0` gunicorn with several workers started here: each must fail, and none may end in a
server error or a worker timeout.

Run with `make test-production` (in CI); the same rules are tested through Django's test
client on both databases in the other files of this folder.
"""

from __future__ import annotations

import re
import socket
import threading
import time
import zipfile
from io import BytesIO

import pytest
from django_otp.oath import totp

from tests.security.live import ProductionServer

pytestmark = pytest.mark.production

TOTP_KEY = bytes.fromhex("3132333435363738393031323334353637383930")
HOSTILE_FIGURES = "1.000 mil " * 2000


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    running = ProductionServer(tmp_path_factory.mktemp("production"))
    yield running
    running.stop()


def sign_in(client, username, password="sinergia-demo"):
    client.form_page("/es/accounts/login/")
    return client.post_form("/es/accounts/login/", {"username": username, "password": password})


def trivial_seconds(client) -> float:
    """The time of a request that does almost nothing, as the unit of every budget."""
    times = sorted(client.get("/healthz").seconds for _ in range(5))
    return max(times[2], 0.005)


def test_a_password_alone_does_not_open_the_api_of_a_person_with_two_factor(server):
    focal = server.client(address="198.51.100.10")
    body = {"title": "Protocolo de atención", "summary": "Borrador.", "language": "es",
            "countries": ["COL"]}  # fmt: skip
    created = focal.post_json("/api/v1/practices", body, token=server.secrets["punto-focal-col"])
    assert created.status == 201, created.text
    practice = created.json()["id"]
    submitted = focal.post_json(
        f"/api/v1/practices/{practice}/transitions",
        {"action": "submit"},
        token=server.secrets["punto-focal-col"],
    )
    assert submitted.status == 200, submitted.text

    reviewer = server.client(address="198.51.100.11")
    assert sign_in(reviewer, "revisora").status == 302  # to the code page
    assert reviewer.get(f"/api/v1/practices/{practice}").status == 404  # another body's draft
    published = reviewer.post_json(
        f"/api/v1/practices/{practice}/transitions", {"action": "publish"}
    )
    assert published.status == 401, published.text
    meeting = {"mechanism": "CRM", "title": "Reunión", "date": "2027-02-01"}
    assert reviewer.post_json("/api/v1/meetings", meeting).status == 401
    assert reviewer.post_json("/api/v1/practices", body).status == 401

    code = f"{totp(TOTP_KEY):06d}"
    verified = reviewer.post_form("/es/accounts/two-factor/verify/", {"code": code})
    assert verified.status == 302, verified.text
    assert reviewer.get(f"/api/v1/practices/{practice}").status == 200


def test_hostile_text_in_the_figure_check_is_answered_at_once(server):
    visitor = server.client(address="198.51.100.12")
    visitor.form_page("/es/statistics/check/")
    unit = trivial_seconds(visitor)
    answer = visitor.post_form("/es/statistics/check/", {"text": HOSTILE_FIGURES})
    assert answer.status == 200
    print(f"figure check, 20,000 hostile characters: {answer.seconds:.3f} s ({unit:.3f} s trivial)")
    assert answer.seconds < 1.0 or answer.seconds < 100 * unit


def test_three_reports_at_once_leave_the_site_answering(server):
    results: dict[str, object] = {}

    def fetch(name: str, path: str) -> None:
        results[name] = server.client(address=f"198.51.100.{20 + len(name)}").get(path)

    threads = [
        threading.Thread(target=fetch, args=(f"pdf{n}", "/es/dialogue/1/report.es.pdf"))
        for n in range(3)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    time.sleep(0.3)
    health = server.client().get("/healthz")
    for thread in threads:
        thread.join(timeout=60)
    print(
        f"three PDFs at once: {time.perf_counter() - started:.1f} s; /healthz {health.seconds:.3f} s"
    )
    assert health.status == 200 and health.seconds < 1.0
    for name in ("pdf0", "pdf1", "pdf2"):
        answer = results[name]
        assert answer.status in {200, 503}, (name, answer.status)
        assert answer.seconds < 15, (name, answer.seconds)
        if answer.status == 503:
            assert int(answer.headers["retry-after"]) > 0
        else:
            assert answer.body.startswith(b"%PDF")
    again = server.client(address="198.51.100.30").get("/es/dialogue/1/report.es.pdf")
    assert again.status == 200 and again.body.startswith(b"%PDF")


def test_an_unpublished_practice_from_a_contribution_stays_private(server):
    focal = server.client(address="198.51.100.13")
    statement = {"country": "COL", "question": 1, "language": "es", "statement": "Intervención.",
                 "good_practices": "Un protocolo binacional de atención."}  # fmt: skip
    contribution = focal.post_json(
        "/api/v1/sessions/1/contributions", statement, token=server.secrets["punto-focal-col"]
    )
    assert contribution.status == 201, contribution.text
    number = contribution.json()["id"]
    assert sign_in(focal, "punto-focal-col").status == 302
    made = focal.post_form(f"/es/contributions/{number}/practice/", {"title": "Protocolo Xyzzyq"})
    assert made.status == 302
    practice = re.search(r"/practices/(\d+)/", made.headers["location"]).group(1)

    public = server.client(address="198.51.100.14")
    for path in [f"/es/contributions/{number}/", f"/api/v1/contributions/{number}",
                 "/es/dialogue/1/report.es.html", "/api/v1/sessions/1/contributions"]:  # fmt: skip
        answer = public.get(path)
        assert answer.status == 200, path
        assert "Xyzzyq" not in answer.text, path
        assert f"/practices/{practice}/" not in answer.text, path
        assert f'"practices": [{practice}' not in answer.text, path


def test_the_page_cache_shares_no_csrf_token(server):
    first, second = server.client(address="198.51.100.40"), server.client(address="198.51.100.41")
    first.form_page("/es/statistics/check/")
    second.form_page("/es/statistics/check/")
    answer = second.post_form("/es/statistics/check/", {"text": "73,5 millones en las Américas"})
    assert answer.status == 200  # never 403 for the second visitor


def test_a_host_with_another_port_does_not_poison_the_cache(server):
    attacker = server.client(address="198.51.100.42", host="127.0.0.1:6666")
    for _attempt in range(6):
        attacker.get("/api/v1/sessions?page=2")
    clean = server.client(address="198.51.100.43").get("/api/v1/sessions?page=2")
    assert "6666" not in clean.text and "6666" not in clean.headers.get("link", "")


def test_made_up_parameters_do_not_grow_the_workers(server):
    visitor = server.client(address="198.51.100.44")
    for number in range(30):
        visitor.get(f"/es/mechanisms/?warm={number}")
    before = sum(server.worker_memory_bytes())
    for number in range(300):
        assert visitor.get(f"/es/mechanisms/?cachebust={number}").status == 200
    grown = sum(server.worker_memory_bytes()) - before
    print(f"300 cache-busting requests: workers grew by {grown / 2**20:.1f} MB")
    assert grown < 40 * 2**20


def test_formulas_posted_through_the_api_are_inert_in_the_open_data(server):
    crm = server.client(address="198.51.100.45")
    meeting = {"mechanism": "CRM", "title": '=HYPERLINK("http://evil.example","x")',
               "date": "2027-03-01", "place": "\t=1+1"}  # fmt: skip
    created = crm.post_json("/api/v1/meetings", meeting, token=server.secrets["punto-focal-crm"])
    assert created.status == 201, created.text
    package = server.client(address="198.51.100.46").get("/api/v1/export/datapackage.zip")
    assert package.status == 200
    archive = zipfile.ZipFile(BytesIO(package.body))
    for name in archive.namelist():
        if name.endswith(".csv"):
            text = archive.read(name).decode()
            assert not re.search(r'(^|,|")(=HYPERLINK|\t=1\+1)', text, re.MULTILINE), name


def test_script_links_are_refused_through_the_api(server):
    focal = server.client(address="198.51.100.47")
    for link in [
        "javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        " JaVaScRiPt:x",
    ]:
        body = {"title": "Enlace", "summary": "x", "language": "es", "countries": ["COL"],
                "links": [{"url": link, "title": "x"}]}  # fmt: skip
        answer = focal.post_json("/api/v1/practices", body, token=server.secrets["punto-focal-col"])
        assert answer.status == 422, (link, answer.status)


def test_the_feed_sends_summaries_as_text(server):
    feed = server.client(address="198.51.100.48").get("/es/practices/feed/")
    assert feed.status == 200
    assert feed.headers["content-type"].startswith("application/atom+xml")
    assert 'type="html"' not in feed.text


def test_lockout_behind_the_proxy_is_per_client(server):
    attacker = server.client(address="203.0.113.66")
    for _attempt in range(5):
        sign_in(attacker, "punto-focal-crm", "wrong password")
    assert sign_in(attacker, "punto-focal-crm").status == 429
    person = server.client(address="198.51.100.49")
    assert sign_in(person, "punto-focal-crm").status == 302


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/practices?year=%C2%B2",
        "/es/practices/?year=%C2%B2",
        "/api/v1/practices?year=" + "9" * 5000,
        "/es/practices/?year=" + "9" * 5000,
        "/api/v1/synergy/overlap?on=0001-01-01",
        "/api/v1/synergy/gaps?on=0001-01-01",
        "/api/v1/synergy/burden?on=0001-01-01",
    ],
)
def test_odd_query_values_are_client_errors(server, path):
    answer = server.client(address="198.51.100.50").get(path)
    assert 400 <= answer.status < 500 or answer.status == 200, answer.status


def test_a_reset_link_never_reaches_the_log_nor_takes_the_host(server):
    visitor = server.client(address="198.51.100.51", host="127.0.0.1:6666")
    visitor.form_page("/es/accounts/password_reset/")
    answer = visitor.post_form("/es/accounts/password_reset/", {"email": "secretaria@example.org"})
    assert answer.status == 302
    log = server.log.read_text()
    assert "/reset/" not in log and "6666/es/accounts" not in log


def test_a_huge_body_is_refused_before_it_is_read(server):
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(
            b"POST /api/v1/practices HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/json\r\nContent-Length: 209715200\r\n\r\n{"
        )
        started = time.perf_counter()
        head = sock.recv(4096).decode()
    assert head.startswith("HTTP/1.1 413"), head[:200]
    assert time.perf_counter() - started < 5


def test_the_write_limit_of_an_account_holds_across_workers(server):
    if "REDIS_URL" not in server.env:
        pytest.skip("needs a shared cache (Redis at 127.0.0.1:6379)")
    secretariat = server.client(address="198.51.100.52")
    statuses = [
        secretariat.post_json(
            "/api/v1/meetings",
            {"mechanism": "CSM", "title": f"Reunión {n}", "date": "2027-04-01"},
            token=server.secrets["secretaria"],
        ).status
        for n in range(30)
    ]
    assert statuses.count(201) == 20 and statuses.count(429) == 10, statuses


def test_no_request_ended_in_a_server_error_or_a_worker_timeout(server):
    log = server.log.read_text()
    assert "WORKER TIMEOUT" not in log
    assert not re.search(r'" 5\d\d ', log.replace('" 503 ', '" 2xx ')), "a 5xx other than 503"
