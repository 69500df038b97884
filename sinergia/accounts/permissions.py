"""The permission rules, in one place: services ask these before they write."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from sinergia.accounts.models import RoleAssignment, RoleKind
from sinergia.accounts.services import Actor


def roles_of(actor: Actor) -> list[tuple[str, int | None, int | None]]:
    """(role, country id, mechanism id) of each role the actor holds."""
    if actor is None or not actor.is_authenticated:
        return []
    # Cached on the user object: one query per request, however many rules a page asks.
    cached = getattr(actor, "_sinergia_roles", None)
    if cached is not None:
        return cached
    user_id = actor.pk
    if user_id is None:
        return []  # Sinergia's own commands hold no roles: they act as the secretariat
    cached = list(
        RoleAssignment.objects.filter(user_id=user_id).values_list(
            "role", "country_id", "mechanism_id"
        )
    )
    setattr(actor, "_sinergia_roles", cached)  # noqa: B010
    return cached


def is_secretariat(actor: Actor) -> bool:
    """The CAM secretariat: administrators (and Django superusers)."""
    if actor is None or not actor.is_authenticated:
        return False
    if getattr(actor, "is_superuser", False):
        return True
    return any(role == RoleKind.ADMIN for role, _c, _m in roles_of(actor))


def can_edit_mechanism(actor: Actor, mechanism_id: int) -> bool:
    """The secretariat, or a focal point of this mechanism."""
    if is_secretariat(actor):
        return True
    return any(
        role == RoleKind.MECHANISM_FOCAL_POINT and mechanism == mechanism_id
        for role, _c, mechanism in roles_of(actor)
    )


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)
