"""The notifications pages: the header's unread count, the list (unread first), marking read
by POST, and the preferences grid."""

from __future__ import annotations

import pytest
from django.test import Client

from sinergia.accounts.models import Profile
from sinergia.notifications.models import Kind, Notification, NotificationPreference
from tests.practices.helpers import reviewer, state_focal_point

pytestmark = pytest.mark.django_db


def note(user, subject, **fields):
    return Notification.objects.create(
        recipient=user,
        kind=Kind.PRACTICE_SUBMITTED,
        subject=subject,
        url="/es/practices/",
        **fields,
    )


@pytest.fixture
def person(client):
    user = reviewer()
    client.force_login(user)
    return user


def test_the_header_counts_unread_and_the_list_shows_them_first(
    client, person, django_assert_max_num_queries
):
    from django.utils import timezone

    old = note(person, "Leída antes", read_at=timezone.now())
    note(person, "Primera sin leer")
    note(person, "Segunda sin leer")
    note(person, "Solo por correo", listed=False)
    note(state_focal_point(), "De otra persona")

    home = client.get("/es/").content.decode()
    assert 'id="notifications-unread">2<' in home
    with django_assert_max_num_queries(12):
        page = client.get("/es/notifications/")
    text = page.content.decode()
    assert page["Cache-Control"] == "no-store"
    assert text.index("Segunda sin leer") < text.index("Primera sin leer") < text.index(old.subject)
    assert "Solo por correo" not in text and "De otra persona" not in text
    assert "2 notificaciones sin leer." in text


def test_the_folded_menu_of_a_phone_carries_the_unread_count_in_every_language(client, person):
    """On a phone the header's links are folded under "Menu": the unread count shows on it,
    read out in words, and the count is made once for the whole header."""
    note(person, "Primera sin leer")
    note(person, "Segunda sin leer")
    for language, words in {"es": "2 notificaciones sin leer", "en": "2 unread notifications",
                            "fr": "2 notifications non lues", "pt": "2 notificações não lidas"}.items():  # fmt: skip
        html = client.get(f"/{language}/mechanisms/").content.decode()
        summary = html[html.index('<details class="menu-fold"') :].split("</summary>")[0]
        assert '<span class="badge" aria-hidden="true">2</span>' in summary, language
        assert f"({words})" in summary, language
        assert 'id="notifications-unread">2<' in html
    Notification.objects.filter(recipient=person).update(read_at="2026-01-01T00:00Z")
    html = client.get("/en/mechanisms/").content.decode()
    summary = html[html.index('<details class="menu-fold"') :].split("</summary>")[0]
    assert "badge" not in summary and "Menu" in summary


def test_marking_read_is_a_post_with_its_token_on_ones_own(person):
    mine = note(person, "Mía")
    theirs = note(state_focal_point(), "Ajena")
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(person)
    assert browser.post(f"/es/notifications/{mine.pk}/read/").status_code == 403  # no token
    browser.get("/es/notifications/")
    token = browser.cookies["csrftoken"].value
    assert browser.get(f"/es/notifications/{mine.pk}/read/").status_code == 405
    opened = browser.post(
        f"/es/notifications/{mine.pk}/read/", {"csrfmiddlewaretoken": token, "open": "1"}
    )
    assert opened.status_code == 302 and opened["Location"] == "/es/practices/"
    mine.refresh_from_db()
    assert mine.read_at is not None
    refused = browser.post(f"/es/notifications/{theirs.pk}/read/", {"csrfmiddlewaretoken": token})
    assert refused.status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_all_read(client, person):
    note(person, "Una")
    note(person, "Otra")
    response = client.post("/en/notifications/read/", follow=True)
    assert "All notifications marked read." in response.content.decode()
    assert not Notification.objects.filter(recipient=person, read_at__isnull=True).exists()
    assert 'id="notifications-unread"' not in response.content.decode()


def test_the_preferences_grid_saves_each_kind_and_channel_and_the_language(client, person):
    page = client.get("/fr/notifications/preferences/").content.decode()
    assert "Une pratique est soumise à examen" in page
    assert page.count('type="checkbox"') == 2 * len(Kind) and page.count("checked") == 2 * len(Kind)
    choices = {f"{kind}:in_app": "on" for kind in Kind.values} | {
        f"{kind}:email": "on" for kind in Kind.values
    }
    del choices[f"{Kind.ACTION_DUE}:email"]
    saved = client.post(
        "/fr/notifications/preferences/", {**choices, "language": "pt"}, follow=True
    )
    assert "Vos choix sont enregistrés." in saved.content.decode()
    preference = NotificationPreference.objects.get(user=person, kind=Kind.ACTION_DUE)
    assert (preference.in_app, preference.email) == (True, False)
    assert Profile.objects.get(user=person).language == "pt"


def test_the_pages_ask_to_sign_in(client):
    for address in ("/es/notifications/", "/es/notifications/preferences/"):
        response = client.get(address)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
