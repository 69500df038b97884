"""Two-factor sign-in, the writes: turning it on with the key a person scanned and a code
from their app, and turning it off with a current code. Each in one transaction with its
audit entry (private: the public data version stays)."""

from __future__ import annotations

import binascii

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from sinergia.accounts.services import Actor, audit_record
from sinergia.accounts.tokens import tokens_revoke_all

KEY_HEX_LENGTH = 40  # 20 random bytes, as django-otp makes them


def _signed_in(actor: Actor) -> int:
    """The signed-in person's id."""
    if actor is None or not actor.is_authenticated or actor.pk is None:
        raise PermissionDenied(_("Sign in to change your two-factor sign-in."))
    return int(actor.pk)


def _wrong_code() -> ValidationError:
    return ValidationError({"code": _("This code is not valid. Check the time on your phone.")})


def two_factor_enable(*, actor: Actor, key: str, code: str) -> tuple[TOTPDevice, int]:
    """Turn two-factor sign-in on for `actor` with the authenticator key (hex) it was shown,
    if `code` is what an app holding that key shows now. Every API token made before is
    revoked (no second factor protected it). Returns the device and how many tokens were
    revoked; a wrong code writes nothing."""
    user_id = _signed_in(actor)
    try:
        valid_key = len(key) == KEY_HEX_LENGTH and bool(binascii.unhexlify(key))
    except (binascii.Error, ValueError):
        valid_key = False
    if not valid_key:
        raise ValidationError({"code": _("The setup has expired: scan the new code.")})
    with transaction.atomic():
        if TOTPDevice.objects.filter(user_id=user_id, confirmed=True).exists():
            raise ValidationError(_("Two-factor sign-in is already on."))
        TOTPDevice.objects.filter(user_id=user_id, confirmed=False).delete()
        device = TOTPDevice(user_id=user_id, name="authenticator", key=key, confirmed=False)
        device.save()
        if not device.verify_token(code):
            raise _wrong_code()  # the device is rolled back with everything else
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit_record(actor=actor, action="two_factor.enable", target=device)
        revoked = tokens_revoke_all(actor=actor, user=actor)
    return device, revoked


def two_factor_disable(*, actor: Actor, code: str) -> None:
    """Turn two-factor sign-in off, given a current code."""
    user_id = _signed_in(actor)
    device = TOTPDevice.objects.filter(user_id=user_id, confirmed=True).first()
    # Checked before the transaction: a wrong code counts against the device (django-otp
    # makes each next try wait), and that count must not be rolled back.
    if device is None or not device.verify_token(code):
        raise _wrong_code()
    with transaction.atomic():
        device.delete()
        audit_record(actor=actor, action="two_factor.disable", target=actor)  # type: ignore[arg-type]
