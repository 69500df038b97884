"""Who may do what in the annual dialogue. Services ask these before they write."""

from __future__ import annotations

from django.db.models import Q

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


def can_update_action(actor: Actor, action: FollowUpAction) -> bool:
    """The owner's focal point reports progress; the secretariat too."""
    if is_secretariat(actor):
        return True
    countries, mechanisms = focal_scopes(actor)
    return (action.owner_country_id is not None and action.owner_country_id in countries) or (
        action.owner_mechanism_id is not None and action.owner_mechanism_id in mechanisms
    )
