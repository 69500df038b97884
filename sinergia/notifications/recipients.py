"""Who is told what: the people holding a role, read from their role assignments."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from sinergia.accounts.models import RoleKind


def _active() -> QuerySet[Any]:
    return get_user_model().objects.filter(is_active=True)


def secretariat_users() -> QuerySet[Any]:
    """The CAM secretariat: administrators and Django superusers."""
    return _active().filter(Q(role_assignments__role=RoleKind.ADMIN) | Q(is_superuser=True))


def reviewer_users() -> QuerySet[Any]:
    """Those who review practices: reviewers and the secretariat."""
    return _active().filter(
        Q(role_assignments__role__in=[RoleKind.REVIEWER, RoleKind.ADMIN]) | Q(is_superuser=True)
    )


def focal_points_of(
    *, mechanism_ids: Iterable[int] = (), country_ids: Iterable[int] = ()
) -> QuerySet[Any]:
    """The focal points of these mechanisms and states."""
    return _active().filter(
        Q(
            role_assignments__role=RoleKind.MECHANISM_FOCAL_POINT,
            role_assignments__mechanism_id__in=list(mechanism_ids),
        )
        | Q(
            role_assignments__role=RoleKind.STATE_FOCAL_POINT,
            role_assignments__country_id__in=list(country_ids),
        )
    )
