"""Reads of a person's notifications and preferences."""

from __future__ import annotations

from typing import Any

from django.db.models import F, QuerySet

from sinergia.accounts.services import user_language
from sinergia.notifications.models import Kind, Notification, NotificationPreference


def notifications_of(user: Any) -> QuerySet[Notification]:
    """The person's notifications in Sinergia, unread first, newest first."""
    return Notification.objects.filter(recipient_id=user.pk, listed=True).order_by(
        F("read_at").asc(nulls_first=True), "-created_at", "-id"
    )


def unread_count(user: Any) -> int:
    return Notification.objects.filter(
        recipient_id=user.pk, listed=True, read_at__isnull=True
    ).count()


def notification_preferences_of(user: Any) -> dict[str, tuple[bool, bool]]:
    """{kind: (in Sinergia, by email)} for every kind, the defaults where none was chosen."""
    chosen = {
        kind: (in_app, email)
        for kind, in_app, email in NotificationPreference.objects.filter(
            user_id=user.pk
        ).values_list("kind", "in_app", "email")
    }
    return {kind: chosen.get(kind, (True, True)) for kind in Kind.values}


def message_language_of(user: Any) -> str:
    return user_language(user)
