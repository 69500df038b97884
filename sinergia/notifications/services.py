"""Telling people what concerns them, and their own writes to their notifications.

`notify` is called by the services that change things (a practice submitted, a decision on
it, a contribution, a meeting) once their write has committed (`notify_on_commit`): it
writes each person's message in their own language, lists it in Sinergia and has it mailed,
as each person chose for that kind. Marking read and choosing preferences are private writes:
audited, they move no public data version."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sinergia.accounts.models import Profile
from sinergia.accounts.services import Actor, audit_record
from sinergia.i18n import LANGUAGE_CODES
from sinergia.notifications.mail import mail_message, mail_queue
from sinergia.notifications.models import Kind, Notification, NotificationPreference


class PerLanguage:
    """A value written in the language of whoever reads it (a country's or a session's
    name): a `notify` parameter computed for each recipient in their language."""

    def __init__(self, compute: Callable[[], object]):
        self.compute = compute

    def __str__(self) -> str:
        return str(self.compute())


def notify(
    *,
    recipients: Iterable[Any],
    kind: str,
    subject: Any,
    body: Any = "",
    params: Mapping[str, Any] | None = None,
    url_name: str = "",
    url_kwargs: Mapping[str, Any] | None = None,
    key: str = "",
    actor: Actor = None,
) -> list[Notification]:
    """Tell each of `recipients` (users; the `actor` who caused it is left out) about one
    event of `kind`. `subject` and `body` are translatable texts (gettext_lazy) formatted
    with `params`, whose values may be translatable too; all of it, and the link to
    `url_name`, is rendered in each recipient's language. With `key`, a person who already
    has a notification with that key gets nothing more. Returns the notifications made."""
    people = {user.pk: user for user in recipients if user.is_active}
    if actor is not None and getattr(actor, "pk", None) in people:
        del people[actor.pk]
    if key:
        told = Notification.objects.filter(recipient_id__in=people, key=key)
        for user_id in told.values_list("recipient_id", flat=True):
            people.pop(user_id, None)
    if not people:
        return []
    choices = {
        user_id: (in_app, email)
        for user_id, in_app, email in NotificationPreference.objects.filter(
            user_id__in=people, kind=kind
        ).values_list("user_id", "in_app", "email")
    }
    languages = dict(Profile.objects.filter(user_id__in=people).values_list("user_id", "language"))
    made = []
    for user_id, user in sorted(people.items()):
        in_app, by_email = choices.get(user_id, (True, True))
        by_email = by_email and bool(user.email)
        if not (in_app or by_email):
            continue
        language = languages.get(user_id) or settings.LANGUAGE_CODE
        with translation.override(language):
            values = {name: str(value) for name, value in (params or {}).items()}
            subject_text = (str(subject) % values)[:200]
            body_text = str(body) % values if body else ""
            url = reverse(url_name, kwargs=dict(url_kwargs or {})) if url_name else ""
            notification = Notification(
                recipient=user,
                kind=kind,
                subject=subject_text,
                body=body_text,
                url=url,
                key=key,
                listed=in_app,
                emailed=by_email,
            )
            notification.full_clean()
            notification.save()
            if by_email:
                mail_queue(_mail_of(notification, language))
        made.append(notification)
    return made


def notify_on_commit(**arguments: Any) -> None:
    """`notify(**arguments)` once the current transaction commits (at once outside one); a
    notification that fails is logged, and the write it follows stands."""
    transaction.on_commit(lambda: notify(**arguments), robust=True)


def _mail_of(notification: Notification, language: str) -> dict[str, Any]:
    """The mail of a notification, as text and HTML, its links on `SITE_URL` (never on the
    Host of a request)."""
    site = settings.SITE_URL
    context = {
        "notification": notification,
        "link": f"{site}{notification.url}" if notification.url else "",
        "preferences_link": f"{site}{reverse('notification_preferences')}",
        "language": language,
    }
    return mail_message(
        to=notification.recipient.email,
        subject=f"[Sinergia] {notification.subject}",
        text=render_to_string("notifications/email.txt", context),
        html=render_to_string("notifications/email.html", context),
    )


def notification_mark_read(*, actor: Actor, notification: Notification) -> Notification:
    """Mark one of the actor's own notifications read."""
    if actor is None or not actor.is_authenticated or notification.recipient_id != actor.pk:
        raise PermissionDenied(_("This notification is not yours."))
    with transaction.atomic():
        updated = Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=timezone.now()
        )
        if updated:
            audit_record(actor=actor, action="notification.read", target=notification, public=False)
    notification.refresh_from_db()
    return notification


def notifications_mark_all_read(*, actor: Actor) -> int:
    """Mark every unread notification of the actor read; returns how many."""
    if actor is None or not actor.is_authenticated:
        raise PermissionDenied(_("Sign in to see your notifications."))
    with transaction.atomic():
        count = Notification.objects.filter(
            recipient_id=actor.pk, read_at__isnull=True, listed=True
        ).update(read_at=timezone.now())
        if count:
            audit_record(
                actor=actor,
                action="notification.read_all",
                summary=str(count),
                public=False,
            )
    return count


def notifications_settled(*, kind: str, key_prefix: str) -> int:
    """Mark read, for everyone told, the unread notifications of `kind` whose key starts with
    `key_prefix`: what they asked someone to do has been done (a submission reviewed by a
    colleague). Called inside the write that settles it, which is audited; returns how
    many."""
    return Notification.objects.filter(
        kind=kind, key__startswith=key_prefix, read_at__isnull=True
    ).update(read_at=timezone.now())


def notification_preferences_set(
    *,
    actor: Actor,
    user: Any,
    choices: Mapping[str, tuple[bool, bool]],
    language: str | None = None,
) -> None:
    """Set how `user` takes each kind: `choices` maps a kind to (in Sinergia, by email);
    kinds not named keep their choice. With `language`, the language of their messages.
    Only the person themselves may."""
    if actor is None or not actor.is_authenticated or actor.pk != user.pk:
        raise PermissionDenied(_("Only the person themselves chooses their notifications."))
    unknown = sorted(set(choices) - set(Kind.values))
    if unknown:
        raise ValidationError(_("Unknown: %(values)s") % {"values": ", ".join(unknown)})
    if language is not None and language not in LANGUAGE_CODES:
        raise ValidationError({"language": _("Unknown: %(values)s") % {"values": language}})
    with transaction.atomic():
        changed = {}
        for kind, (in_app, email) in choices.items():
            preference, _created = NotificationPreference.objects.get_or_create(
                user=user, kind=kind
            )
            if (preference.in_app, preference.email) != (in_app, email):
                changed[kind] = {"in_app": in_app, "email": email}
                preference.in_app, preference.email = in_app, email
                preference.save()
        if language is not None:
            from sinergia.accounts.services import profile_language_set

            profile_language_set(actor=actor, user=user, language=language)
        if changed:
            audit_record(
                actor=actor,
                action="notification.preferences",
                target=user,
                changes=changed,
                public=False,
            )
