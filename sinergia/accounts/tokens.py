"""Personal API tokens: made and revoked by their owner, checked on every API call, limited
in rate, and acting only within their scope.

A token is a credential of its own, like a key the person was handed after signing in: it is
made only from a signed-in page (with the second factor for a person enrolled in two-factor)
and shown once. Enrolling in two-factor revokes the tokens made before, which no second
factor protected.

A token reads `sng_<prefix>_<secret>`. The prefix finds it; the secret's SHA-256 is compared
in constant time; the secret itself is never stored.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.security import HttpBearer

from sinergia.accounts.models import ApiToken, RoleAssignment, RoleKind
from sinergia.accounts.permissions import is_secretariat, roles_of
from sinergia.accounts.services import Actor, audit_record
from sinergia.ratelimits import rate_hit, token_limit, write_limit

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}

TOKEN_PREFIX = "sng"  # noqa: S105 - the public prefix of every token, not a secret


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _assignment(user_id: int, role: str, **scope: str) -> RoleAssignment | None:
    """The person's role of this kind over the country or mechanism named by its code."""
    return RoleAssignment.objects.filter(user_id=user_id, role=role, **scope).first()


def token_create(
    *, actor: Actor, name: str, country: str | None = None, mechanism: str | None = None
) -> tuple[ApiToken, str]:
    """A new token for `actor`, scoped to one of its countries or mechanisms; returns the token
    and its secret, which is shown once."""
    if actor is None or not actor.is_authenticated or actor.pk is None:
        raise PermissionDenied(_("Sign in to make an API token."))
    token = ApiToken(user=actor, name=name.strip())  # type: ignore[misc]
    if country:
        assignment = _assignment(actor.pk, RoleKind.STATE_FOCAL_POINT, country__iso3=country)
        if assignment is None:
            raise PermissionDenied(
                _("You are not a focal point of %(scope)s.") % {"scope": country}
            )
        token.country_id = assignment.country_id
    elif mechanism:
        assignment = _assignment(
            actor.pk, RoleKind.MECHANISM_FOCAL_POINT, mechanism__acronym=mechanism
        )
        if assignment is None:
            raise PermissionDenied(
                _("You are not a focal point of %(scope)s.") % {"scope": mechanism}
            )
        token.mechanism_id = assignment.mechanism_id
    elif not is_secretariat(actor) and not _is_reviewer(actor):
        raise ValidationError({"scope": _("Choose the country or mechanism the token acts for.")})
    prefix = secrets.token_hex(4)
    secret = secrets.token_urlsafe(32)
    token.prefix = prefix
    token.digest = _digest(secret)
    token.full_clean()
    with transaction.atomic():
        token.save()
        audit_record(actor=actor, action="token.create", target=token, summary=token.name)
    return token, f"{TOKEN_PREFIX}_{prefix}_{secret}"


def token_revoke(*, actor: Actor, token: ApiToken) -> ApiToken:
    if actor is None or (token.user_id != actor.pk and not is_secretariat(actor)):
        raise PermissionDenied(_("You may revoke only your own tokens."))
    with transaction.atomic():
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(actor=actor, action="token.revoke", target=token, summary=token.name)
    return token


def _is_reviewer(actor: Actor) -> bool:
    return any(role == RoleKind.REVIEWER for role, _c, _m in roles_of(actor))


def tokens_revoke_all(*, actor: Actor, user: Any) -> int:
    """Revoke every live token of `user` (when they enrol in two-factor, say); returns how many."""
    tokens = list(ApiToken.objects.filter(user=user, revoked_at__isnull=True))
    for token in tokens:
        token_revoke(actor=actor, token=token)
    return len(tokens)


def _scoped_roles(token: ApiToken) -> list[tuple[str, int | None, int | None]]:
    """The roles the token may use: its owner's, narrowed to the token's scope."""
    roles = roles_of(token.user)
    if token.country_id:
        return [r for r in roles if r[0] == RoleKind.STATE_FOCAL_POINT and r[1] == token.country_id]
    if token.mechanism_id:
        return [
            r
            for r in roles
            if r[0] == RoleKind.MECHANISM_FOCAL_POINT and r[2] == token.mechanism_id
        ]
    return roles


def authenticate_token(raw: str) -> Any:
    """The user a token acts for, with its roles narrowed to the token's scope; None for an
    unknown, malformed or revoked token."""
    parts = raw.strip().split("_", 2)
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(prefix=parts[1], revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    if not hmac.compare_digest(token.digest, _digest(parts[2])):
        return None
    user = token.user
    scoped = _scoped_roles(token)
    setattr(user, "_sinergia_roles", scoped)  # noqa: B010 - what permissions.roles_of reads
    if (
        not token.country_id
        and not token.mechanism_id
        and not is_secretariat(user)
        and not _is_reviewer(user)
    ):
        return None  # an unscoped token of someone no longer in the secretariat or a reviewer
    user.is_superuser = False if (token.country_id or token.mechanism_id) else user.is_superuser
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    setattr(user, "api_token", token)  # noqa: B010 - read by the rate limit
    return user


class TokenAuth(HttpBearer):
    """`Authorization: Bearer sng_…`: the token's owner, acting within the token's scope."""

    openapi_description = "A personal API token, made at /es/accounts/tokens/."

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = authenticate_token(token)
        if user is None:
            return None
        if rate_hit(limit=token_limit(), identity=getattr(user, "api_token").prefix):  # noqa: B009
            raise HttpError(429, "Too many requests: wait a minute.")
        if request.method not in SAFE_METHODS and rate_hit(
            limit=write_limit(), identity=str(user.pk)
        ):
            raise HttpError(429, "Too many writes from this account: wait a minute.")
        request.user = user
        return user


token_auth = TokenAuth()
