"""What is kept from an object follows its restore: a restored practice is found by the
words it has again, and no longer by those it lost."""

from __future__ import annotations

import pytest

from sinergia.accounts.versions import version_restore
from sinergia.practices import services
from sinergia.practices.search import SearchQuery, practice_search
from tests.factories import secretariat_user
from tests.practices.helpers import draft, reviewer, state_focal_point

pytestmark = pytest.mark.django_db


def _found(text: str) -> list[int]:
    return practice_search(SearchQuery(text=text), facets=False, correct=False).ids


def test_a_restored_practice_is_searched_by_its_restored_words():
    author = state_focal_point("COL")
    practice = draft(author, title="Ventanilla binacional de orientación jurídica")
    practice = services.practice_submit(actor=author, practice=practice)
    practice = services.practice_publish(actor=reviewer(), practice=practice)
    published = practice.history.order_by("-history_date", "-history_id").first()
    data = services.PracticeData(
        title="Caravana de salud itinerante",
        summary=practice.summary,
        language="es",
        countries=["COL"],
    )
    services.practice_update(actor=secretariat_user(), practice=practice, data=data)
    assert practice.pk in _found("caravana itinerante")

    version_restore(
        actor=secretariat_user(),
        label="practices.practice",
        pk=str(practice.pk),
        history_id=published.history_id,
    )
    assert practice.pk in _found("ventanilla binacional")
    assert practice.pk not in _found("caravana itinerante")
