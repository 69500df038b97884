"""The secretariat's admin: the registry with the history of every change."""

from __future__ import annotations

import pytest

from sinergia.registry.models import Mechanism

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariat_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("secretaria", "s@example.org", "pw-1234567")
    client.force_login(user)
    return client


def test_the_secretariat_edits_a_mechanism_and_sees_its_history(secretariat_client):
    crm = Mechanism.objects.get(acronym="CRM")
    assert secretariat_client.get(f"/admin/registry/mechanism/{crm.pk}/change/").status_code == 200
    history = secretariat_client.get(f"/admin/registry/mechanism/{crm.pk}/history/")
    assert history.status_code == 200
    assert crm.history.count() >= 1


@pytest.mark.parametrize(
    "path",
    [
        "/admin/registry/membership/",
        "/admin/registry/country/",
        "/admin/registry/source/",
        "/admin/vocabulary/concept/",
        "/admin/accounts/auditentry/",
        "/admin/dialogue/session/",
        "/admin/dialogue/session/1/change/",
        "/admin/dialogue/contribution/",
        "/admin/dialogue/followupaction/",
    ],
)
def test_admin_lists_open(secretariat_client, path):
    assert secretariat_client.get(path).status_code == 200


def test_the_audit_trail_cannot_be_edited(secretariat_client):
    assert secretariat_client.get("/admin/accounts/auditentry/add/").status_code == 403


def test_the_public_cannot_enter_the_admin(client):
    assert client.get("/admin/registry/mechanism/").status_code == 302


def test_practices_are_read_only_in_the_admin_so_the_search_never_goes_stale(secretariat_client):
    """A practice changes only through the services (audit, reindex, caches): the admin shows
    it and links to its page, and refuses a change posted to it."""
    from sinergia.practices.models import Practice, Status

    practice = Practice.objects.filter(status=Status.PUBLISHED).first()
    page = secretariat_client.get(f"/admin/practices/practice/{practice.pk}/change/")
    assert page.status_code == 200
    assert 'name="title"' not in page.content.decode()  # shown, not editable
    posted = secretariat_client.post(
        f"/admin/practices/practice/{practice.pk}/change/", {"title": "Cambiado en el admin"}
    )
    assert posted.status_code == 403
    practice.refresh_from_db()
    assert practice.title != "Cambiado en el admin"
    assert secretariat_client.get("/admin/practices/practice/add/").status_code == 403
