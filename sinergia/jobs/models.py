"""A background job: what it does, how far it has got, and what it produced."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class JobKind(models.TextChoices):
    REPORT = "report", _("Consolidated report")
    REPORTS = "reports", _("Every report of a session")
    IMPORT = "import", _("Import of good practices")
    REINDEX = "reindex", _("Search index")
    PACKAGE = "package", _("Open-data package")
    ANALYSIS = "analysis", _("Synergy analysis")


class JobState(models.TextChoices):
    QUEUED = "queued", _("Waiting for its turn")
    RUNNING = "running", _("Under way")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


def _token() -> str:
    return secrets.token_urlsafe(16)


class Job(models.Model):
    """One piece of long work. Its `key` names the work itself (the report of a session in a
    language and format for one version of the data, an import of one file, …): asked for
    twice, the work is queued and run once."""

    token = models.CharField(max_length=32, unique=True, default=_token, editable=False)
    key = models.CharField(max_length=255, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=JobKind.choices)
    params = models.JSONField(default=dict)
    # Anyone with its address may follow it (a public report); otherwise only whoever asked
    # for it and the secretariat.
    public = models.BooleanField(default=False)
    state = models.CharField(
        _("state"), max_length=8, choices=JobState.choices, default=JobState.QUEUED
    )
    step = models.CharField(max_length=40, blank=True)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    result = models.JSONField(default=dict)
    error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("asked by"),
    )
    created_at = models.DateTimeField(_("asked"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        indexes = [models.Index(fields=["state", "created_at"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.key} ({self.state})"

    @property
    def finished(self) -> bool:
        return self.state in {JobState.DONE, JobState.FAILED}
