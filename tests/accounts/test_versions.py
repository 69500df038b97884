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
