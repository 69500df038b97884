"""Every page type in Spanish, French and Portuguese: no passage in English unless it is
marked `lang="en"` (WCAG 3.1.2), so that a screen reader reads it with the right voice and a
reader knows what is not in their language."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import translation
from lxml import html as lxml_html

from sinergia.dialogue.models import Contribution, Session
from sinergia.practices.models import Practice
from sinergia.vocabulary.models import Concept
from tests.dialogue.factories import session_with_contributions
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db

# Words that English uses constantly and Spanish, French and Portuguese never do.
ENGLISH_WORDS = re.compile(
    r"\b(the|of|and|was|were|not|found|signed|joined|which|with|from|been|this|that|is|are|"
    r"its|their|by|year|has)\b",
    re.IGNORECASE,
)
# Text that is not prose for a reader: code, and what the browser does not show.
SKIPPED = {"script", "style", "code", "pre", "kbd", "samp", "template"}
# Spanish "has" (you have) and French/Portuguese proper names are rare enough on these pages
# to be left out of the word list; what remains is reported with its page and element.


def _language_of(element: lxml_html.HtmlElement) -> str:
    for node in (element, *element.iterancestors()):
        language = node.get("lang")
        if language:
            return language.split("-")[0].lower()
    return ""


def english_passages(page: str) -> list[str]:
    """The text nodes of `page` that read as English while not marked lang="en"."""
    tree = lxml_html.fromstring(page)
    found = []
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in SKIPPED:
            continue
        chunks = [(element.text, element)]
        parent = element.getparent()
        if parent is not None and parent.tag not in SKIPPED:
            chunks.append((element.tail, parent))
        for text, owner in chunks:
            if not text or not text.strip():
                continue
            if _language_of(owner) == "en":
                continue
            # Acronyms in capitals (AND is Andorra) are not words of a language.
            words = [word for word in ENGLISH_WORDS.findall(text) if not word.isupper()]
            if words:
                found.append(f"<{owner.tag}> {' '.join(text.split())[:160]!r}")
    return found


def _pages(client) -> list[tuple[str, str]]:
    """(name, address without language prefix) of one page of every type."""
    session = session_with_contributions()
    english = Contribution.objects.filter(participant__session=session, language="en").first()
    practice = Practice.objects.filter(status="published").order_by("pk").first()
    concept = Concept.objects.order_by("key").first()
    assert english and practice and concept
    return [
        ("home", reverse("home")),
        ("mechanism list", reverse("mechanism_list")),
        ("mechanism CRM", reverse("mechanism_detail", args=["CRM"])),
        ("mechanism CSM", reverse("mechanism_detail", args=["CSM"])),
        ("mechanism FEM", reverse("mechanism_detail", args=["FEM"])),
        ("mechanism GMG", reverse("mechanism_detail", args=["GMG"])),
        ("mechanism CAM", reverse("mechanism_detail", args=["CAM"])),
        ("country list", reverse("country_list")),
        ("country GUY", reverse("country_detail", args=["GUY"])),
        ("country MEX", reverse("country_detail", args=["MEX"])),
        ("themes", reverse("theme_list")),
        ("theme", reverse("theme_detail", args=[concept.key])),
        ("practices", reverse("practice_list")),
        ("practice", reverse("practice_detail", args=[practice.pk])),
        ("dialogue sessions", reverse("session_list")),
        ("dialogue session", reverse("session_detail", args=[session.pk])),
        ("contribution", reverse("contribution_detail", args=[english.pk])),
        ("meetings", reverse("meeting_calendar")),
        ("synergy", reverse("synergy_dashboard")),
        ("statistics", reverse("statistics_home")),
        ("statistics area 419", reverse("statistics_area", args=["419"])),
        ("search", reverse("site_search") + "?q=migración"),
    ]


def _strip_prefix(path: str) -> str:
    return re.sub(r"^/(es|en|fr|pt)/", "/", path)


@pytest.mark.parametrize("language", ["es", "fr", "pt"])
def test_no_unmarked_english_on_any_page_type(client, language):
    with translation.override("es"):
        pages = _pages(client)
    reviewer = user_with_role("reviewer")
    problems = []
    for name, path in pages:
        response = client.get(f"/{language}{_strip_prefix(path)}")
        assert response.status_code == 200, name
        content = b"".join(response).decode() if response.streaming else response.content.decode()
        problems += [f"{name}: {passage}" for passage in english_passages(content)]
    session = Session.objects.get(key="cam-2023-05-09")
    report = client.get(f"/{language}/dialogue/{session.pk}/report.{language}.html")
    if report.status_code == 200:
        content = b"".join(report).decode() if report.streaming else report.content.decode()
        problems += [f"report: {passage}" for passage in english_passages(content)]
    client.force_login(reviewer)
    practice = Practice.objects.filter(status="published").order_by("pk").first()
    for name, path in [
        ("review queue", f"/{language}/practices/review/"),
        ("practice under review", f"/{language}/practices/{practice.pk}/"),  # type: ignore[union-attr]
    ]:
        response = client.get(path)
        assert response.status_code == 200, name
        problems += [
            f"{name}: {passage}" for passage in english_passages(response.content.decode())
        ]
    assert not problems, "\n".join(problems)


def test_the_checker_finds_english_and_respects_lang():
    assert english_passages("<html lang='es'><p>Signed the Charter on 1948.</p></html>")
    assert not english_passages(
        "<html lang='es'><p>Firmó <span lang='en'>the Charter of the OAS</span>.</p></html>"
    )
    assert not english_passages("<html lang='es'><p>La Carta de la OEA</p></html>")


def test_a_language_chosen_on_the_sign_in_page_outlives_signing_in(client):
    """Sent to sign in from a Spanish page, a reader who switches to French signs in and
    lands on that page in French."""
    html = client.get("/es/accounts/login/?next=/es/practices/review/").content.decode()
    assert 'href="/fr/accounts/login/?next=/fr/practices/review/"' in html
    assert 'href="/pt/accounts/login/?next=/pt/practices/review/"' in html
    hostile = client.get("/es/accounts/login/?next=//evil.example/").content.decode()
    # An address elsewhere is not rewritten (and the sign-in refuses it anyway).
    assert 'href="/fr/accounts/login/?next=//evil.example/"' in hostile
