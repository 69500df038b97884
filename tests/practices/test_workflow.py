"""The review workflow: only services move a practice, each step recorded and notified."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from sinergia.accounts.models import AuditEntry
from sinergia.notifications.mail import mail_wait
from sinergia.practices import services
from sinergia.practices.models import Status
from sinergia.practices.search import SearchQuery, practice_search
from tests.factories import secretariat_user
from tests.practices.helpers import draft, mechanism_focal_point, reviewer, state_focal_point

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in English, whatever the default language."""
    with translation.override("en"):
        yield


def _found(title_word: str) -> bool:
    result = practice_search(SearchQuery(text=title_word))
    return any(title_word in hit.plain_title for hit in result.hits)


def test_submit_review_publish_then_the_public_finds_it(django_capture_on_commit_callbacks):
    author, checker = state_focal_point(email="focal@example.org"), reviewer()
    practice = draft(author)
    assert practice.status == Status.DRAFT
    assert not _found("Ruta de atención")

    with django_capture_on_commit_callbacks(execute=True):
        services.practice_submit(actor=author, practice=practice, comment="Lista")
    mail_wait()  # notification mail goes from a thread of its own
    assert [m.to for m in mail.outbox] == [["reviewer@example.org"]]
    services.practice_start_review(actor=checker, practice=practice)
    assert not _found("Ruta de atención")
    with django_capture_on_commit_callbacks(execute=True):
        services.practice_publish(actor=checker, practice=practice, comment="Aprobada")

    practice.refresh_from_db()
    assert practice.status == Status.PUBLISHED and practice.published_at
    mail_wait()
    assert mail.outbox[-1].to == ["focal@example.org"]
    steps = [(c.from_status, c.to_status, c.by_label) for c in practice.status_changes.all()]
    assert steps == [
        ("", "draft", "focal-col"),
        ("draft", "submitted", "focal-col"),
        ("submitted", "in_review", "reviewer"),
        ("in_review", "published", "reviewer"),
    ]
    assert AuditEntry.objects.filter(action="practice.publish", object_id=str(practice.pk)).exists()
    result = practice_search(SearchQuery(text="niñez no acompañada"))
    assert practice.pk in result.ids


def test_changes_requested_go_back_to_the_author_with_a_comment():
    author, checker = state_focal_point(), reviewer()
    practice = services.practice_submit(actor=author, practice=draft(author))
    with pytest.raises(ValidationError):
        services.practice_request_changes(actor=checker, practice=practice, comment=" ")
    services.practice_request_changes(actor=checker, practice=practice, comment="Add the results.")
    assert practice.status == Status.CHANGES_REQUESTED
    services.practice_submit(actor=author, practice=practice)
    assert practice.status == Status.SUBMITTED


def test_a_state_submits_only_for_its_own_country():
    with pytest.raises(PermissionDenied):
        services.practice_create(
            actor=state_focal_point("COL"),
            data=services.PracticeData(
                title="t", summary="s", language="es", countries=["PER"], submitting_country="PER"
            ),
        )
    with pytest.raises(ValidationError, match="own country"):
        services.practice_create(
            actor=state_focal_point("ECU"),
            data=services.PracticeData(title="t", summary="s", language="es", countries=["PER"]),
        )


def test_a_mechanism_focal_point_submits_for_its_mechanism():
    author = mechanism_focal_point("CRM")
    practice = draft(author, iso3="GTM")
    assert practice.submitting_mechanism.acronym == "CRM"
    other = mechanism_focal_point("CSM")
    with pytest.raises(PermissionDenied):
        services.practice_submit(actor=other, practice=practice)


@pytest.mark.parametrize("who", ["author", "other_state"])
def test_only_reviewers_publish(who):
    author = state_focal_point()
    practice = services.practice_submit(actor=author, practice=draft(author))
    actor = author if who == "author" else state_focal_point("PER")
    with pytest.raises(PermissionDenied):
        services.practice_publish(actor=actor, practice=practice)


def test_a_published_practice_cannot_be_submitted_again_and_can_be_archived():
    author, checker = state_focal_point(), reviewer()
    practice = services.practice_submit(actor=author, practice=draft(author))
    services.practice_publish(actor=checker, practice=practice)
    with pytest.raises(ValidationError, match="cannot be"):
        services.practice_submit(actor=secretariat_user(), practice=practice)
    services.practice_archive(actor=checker, practice=practice, comment="Ended")
    assert practice.status == Status.ARCHIVED
    assert practice.pk not in practice_search(SearchQuery(text="niñez no acompañada")).ids


