"""A signed-in person's workspace, and the full list of the data that needs confirming."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from sinergia.workspace import selectors


@never_cache
@login_required
def workspace(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "workspace/workspace.html",
        {"workspace": selectors.workspace_for(request.user, now=timezone.now())},
    )


@never_cache
@login_required
def unconfirmed(request: HttpRequest) -> HttpResponse:
    scopes = selectors.scopes_of(request.user)
    if not (scopes.secretariat or scopes.mechanisms):
        raise PermissionDenied
    return render(
        request,
        "workspace/unconfirmed.html",
        {"scopes": scopes, "unconfirmed": selectors.unconfirmed_data(request.user)},
    )
