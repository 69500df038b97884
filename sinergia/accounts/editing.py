"""The secretariat's direct edits of a record (the Django admin, a restored version): one
service that checks the rule, validates, writes in one transaction, records the values
before and after, and lets the apps that depend on the record follow it.

Apps say what is special about their records with `edit_rules_register`: fields a workflow
owns (a practice's status: only its services move it, so no edit or restore does), fields
whose values never enter the audit trail (a password hash, a second factor's key), the
prefix of the audited action (private ones leave the public data version alone), and what
must follow a change (the search index after a change to the vocabulary). An upper app
registers its rules from its `AppConfig.ready`, so this module never imports it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from sinergia.accounts.permissions import is_secretariat
from sinergia.accounts.services import Actor, audit_record

AfterSave = Callable[[Any], object]


@dataclass
class EditRules:
    audit_prefix: str = ""  # the model's name when empty
    protected: frozenset[str] = frozenset()  # owned by a workflow: never set by an edit
    hidden: frozenset[str] = frozenset()  # audited as changed, never with their values
    after_save: list[AfterSave] = field(default_factory=list)


_rules: dict[str, EditRules] = {}


def edit_rules_register(
    label: str,
    *,
    audit_prefix: str = "",
    protected: Iterable[str] = (),
    hidden: Iterable[str] = (),
    after_save: AfterSave | None = None,
) -> None:
    """Declare what is special about the records of `label` ("app.model")."""
    rules = _rules.setdefault(label, EditRules())
    if audit_prefix:
        rules.audit_prefix = audit_prefix
    rules.protected |= frozenset(protected)
    rules.hidden |= frozenset(hidden)
    if after_save is not None and after_save not in rules.after_save:
        rules.after_save.append(after_save)


def edit_rules(model: type[models.Model]) -> EditRules:
    rules = _rules.get(model._meta.label_lower, EditRules())
    return EditRules(
        audit_prefix=rules.audit_prefix or (model._meta.model_name or ""),
        protected=rules.protected,
        hidden=rules.hidden,
        after_save=rules.after_save,
    )


def _editable_fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    return [
        f
        for f in model._meta.concrete_fields
        if not f.primary_key and not getattr(f, "auto_now", False)
    ]


def record_values(instance: models.Model, rules: EditRules) -> dict[str, str]:
    """The record's own fields and its links to others, as texts for the audit trail."""
    values = {}
    for f in _editable_fields(type(instance)):
        value = getattr(instance, f.attname)
        values[f.name] = "•••" if f.name in rules.hidden and value else str(value)
    if instance.pk is not None:
        for m2m in instance._meta.many_to_many:
            related = getattr(instance, m2m.name).values_list("pk", flat=True)
            values[m2m.name] = ", ".join(str(pk) for pk in sorted(related))
    return values


def _changes(before: dict[str, str], after: dict[str, str]) -> dict[str, dict[str, str]]:
    return {
        name: {"before": before.get(name, ""), "after": value}
        for name, value in after.items()
        if before.get(name, "") != value
    }


def _require_secretariat(actor: Actor) -> None:
    if not is_secretariat(actor):
        raise PermissionDenied(_("Only the secretariat edits records directly."))


def record_save(
    *,
    actor: Actor,
    instance: models.Model,
    m2m: dict[str, Iterable[Any]] | None = None,
    action: str = "",
    summary: str = "",
) -> models.Model:
    """Create or change a record as the secretariat: validated (`full_clean`), saved with its
    links (`m2m`: {field name: related objects}) in one transaction, audited with the values
    before and after, then followed by what depends on it. A workflow's fields keep the
    values they have in the database; a record with a workflow is never created here."""
    _require_secretariat(actor)
    model = type(instance)
    rules = edit_rules(model)
    with transaction.atomic():
        current = (
            model._default_manager.select_for_update().filter(pk=instance.pk).first()
            if instance.pk is not None
            else None
        )
        if current is None and rules.protected:
            raise ValidationError(
                _("%(kind)s: records of this kind are created through their own pages.")
                % {"kind": model._meta.verbose_name}
            )
        attnames = {f.name: f.attname for f in model._meta.concrete_fields}
        for name in rules.protected:
            setattr(instance, attnames[name], getattr(current, attnames[name]))
        before = record_values(current, rules) if current is not None else {}
        instance._state.adding = current is None
        instance.full_clean()
        instance.save()
        for name, related in (m2m or {}).items():
            getattr(instance, name).set(list(related))
        after = record_values(instance, rules)
        audit_record(
            actor=actor,
            action=action or f"{rules.audit_prefix}.{'update' if current else 'create'}",
            target=instance,
            summary=summary or str(instance)[:300],
            changes=_changes(before, after),
        )
        for follow in rules.after_save:
            follow(instance)
    return instance


def record_delete(*, actor: Actor, instance: models.Model) -> None:
    """Delete a record as the secretariat, in one transaction, with its values audited."""
    _require_secretariat(actor)
    rules = edit_rules(type(instance))
    with transaction.atomic():
        before = record_values(instance, rules)
        summary = str(instance)[:300]
        pk = instance.pk
        instance.delete()
        instance.pk = pk  # the audit entry names what was deleted
        audit_record(
            actor=actor,
            action=f"{rules.audit_prefix}.delete",
            target=instance,
            summary=summary,
            changes=_changes(before, dict.fromkeys(before, "")),
        )
        for follow in rules.after_save:
            follow(instance)
