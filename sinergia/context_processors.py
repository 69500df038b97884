"""What every page needs: the language switch that keeps the page, the signed-in person's
links."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url

from sinergia.accounts.permissions import is_secretariat
from sinergia.i18n import current_language
from sinergia.workspace.navigation import account_links


def site(request: HttpRequest) -> dict[str, object]:
    path = request.get_full_path()
    current = current_language()
    return {
        # Asked only where a template shows the secretariat's links.
        "is_secretariat": lambda: is_secretariat(getattr(request, "user", None)),
        # The signed-in person's links in the header, by what their roles let them do.
        "account_links": lambda: account_links(getattr(request, "user", None)),
        "current_language": current,
        "language_links": [
            {
                "code": code,
                "name": name,
                "url": _in_language(request, path, code),
                "current": code == current,
            }
            for code, name in settings.LANGUAGES
        ],
    }


def _in_language(request: HttpRequest, path: str, code: str) -> str:
    """This page in language `code`; the page it leads to next (`?next=`, on the sign-in
    page) in that language too, so that the choice outlives signing in."""
    following = request.GET.get("next", "")
    if not following.startswith("/") or following.startswith("//"):
        return translate_url(path, code)
    query = request.GET.copy()
    query["next"] = translate_url(following, code)
    return f"{translate_url(request.path, code)}?{query.urlencode(safe='/')}"
