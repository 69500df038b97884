"""What Sinergia tells people, and how each person wants to be told."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    PRACTICE_SUBMITTED = "practice_submitted", _("A practice is submitted for review")
    REVIEW_DECISION = "review_decision", _("A decision on your practice")
    CONTRIBUTION_NEW = "contribution_new", _("A new contribution to a session")
    ACTION_ASSIGNED = "action_assigned", _("A follow-up action is given to your state or body")
    ACTION_DUE = "action_due", _("A follow-up action is due or overdue")
    MEETING_CLASH = "meeting_clash", _("A new meeting clashes with another")


class Notification(models.Model):
    """One message to one person, written in their language when it was made."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    # Says what the message is about, so that the same news reaches a person once (a daily
    # reminder is keyed by its action and day).
    key = models.CharField(max_length=200, blank=True)
    # Whether the message is in the person's list (they may take some kinds by mail only).
    listed = models.BooleanField(default=True)
    emailed = models.BooleanField(default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "key"],
                condition=~models.Q(key=""),
                name="notification_once_per_key",
            )
        ]

    def __str__(self) -> str:
        return self.subject


class NotificationPreference(models.Model):
    """How one person takes one kind of notification; without a row, both ways."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        verbose_name=_("user"),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    in_app = models.BooleanField(_("in Sinergia"), default=True)
    email = models.BooleanField(_("by email"), default=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_preference_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.kind}"
