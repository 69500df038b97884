"""The people of the load test (`bench/load.py`), as Locust users.

- `PageReader`: someone not signed in reading pages in the four languages: home, practice
  search and site search with natural queries, mechanism, country, theme, practice, session
  and contribution pages, statistics, synergies, meetings, follow-up.
- `ApiReader`: a program reading the API without a token: practice search with varied
  filters, site search, list endpoints with varied parameters, single records, statistics.
- `SignedIn` (one subclass per demo role): signs in through the page form, keeps the session
  cookie, reads what that role reads (own practices, review queue, audit trail, tokens,
  admin); nothing of it is ever served from the public page cache.
- `Writer`: one write a second whatever the answers' times, through the page forms (with
  their CSRF token) and through API tokens, in turn: a state focal point creates, edits and
  submits a draft by API and a reviewer publishes it from its page; a mechanism focal point
  does the same through the forms and the secretariat publishes it by API. Every write is
  audited; each publication moves the practices' data version, which the public page cache,
  the search facets and the pages that show practices follow (a draft's life moves none).

Each request goes to one of the app servers in turn, as a load balancer would send it,
with the headers of the TLS proxy in front of them (`Host`, `X-Forwarded-Proto`, the
client's own address in `X-Forwarded-For`). A request counts as an error unless its status
is the one the person expects (200, or the redirect after a form); a 429 or a 5xx always does.
"""

from __future__ import annotations

import itertools
import json
import random
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import gevent.pool
from locust import FastHttpUser, task
from locust.contrib.fasthttp import FastHttpSession

LANGUAGES = ("es", "en", "fr", "pt")
LANGUAGE_WEIGHTS = (4, 3, 1.5, 1.5)
ACCEPT_LANGUAGES = {
    "es": "es-419,es;q=0.9,en;q=0.5",
    "en": "en-US,en;q=0.9",
    "fr": "fr-CA,fr;q=0.9,en;q=0.5",
    "pt": "pt-BR,pt;q=0.9,en;q=0.5",
}
DEMO_PASSWORD = "sinergia-demo"  # noqa: S105 - the demonstration accounts' (sinergia/core/demo.py)


@dataclass
class Plan:
    """What the users need to know, filled in by `bench/load.py` before the run."""

    servers: list[str] = field(default_factory=list)  # "http://127.0.0.1:PORT"
    host: str = ""  # the public host name the proxy forwards
    pause_seconds: float = 0.0  # a reader's mean pause between two requests
    writes_per_second: float = 1.0
    tokens: dict[str, str] = field(default_factory=dict)  # username -> API token secret
    queries: list[tuple[str, str]] = field(default_factory=list)  # (language, text)
    mechanisms: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    practices: list[int] = field(default_factory=list)
    sessions: list[int] = field(default_factory=list)
    contributions: list[int] = field(default_factory=list)
    mechanism_filters: list[dict[str, str]] = field(default_factory=list)
    statistics: list[str] = field(default_factory=list)  # API paths known to answer 200
    # Filled in during the run: the people signed in so far; the practices the writer
    # published, checked after the run.
    signed_in: int = 0
    published: list[int] = field(default_factory=list)


PLAN = Plan()
_client_numbers = itertools.count()


class Browser:
    """One person's side of the conversation: an address, a language, cookies."""

    def __init__(self, number: int, rng: random.Random):
        self.address = f"10.{number // 65536 % 256}.{number // 256 % 256}.{number % 256 + 1}"
        (self.language,) = rng.choices(LANGUAGES, weights=LANGUAGE_WEIGHTS)
        self.cookies: dict[str, str] = {}
        self.token = ""

    def headers(self, method: str, referer: str) -> dict[str, str]:
        sent = {
            "Host": PLAN.host,
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": self.address,
            "Accept-Language": ACCEPT_LANGUAGES[self.language],
            "Referer": f"https://{PLAN.host}{referer}",
        }
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        if method != "GET":
            if "csrftoken" in self.cookies:
                sent["X-CSRFToken"] = self.cookies["csrftoken"]
            # On a fresh connection: one the server closed while idle (gunicorn keeps them
            # 2 s) fails a POST that nothing retries, where a browser would send it again.
            sent["Connection"] = "close"
        if self.token:
            sent["Authorization"] = f"Bearer {self.token}"
        return sent

    def keep_cookies(self, response: Any) -> None:
        for value in response.headers.getlist("set-cookie") if response.headers else []:
            name, _equals, rest = value.partition("=")
            content = rest.split(";", 1)[0]
            if content and "max-age=0" not in value.lower():
                self.cookies[name.strip()] = content
            else:
                self.cookies.pop(name.strip(), None)


