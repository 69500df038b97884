"""A person's own API tokens: make one (the secret is shown once), see them, revoke one."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sinergia.accounts.models import ApiToken, AuditEntry, RoleKind
from sinergia.accounts.permissions import is_secretariat
from sinergia.accounts.tokens import token_create, token_revoke
from sinergia.accounts.versions import version_restore, versions_of
from sinergia.form_errors import add_service_errors
from sinergia.inputs import parse_int


class TokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=100,
        help_text=gettext_lazy("What it is for, e.g. “Sync from our case system”."),
    )
    scope = forms.ChoiceField(label=gettext_lazy("Acts for"))

    def __init__(self, *args: object, user: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        roles = list(user.role_assignments.select_related("country", "mechanism"))  # type: ignore[attr-defined]
        choices = [
            (f"country:{r.country.iso3}", str(r.country))
            for r in roles
            if r.role == RoleKind.STATE_FOCAL_POINT
        ] + [
            (f"mechanism:{r.mechanism.acronym}", str(r.mechanism))
            for r in roles
            if r.role == RoleKind.MECHANISM_FOCAL_POINT
        ]
        if is_secretariat(user):  # type: ignore[arg-type]
            choices.append(("secretariat", _("the secretariat (every country and mechanism)")))
        self.fields["scope"].choices = choices  # type: ignore[attr-defined]


@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None, user=request.user)
    secret = None
    if request.method == "POST" and form.is_valid():
        kind, _sep, code = form.cleaned_data["scope"].partition(":")
        try:
            _token, secret = token_create(
                actor=request.user,
                name=form.cleaned_data["name"],
                country=code if kind == "country" else None,
                mechanism=code if kind == "mechanism" else None,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            form = TokenForm(user=request.user)
    tokens = ApiToken.objects.filter(user_id=request.user.pk or 0).select_related(
        "country", "mechanism"
    )
    response = render(
        request,
        "accounts/token_list.html",
        {"form": form, "tokens": tokens, "secret": secret},
    )
    response["Cache-Control"] = "no-store"  # the secret is on this page once
    return response


@login_required
@require_POST
def token_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    token = ApiToken.objects.filter(pk=pk).first()
    if token is None:
        raise Http404("No such token")
    try:
        token_revoke(actor=request.user, token=token)
    except PermissionDenied:
        raise Http404("No such token") from None
    messages.success(request, _("Token revoked: it no longer works."))
    return redirect("token_list")


def _secretariat_only(request: HttpRequest) -> None:
    if not is_secretariat(request.user):
        raise PermissionDenied


@login_required
def audit_trail(request: HttpRequest) -> HttpResponse:
    """Every write: who, when, what, and the values before and after (the secretariat)."""
    _secretariat_only(request)
    entries = AuditEntry.objects.select_related("actor")
    action = request.GET.get("action", "").strip()
    who = request.GET.get("who", "").strip()
    if action:
        entries = entries.filter(action__startswith=action)
    if who:
        entries = entries.filter(actor_label__icontains=who)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/audit_trail.html",
        {"page": page, "action": action, "who": who, "query": request.GET.copy()},
    )


@login_required
def object_versions(request: HttpRequest, label: str, pk: str) -> HttpResponse:
    _secretariat_only(request)
    if request.method == "POST":
        try:
            history_id = parse_int(request.POST.get("history_id", ""), low=1, high=2**53)
        except ValueError:
            return _versions_page(request, label, pk, error=_("Choose a version to restore."))
        try:
            version_restore(actor=request.user, label=label, pk=pk, history_id=history_id)
        except ValidationError as error:
            return _versions_page(request, label, pk, error=" ".join(error.messages))
        messages.success(request, _("The earlier version was restored."))
        return redirect("object_versions", label=label, pk=pk)
    return _versions_page(request, label, pk)


def _versions_page(request: HttpRequest, label: str, pk: str, *, error: str = "") -> HttpResponse:
    """The versions of an object; with `error`, a refused restore (400)."""
    return render(
        request,
        "accounts/object_versions.html",
        {"label": label, "pk": pk, "versions": versions_of(label, pk), "error": error},
        status=400 if error else 200,
    )
