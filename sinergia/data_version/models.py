"""The one row that changes with every public write."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DataVersion(models.Model):
    """The version of the data the public reads (one row, `pk=1`). Every service moves it in
    its own transaction, through the audit record; every cache of public data is keyed on it."""

    # Random, not a counter: a change rolled back can never leave a cache that a later
    # change's version matches.
    token = models.BigIntegerField(_("token"), default=0)
    changed_at = models.DateTimeField(_("changed"), null=True, blank=True)

    class Meta:
        verbose_name = _("data version")

    def __str__(self) -> str:
        return f"{self.token:x} {self.changed_at}"
