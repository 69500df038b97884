"""Personal API tokens: scoped to one country or mechanism, hashed at rest, revocable, and
limited in rate; they write under the same services and rules as the forms."""

from __future__ import annotations

import hashlib

import pytest
from django.core.exceptions import PermissionDenied
from django.test import override_settings

from sinergia.accounts.models import ApiToken, AuditEntry, RoleAssignment, RoleKind
from sinergia.accounts.tokens import token_create, token_revoke
from sinergia.practices.models import Practice
from sinergia.registry.models import Commitment, Country, Mechanism, Meeting
from tests.factories import secretariat_user
from tests.practices.helpers import mechanism_focal_point, state_focal_point

pytestmark = pytest.mark.django_db

MEETING = {"title": "Reunión viceministerial", "date": "2027-06-10", "place": "Panamá"}
COMMITMENT = {
    "text": "Fortalecer la protección de la niñez migrante no acompañada.",
    "language": "es",
    "source_title": "Declaración de la XXVIII Reunión Viceministerial",
    "source_publisher": "Conferencia Regional sobre Migración",
    "source_url": "https://example.org/declaracion",
}


def bearer(secret):
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def post(client, path, body, secret):
    return client.post(path, body, content_type="application/json", **bearer(secret))


def test_the_secret_is_shown_once_and_only_its_hash_is_kept():
    focal = mechanism_focal_point("CRM")
    token, secret = token_create(actor=focal, name="Sistema de casos", mechanism="CRM")
    assert secret.startswith(f"sng_{token.prefix}_")
    stored = ApiToken.objects.get(pk=token.pk)
    assert secret.split("_", 2)[2] not in (stored.digest, stored.prefix)
    assert stored.digest == hashlib.sha256(secret.split("_", 2)[2].encode()).hexdigest()
    assert AuditEntry.objects.filter(action="token.create", object_id=str(token.pk)).exists()


def test_a_token_is_made_only_for_a_scope_its_owner_holds():
    focal = mechanism_focal_point("CRM")
    with pytest.raises(PermissionDenied):
        token_create(actor=focal, name="x", mechanism="CSM")
    with pytest.raises(PermissionDenied):
        token_create(actor=focal, name="x", country="COL")


def test_a_token_scoped_to_one_mechanism_cannot_write_for_another_or_for_a_country(client):
    focal = mechanism_focal_point("CRM")
    # The same person also speaks for Colombia, but this token is for the CRM only.
    RoleAssignment.objects.create(
        user=focal, role=RoleKind.STATE_FOCAL_POINT, country=Country.objects.get(iso3="COL")
    )
    _token, secret = token_create(actor=focal, name="CRM", mechanism="CRM")

    created = post(client, "/api/v1/meetings", {**MEETING, "mechanism": "CRM"}, secret)
    assert created.status_code == 201, created.content
    assert Meeting.objects.filter(title=MEETING["title"], mechanism__acronym="CRM").exists()

    other = post(client, "/api/v1/meetings", {**MEETING, "mechanism": "CSM"}, secret)
    assert other.status_code == 403 and other["Content-Type"] == "application/problem+json"
    assert not Meeting.objects.filter(title=MEETING["title"], mechanism__acronym="CSM").exists()

    commitment = post(client, "/api/v1/mechanisms/CRM/commitments", COMMITMENT, secret)
    assert commitment.status_code == 201, commitment.content
    assert commitment.json()["themes"]  # found by the vocabulary
    assert post(client, "/api/v1/mechanisms/CSM/commitments", COMMITMENT, secret).status_code == 403

    practice = {"title": "Ventanilla única", "summary": "Atención a migrantes retornados.",
                "language": "es", "countries": ["COL"]}  # fmt: skip
    created = post(client, "/api/v1/practices", practice, secret)
    assert created.status_code == 201  # for the CRM, the token's scope, never for Colombia
    submitted = Practice.objects.get(pk=created.json()["id"])
    assert submitted.submitting_mechanism.acronym == "CRM" and submitted.submitting_country is None
    session = client.get("/api/v1/sessions").json()[0]["id"]
    contribution = {"country": "COL", "question": 1, "language": "es", "statement": "Texto"}
    assert (
        post(client, f"/api/v1/sessions/{session}/contributions", contribution, secret).status_code
        == 403
    )


