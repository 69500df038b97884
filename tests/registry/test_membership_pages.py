"""A mechanism's focal points keep its members current, on its members page and through the
API: each change is checked, audited and seen at once by the public pages and the analysis,
and `sinergia init` leaves it as they left it."""

from __future__ import annotations

import datetime
import json

import pytest
from django.test import Client

from sinergia.accounts.models import AuditEntry
from sinergia.accounts.tokens import token_create
from sinergia.reference.loading import reference_data_load
from sinergia.registry.models import Country, Mechanism, Membership
from sinergia.registry.services import membership_add, membership_end
from tests.factories import SourceFactory, secretariat_user
from tests.practices.helpers import mechanism_focal_point, state_focal_point

pytestmark = pytest.mark.django_db

ADD = {
    "country": "GUY",
    "role": "observer",
    "since": "2026-05-01",
    "source_title": "Comunicado de la reunión viceministerial",
    "source_publisher": "Secretaría Técnica de la CRM",
    "source_url": "https://example.org/comunicado",
}


def guyana_burden(client: Client) -> int:
    rows = client.get("/api/v1/synergy/burden").json()
    return next(row["mechanisms"] for row in rows if row["country"] == "GUY")


@pytest.mark.parametrize("language", ["es", "en", "fr", "pt"])
def test_the_members_page_opens_in_every_language(client, language):
    client.force_login(mechanism_focal_point("CRM"))
    page = client.get(f"/{language}/mechanisms/CRM/members/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'for="id_country"' in html and 'for="id_source_title"' in html
    assert (
        f"/{language}/mechanisms/CRM/members/"
        in client.get(f"/{language}/mechanisms/CRM/").content.decode()
    )


def test_a_member_added_on_the_page_is_audited_and_seen_at_once(client, settings):
    settings.SINERGIA_PUBLIC_CACHE_SECONDS = 600
    public = Client()
    burden = guyana_burden(public)
    assert "Guyana" not in public.get("/en/mechanisms/CRM/").content.decode()
    client.force_login(mechanism_focal_point("CRM"))
    response = client.post("/en/mechanisms/CRM/members/", ADD)
    assert response.status_code == 302
    membership = Membership.objects.get(mechanism__acronym="CRM", country__iso3="GUY")
    assert membership.recorded_in_sinergia and membership.source.publisher.startswith("Secre")
    entry = AuditEntry.objects.get(action="membership.add", object_id=str(membership.pk))
    assert entry.actor_label == "focal-crm"
    assert "Guyana" in public.get("/en/mechanisms/CRM/").content.decode()
    assert guyana_burden(public) == burden + 1


def test_the_page_keeps_what_was_typed_and_names_the_problem(client):
    client.force_login(mechanism_focal_point("CRM"))
    missing = client.post("/en/mechanisms/CRM/members/", {**ADD, "source_title": ""})
    assert missing.status_code == 200 and "This field is required" in missing.content.decode()
    assert 'value="Secretaría Técnica de la CRM"' in missing.content.decode()
    twice = client.post("/en/mechanisms/CRM/members/", {**ADD, "country": "MEX", "role": "member"})
    assert twice.status_code == 200
    assert "is already a member of CRM" in twice.content.decode()
    bad_address = client.post("/en/mechanisms/CRM/members/", {**ADD, "source_url": "javascript:x"})
    assert bad_address.status_code == 200 and 'role="alert"' in bad_address.content.decode()
    assert not AuditEntry.objects.filter(action="membership.add").exists()


def test_a_membership_ended_on_the_page_moves_to_former_members(client):
    client.force_login(mechanism_focal_point("CRM"))
    mexico = Membership.objects.get(mechanism__acronym="CRM", country__iso3="MEX")
    end = f"/en/mechanisms/CRM/members/{mexico.pk}/end/"
    assert client.get(end).status_code == 200
    early = client.post(end, {"until": "1990-01-01"})
    assert early.status_code == 200 and "before the day it began" in early.content.decode()
    assert client.post(end, {"until": "2026-03-01", "note": "Retiro"}).status_code == 302
    mexico.refresh_from_db()
    assert mexico.until == datetime.date(2026, 3, 1) and mexico.recorded_in_sinergia
    assert AuditEntry.objects.filter(action="membership.end", object_id=str(mexico.pk)).exists()
    again = client.post(end, {"until": "2026-04-01"})
    assert again.status_code == 200 and "already ended" in again.content.decode()


@pytest.mark.parametrize("who", ["state", "other_mechanism", "anonymous"])
def test_others_cannot_open_or_post_the_members_pages(client, who):
    people = {
        "state": lambda: state_focal_point("COL"),
        "other_mechanism": lambda: mechanism_focal_point("CSM"),
        "anonymous": lambda: None,
    }
    person = people[who]()
    if person is not None:
        client.force_login(person)
    mexico = Membership.objects.get(mechanism__acronym="CRM", country__iso3="MEX")
    for path, body in [
        ("/en/mechanisms/CRM/members/", ADD),
        (f"/en/mechanisms/CRM/members/{mexico.pk}/end/", {"until": "2026-03-01"}),
    ]:
        assert client.get(path).status_code in {302, 403}
        assert client.post(path, body).status_code in {302, 403}
    assert "/members/" not in client.get("/en/mechanisms/CRM/").content.decode()
    assert not AuditEntry.objects.filter(action__startswith="membership.").exists()


def api(client, path, body, token=None):
    extra = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return client.post(path, json.dumps(body), content_type="application/json", **extra)


def test_the_api_adds_and_ends_a_membership_with_a_token(client, settings):
    settings.SINERGIA_PUBLIC_CACHE_SECONDS = 600
    focal = mechanism_focal_point("CRM")
    _token, secret = token_create(actor=focal, name="sync", mechanism="CRM")
    before = client.get("/api/v1/mechanisms/CRM").json()
    assert "GUY" not in before["observers"]
    created = api(client, "/api/v1/mechanisms/CRM/memberships", ADD, secret)
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["country"] == "GUY" and body["mechanism"] == "CRM" and body["role"] == "observer"
    assert "GUY" in client.get("/api/v1/mechanisms/CRM", {"on": "2026-06-01"}).json()["observers"]
    listed = client.get("/api/v1/mechanisms/CRM").json()["memberships"]
    assert body["id"] in {m["id"] for m in listed}
    ended = api(
        client,
        f"/api/v1/mechanisms/CRM/memberships/{body['id']}/end",
        {"until": "2026-09-01"},
        secret,
    )
    assert ended.status_code == 200 and ended.json()["until"] == "2026-09-01"
    again = api(
        client,
        f"/api/v1/mechanisms/CRM/memberships/{body['id']}/end",
        {"until": "2026-10-01"},
        secret,
    )
    assert again.status_code == 422 and again.json()["detail"].startswith("until:")
    actions = list(
        AuditEntry.objects.filter(action__startswith="membership.").values_list("action", flat=True)
    )
    assert sorted(actions) == ["membership.add", "membership.end"]


def test_the_api_refuses_what_the_rule_or_the_data_do_not_allow(client):
    focal = mechanism_focal_point("CRM")
    _token, crm_secret = token_create(actor=focal, name="crm", mechanism="CRM")
    # Another mechanism's members, even for the secretariat's own person with a CRM token.
    assert api(client, "/api/v1/mechanisms/CSM/memberships", ADD, crm_secret).status_code == 403
    unknown = api(
        client, "/api/v1/mechanisms/CRM/memberships", {**ADD, "country": "XXX"}, crm_secret
    )
    assert unknown.status_code == 422 and "country" in unknown.json()["detail"]
    csm = Membership.objects.filter(mechanism__acronym="CSM").first()
    elsewhere = api(
        client,
        f"/api/v1/mechanisms/CRM/memberships/{csm.pk}/end",
        {"until": "2026-01-01"},
        crm_secret,
    )
    assert elsewhere.status_code == 404
    assert api(client, "/api/v1/mechanisms/CRM/memberships", ADD).status_code == 401
    assert not AuditEntry.objects.filter(action__startswith="membership.").exists()


def test_init_leaves_the_memberships_changed_through_sinergia_as_they_are(bundle):
    secretariat = secretariat_user()
    crm = Mechanism.objects.get(acronym="CRM")
    added = membership_add(
        actor=secretariat,
        mechanism=crm,
        country=Country.objects.get(iso3="GUY"),
        role="observer",
        source=SourceFactory(),
        since=datetime.date(2026, 5, 1),
    )
    mexico = Membership.objects.get(mechanism=crm, country__iso3="MEX")
    membership_end(actor=secretariat, membership=mexico, until=datetime.date(2026, 3, 1))
    reference_data_load(bundle=bundle, actor_label="test")
    assert Membership.objects.filter(pk=added.pk).exists()
    mexico.refresh_from_db()
    assert mexico.until == datetime.date(2026, 3, 1)
