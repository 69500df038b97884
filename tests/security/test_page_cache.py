"""The public page cache cannot be poisoned: no response carrying a CSRF token or a session
is shared, the key holds the full host, made-up parameters are never stored, and the cache
is bounded in bytes."""

from __future__ import annotations

import re

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from sinergia.api import api
from sinergia.caching import ByteBoundedLocMemCache
from sinergia.middleware import CACHEABLE_PARAMETERS

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.SINERGIA_PUBLIC_CACHE_SECONDS = 600
    caches["pages"].clear()


def stored_pages() -> int:
    return len(caches["pages"]._cache)


def csrf_in(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def test_a_page_with_a_form_is_never_shared_between_visitors():
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.get("/es/statistics/check/")
    first_page = first.get("/es/statistics/check/").content.decode()
    second_page = second.get("/es/statistics/check/").content.decode()
    assert first_page and stored_pages() == 0
    # The second visitor's token matches its own cookie: the check answers, never 403.
    answer = second.post(
        "/es/statistics/check/",
        {"text": "73,5 millones de migrantes en las Américas en 2020.",
         "csrfmiddlewaretoken": csrf_in(second_page)},
    )  # fmt: skip
    assert answer.status_code == 200


def test_the_key_holds_the_port_of_the_host(client):
    poisoned = client.get("/api/v1/sessions?page=1", HTTP_HOST="127.0.0.1:6666")
    assert poisoned.status_code == 200
    clean = client.get("/api/v1/sessions?page=1", HTTP_HOST="127.0.0.1")
    assert b"6666" not in clean.content
    assert "6666" not in clean.get("Link", "")


def test_made_up_parameters_are_answered_but_never_stored(client):
    client.get("/es/mechanisms/")
    before = stored_pages()
    for number in range(50):
        assert client.get(f"/es/mechanisms/?cachebust={number}").status_code == 200
    assert stored_pages() == before


def test_a_search_is_kept_from_its_second_asking_and_then_served_from_the_cache(client):
    """Most searches with words are asked once: keeping each would fill the cache with
    answers nobody reads again. The second asking keeps it; the third is served from it."""
    assert client.get("/api/v1/practices?q=documentos de identidad").status_code == 200
    assert client.get("/es/practices/?q=trata de personas").status_code == 200
    assert not any(":asked" not in key for key in caches["pages"]._cache)
    client.get("/api/v1/practices?q=documentos de identidad")
    with CaptureQueriesContext(connection) as queries:
        third = client.get("/api/v1/practices?q=documentos de identidad")
    assert third.status_code == 200 and len(queries) == 1  # the versions alone
    # A read without words is kept at once, as before.
    client.get("/api/v1/practices?country=COL")
    with CaptureQueriesContext(connection) as queries:
        client.get("/api/v1/practices?country=COL")
    assert len(queries) == 1


def test_parameters_in_another_order_share_one_entry(client):
    client.get("/api/v1/mechanisms?kind=process&scope=regional")
    before = stored_pages()
    client.get("/api/v1/mechanisms?scope=regional&kind=process")
    assert stored_pages() == before


def test_a_made_up_token_cannot_read_past_the_cache(client):
    """An API read is public whatever `Authorization` says (tokens authenticate writes), so
    a header cannot make every request cost a fresh answer."""
    client.get("/api/v1/mechanisms?kind=process")
    before = stored_pages()
    with CaptureQueriesContext(connection) as queries:
        for number in range(5):
            answer = client.get(
                "/api/v1/mechanisms?kind=process", HTTP_AUTHORIZATION=f"Bearer sng_{number}_x"
            )
            assert answer.status_code == 200
    assert stored_pages() == before
    assert len(queries) <= 10  # per read: the data versions and the token looked up


def test_a_signed_in_page_is_never_stored(client, django_user_model):
    user = django_user_model.objects.create_user("reader", password="x" * 20)
    client.force_login(user)
    client.get("/es/mechanisms/")
    assert stored_pages() == 0


def test_the_cache_is_bounded_in_bytes():
    cache = ByteBoundedLocMemCache("bounded-test", {"OPTIONS": {"MAX_BYTES": 10_000}})
    cache.clear()
    for number in range(100):
        cache.set(f"page-{number}", "x" * 1000)
    assert cache.total_bytes <= 10_000
    assert cache.get("page-99") is not None  # the newest stay
    assert cache.get("page-0") is None  # the oldest went first
    cache.set("huge", "x" * 5000)  # more than a quarter of the bound: not stored
    assert cache.get("huge") is None


def test_every_parameter_the_site_reads_is_cacheable(client):
    """The API's declared parameters and those in the links of the main pages are all known
    to the cache, so that a legitimate query is never turned away from it."""
    schema = api.get_openapi_schema()
    declared = {
        parameter["name"]
        for operations in schema["paths"].values()
        for operation in operations.values()
        for parameter in operation.get("parameters", [])
        if parameter["in"] == "query"
    }
    linked: set[str] = set()
    for path in ["/es/mechanisms/", "/es/practices/", "/es/synergy/", "/es/statistics/",
                 "/es/dialogue/", "/es/meetings/", "/es/follow-up/", "/es/countries/COL/"]:  # fmt: skip
        html = client.get(path).content.decode()
        for query in re.findall(r'href="(?:/[^"?]*)?\?([^"#]+)"', html):
            linked |= {
                pair.split("=")[0] for pair in query.replace("&amp;", "&").split("&") if pair
            }
        for name in re.findall(r'<(?:select|input)[^>]*name="([^"]+)"', html):
            if name != "csrfmiddlewaretoken":
                linked.add(name)
    assert declared - CACHEABLE_PARAMETERS == set()
    assert linked - CACHEABLE_PARAMETERS == set()


def test_last_modified_does_not_move_when_someone_makes_a_token(client):
    import time

    from sinergia.accounts.models import RoleKind
    from sinergia.accounts.tokens import token_create
    from tests.factories import user_with_role

    before = client.get("/api/v1/mechanisms")["Last-Modified"]
    time.sleep(1.1)  # Last-Modified counts whole seconds
    token_create(actor=user_with_role(RoleKind.REVIEWER, username="rev-lm"), name="desk")
    assert client.get("/api/v1/mechanisms")["Last-Modified"] == before


def test_no_api_read_authenticates_so_a_token_read_is_the_public_one():
    """Reads with a token are served from the public page cache: that is safe only while no
    read authenticates the token (its answer would then be the token owner's, and shared)."""
    authenticated = [
        f"{method} {path}"
        for _prefix, router in api._routers
        for path, view in router.path_operations.items()
        for operation in view.operations
        for method in operation.methods
        if method in {"GET", "HEAD"} and operation.auth_callbacks
    ]
    assert authenticated == []
