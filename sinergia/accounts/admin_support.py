"""The two kinds of page the Django admin has in Sinergia.

- `ServiceAdmin`: every write of the page (the record, its links, its inline rows, a
  deletion, a bulk deletion) goes through `sinergia.accounts.editing`, so it is checked,
  validated, audited, moves the data version and is followed by the search index, exactly
  like a write through the site's pages, the API or a command.
- `ReadOnlyAdmin`: shown, never written, for records with a workflow (practices,
  contributions, follow-up actions, sessions): their pages and the API change them, and the
  admin links to those pages.

`tests/core/test_admin.py` holds every model the admin shows to one of these two.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.forms import BaseModelForm
from django.http import HttpRequest, HttpResponse

from sinergia.accounts.editing import record_delete, record_save
from sinergia.accounts.permissions import is_secretariat


def form_links(form: BaseModelForm[Any]) -> dict[str, Any]:
    """The many-to-many values a model form was given, by field name."""
    return {
        f.name: form.cleaned_data[f.name]
        for f in form.instance._meta.many_to_many
        if f.name in form.cleaned_data
    }


class ServiceAdminMixin:
    """Routes the admin's writes through the secretariat's edit service."""

    def _secretariat(self, request: HttpRequest) -> bool:
        return is_secretariat(request.user)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return self._secretariat(request) and super().has_add_permission(request, *args)  # type: ignore[misc]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._secretariat(request) and super().has_change_permission(request, obj)  # type: ignore[misc]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._secretariat(request) and super().has_delete_permission(request, obj)  # type: ignore[misc]

    def save_model(
        self, request: HttpRequest, obj: models.Model, form: BaseModelForm[Any], change: bool
    ) -> None:
        record_save(actor=request.user, instance=obj, m2m=form_links(form))

    def save_related(
        self,
        request: HttpRequest,
        form: BaseModelForm[Any],
        formsets: list[Any],
        change: bool,
    ) -> None:
        # The record's own links were saved with it, by `save_model`.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def save_formset(
        self, request: HttpRequest, form: BaseModelForm[Any], formset: Any, change: bool
    ) -> None:
        formset.save(commit=False)
        for obj in formset.deleted_objects:
            record_delete(actor=request.user, instance=obj)
        for inline_form in formset.saved_forms:
            record_save(
                actor=request.user,
                instance=inline_form.instance,
                m2m=form_links(inline_form),
            )

    def delete_model(self, request: HttpRequest, obj: models.Model) -> None:
        record_delete(actor=request.user, instance=obj)

    def delete_queryset(self, request: HttpRequest, queryset: models.QuerySet[Any]) -> None:
        with transaction.atomic():
            for obj in queryset:
                record_delete(actor=request.user, instance=obj)

    def history_form_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # An earlier version is restored from the audit trail's page, which keeps a
        # workflow's fields and the links as they are.
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, *args, **kwargs)  # type: ignore[misc]


class ServiceAdmin(ServiceAdminMixin, admin.ModelAdmin):
    pass


class ReadOnlyAdminMixin:
    """Shown, never written: the services are the only door that changes these records."""

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadOnlyAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    pass
