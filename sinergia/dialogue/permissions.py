"""Who may do what in the annual dialogue. Services ask these before they write; selectors,
the report, the open-data package and the synergy engine ask them what a reader may see.

What a reader sees of a session is decided here, once per entity: `visible_contributions`
for contributions, `visible_participants` for who took part. Public channels ask them for
`sinergia.practices.permissions.ANONYMOUS`; a practice reported from a contribution goes
through the practice rule (`sinergia.practices.permissions.visible_filter`)."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q

from sinergia.accounts.permissions import is_secretariat
from sinergia.accounts.services import Actor
from sinergia.dialogue.models import Contribution, ContributionStatus, FollowUpAction, Participant
from sinergia.practices.permissions import focal_scopes


def can_manage_sessions(actor: Actor) -> bool:
    """Sessions, their questions, participants and agreed actions: the CAM secretariat."""
    return is_secretariat(actor)


def speaks_for(actor: Actor, participant: Participant) -> bool:
    """A focal point of the participant's own country or mechanism."""
    countries, mechanisms = focal_scopes(actor)
    return (participant.country_id is not None and participant.country_id in countries) or (
        participant.mechanism_id is not None and participant.mechanism_id in mechanisms
    )


def can_contribute(actor: Actor, participant: Participant) -> bool:
    """A participant's focal point submits its own; the secretariat records any on its behalf."""
    return is_secretariat(actor) or speaks_for(actor, participant)


def can_edit_contribution(actor: Actor, contribution: Contribution) -> bool:
    return can_contribute(actor, contribution.participant)


def can_view_contribution(actor: Actor, contribution: Contribution) -> bool:
    return contribution.status == ContributionStatus.SUBMITTED or can_edit_contribution(
        actor, contribution
    )


def visible_contributions(actor: Actor) -> Q:
    """Submitted contributions are public; drafts and withdrawn ones only to their authors."""
    if is_secretariat(actor):
        return Q()
    countries, mechanisms = focal_scopes(actor)
    return (
        Q(status=ContributionStatus.SUBMITTED)
        | Q(participant__country_id__in=countries)
        | Q(participant__mechanism_id__in=mechanisms)
    )


def visible_participants(actor: Actor) -> Q:
    """The participants the actor may see as having taken part in a session, as a filter.

    A participant is shown when a source confirms it, when the actor may see one of its
    contributions, or when it has none at all (the secretariat named it). A delegation that
    joined with drafts or withdrawn contributions only, unconfirmed by a source, is seen by
    its own focal points and the secretariat alone."""
    if is_secretariat(actor):
        return Q()
    spoken = Contribution.objects.filter(participant=OuterRef("pk"))
    return (
        Q(confirmed=True, source__isnull=False)
        | Exists(spoken.filter(visible_contributions(actor)))
        | ~Exists(spoken)
    )


def speaks_for_owner(actor: Actor, action: FollowUpAction) -> bool:
    """A focal point of one of the states or mechanisms that own the action."""
    countries, mechanisms = focal_scopes(actor)
    if not countries and not mechanisms:
        return False
    return any(c.pk in countries for c in action.owner_countries.all()) or any(
        m.pk in mechanisms for m in action.owner_mechanisms.all()
    )


def owners_spoken_for(actor: Actor, action: FollowUpAction) -> list[str]:
    """The codes of the action's owners the actor is a focal point of."""
    countries, mechanisms = focal_scopes(actor)
    return [m.acronym for m in action.owner_mechanisms.all() if m.pk in mechanisms] + [
        c.iso3 for c in action.owner_countries.all() if c.pk in countries
    ]


def can_update_action(actor: Actor, action: FollowUpAction) -> bool:
    """The owner's focal point reports progress; the secretariat too."""
    return is_secretariat(actor) or speaks_for_owner(actor, action)


def sees_who_reported(actor: Actor) -> bool:
    """Who, in person, wrote a progress note: the secretariat. Everyone else sees the body
    it was written for (the action's owner, or the secretariat)."""
    return is_secretariat(actor)