class Visitor(FastHttpUser):
    """A user whose requests go to each server in turn, classified by kind for the figures."""

    abstract = True
    host = "http://127.0.0.1"  # replaced per request by one of PLAN.servers
    network_timeout = 30.0
    connection_timeout = 10.0

    def __init__(self, environment: Any) -> None:
        super().__init__(environment)
        number = next(_client_numbers)
        self.rng = random.Random(number)
        self.browser = Browser(number, self.rng)
        self.turn = number
        # Each person walks the queries in an order of its own: never the same twice in a row.
        self._queries = self._query_cycle()

    def _query_cycle(self) -> Iterator[tuple[str, str]]:
        last = None
        while True:
            order = list(PLAN.queries)
            self.rng.shuffle(order)
            if order[0] == last:  # where one round of the queries meets the next
                order.append(order.pop(0))
            yield from order
            last = order[-1]

    def query(self) -> str:
        return next(self._queries)[1]

    def call(
        self,
        kind: str,
        method: str,
        path: str,
        *,
        name: str,
        browser: Browser | None = None,
        expect: tuple[int, ...] = (200,),
        form: dict[str, Any] | None = None,
        payload: Any = None,
        session: FastHttpSession | None = None,
    ) -> Any:
        """One request to the next server; a failure unless the status is in `expect`."""
        browser = browser or self.browser
        session = session or self.client
        self.turn += 1
        server = PLAN.servers[self.turn % len(PLAN.servers)]
        headers = browser.headers(method, referer=path.split("?")[0])
        data: str | None = None
        if form is not None:
            if "csrftoken" in browser.cookies:
                form = {"csrfmiddlewaretoken": browser.cookies["csrftoken"], **form}
            data = urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        elif payload is not None:
            data = json.dumps(payload)
            headers["Content-Type"] = "application/json"
        with session.request(
            method,
            server + path,
            name=f"{kind} {name}",
            data=data,
            headers=headers,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            browser.keep_cookies(response)
            if response.status_code in expect:
                response.success()
            elif not response.status_code:
                response.failure(f"no answer: {getattr(response, 'error', None)!r}")
            else:
                title = re.search(r"<title>([^<]*)", response.text or "")
                said = title.group(1).strip() if title else (response.text or "")[:120]
                response.failure(f"{response.status_code} (expected {expect}): {said}")
            return response

    def new_session(self) -> FastHttpSession:
        """Connections of its own, for requests made beside the user's own greenlet."""
        return FastHttpSession(
            base_url=self.host,
            request_event=self.environment.events.request,
            user=self,
            network_timeout=self.network_timeout,
            connection_timeout=self.connection_timeout,
        )

    def page(self, path: str, name: str, *, kind: str = "page", **extra: Any) -> Any:
        return self.call(kind, "GET", f"/{self.browser.language}{path}", name=name, **extra)

    def sign_in(self, browser: Browser, username: str) -> None:
        """Through the sign-in form, as a person does: open it, then post it."""
        login = f"/{browser.language}/accounts/login/"
        self.call("sign-in", "GET", login, name="form", browser=browser)
        answer = self.call(
            "sign-in",
            "POST",
            login,
            name="post",
            browser=browser,
            form={"username": username, "password": DEMO_PASSWORD, "next": ""},
            expect=(302,),
        )
        if "sessionid" not in browser.cookies:
            raise RuntimeError(f"{username} could not sign in ({answer.status_code})")


def pause(user: Visitor) -> float:
    """A reader's pause between two requests: `PLAN.pause_seconds` on average, give or take
    half of it, so that clients do not move in step."""
    return PLAN.pause_seconds * user.rng.uniform(0.5, 1.5)


def write_pacing(user: Visitor) -> float:
    """The writer's pause after starting a write: PLAN.writes_per_second, whatever happens."""
    return 1.0 / PLAN.writes_per_second


def pick(rng: random.Random, values: list[Any]) -> Any:
    return rng.choice(values)


class PageReader(Visitor):
    """Someone not signed in, reading pages."""

    wait_time = pause
    weight = 5

    @task(6)
    def practice_search(self) -> None:
        parameters: dict[str, Any] = {"q": self.query()}
        roll = self.rng.random()
        if roll < 0.2:
            parameters["country"] = pick(self.rng, PLAN.countries)
        elif roll < 0.3:
            parameters["language"] = pick(self.rng, LANGUAGES)
        elif roll < 0.4:
            parameters["page"] = 2
        self.page(f"/practices/?{urlencode(parameters)}", "/practices/?q=")

    @task(4)
    def site_search(self) -> None:
        self.page(f"/search/?{urlencode({'q': self.query()})}", "/search/?q=")

    @task(2)
    def home(self) -> None:
        self.page("/", "/")

    @task(3)
    def mechanism(self) -> None:
        self.page(f"/mechanisms/{pick(self.rng, PLAN.mechanisms)}/", "/mechanisms/[acronym]/")

    @task(3)
    def country(self) -> None:
        self.page(f"/countries/{pick(self.rng, PLAN.countries)}/", "/countries/[iso3]/")

    @task(3)
    def practice(self) -> None:
        self.page(f"/practices/{pick(self.rng, PLAN.practices)}/", "/practices/[id]/")

    @task(1)
    def lists(self) -> None:
        path = pick(
            self.rng,
            ["/mechanisms/", "/countries/", "/themes/", "/practices/", "/dialogue/",
             "/meetings/", "/follow-up/", "/statistics/"],
        )  # fmt: skip
        self.page(path, path)

    @task(1)
    def theme(self) -> None:
        self.page(f"/themes/{pick(self.rng, PLAN.themes)}/", "/themes/[key]/")

    @task(1)
    def session(self) -> None:
        self.page(f"/dialogue/{pick(self.rng, PLAN.sessions)}/", "/dialogue/[id]/")

    @task(1)
    def contribution(self) -> None:
        if PLAN.contributions:
            self.page(
                f"/contributions/{pick(self.rng, PLAN.contributions)}/", "/contributions/[id]/"
            )

    @task(1)
    def synergy(self) -> None:
        self.page("/synergy/", "/synergy/")

    @task(1)
    def meetings_of(self) -> None:
        self.page(
            f"/meetings/?mechanism={pick(self.rng, PLAN.mechanisms)}", "/meetings/?mechanism="
        )


class ApiReader(Visitor):
    """A program reading the API without a token."""

    wait_time = pause
    weight = 5

    def api(self, path: str, name: str, expect: tuple[int, ...] = (200,)) -> Any:
        return self.call("api", "GET", f"/api/v1{path}", name=name, expect=expect)

    @task(6)
    def practice_search(self) -> None:
        parameters: dict[str, Any] = {"q": self.query()}
        roll = self.rng.random()
        if roll < 0.15:
            parameters["country"] = ",".join(self.rng.sample(PLAN.countries, 2))
        elif roll < 0.25:
            parameters["theme"] = pick(self.rng, PLAN.themes)
        elif roll < 0.35:
            parameters["language"] = pick(self.rng, LANGUAGES)
        elif roll < 0.45:
            parameters["sort"] = "date"
        elif roll < 0.5:
            parameters["page"] = 2
        self.api(f"/practices?{urlencode(parameters)}", "/practices?q=")

    @task(2)
    def practice_list(self) -> None:
        parameters = {"page": self.rng.randint(1, 4), "sort": "date"}
        if self.rng.random() < 0.5:
            parameters["country"] = pick(self.rng, PLAN.countries)
        self.api(f"/practices?{urlencode(parameters)}", "/practices (list)")

    @task(3)
    def site_search(self) -> None:
        parameters: dict[str, Any] = {"q": self.query()}
        if self.rng.random() < 0.3:
            parameters["kind"] = pick(self.rng, ["mechanism", "country", "theme", "practice"])
        self.api(f"/search?{urlencode(parameters)}", "/search?q=")

    @task(2)
    def mechanisms(self) -> None:
        parameters = pick(self.rng, PLAN.mechanism_filters)
        if self.rng.random() < 0.3:
            parameters = {"theme": pick(self.rng, PLAN.themes)}
        self.api(f"/mechanisms?{urlencode(parameters)}", "/mechanisms")

    @task(2)
    def mechanism(self) -> None:
        self.api(f"/mechanisms/{pick(self.rng, PLAN.mechanisms)}", "/mechanisms/[acronym]")

    @task(2)
    def country(self) -> None:
        self.api(f"/countries/{pick(self.rng, PLAN.countries)}", "/countries/[iso3]")

    @task(2)
    def practice(self) -> None:
        self.api(f"/practices/{pick(self.rng, PLAN.practices)}", "/practices/[id]")

    @task(1)
    def lists(self) -> None:
        path = pick(self.rng, ["/countries", "/themes", "/sessions", "/actions"])
        self.api(path, path)

    @task(1)
    def meetings(self) -> None:
        parameters = pick(
            self.rng,
            [{"mechanism": pick(self.rng, PLAN.mechanisms)},
             {"country": pick(self.rng, PLAN.countries)}],
        )  # fmt: skip
        self.api(f"/meetings?{urlencode(parameters)}", "/meetings")

    @task(1)
    def contributions(self) -> None:
        session = pick(self.rng, PLAN.sessions)
        self.api(f"/sessions/{session}/contributions", "/sessions/[id]/contributions")

    @task(2)
    def statistics(self) -> None:
        if not PLAN.statistics:
            return
        path = pick(self.rng, PLAN.statistics)
        self.api(path, path.split("?")[0])

    @task(1)
    def synergy(self) -> None:
        name = pick(self.rng, ["opportunities", "overlap", "gaps", "burden", "duplications"])
        parameters = (
            f"?mechanism={pick(self.rng, PLAN.mechanisms)}"
            if name in ("opportunities", "overlap") and self.rng.random() < 0.5
            else ""
        )
        self.api(f"/synergy/{name}{parameters}", f"/synergy/{name}")


class SignedIn(Visitor):
    """A person signed in through the form; `username` and `own_pages` per role."""

    abstract = True
    wait_time = pause
    username = ""
    own_pages: tuple[str, ...] = ()

    def on_start(self) -> None:
        self.sign_in(self.browser, self.username)
        PLAN.signed_in += 1

    @task(4)
    def own(self) -> None:
        path = pick(self.rng, list(self.own_pages))
        self.page(path, path, kind="signed-in")

    @task(2)
    def practice_search(self) -> None:
        self.page(
            f"/practices/?{urlencode({'q': self.query()})}", "/practices/?q=", kind="signed-in"
        )

    @task(2)
    def practice(self) -> None:
        self.page(f"/practices/{pick(self.rng, PLAN.practices)}/", "/practices/[id]/",
                  kind="signed-in")  # fmt: skip

    @task(1)
    def mechanism(self) -> None:
        self.page(f"/mechanisms/{pick(self.rng, PLAN.mechanisms)}/", "/mechanisms/[acronym]/",
                  kind="signed-in")  # fmt: skip

    @task(1)
    def home(self) -> None:
        self.page("/", "/", kind="signed-in")


class StateFocalPoint(SignedIn):
    username = "punto-focal-col"
    own_pages = ("/practices/mine/", "/practices/new/", "/countries/COL/", "/accounts/tokens/",
                 "/dialogue/")  # fmt: skip


class MechanismFocalPoint(SignedIn):
    username = "punto-focal-crm"
    own_pages = ("/practices/mine/", "/practices/new/", "/mechanisms/CRM/",
                 "/meetings/?mechanism=CRM", "/follow-up/")  # fmt: skip


class Reviewer(SignedIn):
    username = "revisora"
    own_pages = ("/practices/review/", "/practices/mine/", "/accounts/tokens/")


class Secretariat(SignedIn):
    username = "secretaria"
    own_pages = ("/audit/", "/audit/?action=practice.publish", "/practices/review/",
                 "/dialogue/", "/accounts/tokens/")  # fmt: skip

    @task(1)
    def admin(self) -> None:
        path = pick(self.rng, ["/admin/", "/admin/registry/mechanism/"])
        self.call("signed-in", "GET", path, name=path)


ROLES: tuple[type[SignedIn], ...] = (StateFocalPoint, MechanismFocalPoint, Reviewer, Secretariat)

# The texts the writer submits: plain sentences of the field, in Spanish and English.
TITLES = [
    "Ventanilla única de atención a personas migrantes retornadas",
    "Mesa interinstitucional sobre trata de personas en zonas de frontera",
    "Regularización migratoria de personas venezolanas con permiso temporal",
    "Programa de integración laboral para personas refugiadas",
    "Protocolo de protección de niñas, niños y adolescentes no acompañados",
    "Campaña de información sobre rutas seguras de migración",
]
SUMMARIES = [
    "La práctica coordina a las instituciones del Estado y a las organizaciones de la sociedad "
    "civil para atender a las personas migrantes en un solo lugar, con información, "
    "documentación y acceso a servicios de salud y educación.",
    "Se capacitó a funcionarios de migración, policía y salud para identificar a víctimas de "
    "trata y derivarlas a servicios de protección, con un registro común de casos.",
    "El programa ofrece un permiso de residencia temporal, un documento de identidad y acceso "
    "al empleo formal, a la seguridad social y a la educación.",
]


class Pipeline:
    """Two practices at a time through their lives, one write per call of `advance`: a state
    focal point creates, edits and submits one by API and a reviewer publishes it from its
    page; a mechanism focal point does the same through the forms and the secretariat
    publishes it by API."""

    def __init__(self, writer: Writer):
        self.writer = writer
        self.step = 0
        self.busy = False
        self.by_api: int | None = None
        self.by_page: int | None = None
        self.state, self.secretariat = writer.state, writer.secretariat
        self.reviewer, self.mechanism = writer.reviewer, writer.mechanism
        self.session = writer.new_session()  # pipelines run side by side

    def advance(self) -> None:
        self.busy = True
        try:
            step, self.step = self.step, (self.step + 1) % 8
            getattr(self, f"step_{step}")()
        finally:
            self.busy = False

    def write(self, name: str, browser: Browser, method: str, path: str, **extra: Any) -> Any:
        # Each write on a connection of its own: a pooled one that the server has closed
        # after its `Connection: close` would fail a POST that nothing sends again.
        return self.writer.call(
            "write", method, path, name=name, browser=browser,
            session=self.writer.new_session(), **extra,
        )  # fmt: skip

    def read(self, path: str, name: str) -> Any:
        return self.writer.call(
            "signed-in", "GET", path, name=name, browser=self.mechanism, session=self.session
        )

    def step_0(self) -> None:
        answer = self.write("api create", self.state, "POST", "/api/v1/practices",
                            payload={**self.writer.text(), "countries": ["COL"]},
                            expect=(201,))  # fmt: skip
        self.by_api = answer.json()["id"] if answer.status_code == 201 else None

    def step_1(self) -> None:
        if self.by_api:
            self.write("api edit", self.state, "PATCH", f"/api/v1/practices/{self.by_api}",
                       payload={"summary": self.writer.rng.choice(SUMMARIES), "year": 2024})  # fmt: skip

    def step_2(self) -> None:
        if self.by_api:
            self.write("api submit", self.state, "POST",
                       f"/api/v1/practices/{self.by_api}/transitions",
                       payload={"action": "submit"})  # fmt: skip

    def step_3(self) -> None:
        if self.by_api:
            answer = self.write("page publish", self.reviewer, "POST",
                                f"/es/practices/{self.by_api}/publish/", form={"comment": ""},
                                expect=(302,))  # fmt: skip
            if answer.status_code == 302:  # also after a refusal: checked after the run
                PLAN.published.append(self.by_api)

    def _form(self) -> dict[str, Any]:
        return {**self.writer.text(), "countries": ["GTM", "HND"], "mechanisms": ["CRM"],
                "body": self.writer.rng.choice(SUMMARIES), "year": "2023"}  # fmt: skip

    def step_4(self) -> None:
        self.read("/es/practices/new/", "/practices/new/")
        answer = self.write("page create", self.mechanism, "POST", "/es/practices/new/",
                            form=self._form(), expect=(302,))  # fmt: skip
        found = re.search(r"/practices/(\d+)/$", answer.headers.get("location", "") or "")
        self.by_page = int(found.group(1)) if found else None

    def step_5(self) -> None:
        if self.by_page:
            path = f"/es/practices/{self.by_page}/edit/"
            self.read(path, "/practices/[id]/edit/")
            self.write("page edit", self.mechanism, "POST", path, form=self._form(),
                       expect=(302,))  # fmt: skip

    def step_6(self) -> None:
        if self.by_page:
            self.write("page submit", self.mechanism, "POST",
                       f"/es/practices/{self.by_page}/submit/", form={"comment": ""},
                       expect=(302,))  # fmt: skip

    def step_7(self) -> None:
        if self.by_page:
            answer = self.write("api publish", self.secretariat, "POST",
                                f"/api/v1/practices/{self.by_page}/transitions",
                                payload={"action": "publish"})  # fmt: skip
            if answer.status_code == 200:
                PLAN.published.append(self.by_page)


class Writer(Visitor):
    """One write a second, whatever the answers' times (an open loop): each second the next
    write of a pipeline not still busy with its previous one; a new pipeline when all are
    busy, up to MAX_PIPELINES, beyond which the write is late and counts as an error."""

    fixed_count = 1
    wait_time = write_pacing  # starting a write takes no time: the next starts on schedule
    MAX_PIPELINES = 8

    def on_start(self) -> None:
        self.serial = 0
        self.pipelines: list[Pipeline] = []
        self.running = gevent.pool.Group()
        # The same four people write in every pipeline: two by API token, two through pages.
        self.state = self.browser_of(token=PLAN.tokens["punto-focal-col"])
        self.secretariat = self.browser_of(token=PLAN.tokens["secretaria"])
        self.reviewer = self.browser_of()
        self.mechanism = self.browser_of()
        self.sign_in(self.reviewer, "revisora")
        self.sign_in(self.mechanism, "punto-focal-crm")
        PLAN.signed_in += 1

    def on_stop(self) -> None:
        self.running.join(timeout=60)  # the writes under way finish and count

    def browser_of(self, token: str = "") -> Browser:
        browser = Browser(next(_client_numbers), self.rng)
        browser.language = "es"
        browser.token = token
        return browser

    def text(self) -> dict[str, Any]:
        self.serial += 1
        return {
            "title": f"{self.rng.choice(TITLES)} ({self.serial})",
            "summary": self.rng.choice(SUMMARIES),
            "language": "es",
        }

    @task
    def next_write(self) -> None:
        idle = next((p for p in self.pipelines if not p.busy), None)
        if idle is None and len(self.pipelines) < self.MAX_PIPELINES:
            idle = Pipeline(self)
            self.pipelines.append(idle)
        if idle is None:
            self.environment.events.request.fire(
                request_type="POST", name="write late", response_time=0, response_length=0,
                exception=RuntimeError("every pipeline still busy"), context={},
                start_time=time.time(),
            )  # fmt: skip
            return
        idle.busy = True
        self.running.spawn(idle.advance)
