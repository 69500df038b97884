"""The secretariat's admin: the registry with the history of every change."""

from __future__ import annotations

import json

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


def test_every_admin_page_writes_through_the_services_or_not_at_all():
    """One write path: each model the admin shows is edited through the secretariat's edit
    service (checked, validated, audited, seen at once), or is read-only with a link to the
    pages that change it."""
    from django.contrib import admin

    from sinergia.accounts.admin_support import ReadOnlyAdminMixin, ServiceAdminMixin

    for model, model_admin in admin.site._registry.items():
        assert isinstance(model_admin, ServiceAdminMixin | ReadOnlyAdminMixin), model
        for inline in model_admin.inlines:
            assert isinstance(model_admin, ServiceAdminMixin) or issubclass(
                inline, ReadOnlyAdminMixin
            ), (model, inline)


def test_an_admin_edit_is_audited_and_seen_at_once_by_pages_search_and_analysis(
    secretariat_client, settings
):
    from django.test import Client

    from sinergia.accounts.models import AuditEntry
    from sinergia.registry.models import Country
    from tests.html_forms import form_data

    settings.SINERGIA_PUBLIC_CACHE_SECONDS = 600
    public = Client()
    crm = Mechanism.objects.get(acronym="CRM")

    def guyana_burden() -> int:
        rows = public.get("/api/v1/synergy/burden").json()
        return next(row["mechanisms"] for row in rows if row["country"] == "GUY")

    burden_before = guyana_burden()
    assert "Guyana" not in public.get("/en/mechanisms/CRM/").content.decode()
    assert "CRM" not in public.get("/en/search/", {"q": "Zetaconferencia"}).content.decode()

    page = secretariat_client.get(f"/admin/registry/mechanism/{crm.pk}/change/")
    data = form_data(page.content.decode(), "mechanism_form")
    data["aliases"] = '["Zetaconferencia"]'
    row = int(data["memberships-TOTAL_FORMS"])
    data["memberships-TOTAL_FORMS"] = str(row + 1)
    data.update(
        {
            f"memberships-{row}-country": str(Country.objects.get(iso3="GUY").pk),
            f"memberships-{row}-role": "member",
            f"memberships-{row}-since": "2024-01-01",
            f"memberships-{row}-since_precision": "day",
            f"memberships-{row}-until_precision": "year",
            f"memberships-{row}-confirmed": "on",
            f"memberships-{row}-source": str(crm.source_id),
        }
    )
    saved = secretariat_client.post(f"/admin/registry/mechanism/{crm.pk}/change/", data)
    assert saved.status_code == 302, saved.context["errors"] if saved.context else saved

    update = AuditEntry.objects.get(action="mechanism.update", object_id=str(crm.pk))
    assert update.actor_label == "secretaria"
    assert update.changes["aliases"]["after"] == "['Zetaconferencia']"
    assert AuditEntry.objects.filter(action="membership.create").count() == 1
    # Pages, search and the analysis see it at once, though each was cached before.
    assert "Guyana" in public.get("/en/mechanisms/CRM/").content.decode()
    assert "CRM" in public.get("/en/search/", {"q": "Zetaconferencia"}).content.decode()
    assert guyana_burden() == burden_before + 1


def test_an_admin_edit_of_a_concept_reindexes_the_practices(secretariat_client):
    """A new synonym of a theme finds the practices tagged with it at once."""
    from sinergia.practices.search import SearchQuery, practice_search
    from sinergia.vocabulary.models import Concept
    from tests.html_forms import form_data

    concept = Concept.objects.get(key="trafficking-in-persons")
    query = SearchQuery(text="zetatrata")
    assert practice_search(query).count == 0
    page = secretariat_client.get(f"/admin/vocabulary/concept/{concept.pk}/change/")
    data = form_data(page.content.decode(), "concept_form")
    synonyms = {**concept.synonyms, "es": [*concept.synonyms.get("es", []), "zetatrata"]}
    data["synonyms"] = json.dumps(synonyms, ensure_ascii=False)
    saved = secretariat_client.post(f"/admin/vocabulary/concept/{concept.pk}/change/", data)
    assert saved.status_code == 302
    assert practice_search(query).count > 0


def test_a_staff_member_outside_the_secretariat_cannot_write(client, django_user_model):
    staff = django_user_model.objects.create_user("staff", password="pw-1234567", is_staff=True)
    from django.contrib.auth.models import Permission

    staff.user_permissions.set(Permission.objects.filter(codename__endswith="_mechanism"))
    client.force_login(staff)
    crm = Mechanism.objects.get(acronym="CRM")
    assert client.post(f"/admin/registry/mechanism/{crm.pk}/change/", {}).status_code == 403


def test_the_admin_does_not_revert_a_version_around_the_services(secretariat_client):
    crm = Mechanism.objects.get(acronym="CRM")
    version = crm.history.first()
    response = secretariat_client.post(
        f"/admin/registry/mechanism/{crm.pk}/history/{version.history_id}/", {"acronym": "X"}
    )
    assert response.status_code == 403


def test_a_role_given_in_the_admin_is_audited_privately(secretariat_client, django_user_model):
    """People's roles are not public data: the change is in the trail, the version stays."""
    from sinergia.accounts.models import AuditEntry, RoleAssignment
    from sinergia.data_version import data_version
    from tests.html_forms import form_data

    person = django_user_model.objects.create_user("nueva", password="pw-1234567")
    version = data_version()
    page = secretariat_client.get("/admin/accounts/roleassignment/add/")
    data = form_data(page.content.decode(), "roleassignment_form")
    data.update({"user": str(person.pk), "role": "reviewer"})
    assert secretariat_client.post("/admin/accounts/roleassignment/add/", data).status_code == 302
    role = RoleAssignment.objects.get(user=person)
    entry = AuditEntry.objects.get(action="role.create", object_id=str(role.pk))
    assert entry.changes["role"] == {"before": "", "after": "reviewer"}
    assert data_version() == version


def test_a_password_set_in_the_admin_is_audited_without_the_hash(
    secretariat_client, django_user_model
):
    from sinergia.accounts.models import AuditEntry

    person = django_user_model.objects.create_user("olvido", password="pw-1234567")
    response = secretariat_client.post(
        f"/admin/auth/user/{person.pk}/password/",
        {"password1": "otra-clave-larga-123", "password2": "otra-clave-larga-123"},
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="account.password_set", object_id=str(person.pk))
    assert "argon2" not in json.dumps(entry.changes)
    page = secretariat_client.get(f"/admin/auth/user/{person.pk}/change/")
    from tests.html_forms import form_data

    data = form_data(page.content.decode(), "user_form")
    data["first_name"] = "Olvido"
    assert secretariat_client.post(f"/admin/auth/user/{person.pk}/change/", data).status_code == 302
    update = AuditEntry.objects.get(action="account.update", object_id=str(person.pk))
    assert update.changes["first_name"]["after"] == "Olvido"
    assert "argon2" not in json.dumps(update.changes)


def test_a_direct_edit_never_moves_a_workflow_field():
    from sinergia.accounts.editing import record_save
    from sinergia.practices.models import Practice, Status
    from tests.factories import secretariat_user

    practice = Practice.objects.filter(status=Status.PUBLISHED).first()
    practice.status = Status.DRAFT
    practice.title = "Título corregido por la secretaría"
    record_save(actor=secretariat_user(), instance=practice)
    practice.refresh_from_db()
    assert practice.status == Status.PUBLISHED
    assert practice.title == "Título corregido por la secretaría"
