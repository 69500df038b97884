"""Earlier versions of what Sinergia keeps versions of (django-simple-history), compared
field by field and restored by the secretariat, with an audit record of the restore."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.http import Http404
from django.utils.translation import gettext as _

from sinergia.accounts.editing import record_save
from sinergia.accounts.permissions import is_secretariat
from sinergia.accounts.services import Actor


@dataclass
class Version:
    history_id: int
    date: Any
    user: str
    kind: str  # +, ~, -
    changes: list[tuple[str, str, str]]  # (field, before, after) against the version before


def versioned_model(label: str) -> type[models.Model]:
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        raise Http404("No such kind of object") from None
    if not hasattr(model, "history"):
        raise Http404("No versions are kept of this kind of object")
    return model


def _fields(model: type[models.Model]) -> list[str]:
    return [
        field.attname
        for field in model._meta.concrete_fields
        if not field.primary_key and field.attname not in {"updated_at", "revision"}
    ]


def versions_of(label: str, pk: str) -> list[Version]:
    """Every version of one object, newest first, each with what it changed."""
    model = versioned_model(label)
    records = list(model.history.filter(id=pk).order_by("history_date", "history_id"))  # type: ignore[attr-defined]
    if not records:
        raise Http404("No versions of this object")
    fields = _fields(model)
    versions = []
    previous = None
    for record in records:
        changes = [
            (
                name,
                "" if previous is None else str(getattr(previous, name)),
                str(getattr(record, name)),
            )
            for name in fields
            if previous is None or getattr(previous, name) != getattr(record, name)
        ]
        versions.append(
            Version(
                history_id=record.history_id,
                date=record.history_date,
                user=str(record.history_user or ""),
                kind=record.history_type,
                changes=changes if previous is not None else [],
            )
        )
        previous = record
    return list(reversed(versions))


def version_restore(*, actor: Actor, label: str, pk: str, history_id: int) -> models.Model:
    """Put an object back as it was in one of its versions (the secretariat only), through the
    secretariat's edit service: validated, audited as `version.restore` with its before and
    after, followed by the search index. Its own fields come back; a workflow's fields (a
    practice's status, a contribution's) and its links to other objects (themes, countries)
    stay as they are."""
    if not is_secretariat(actor):
        raise PermissionDenied(_("Only the secretariat restores earlier versions."))
    model = versioned_model(label)
    record = model.history.filter(id=pk, history_id=history_id).first()  # type: ignore[attr-defined]
    if record is None:
        raise Http404("No such version")
    with transaction.atomic():
        current = model._default_manager.filter(pk=pk).first()
        restored = current if current is not None else record.instance
        for name in _fields(model):
            setattr(restored, name, getattr(record, name))
        return record_save(
            actor=actor,
            instance=restored,
            action="version.restore",
            summary=f"{label} {pk} as of {record.history_date:%Y-%m-%d %H:%M}",
        )
