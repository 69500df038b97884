"""A state's view, the explanation of a gap, bodies and alignment: pages and API on the
bundled registry."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sinergia.registry.models import AgendaItem, Mechanism, Meeting
from sinergia.vocabulary.models import Concept
from tests.factories import SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


def test_partners_of_a_state_most_shared_first(client):
    answer = client.get("/api/v1/countries/GTM/partners").json()
    assert answer["country"] == "GTM"
    results = answer["results"]
    assert results and all({"country", "shared_mechanisms", "themes"} <= set(r) for r in results)
    counts = [len(r["shared_mechanisms"]) for r in results]
    assert counts == sorted(counts, reverse=True)
    first = results[0]
    # Guatemala's closest partners sit with it in the CRM and MIRPS at least.
    assert {"CRM", "MIRPS"} <= set(first["shared_mechanisms"])
    assert first["themes"]
    # Instruments and dormant bodies are no forum where states meet.
    named = {m for r in results for m in r["shared_mechanisms"]}
    assert not named & {"GCM", "NYD", "LAD", "OAS"}
    assert "GTM" not in {r["country"] for r in results}


def test_partners_as_of_a_date_and_unknown_countries(client):
    answer = client.get("/api/v1/countries/gtm/partners", {"on": "2023-05-09"}).json()
    assert answer["on"] == "2023-05-09"
    assert any("OCAM" in r["shared_mechanisms"] for r in answer["results"])
    assert client.get("/api/v1/countries/XYZ/partners").status_code == 404
    assert client.get("/api/v1/countries/GTM/partners", {"on": "nope"}).status_code == 422


@pytest.mark.parametrize(
    ("language", "heading", "partners"),
    [
        ("es", "Guatemala en los foros", "Los Estados con los que más coincide"),
        ("en", "Guatemala across the forums", "The states it meets most often"),
        ("fr", "Guatemala dans les forums", "Les États qu'il retrouve le plus souvent"),
        ("pt", "Guatemala nos fóruns", "Os Estados com que mais coincide"),
    ],
)
def test_the_state_view_in_four_languages(client, language, heading, partners):
    response = client.get(f"/{language}/synergy/countries/GTM/")
    html = response.content.decode()
    assert response.status_code == 200
    assert heading in html
    assert partners in html or partners.replace("'", "&#x27;") in html
    assert f"/{language}/synergy/countries/GTM/charts/meetings.json" in html
    assert "MIRPS" in html


def test_the_state_views_charts_and_their_data(client):
    spec = client.get("/en/synergy/countries/GTM/charts/partners.json").json()
    assert spec["$schema"].endswith("v6.json") and spec["description"]
    csv = client.get("/es/synergy/countries/GTM/charts/meetings/data.csv")
    assert csv["Content-Type"].startswith("text/csv")
    assert "Año" in csv.content.decode()
    assert client.get("/en/synergy/countries/GTM/charts/nope.json").status_code == 404
    assert client.get("/en/synergy/countries/XYZ/").status_code == 404


def test_the_country_page_links_to_its_state_view(client):
    html = client.get("/en/countries/GTM/").content.decode()
    assert "/en/synergy/countries/GTM/" in html


def test_a_gap_explains_itself(client):
    answer = client.get("/api/v1/synergy/gaps/northern_america/health").json()
    considered = {body["mechanism"]: body for body in answer["considered"]}
    # Canada and the United States sit in the CRM: it is considered, with its reason.
    assert "CRM" in considered
    assert considered["CRM"]["members_here"] == ["CAN", "USA"]
    assert considered["CRM"]["reason"] in {"covers", "no_line_of_work", "dormant", "no_agenda"}
    assert answer["confidence_level"] in {"high", "medium", "low"}
    assert all(g["mechanism"] not in considered for g in answer["global_frameworks"])
    assert client.get("/api/v1/synergy/gaps/nowhere/health").status_code == 404


def test_the_gap_page_and_the_form_that_leads_to_it(client):
    response = client.get("/es/synergy/gaps/", {"subregion": "caribbean", "theme": "health"})
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert "Órganos considerados" in html and "Confianza" in html
    assert client.get("/es/synergy/gaps/caribbean/nope/").status_code == 404
    unchosen = client.get("/es/synergy/gaps/", {"subregion": "caribbean"})
    assert unchosen.status_code == 302 and unchosen["Location"].endswith("/es/synergy/#explain")


def test_bodies_and_alignment(client):
    bodies = {b["mechanism"]: b for b in client.get("/api/v1/synergy/bodies").json()}
    assert bodies["MIRPS"]["category"] == "body"
    for instrument in ("GCM", "NYD", "LAD", "GMG", "HLD"):
        assert bodies[instrument]["category"] == "instrument"
        assert not bodies[instrument]["partner"]
    assert bodies["OAS"]["acts_through"] == "CAM"
    alignment = client.get("/api/v1/synergy/alignment").json()
    frameworks = {item["framework"] for item in alignment["items"]}
    assert frameworks == {"gcm", "lad", "agres2988"}
    assert alignment["joint_contributions"]
    for joint in alignment["joint_contributions"]:
        assert joint["review"] in {"gcm-regional-review", "lad-ministerial", "cam-annual-session"}
        assert not set(joint["mechanisms"]) & {"GCM", "NYD", "LAD"}


def test_the_dashboard_shows_dormant_bodies_and_explains_as_of(client):
    html = client.get("/en/synergy/", {"on": "2023-05-09"}).content.decode()
    assert "Dormant bodies" in html and "Joint contributions to the reviews" in html
    assert 'value="2023-05-09"' in html
    assert "/en/synergy/opportunities/CRM--OCAM/?on=2023-05-09" in html


def _queries(client, path):
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize(
    "path", ["/api/v1/countries/GTM/partners?on=2023-05-09", "/es/synergy/countries/GTM/"]
)
def test_a_fixed_number_of_queries_however_large_the_registry(client, path):
    before = _queries(client, path)
    crm = Mechanism.objects.get(acronym="CRM")
    source = SourceFactory()
    concept = Concept.objects.get(key="integration")
    for position in range(5):
        item = AgendaItem.objects.create(
            mechanism=crm,
            position=100 + position,
            text=f"Línea de trabajo {position}",
            language="es",
            year=2020,
            source=source,
        )
        item.themes.add(concept)
        Meeting.objects.create(
            mechanism=crm, title=f"Reunión {position}", date=f"202{position}-03-0{position + 1}"
        )
    assert _queries(client, path) == before
    assert before <= 25
