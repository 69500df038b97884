"""Writes about people and the audit trail."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils.translation import gettext as _

from sinergia.accounts.models import AuditEntry, Profile
from sinergia.data_version import data_version_bump, domain_of, is_public_action


class SystemActor:
    """Sinergia itself acting for an operator at the command line (imports, demo content):
    allowed what the secretariat is allowed, recorded under the command's name."""

    is_authenticated = True
    is_superuser = True
    pk = None

    def __init__(self, name: str = "system"):
        self.name = name

    def get_username(self) -> str:
        return self.name


Actor = AbstractBaseUser | AnonymousUser | SystemActor | None


def actor_label(actor: Actor, *, fallback: str = "system") -> str:
    if actor is None or not actor.is_authenticated:
        return fallback
    return actor.get_username()


def audit_record(
    *,
    actor: Actor,
    action: str,
    target: models.Model | None = None,
    summary: str = "",
    changes: dict[str, Any] | None = None,
    actor_fallback: str = "system",
    public: bool | None = None,
    also: tuple[str, ...] = (),
) -> AuditEntry:
    """Record that `actor` did `action` to `target`, and move the version of the target's
    domain (`sinergia.data_version.domain_of`), and of the domains `also` names when the
    write changes their records too, unless the write is private: `public=False` (a record
    the public sees neither before nor after the write), or by default a private action
    (`sinergia.data_version.PRIVATE_ACTIONS`). Called inside the writing transaction, so
    that every cache sees the write as soon as it commits."""
    user = actor if isinstance(actor, models.Model) else None
    entry = AuditEntry(
        actor=user,  # type: ignore[misc]
        actor_label=actor_label(actor, fallback=actor_fallback),
        action=action,
        object_type=target._meta.label_lower if target is not None else "",
        object_id=str(target.pk) if target is not None else "",
        summary=summary,
        changes=changes or {},
    )
    entry.full_clean()
    entry.save()
    if is_public_action(action) if public is None else public:
        data_version_bump((*domain_of(target), *also))
    return entry


def user_language(user: Any) -> str:
    """The language Sinergia writes to `user` in: their choice, else the site's default."""
    chosen = Profile.objects.filter(user_id=user.pk).values_list("language", flat=True).first()
    return chosen or settings.LANGUAGE_CODE


def profile_language_set(*, actor: Actor, user: Any, language: str) -> None:
    """Set the language `user` receives messages in (themselves only); a private write."""
    if actor is None or not actor.is_authenticated or actor.pk != user.pk:
        raise PermissionDenied(_("Only the person themselves chooses their language."))
    with transaction.atomic():
        profile, _created = Profile.objects.select_for_update().get_or_create(user=user)
        before = profile.language
        profile.language = language
        profile.full_clean()
        profile.save()
        if before != language:
            audit_record(
                actor=actor,
                action="account.language",
                target=user,
                changes={"before": before, "after": language},
                public=False,
            )
