"""Two-factor sign-in: showing the setup page writes nothing; turning it on or off is one
transaction with its audit entry, private (the public data version stays)."""

from __future__ import annotations

import pytest
from django.core import signing
from django.test import override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from sinergia.accounts.models import AuditEntry, RoleKind
from sinergia.accounts.two_factor import SETUP_SALT
from sinergia.data_version import data_version
from tests.accounts.helpers import setup_of
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewer(client):
    user = user_with_role(RoleKind.REVIEWER, username="rev-2fa-setup")
    client.force_login(user)
    return user


def test_showing_the_setup_page_writes_nothing(client, reviewer):
    entries, version = AuditEntry.objects.count(), data_version()
    for _visit in range(3):
        page = client.get("/es/accounts/two-factor/")
        assert page.status_code == 200 and 'src="data:image/svg+xml' in page.content.decode()
    assert not TOTPDevice.objects.exists()
    assert AuditEntry.objects.count() == entries and data_version() == version


def test_turning_it_on_is_audited_and_private(client, reviewer):
    version = data_version()
    page = client.get("/es/accounts/two-factor/").content.decode()
    response = client.post("/es/accounts/two-factor/", setup_of(page))
    assert response.status_code == 302
    device = TOTPDevice.objects.get(user=reviewer)
    assert device.confirmed
    entry = AuditEntry.objects.get(action="two_factor.enable")
    assert entry.actor == reviewer and entry.object_id == str(device.pk)
    assert data_version() == version  # nothing the public reads changed


@override_settings(OTP_TOTP_THROTTLE_FACTOR=0)
def test_a_wrong_code_or_another_persons_setup_writes_nothing(client, reviewer):
    page = client.get("/es/accounts/two-factor/").content.decode()
    wrong = client.post("/en/accounts/two-factor/", {**setup_of(page), "code": "000000"})
    assert wrong.status_code == 200 and "not valid" in wrong.content.decode()
    other = user_with_role(RoleKind.REVIEWER, username="rev-2fa-other")
    key = "ab" * 20
    forged = signing.dumps({"user": other.pk, "key": key}, salt=SETUP_SALT)
    code = f"{totp(bytes.fromhex(key)):06d}"
    refused = client.post("/es/accounts/two-factor/", {"setup": forged, "code": code})
    assert refused.status_code == 200
    assert not TOTPDevice.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="two_factor.").exists()


@override_settings(OTP_TOTP_THROTTLE_FACTOR=0)
def test_turning_it_off_takes_a_current_code(client, reviewer):
    page = client.get("/es/accounts/two-factor/").content.decode()
    client.post("/es/accounts/two-factor/", setup_of(page))
    device = TOTPDevice.objects.get(user=reviewer)
    client.post("/es/accounts/two-factor/off/", {"code": "000000"})
    assert TOTPDevice.objects.filter(pk=device.pk).exists()
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)  # as in the next 30 seconds
    device.refresh_from_db()
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    client.post("/es/accounts/two-factor/off/", {"code": code})
    assert not TOTPDevice.objects.filter(user=reviewer).exists()
    assert AuditEntry.objects.filter(action="two_factor.disable", actor=reviewer).count() == 1
