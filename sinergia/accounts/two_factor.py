"""Optional two-factor sign-in (TOTP, with any authenticator app) for reviewers and the
secretariat, or anyone who wants it. Once a person has confirmed a device, every session of
theirs must give a current code before it can do anything else."""

from __future__ import annotations

from collections.abc import Callable

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from sinergia.accounts.second_factor import KEY_HEX_LENGTH, two_factor_enable
from sinergia.accounts.second_factor import two_factor_disable as two_factor_disable_service
from sinergia.form_errors import add_service_errors

# Addresses that never redirect to the code page: there, a person who has not yet given a
# code is simply not signed in (the API answers 401 to a session that has only a password).
NOT_PAGES = ("/static/", "/api/", "/healthz", "/jsi18n/", "/media/")


class CodeForm(forms.Form):
    code = forms.RegexField(
        label=gettext_lazy("Six-digit code from your authenticator app"),
        regex=r"^\d{6}$",
        max_length=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )


def _code_page(path: str) -> bool:
    tail = path.split("/", 2)[-1]  # without the language prefix
    return tail.startswith(("accounts/two-factor/verify/", "accounts/logout/"))


def needs_code(user: object) -> bool:
    """A signed-in person enrolled in two-factor who has not given a code in this session."""
    return bool(
        getattr(user, "is_authenticated", False)
        and not user.is_verified()  # type: ignore[attr-defined]
        and user_has_device(user, confirmed=True)
    )


class TwoFactorRequiredMiddleware:
    """One sign-in policy for every door that reads the session: a person with a confirmed
    device who has given only a password is sent to the code page from any page, and is
    anonymous everywhere else (the API, downloads of the language catalog), so the session
    cookie alone never reads or writes as them. Token calls are authenticated later by the
    token itself (see `sinergia.accounts.tokens`)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if needs_code(request.user):
            if request.path.startswith(NOT_PAGES):
                request.user = AnonymousUser()
            elif not _code_page(request.path):
                return redirect(f"{reverse('two_factor_verify')}?next={request.get_full_path()}")
        return self.get_response(request)


def _device(user: object, *, confirmed: bool) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=confirmed).first()


# The key being set up travels with the page, signed for its person and valid for half an
# hour: showing the page writes nothing, and the device is made only once a code proves it.
SETUP_SALT = "sinergia.two-factor.setup"
SETUP_MAX_AGE_SECONDS = 30 * 60


def _setup_value(user: object, key: str) -> str:
    return signing.dumps({"user": getattr(user, "pk", None), "key": key}, salt=SETUP_SALT)


def _setup_key(user: object, value: str) -> str | None:
    try:
        setup = signing.loads(value, salt=SETUP_SALT, max_age=SETUP_MAX_AGE_SECONDS)
    except signing.BadSignature:
        return None
    if not isinstance(setup, dict) or setup.get("user") != getattr(user, "pk", None):
        return None
    key = setup.get("key")
    return key if isinstance(key, str) else None


@never_cache
@login_required
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    confirmed = _device(request.user, confirmed=True)
    if confirmed:
        return render(request, "accounts/two_factor.html", {"confirmed": confirmed})
    form = CodeForm(request.POST or None)
    key = None
    if request.method == "POST":
        key = _setup_key(request.user, request.POST.get("setup", ""))
        if key is None:
            form.add_error(None, _("The setup has expired: scan the new code."))
        elif form.is_valid():
            try:
                device, revoked = two_factor_enable(
                    actor=request.user, key=key, code=form.cleaned_data["code"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                otp_login(request, device)
                messages.success(request, _("Two-factor sign-in is on."))
                if revoked:
                    messages.info(
                        request,
                        ngettext(
                            "Your API token made before two-factor sign-in was revoked: make a new one.",
                            "Your %(count)d API tokens made before two-factor sign-in were revoked: make new ones.",
                            revoked,
                        )
                        % {"count": revoked},
                    )
                return redirect("two_factor_setup")
    key = key or random_hex(KEY_HEX_LENGTH // 2)
    shown = TOTPDevice(user=request.user, name="authenticator", key=key)  # never saved here
    return render(
        request,
        "accounts/two_factor.html",
        {
            "form": form,
            "setup": _setup_value(request.user, key),
            "qr": segno.make(shown.config_url, error="m").svg_data_uri(scale=5),
            "secret": _base32(shown.bin_key),
        },
    )


def _base32(key: bytes) -> str:
    import base64

    return base64.b32encode(key).decode().rstrip("=")


@login_required
@require_POST
def two_factor_disable(request: HttpRequest) -> HttpResponse:
    form = CodeForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Give a current code to turn two-factor sign-in off."))
        two_factor_disable_service(actor=request.user, code=form.cleaned_data["code"])
    except ValidationError:
        messages.error(request, _("Give a current code to turn two-factor sign-in off."))
    else:
        messages.success(request, _("Two-factor sign-in is off."))
    return redirect("two_factor_setup")


@never_cache
@login_required
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    target = request.GET.get("next") or resolve_url(settings.LOGIN_REDIRECT_URL)
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = resolve_url(settings.LOGIN_REDIRECT_URL)
    device = _device(request.user, confirmed=True)
    if device is None or request.user.is_verified():  # type: ignore[union-attr]
        return redirect(target)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            otp_login(request, device)
            return redirect(target)
        form.add_error("code", _("This code is not valid. Check the time on your phone."))
    return render(request, "accounts/two_factor_verify.html", {"form": form})
