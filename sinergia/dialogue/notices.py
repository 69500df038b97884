"""What the dialogue tells people: the secretariat of a new contribution, the focal points
of bodies whose new meeting clashes with another's, and the owners of follow-up actions that
are due or overdue (a daily reminder)."""

from __future__ import annotations

import datetime
from functools import partial
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy

from sinergia.accounts.services import Actor
from sinergia.dialogue.models import ActionStatus, Contribution, FollowUpAction
from sinergia.dialogue.selectors import meeting_clashes
from sinergia.notifications.models import Kind
from sinergia.notifications.recipients import focal_points_of, secretariat_users
from sinergia.notifications.services import PerLanguage, notify, notify_on_commit
from sinergia.registry.models import Meeting

# A reminder is sent every day from this many days before an action's due date, and every
# day after it while the action is neither done nor dropped.
REMINDER_DAYS_BEFORE = 7


def contribution_notify(*, contribution: Contribution, actor: Actor) -> None:
    """Tell the secretariat, once the write commits, of a contribution submitted."""
    notify_on_commit(
        recipients=secretariat_users().distinct(),
        kind=Kind.CONTRIBUTION_NEW,
        subject=gettext_lazy("New contribution from %(speaker)s to the session of %(date)s"),
        body=gettext_lazy("%(session)s, guiding question %(question)s."),
        params={
            "speaker": PerLanguage(lambda: contribution.participant.short_name),
            "date": written_date(contribution.session.date),
            "session": PerLanguage(lambda: contribution.session.display_title),
            "question": contribution.question.number,
        },
        url_name="contribution_detail",
        url_kwargs={"pk": contribution.pk},
        key=f"contribution:{contribution.pk}",
        actor=actor,
    )


def meeting_clashes_notify(*, meeting: Meeting, actor: Actor) -> int:
    """Tell the focal points of both bodies of each clash the new `meeting` makes (the
    calendar's own rule, `sinergia.dialogue.selectors.meeting_clashes`); returns how many."""
    found = meeting_clashes(meeting, members_on=meeting.date)
    for clash in found:
        other = clash.second if clash.first.pk == meeting.pk else clash.first
        notify_on_commit(
            recipients=focal_points_of(
                mechanism_ids=[meeting.mechanism_id, other.mechanism_id]
            ).distinct(),
            kind=Kind.MEETING_CLASH,
            subject=gettext_lazy("%(new)s on %(date)s clashes with %(other)s on %(other_date)s"),
            body=gettext_lazy("Member states of both: %(countries)s."),
            params={
                "new": f"{meeting.mechanism.acronym}: {meeting.title}",
                "date": written_date(meeting.date),
                "other": f"{other.mechanism.acronym}: {other.title}",
                "other_date": written_date(other.date),
                "countries": ", ".join(clash.shared_countries),
            },
            url_name="meeting_calendar",
            key=f"meeting-clash:{meeting.pk}:{other.pk}",
            actor=actor,
        )
    return len(found)


def action_assigned_notify(*, action: FollowUpAction, actor: Actor) -> None:
    """Tell the focal points of the states and bodies that own a new follow-up action, once
    it is recorded: they report its progress."""
    due = written_date(action.due) if action.due else ""
    notify_on_commit(
        recipients=_owners(action),
        kind=Kind.ACTION_ASSIGNED,
        subject=gettext_lazy("A follow-up action for %(owner)s: %(action)s"),
        body=gettext_lazy("Agreed at %(session)s, due on %(due)s.")
        if due
        else gettext_lazy("Agreed at %(session)s."),
        params={
            "owner": PerLanguage(partial(_owner_name, action)),
            "action": action.description[:120],
            "session": PerLanguage(partial(_session_title, action)),
            "due": due,
        },
        url_name="action_list",
        key=f"action-assigned:{action.pk}",
        actor=actor,
    )


def action_reminders_send(
    *, on: datetime.date | None = None, days_before: int = REMINDER_DAYS_BEFORE
) -> int:
    """Remind the focal points of each open follow-up action due within `days_before` days
    of `on` (today by default), or overdue, once a day: run again the same day, it sends
    nothing more. Returns how many notifications it made."""
    day = on or timezone.localdate()
    due = (
        FollowUpAction.objects.select_related("session")
        .prefetch_related("owner_mechanisms", "owner_countries")
        .filter(
            status__in=[ActionStatus.PLANNED, ActionStatus.IN_PROGRESS],
            due__isnull=False,
            due__lte=day + datetime.timedelta(days=days_before),
        )
    )
    made = 0
    for action in due:
        assert action.due is not None
        overdue = action.due < day
        session_title = PerLanguage(partial(_session_title, action))
        owner = PerLanguage(partial(_owner_name, action))
        made += len(
            notify(
                recipients=_owners(action),
                kind=Kind.ACTION_DUE,
                subject=gettext_lazy("Overdue since %(due)s: %(action)s")
                if overdue
                else gettext_lazy("Due on %(due)s: %(action)s"),
                body=gettext_lazy("Agreed at %(session)s, owned by %(owner)s."),
                params={
                    "due": written_date(action.due),
                    "action": action.description[:120],
                    "session": session_title,
                    "owner": owner,
                },
                url_name="action_list",
                key=f"action-due:{action.pk}:{day.isoformat()}",
            )
        )
    return made


def _session_title(action: FollowUpAction) -> str:
    return action.session.display_title


def _owner_name(action: FollowUpAction) -> str:
    return action.owner_name


def written_date(day: datetime.date) -> PerLanguage:
    """A date as the reader's language writes it."""
    return PerLanguage(lambda: date_format(day, "DATE_FORMAT"))


def _owners(action: FollowUpAction) -> Any:
    """The focal points of every body and state that owns the action."""
    return focal_points_of(
        mechanism_ids=[m.pk for m in action.owner_mechanisms.all()],
        country_ids=[c.pk for c in action.owner_countries.all()],
    ).distinct()
