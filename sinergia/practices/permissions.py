"""Who may do what with a good practice. Services ask these before they write; selectors use
them to decide what a person may see.

`can_view` and `visible_filter` are the one rule for who sees a practice: every page, the API,
the exports, the feed, search, the open-data package and the consolidated report ask it, the
public channels for `ANONYMOUS`."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q

from sinergia.accounts.models import RoleKind
from sinergia.accounts.permissions import is_secretariat, roles_of
from sinergia.accounts.services import Actor
from sinergia.practices.models import Practice, Status

EDITABLE_BY_AUTHORS = {Status.DRAFT, Status.CHANGES_REQUESTED}

# The reader who is not signed in: what it may see is what every public channel shows.
ANONYMOUS: Actor = AnonymousUser()


def is_reviewer(actor: Actor) -> bool:
    """A reviewer of the secretariat (administrators review too)."""
    return is_secretariat(actor) or any(
        role == RoleKind.REVIEWER for role, _c, _m in roles_of(actor)
    )


def focal_scopes(actor: Actor) -> tuple[set[int], set[int]]:
    """The countries and mechanisms the actor is a focal point for."""
    countries = {c for role, c, _m in roles_of(actor) if role == RoleKind.STATE_FOCAL_POINT and c}
    mechanisms = {
        m for role, _c, m in roles_of(actor) if role == RoleKind.MECHANISM_FOCAL_POINT and m
    }
    return countries, mechanisms


def can_submit_for(actor: Actor, *, country_id: int | None, mechanism_id: int | None) -> bool:
    """A state focal point for its own country, a mechanism focal point for its mechanism,
    the secretariat for anyone."""
    if is_secretariat(actor):
        return True
    countries, mechanisms = focal_scopes(actor)
    return (country_id is not None and country_id in countries) or (
        mechanism_id is not None and mechanism_id in mechanisms
    )


def is_author(actor: Actor, practice: Practice) -> bool:
    """A focal point of the country or mechanism the practice was submitted for."""
    countries, mechanisms = focal_scopes(actor)
    return (
        practice.submitting_country_id in countries
        or practice.submitting_mechanism_id in mechanisms
    )


def can_edit(actor: Actor, practice: Practice) -> bool:
    if is_secretariat(actor):
        return True
    if is_reviewer(actor):
        return practice.status in {Status.SUBMITTED, Status.IN_REVIEW}
    return is_author(actor, practice) and practice.status in EDITABLE_BY_AUTHORS


def can_view(actor: Actor, practice: Practice) -> bool:
    """Published practices are public; others only to their authors and the reviewers."""
    return practice.status == Status.PUBLISHED or is_reviewer(actor) or is_author(actor, practice)


def visible_filter(actor: Actor) -> Q:
    """The practices `actor` may see, as a filter: the public sees published ones only."""
    return visible_in_scope(visibility_scope(actor))


# What decides which practices someone sees: every practice (a reviewer), or the published
# ones and those of some countries and mechanisms (their ids, sorted).
Scope = tuple[bool, tuple[int, ...], tuple[int, ...]]


def visibility_scope(actor: Actor) -> Scope:
    """The actor's scope: people of one scope see the same practices."""
    if is_reviewer(actor):
        return (True, (), ())
    countries, mechanisms = focal_scopes(actor)
    return (False, tuple(sorted(countries)), tuple(sorted(mechanisms)))


def visible_in_scope(scope: Scope) -> Q:
    everything, countries, mechanisms = scope
    if everything:
        return Q()
    return (
        Q(status=Status.PUBLISHED)
        | Q(submitting_country_id__in=countries)
        | Q(submitting_mechanism_id__in=mechanisms)
    )