def test_a_state_token_writes_for_its_country_only(client):
    focal = state_focal_point("COL")
    _token, secret = token_create(actor=focal, name="COL", country="COL")
    session = client.get("/api/v1/sessions").json()[0]["id"]
    ok = post(
        client,
        f"/api/v1/sessions/{session}/contributions",
        {
            "country": "COL",
            "question": 1,
            "language": "es",
            "statement": "Intervención de Colombia.",
        },
        secret,
    )
    assert ok.status_code == 201, ok.content
    assert ok.json()["on_behalf"] is False
    refused = post(
        client,
        f"/api/v1/sessions/{session}/contributions",
        {"country": "PER", "question": 1, "language": "es", "statement": "x"},
        secret,
    )
    assert refused.status_code == 403
    meeting = post(client, "/api/v1/meetings", {**MEETING, "mechanism": "CRM"}, secret)
    assert meeting.status_code == 403


def test_a_revoked_or_wrong_token_is_refused(client):
    focal = mechanism_focal_point("CRM")
    token, secret = token_create(actor=focal, name="CRM", mechanism="CRM")
    token_revoke(actor=focal, token=token)
    revoked = post(client, "/api/v1/meetings", {**MEETING, "mechanism": "CRM"}, secret)
    assert revoked.status_code == 401
    assert revoked["Content-Type"] == "application/problem+json"
    wrong = secret[:-4] + "AAAA"
    token2, secret2 = token_create(actor=focal, name="CRM 2", mechanism="CRM")
    assert (
        post(
            client, "/api/v1/meetings", {**MEETING, "mechanism": "CRM"}, secret2[:-4] + "AAAA"
        ).status_code
        == 401
    )
    assert (
        post(client, "/api/v1/meetings", {**MEETING, "mechanism": "CRM"}, wrong).status_code == 401
    )
    with pytest.raises(PermissionDenied):
        token_revoke(actor=mechanism_focal_point("CSM"), token=token2)


@override_settings(SINERGIA_API_RATE_PER_MINUTE=3)
def test_a_token_is_limited_in_rate(client):
    from django.core.cache import cache

    cache.clear()
    focal = mechanism_focal_point("CRM")
    _token, secret = token_create(actor=focal, name="CRM", mechanism="CRM")
    statuses = [
        post(
            client, "/api/v1/meetings", {**MEETING, "title": f"R{n}", "mechanism": "CRM"}, secret
        ).status_code
        for n in range(5)
    ]
    assert statuses[:3] == [201, 201, 201]
    assert statuses[3:] == [429, 429]


@override_settings(SINERGIA_API_RATE_PER_MINUTE=3, SINERGIA_READS_PER_MINUTE=4)
def test_reads_with_a_token_count_against_the_token_and_with_a_made_up_one_the_address(client):
    """A header cannot lift the limit of people not signed in: a made-up token reads as anyone
    from that address does, and a real one within its own limit."""
    from django.core.cache import cache

    cache.clear()
    _token, secret = token_create(actor=mechanism_focal_point("CRM"), name="CRM", mechanism="CRM")
    real = [client.get("/api/v1/mechanisms", **bearer(secret)).status_code for _ in range(4)]
    assert real == [200, 200, 200, 429]
    made_up = [
        client.get("/api/v1/mechanisms", **bearer(f"sng_{n}_nothing")).status_code for n in range(5)
    ]
    assert made_up == [200, 200, 200, 200, 429]


def test_a_superusers_scoped_token_is_no_wider_than_its_scope(client, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "r@example.org", "pw-123456789")
    RoleAssignment.objects.create(
        user=admin,
        role=RoleKind.MECHANISM_FOCAL_POINT,
        mechanism=Mechanism.objects.get(acronym="CRM"),
    )
    _token, secret = token_create(actor=admin, name="CRM", mechanism="CRM")
    assert (
        post(client, "/api/v1/meetings", {**MEETING, "mechanism": "CSM"}, secret).status_code == 403
    )
    _token, unscoped = token_create(actor=secretariat_user(), name="all")
    assert (
        post(client, "/api/v1/meetings", {**MEETING, "mechanism": "CSM"}, unscoped).status_code
        == 201
    )


def test_the_tokens_page_shows_the_secret_once_and_revokes(client):
    focal = mechanism_focal_point("CRM")
    client.force_login(focal)
    page = client.post("/es/accounts/tokens/", {"name": "Integración", "scope": "mechanism:CRM"})
    body = page.content.decode()
    token = ApiToken.objects.get(user=focal)
    assert f"sng_{token.prefix}_" in body and page["Cache-Control"] == "no-store"
    again = client.get("/es/accounts/tokens/").content.decode()
    assert f"sng_{token.prefix}_…" in again and token.digest not in again
    client.post(f"/es/accounts/tokens/{token.pk}/revoke/")
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None
    assert Commitment.objects.filter(recorded_in_sinergia=True).count() == 0
