"""The synergy API: agrees with the registry's memberships and with hand-made answers."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from sinergia.synergy import selectors
from tests.synergy.cases import small_registry

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def hand_made(monkeypatch):
    monkeypatch.setattr(selectors, "registry_snapshot", lambda day=None: small_registry())


def test_overlaps_agree_with_the_memberships(client):
    mechanisms = {m["acronym"]: m for m in client.get("/api/v1/mechanisms").json()}
    pairs = client.get("/api/v1/synergy/overlap").json()
    assert len(pairs) == len(mechanisms) * (len(mechanisms) - 1) // 2
    for pair in pairs:
        a, b = mechanisms[pair["a"]], mechanisms[pair["b"]]
        members_a = set(a["members"]) | set(a["associates"])
        members_b = set(b["members"]) | set(b["associates"])
        assert set(pair["shared"]) == members_a & members_b, (pair["a"], pair["b"])
        union = members_a | members_b
        expected = len(members_a & members_b) / len(union) if union else 0
        assert pair["jaccard"] == pytest.approx(expected, abs=1e-3)


def test_opportunities_on_the_registry_carry_checkable_evidence(client):
    opportunities = client.get("/api/v1/synergy/opportunities").json()
    assert opportunities
    keys = [tuple(o["mechanisms"]) for o in opportunities]
    assert ("CRM", "MIRPS") in keys[:5]  # the seven MIRPS states are all in the CRM
    on_session = client.get("/api/v1/synergy/opportunities", {"on": "2023-05-09"}).json()
    # Same Central American states, same border agenda.
    assert ("CRM", "OCAM") in [tuple(o["mechanisms"]) for o in on_session][:5]
    for opportunity in opportunities:
        assert len(opportunity["shared_countries"]) >= 2
        assert set(opportunity["suggestion"]["text"]) == {"es", "en"}
        for evidence in opportunity["evidence"]:
            sides = {text["mechanism"] for text in evidence["texts"]}
            assert sides == set(opportunity["mechanisms"])
            assert all(text["source_title"] for text in evidence["texts"])
    assert [o["rank"] for o in opportunities] == list(range(1, len(opportunities) + 1))


def test_the_oas_and_its_committee_are_not_told_to_coordinate(client):
    keys = {tuple(o["mechanisms"]) for o in client.get("/api/v1/synergy/opportunities").json()}
    assert ("CAM", "OAS") not in keys


def test_hand_made_overlap_through_the_api(client, hand_made):
    pairs = {(p["a"], p["b"]): p for p in client.get("/api/v1/synergy/overlap").json()}
    assert pairs[("A", "B")]["shared"] == ["X2", "X3"]
    assert pairs[("A", "B")]["jaccard"] == 0.5
    assert pairs[("A", "C")]["theme_overlap"] == 0.0
    only_a = client.get("/api/v1/synergy/overlap", {"mechanism": "a", "min_shared": 3}).json()
    assert [(p["a"], p["b"]) for p in only_a] == [("A", "C")]


def test_hand_made_opportunities_gaps_and_burden_through_the_api(client, hand_made):
    [first, *_rest] = client.get("/api/v1/synergy/opportunities").json()
    assert first["mechanisms"] == ["A", "B"]
    assert first["suggestion"]["form"] == "division_of_labour"
    assert "A and B share 2 member states" in first["suggestion"]["text"]["en"]
    assert "A y B comparten 2 Estados miembros" in first["suggestion"]["text"]["es"]
    gaps = client.get("/api/v1/synergy/gaps").json()
    north = next(s for s in gaps["subregions"] if s["subregion"] == "north")
    assert "regular-pathways" in north["gaps"]
    burden = {b["country"]: b for b in client.get("/api/v1/synergy/burden").json()}
    assert burden["X2"]["mechanisms"] == 4
    assert burden["X2"]["meetings_per_year"] == 3.0


def test_synergy_pages(client):
    assert client.get("/es/synergy/").status_code == 200
    assert client.get("/en/synergy/opportunities/CRM--MIRPS/").status_code == 200
    assert client.get("/en/synergy/opportunities/CRM--OCAM/?on=2023-05-09").status_code == 200
    assert client.get("/en/synergy/opportunities/NOPE--NONE/").status_code == 404
    spec = client.get("/en/synergy/charts/overlap.json").json()
    assert spec["$schema"].endswith("v6.json")
    csv = client.get("/fr/synergy/charts/burden/data.csv")
    assert csv["Content-Type"].startswith("text/csv")
    assert "Costa Rica" in csv.content.decode()


def test_mechanism_and_country_pages_link_to_synergies(client):
    html = client.get("/en/mechanisms/CRM/").content.decode()
    assert "/en/synergy/opportunities/CRM--MIRPS/" in html
    html = client.get("/en/countries/CRI/").content.decode()
    assert "meetings a year" in html


def test_analyze_command_writes_json(tmp_path):
    from django.core.management import call_command

    output = tmp_path / "analysis.json"
    call_command("analyze", "--format", "json", "--output", str(output))
    import json

    data = json.loads(output.read_text())
    assert {"overlap", "opportunities", "duplications", "gaps", "burden"} <= set(data)
