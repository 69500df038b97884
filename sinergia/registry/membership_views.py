"""Pages where a mechanism's focal points (and the secretariat) keep its members current:
add a country that joined, end a membership that ended."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from sinergia.accounts.permissions import can_edit_mechanism
from sinergia.form_errors import add_service_errors
from sinergia.registry import selectors, services
from sinergia.registry.forms import MembershipEndForm, MembershipForm
from sinergia.registry.models import Mechanism, Membership


def _editable(request: HttpRequest, acronym: str) -> Mechanism:
    mechanism = selectors.mechanism_get(acronym)
    if not can_edit_mechanism(request.user, mechanism.pk):
        raise PermissionDenied
    return mechanism


@login_required
def membership_manage(request: HttpRequest, acronym: str) -> HttpResponse:
    """The mechanism's memberships, each current one with a link to end it, and a form to
    add one."""
    mechanism = _editable(request, acronym)
    form = MembershipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            membership = services.membership_add(
                actor=request.user,
                mechanism=mechanism,
                country=data["country"],
                role=data["role"],
                since=data["since"],
                source_title=data["source_title"],
                source_publisher=data["source_publisher"],
                source_url=data["source_url"],
                note=data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(country)s was added to %(mechanism)s.")
                % {"country": membership.country.name, "mechanism": mechanism.acronym},
            )
            return redirect("membership_manage", acronym=mechanism.acronym)
    day = selectors.today()
    memberships = selectors.memberships_of(mechanism)
    return render(
        request,
        "registry/membership_manage.html",
        {
            "mechanism": mechanism,
            "form": form,
            "current": [m for m in memberships if m.until is None or m.holds_on(day)],
            "ended": [m for m in memberships if m.until is not None and not m.holds_on(day)],
        },
    )


@login_required
def membership_end(request: HttpRequest, acronym: str, pk: int) -> HttpResponse:
    mechanism = _editable(request, acronym)
    membership = (
        Membership.objects.select_related("country", "source").filter(pk=pk, mechanism=mechanism)
    ).first()
    if membership is None:
        raise Http404("No such membership of this mechanism")
    form = MembershipEndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_end(
                actor=request.user,
                membership=membership,
                until=form.cleaned_data["until"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The membership of %(country)s in %(mechanism)s has ended.")
                % {"country": membership.country.name, "mechanism": mechanism.acronym},
            )
            return redirect("membership_manage", acronym=mechanism.acronym)
    return render(
        request,
        "registry/membership_end.html",
        {"mechanism": mechanism, "membership": membership, "form": form},
    )
