"""One sign-in policy on every authenticated door: pages, the API with a session, the API
with a token; lockout that works behind a proxy; throttled password resets built on the
configured address; limits on writes per account and reads per address."""

from __future__ import annotations

import json
import os
import stat

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from sinergia.accounts.models import ApiToken, RoleKind
from sinergia.accounts.tokens import token_create
from sinergia.practices import services
from sinergia.practices.models import Practice, Status
from tests.accounts.helpers import setup_of
from tests.factories import user_with_role
from tests.practices.helpers import draft, state_focal_point

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


def with_password(user):
    user.set_password(PASSWORD)
    user.email = f"{user.username}@example.org"
    user.save()
    return user


def sign_in(client, username, password=PASSWORD, **extra):
    return client.post("/en/accounts/login/", {"username": username, "password": password}, **extra)


def code_of(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def api_post(client, path, body, **extra):
    return client.post(path, json.dumps(body), content_type="application/json", **extra)


@pytest.fixture
def enrolled_reviewer():
    user = with_password(user_with_role(RoleKind.REVIEWER, username="rev-enrolled"))
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    return user, device


@pytest.fixture
def submitted_practice():
    author = state_focal_point("GTM")
    return services.practice_submit(
        actor=author, practice=draft(author, iso3="GTM", title="Protocolo aún sin publicar")
    )


@override_settings(OTP_TOTP_THROTTLE_FACTOR=0)
def test_a_password_alone_opens_no_api_door_for_a_person_enrolled_in_two_factor(
    client, enrolled_reviewer, submitted_practice
):
    user, device = enrolled_reviewer
    assert sign_in(client, user.username).status_code == 302
    practice_path = f"/api/v1/practices/{submitted_practice.pk}"

    # Reads: the session is anonymous to the API, so the draft does not exist for it.
    assert client.get(practice_path).status_code == 404
    # Writes: publish, create a practice, create a meeting: all refused as unauthenticated.
    published = api_post(client, f"{practice_path}/transitions", {"action": "publish"})
    assert published.status_code == 401
    created = api_post(
        client,
        "/api/v1/practices",
        {"title": "X", "summary": "Y", "language": "es", "countries": ["GTM"]},
    )
    assert created.status_code == 401
    meeting = api_post(
        client,
        "/api/v1/meetings",
        {"mechanism": "CRM", "title": "Reunión", "date": "2027-01-10"},
    )
    assert meeting.status_code == 401
    assert Practice.objects.get(pk=submitted_practice.pk).status == Status.SUBMITTED

    # Once the code is given, the same session is the reviewer everywhere.
    client.post("/en/accounts/two-factor/verify/", {"code": code_of(device)})
    assert client.get(practice_path).status_code == 200
    again = api_post(client, f"{practice_path}/transitions", {"action": "publish"})
    assert again.status_code == 200, again.content
    assert Practice.objects.get(pk=submitted_practice.pk).status == Status.PUBLISHED


def test_the_pages_send_a_password_only_session_to_the_code_page(client, enrolled_reviewer):
    user, _device = enrolled_reviewer
    sign_in(client, user.username)
    for path in ["/en/practices/review/", "/en/accounts/tokens/", "/en/practices/export.csv"]:
        response = client.get(path)
        assert response.status_code == 302
        assert "/accounts/two-factor/verify/" in response["Location"]


@override_settings(OTP_TOTP_THROTTLE_FACTOR=0)
def test_enrolling_in_two_factor_revokes_tokens_made_without_it(client):
    user = with_password(user_with_role(RoleKind.REVIEWER, username="rev-tokens"))
    old, old_secret = token_create(actor=user, name="before")
    client.force_login(user)
    page = client.get("/en/accounts/two-factor/").content.decode()
    response = client.post("/en/accounts/two-factor/", setup_of(page), follow=True)
    assert "revoked" in response.content.decode()
    assert ApiToken.objects.get(pk=old.pk).revoked_at is not None
    client.logout()
    body = {"title": "X", "summary": "Y", "language": "es", "countries": ["COL"]}
    refused = api_post(client, "/api/v1/practices", body, HTTP_AUTHORIZATION=f"Bearer {old_secret}")
    assert refused.status_code == 401


def test_a_reviewer_makes_an_unscoped_token_that_reviews(client, submitted_practice):
    """docs/security.md: every role makes its own token; a reviewer's acts as a reviewer."""
    user = user_with_role(RoleKind.REVIEWER, username="rev-token")
    _token, secret = token_create(actor=user, name="review desk")
    published = client.post(
        f"/api/v1/practices/{submitted_practice.pk}/transitions",
        json.dumps({"action": "publish"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )
    assert published.status_code == 200, published.content


def test_the_two_factor_pages_are_never_stored(client):
    user = with_password(user_with_role(RoleKind.REVIEWER, username="rev-nostore"))
    client.force_login(user)
    response = client.get("/en/accounts/two-factor/")
    assert "no-store" in response["Cache-Control"]


@override_settings(SINERGIA_TRUSTED_PROXIES=1, AXES_FAILURE_LIMIT=3)
def test_behind_the_proxy_one_address_cannot_lock_out_another(client):
    user = with_password(user_with_role(RoleKind.REVIEWER, username="rev-proxy"))
    attacker = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.9"}
    for _attempt in range(3):
        sign_in(client, user.username, "wrong", **attacker)
    assert sign_in(client, user.username, **attacker).status_code == 429
    # Through the same proxy, the real person at another address still signs in.
    person = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "198.51.100.7"}
    assert sign_in(client, user.username, **person).status_code == 302


@override_settings(SINERGIA_TRUSTED_PROXIES=1, SINERGIA_SIGNIN_FAILURES_PER_ADDRESS=5)
def test_an_address_that_fails_with_many_user_names_is_stopped(client):
    with_password(user_with_role(RoleKind.REVIEWER, username="rev-spray"))
    attacker = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.50"}
    for number in range(5):
        assert sign_in(client, f"guess-{number}", "wrong", **attacker).status_code == 200
    stopped = sign_in(client, "rev-spray", **attacker)
    assert stopped.status_code == 429 and int(stopped["Retry-After"]) > 0
    # A client's own X-Forwarded-For entries further left are not believed.
    spoofed = {**attacker, "HTTP_X_FORWARDED_FOR": "1.2.3.4, 203.0.113.50"}
    assert sign_in(client, "rev-spray", **spoofed).status_code == 429


@override_settings(
    SITE_URL="https://sinergia.example.org",
    EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    SINERGIA_PASSWORD_RESETS_PER_HOUR=3,
)
def test_reset_links_use_the_site_address_and_requests_are_throttled(client):
    user = with_password(user_with_role(RoleKind.REVIEWER, username="rev-reset"))
    response = client.post(
        "/en/accounts/password_reset/", {"email": user.email}, HTTP_HOST="127.0.0.1:6666"
    )
    assert response.status_code == 302
    assert "https://sinergia.example.org/" in mail.outbox[0].body
    assert "6666" not in mail.outbox[0].body
    for _attempt in range(2):
        client.post("/en/accounts/password_reset/", {"email": user.email})
    throttled = client.post("/en/accounts/password_reset/", {"email": user.email})
    assert throttled.status_code == 429 and throttled["Retry-After"]
    assert len(mail.outbox) == 3


@override_settings(EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend", EMAIL_PORT=1)
def test_a_reset_mail_that_cannot_be_sent_is_not_a_server_error(client):
    user = with_password(user_with_role(RoleKind.REVIEWER, username="rev-nosmtp"))
    response = client.post("/en/accounts/password_reset/", {"email": user.email})
    assert response.status_code == 302


@override_settings(SINERGIA_WRITES_PER_MINUTE=3)
def test_writes_per_account_are_limited_through_pages_and_api_together(client):
    focal = state_focal_point("COL")
    _token, secret = token_create(actor=focal, name="COL", country="COL")
    body = {"title": "Ventanilla", "summary": "Atención.", "language": "es", "countries": ["COL"]}
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    assert api_post(client, "/api/v1/practices", body, **bearer).status_code == 201
    assert api_post(client, "/api/v1/practices", body, **bearer).status_code == 201
    client.force_login(focal)
    assert api_post(client, "/api/v1/practices", body).status_code == 201
    refused = api_post(client, "/api/v1/practices", body)
    assert refused.status_code == 429
    assert refused["Content-Type"] == "application/problem+json"
    client.logout()
    assert api_post(client, "/api/v1/practices", body, **bearer).status_code == 429


@override_settings(SINERGIA_READS_PER_MINUTE=5)
def test_reads_per_address_are_limited_for_the_public(client):
    for _request in range(5):
        assert client.get("/api/v1/mechanisms").status_code == 200
    refused = client.get("/es/mechanisms/")
    assert refused.status_code == 429 and int(refused["Retry-After"]) >= 1
    assert client.get("/healthz").status_code == 200  # the load balancer is never refused
    other = client.get("/api/v1/mechanisms", REMOTE_ADDR="198.51.100.20")
    assert other.status_code == 200


@override_settings(SINERGIA_MAX_REQUEST_BYTES=1024)
def test_a_body_over_the_limit_is_refused_before_it_is_read(client):
    big = client.post("/es/statistics/check/", {"text": "x" * 5000}, HTTP_X_REQUESTED_WITH="test")
    assert big.status_code == 413
    api = api_post(client, "/api/v1/practices", {"title": "x" * 5000})
    assert api.status_code == 413 and api["Content-Type"] == "application/problem+json"
    chunked = client.generic(
        "POST", "/api/v1/practices", b"{}", HTTP_TRANSFER_ENCODING="chunked", CONTENT_LENGTH=""
    )
    assert chunked.status_code == 411


def test_a_backup_is_readable_by_its_owner_only(tmp_path):
    output = tmp_path / "backup.zip"
    call_command("export", "--all", "--output", str(output))
    assert stat.S_IMODE(os.stat(output).st_mode) == 0o600
