"""Sinergia writes to a person in the language they sign in with, until they choose one."""

from __future__ import annotations

import pytest

from sinergia.accounts.models import Profile
from sinergia.core.demo import DEMO_PASSWORD
from tests.practices.helpers import reviewer

pytestmark = pytest.mark.django_db


def _sign_in(client, language, user):
    client.get(f"/{language}/accounts/login/")
    return client.post(
        f"/{language}/accounts/login/", {"username": user.username, "password": DEMO_PASSWORD}
    )


def test_the_language_of_the_first_sign_in_becomes_the_language_of_messages(client):
    person = reviewer()
    person.set_password(DEMO_PASSWORD)
    person.save()
    assert _sign_in(client, "pt", person).status_code == 302
    assert Profile.objects.get(user=person).language == "pt"
    client.logout()
    _sign_in(client, "fr", person)  # a choice made stays until the person changes it
    assert Profile.objects.get(user=person).language == "pt"
