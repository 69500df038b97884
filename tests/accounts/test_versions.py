"""The secretariat reads the audit trail and restores an earlier version; no one else can."""

from __future__ import annotations

import pytest

from sinergia.accounts.models import AuditEntry
from sinergia.practices import services
from sinergia.practices.models import Practice
from tests.factories import secretariat_user
from tests.practices.helpers import draft, state_focal_point

pytestmark = pytest.mark.django_db


def test_the_secretariat_sees_before_and_after_and_restores_a_version(client):
    author = state_focal_point("COL")
    practice = draft(author, title="Título original de la práctica")
    data = services.PracticeData(
        title="Título cambiado por error",
        summary=practice.summary,
        language="es",
        countries=["COL"],
    )
    services.practice_update(actor=author, practice=practice, data=data)
    client.force_login(secretariat_user())
    trail = client.get("/es/audit/?action=practice").content.decode()
    assert "Título original de la práctica" in trail and "Título cambiado por error" in trail

    label = "practices.practice"
    page = client.get(f"/es/audit/versions/{label}/{practice.pk}/").content.decode()
    assert "Título cambiado por error" in page
    oldest = practice.history.order_by("history_date").first()
    client.post(f"/es/audit/versions/{label}/{practice.pk}/", {"history_id": oldest.history_id})
    assert Practice.objects.get(pk=practice.pk).title == "Título original de la práctica"
    restore = AuditEntry.objects.get(action="version.restore")
    assert restore.changes["title"] == {
        "before": "Título cambiado por error",
        "after": "Título original de la práctica",
    }


def test_only_the_secretariat_opens_the_trail_or_restores(client):
    author = state_focal_point("COL")
    practice = draft(author)
    client.force_login(author)
    assert client.get("/es/audit/").status_code == 403
    oldest = practice.history.first()
    response = client.post(
        f"/es/audit/versions/practices.practice/{practice.pk}/", {"history_id": oldest.history_id}
    )
    assert response.status_code == 403


def test_a_restore_brings_back_content_never_a_workflow_status(client, settings):
    """The first version of a practice was a draft: restoring it now that the practice is
    published brings back its title, and the practice stays published, in search and on the
    public page at once."""
    from django.test import Client

    from sinergia.practices.models import Status
    from sinergia.practices.search import SearchQuery, practice_search
    from tests.practices.helpers import reviewer

    settings.SINERGIA_PUBLIC_CACHE_SECONDS = 600
    author = state_focal_point("COL")
    practice = draft(author, title="Mesa binacional de zetaprotección fronteriza")
    first = practice.history.order_by("history_date", "history_id").first()
    assert first.status == Status.DRAFT
    data = services.PracticeData(
        title="Mesa binacional renombrada",
        summary=practice.summary,
        language="es",
        countries=["COL"],
    )
    services.practice_update(actor=author, practice=practice, data=data)
    services.practice_submit(actor=author, practice=practice)
    services.practice_publish(actor=reviewer(), practice=practice)
    public = Client()
    assert "renombrada" in public.get(f"/es/practices/{practice.pk}/").content.decode()

    client.force_login(secretariat_user())
    response = client.post(
        f"/es/audit/versions/practices.practice/{practice.pk}/", {"history_id": first.history_id}
    )
    assert response.status_code == 302
    practice.refresh_from_db()
    assert practice.title == "Mesa binacional de zetaprotección fronteriza"
    assert practice.status == Status.PUBLISHED and practice.published_at is not None
    entry = AuditEntry.objects.get(action="version.restore")
    assert "status" not in entry.changes and "title" in entry.changes
    assert "zetaprotección" in public.get(f"/es/practices/{practice.pk}/").content.decode()
    assert practice_search(SearchQuery(text="zetaprotección")).count == 1


def test_a_restore_of_an_archived_practice_keeps_it_out_of_search(client):
    from sinergia.practices.models import Status
    from sinergia.practices.search import SearchQuery, practice_search
    from tests.practices.helpers import reviewer

    author = state_focal_point("COL")
    practice = draft(author, title="Programa zetaretirado de acogida")
    services.practice_submit(actor=author, practice=practice)
    desk = reviewer()
    services.practice_publish(actor=desk, practice=practice)
    published = practice.history.filter(status=Status.PUBLISHED).first()
    services.practice_archive(actor=desk, practice=practice)
    client.force_login(secretariat_user())
    client.post(
        f"/es/audit/versions/practices.practice/{practice.pk}/",
        {"history_id": published.history_id},
    )
    practice.refresh_from_db()
    assert practice.status == Status.ARCHIVED
    assert practice_search(SearchQuery(text="zetaretirado")).count == 0


@pytest.mark.parametrize("history_id", ["", "abc", "-1", "1.5", "9" * 40, "²"])
def test_a_restore_asked_with_a_bad_version_is_refused_clearly(client, history_id):
    practice = draft(state_focal_point("COL"))
    client.force_login(secretariat_user())
    response = client.post(
        f"/en/audit/versions/practices.practice/{practice.pk}/", {"history_id": history_id}
    )
    assert response.status_code == 400
    assert "Nothing was restored" in response.content.decode()
    assert not AuditEntry.objects.filter(action="version.restore").exists()


def test_a_restored_mechanism_is_seen_at_once(client, settings):
    from django.test import Client

    from sinergia.accounts.editing import record_save
    from sinergia.registry.models import Mechanism

    settings.SINERGIA_PUBLIC_CACHE_SECONDS = 600
    secretariat = secretariat_user()
    crm = Mechanism.objects.get(acronym="CRM")
    before = crm.history.order_by("-history_date", "-history_id").first()
    crm.secretariat = "Secretaría zetatemporal"
    record_save(actor=secretariat, instance=crm)
    public = Client()
    assert "zetatemporal" in public.get("/en/mechanisms/CRM/").content.decode()
    client.force_login(secretariat)
    client.post(
        f"/en/audit/versions/registry.mechanism/{crm.pk}/", {"history_id": before.history_id}
    )
    assert "zetatemporal" not in public.get("/en/mechanisms/CRM/").content.decode()
    assert AuditEntry.objects.filter(action="version.restore", object_id=str(crm.pk)).exists()
