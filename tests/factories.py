"""Factories for the objects tests create beyond the bundled reference data."""

from __future__ import annotations

import factory
from django.contrib.auth import get_user_model

from sinergia.accounts.models import RoleAssignment, RoleKind
from sinergia.registry.models import Source


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"person{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    key = factory.Sequence(lambda n: f"test-source-{n}")
    title = "Communiqué"
    publisher = "Secretariat"
    url = "https://example.org/communique"


def user_with_role(role: str, *, country=None, mechanism=None, **fields):
    user = UserFactory(**fields)
    RoleAssignment.objects.create(user=user, role=role, country=country, mechanism=mechanism)
    return user


def secretariat_user():
    return user_with_role(RoleKind.ADMIN, username="secretariat")
