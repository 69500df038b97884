"""Light pages for slow connections: every page type, without its charts (which load only
when shown), is under 150 KB as transferred (gzip), in every language."""

from __future__ import annotations

import pytest

from sinergia.i18n import LANGUAGE_CODES

pytestmark = pytest.mark.django_db

PAGES = [
    "/{lang}/", "/{lang}/mechanisms/", "/{lang}/mechanisms/CRM/", "/{lang}/countries/",
    "/{lang}/countries/COL/", "/{lang}/themes/", "/{lang}/themes/regularization/",
    "/{lang}/practices/", "/{lang}/practices/1/", "/{lang}/statistics/",
    "/{lang}/statistics/areas/COL/", "/{lang}/synergy/", "/{lang}/dialogue/",
    "/{lang}/dialogue/1/", "/{lang}/follow-up/", "/{lang}/meetings/", "/{lang}/api/",
]  # fmt: skip
LIMIT = 150 * 1024


@pytest.mark.parametrize("lang", list(LANGUAGE_CODES))
@pytest.mark.parametrize("path", PAGES)
def test_each_page_is_under_150_kb_compressed(client, path, lang):
    response = client.get(path.format(lang=lang), HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert response.get("Content-Encoding") == "gzip"
    assert len(response.content) < LIMIT, f"{path}: {len(response.content):,} bytes"
