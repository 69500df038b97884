"""Writes to the registry check the rule and leave an audit record."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from sinergia.accounts.models import AuditEntry, RoleKind
from sinergia.registry.models import Country, Mechanism, Role
from sinergia.registry.services import membership_add, membership_end
from tests.factories import SourceFactory, secretariat_user, user_with_role

pytestmark = pytest.mark.django_db


def _add(actor, acronym="CRM", iso3="ARG"):
    return membership_add(
        actor=actor,
        mechanism=Mechanism.objects.get(acronym=acronym),
        country=Country.objects.get(iso3=iso3),
        role=Role.MEMBER,
        source=SourceFactory(),
        since=datetime.date(2026, 1, 1),
    )


def test_the_secretariat_adds_a_member_and_it_is_audited():
    actor = secretariat_user()
    membership = _add(actor)
    entry = AuditEntry.objects.get(action="membership.add", object_id=str(membership.pk))
    assert entry.actor == actor
    assert "ARG joined CRM" in entry.summary


def test_a_focal_point_of_the_mechanism_may_add_members():
    crm = Mechanism.objects.get(acronym="CRM")
    actor = user_with_role(RoleKind.MECHANISM_FOCAL_POINT, mechanism=crm)
    assert _add(actor).mechanism == crm


@pytest.mark.parametrize("who", ["anonymous", "other_mechanism", "state", "reviewer"])
def test_others_may_not_change_a_mechanisms_members(who):
    actors = {
        "anonymous": lambda: AnonymousUser(),
        "other_mechanism": lambda: user_with_role(
            RoleKind.MECHANISM_FOCAL_POINT, mechanism=Mechanism.objects.get(acronym="CSM")
        ),
        "state": lambda: user_with_role(
            RoleKind.STATE_FOCAL_POINT, country=Country.objects.get(iso3="ARG")
        ),
        "reviewer": lambda: user_with_role(RoleKind.REVIEWER),
    }
    with pytest.raises(PermissionDenied):
        _add(actors[who]())
    assert not AuditEntry.objects.filter(action="membership.add").exists()


def test_ending_a_membership_before_it_began_is_refused():
    actor = secretariat_user()
    membership = _add(actor)
    with pytest.raises(ValidationError):
        membership_end(actor=actor, membership=membership, until=datetime.date(2020, 1, 1))


def test_ending_a_membership_is_audited_with_before_and_after():
    actor = secretariat_user()
    membership = membership_end(
        actor=actor, membership=_add(actor), until=datetime.date(2026, 6, 30)
    )
    entry = AuditEntry.objects.get(action="membership.end")
    assert entry.changes == {"before": {"until": ""}, "after": {"until": "2026-06-30"}}
    assert not membership.holds_on(datetime.date(2026, 7, 1))
