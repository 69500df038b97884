"""One row per domain of public data, changed with every public write to it."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DataVersion(models.Model):
    """The version of one domain of the data the public reads (`sinergia.data_version.DOMAINS`).
    Every service moves it in its own transaction, through the audit record; every cache of
    public data is keyed on the versions of the domains it is made of."""

    domain = models.CharField(_("domain"), max_length=40, unique=True)
    # Random, not a counter: a change rolled back can never leave a cache that a later
    # change's version matches.
    token = models.BigIntegerField(_("token"), default=0)
    changed_at = models.DateTimeField(_("changed"), null=True, blank=True)

    class Meta:
        verbose_name = _("data version")

    def __str__(self) -> str:
        return f"{self.domain} {self.token:x} {self.changed_at}"
