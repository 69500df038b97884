from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "sinergia.accounts"
    verbose_name = _("People and audit")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in, user_login_failed

        user_login_failed.connect(_count_failed_signin, dispatch_uid="sinergia-signin-failures")
        user_logged_in.connect(_language_from_sign_in, dispatch_uid="sinergia-signin-language")
        _private_records()


def _private_records() -> None:
    """People's accounts, roles and second factors: edits leave private audit entries (the
    public data version stays), and secrets never enter the trail."""
    from sinergia.accounts.editing import edit_rules_register

    edit_rules_register("auth.user", audit_prefix="account", hidden=["password"])
    edit_rules_register("auth.group", audit_prefix="account")
    edit_rules_register("accounts.roleassignment", audit_prefix="role")
    edit_rules_register("otp_totp.totpdevice", audit_prefix="two_factor", hidden=["key"])
    for model in ("accessattempt", "accesslog", "accessfailurelog"):
        edit_rules_register(f"axes.{model}", audit_prefix="account")


def _count_failed_signin(sender: Any, credentials: Any, request: Any = None, **kwargs: Any) -> None:
    """Every failed sign-in counts against its address, whatever the user name: past
    `SINERGIA_SIGNIN_FAILURES_PER_ADDRESS` in fifteen minutes the address may not try again
    (django-axes locks each user name and address pair on its own)."""
    from sinergia.client import client_address
    from sinergia.ratelimits import rate_hit, signin_failure_limit

    if request is not None:
        rate_hit(limit=signin_failure_limit(), identity=client_address(request))


def _language_from_sign_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    """A person who has not chosen the language Sinergia writes to them in gets the one they
    sign in with (they can change it among their notification preferences)."""
    from django.utils.translation import get_language

    from sinergia.accounts.models import Profile
    from sinergia.accounts.services import profile_language_set
    from sinergia.i18n import LANGUAGE_CODES

    language = (get_language() or "")[:2]
    if request is None or language not in LANGUAGE_CODES:
        return
    if not Profile.objects.filter(user_id=user.pk).exclude(language="").exists():
        profile_language_set(actor=user, user=user, language=language)
