"""Sign-in hardening: argon2 hashes, throttled logins, optional two-factor codes, the
security headers of every page."""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import identify_hasher
from django.test import override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from sinergia.accounts.models import RoleKind
from tests.accounts.helpers import setup_of
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db


def reviewer_with_password(username="rev-2fa"):
    user = user_with_role(RoleKind.REVIEWER, username=username)
    user.set_password("correct horse battery staple")
    user.save()
    return user


def sign_in(client, username, password="correct horse battery staple"):
    return client.post("/en/accounts/login/", {"username": username, "password": password})


def test_passwords_are_stored_with_argon2():
    assert identify_hasher(reviewer_with_password().password).algorithm == "argon2"


def test_five_wrong_passwords_lock_the_user_name_out(client):
    reviewer_with_password("rev-locked")
    for _attempt in range(4):
        assert sign_in(client, "rev-locked", "wrong").status_code == 200
    assert sign_in(client, "rev-locked", "wrong").status_code == 429  # the fifth locks
    locked = sign_in(client, "rev-locked")  # even the right password, for a while
    assert locked.status_code == 429
    assert "Too many attempts" in locked.content.decode()
    assert "_auth_user_id" not in client.session


@override_settings(OTP_TOTP_THROTTLE_FACTOR=0)  # a wrong code otherwise delays the next try
def test_a_person_with_two_factor_must_give_a_code(client):
    user = reviewer_with_password()
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    sign_in(client, user.username)
    blocked = client.get("/en/practices/review/")
    assert blocked.status_code == 302 and "/accounts/two-factor/verify/" in blocked["Location"]
    wrong = client.post(blocked["Location"], {"code": "000000"})
    assert wrong.status_code == 200 and "not valid" in wrong.content.decode()
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    passed = client.post(blocked["Location"], {"code": code})
    assert passed.status_code == 302 and passed["Location"] == "/en/practices/review/"
    assert client.get("/en/practices/review/").status_code == 200


def test_enrolling_a_device_takes_a_valid_code(client):
    user = reviewer_with_password("rev-enrol")
    client.force_login(user)
    page = client.get("/en/accounts/two-factor/").content.decode()
    assert 'src="data:image/svg+xml' in page
    assert not TOTPDevice.objects.filter(user=user).exists()  # showing the page writes nothing
    client.post("/en/accounts/two-factor/", {**setup_of(page), "code": "000000"})
    assert not TOTPDevice.objects.filter(user=user).exists()  # a wrong code neither
    client.post("/en/accounts/two-factor/", setup_of(page))
    assert TOTPDevice.objects.get(user=user).confirmed


@pytest.mark.parametrize(
    "path", ["/es/", "/en/synergy/", "/api/v1/mechanisms", "/es/accounts/login/"]
)
def test_every_response_carries_the_security_headers(client, path):
    response = client.get(path)
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