def test_authors_cannot_edit_once_submitted():
    author = state_focal_point()
    practice = services.practice_submit(actor=author, practice=draft(author))
    data = services.PracticeData(title="Nuevo", summary="s", language="es", countries=["COL"])
    with pytest.raises(PermissionDenied):
        services.practice_update(actor=author, practice=practice, data=data)


def test_themes_are_suggested_by_the_tagger_and_confirmed_by_people():
    author = state_focal_point()
    practice = draft(author)
    assert "children" in practice.suggested_themes
    assert "children" in {t.key for t in practice.themes.all()}
    data = services.PracticeData(
        title=practice.title,
        summary=practice.summary,
        language="es",
        countries=["COL"],
        themes=["education"],
    )
    services.practice_update(actor=author, practice=practice, data=data)
    assert [t.key for t in practice.themes.all()] == ["education"]


def test_near_duplicate_warning_names_the_similar_practice():
    from sinergia.practices.selectors import similar_practices

    author = state_focal_point("PER")
    practice = draft(
        author,
        iso3="PER",
        title="Permiso Temporal de Permanencia para ciudadanos venezolanos",
        summary="Permiso temporal de permanencia que regulariza a ciudadanos venezolanos y les permite trabajar.",
    )
    similar = similar_practices(practice, author)
    assert similar, "expected a warning"
    assert "Permanencia" in similar[0].practice.title
    assert similar[0].submitted_by


def test_a_practice_submitted_after_a_first_look_is_named_similar_at_the_next():
    """The similar practices are kept until the practices change: a near duplicate submitted
    by another state after a reviewer's first look is named at the next one."""
    from sinergia.practices.selectors import similar_practices

    text = {
        "title": "Ventanilla zetaunica de orientación laboral para migrantes retornados",
        "summary": "Ventanilla zetaunica que orienta a migrantes retornados hacia empleo "
        "formal, certificación de competencias y crédito productivo.",
    }
    guatemala, honduras, secretariat = (
        state_focal_point("GTM"), state_focal_point("HND"), reviewer()
    )  # fmt: skip
    first = draft(guatemala, iso3="GTM", **text)
    services.practice_submit(actor=guatemala, practice=first)
    before = similar_practices(first, secretariat)
    second = draft(honduras, iso3="HND", **text)  # a draft is compared with nothing
    assert all(item.practice.pk != second.pk for item in similar_practices(first, secretariat))
    services.practice_submit(actor=honduras, practice=second)
    after = similar_practices(first, secretariat)
    assert second.pk not in {item.practice.pk for item in before}
    assert after and after[0].practice.pk == second.pk


def test_the_practices_compared_are_weighed_once_for_every_look_until_one_changes(monkeypatch):
    """A reviewer going through the queue: each look at a practice under review compares it
    with the same practices, weighed once while none of them changes."""
    from sinergia.practices import selectors
    from sinergia.vocabulary import features

    weighed = []
    monkeypatch.setattr(
        selectors,
        "text_features",
        lambda *a, **k: weighed.append(1) or features.text_features(*a, **k),
    )
    guatemala, secretariat = state_focal_point("GTM"), reviewer()
    submitted = []
    for title in ("Ventanilla zetaunica de empleo", "Registro zetanuevo de retornados"):
        practice = draft(guatemala, iso3="GTM", title=title)
        submitted.append(services.practice_submit(actor=guatemala, practice=practice))
    looks = [selectors.similar_practices(selectors.practice_get(p.pk, secretariat), secretariat)
             for p in (*submitted, *submitted)]  # fmt: skip
    assert len(looks) == 4 and weighed == [1]
    services.practice_start_review(actor=secretariat, practice=submitted[0])
    selectors.similar_practices(selectors.practice_get(submitted[1].pk, secretariat), secretariat)
    assert weighed == [1, 1]


def test_an_edit_made_from_a_stale_copy_keeps_a_publication_taken_meanwhile():
    """The secretariat edits a practice while a reviewer publishes it: the publication stays,
    and the edit, made to a public practice, is seen by the public at once."""
    from sinergia.data_version import data_version
    from sinergia.practices.models import Practice

    focal = state_focal_point("COL")
    practice = draft(focal)
    services.practice_submit(actor=focal, practice=practice)
    stale = Practice.objects.get(pk=practice.pk)  # the editor's copy, loaded before
    services.practice_publish(actor=reviewer(), practice=practice)
    before = data_version("practices")
    edited = services.PracticeData(
        title="Ruta de atención revisada", summary=stale.summary, language="es", countries=["COL"]
    )
    services.practice_update(actor=secretariat_user(), practice=stale, data=edited)
    fresh = Practice.objects.get(pk=practice.pk)
    assert fresh.status == Status.PUBLISHED and fresh.title == "Ruta de atención revisada"
    assert data_version("practices") != before
