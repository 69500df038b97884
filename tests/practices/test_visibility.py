"""An unpublished practice never reaches the public: not on pages, in search, the API,
exports, the feed, or another state's duplicate warning."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command

from sinergia.practices import services
from sinergia.practices.selectors import similar_practices
from tests.practices.helpers import draft, reviewer, state_focal_point

pytestmark = pytest.mark.django_db

SECRET = "Protocolo confidencial de recepción fronteriza Ñandutí"


@pytest.fixture
def hidden():
    author = state_focal_point("PRY")
    practice = draft(
        author,
        iso3="PRY",
        title=SECRET,
        summary="Texto interno aún no revisado sobre recepción fronteriza.",
    )
    return services.practice_submit(actor=author, practice=practice)


def test_not_on_pages_or_in_search(client, hidden):
    assert client.get(f"/es/practices/{hidden.pk}/").status_code == 404
    assert SECRET not in client.get("/es/practices/", {"q": "Ñandutí"}).content.decode()
    assert SECRET not in client.get("/es/practices/").content.decode()


def test_not_in_the_api(client, hidden):
    assert client.get(f"/api/v1/practices/{hidden.pk}").status_code == 404
    body = client.get("/api/v1/practices", {"q": "Ñandutí"}).json()
    assert body["count"] == 0


def test_not_in_exports_or_the_feed(client, hidden):
    for fmt in ("csv", "json", "xlsx"):
        assert SECRET.encode() not in client.get(f"/es/practices/export.{fmt}").content
    assert SECRET not in client.get("/es/practices/feed/").content.decode()


def test_not_in_the_cli_search(capsys, hidden):
    call_command("practices", "search", "Ñandutí", "--json")
    assert json.loads(capsys.readouterr().out)["count"] == 0


def test_not_in_another_states_duplicate_warning(hidden):
    other = state_focal_point("URY")
    mine = draft(other, iso3="URY", title=SECRET + " bis", summary="Recepción fronteriza.")
    assert all(item.practice.pk != hidden.pk for item in similar_practices(mine, other))


def test_visible_to_its_author_and_to_reviewers(client, hidden):
    client.force_login(reviewer())
    assert client.get(f"/es/practices/{hidden.pk}/").status_code == 200
    client.force_login(state_focal_point("PRY", username="another-pry"))
    assert client.get(f"/es/practices/{hidden.pk}/").status_code == 200
    client.force_login(state_focal_point("ARG"))
    assert client.get(f"/es/practices/{hidden.pk}/").status_code == 404
