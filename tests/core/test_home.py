"""The home page's figures of the concept note, checked against UN DESA, in each language."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_the_areas_are_named_in_each_readers_language_whoever_came_first(client):
    spanish = client.get("/es/").content.decode()
    english = client.get("/en/").content.decode()
    french = client.get("/fr/").content.decode()
    assert "Norteamérica</a>" in spanish or "América del Norte</a>" in spanish
    assert "Northern America</a>" in english
    assert "Norteamérica" not in english and "América del Norte</a>" not in english
    assert "Amérique septentrionale</a>" in french or "Amérique du Nord</a>" in french
    # the note's own words stay in Spanish, marked so for screen readers
    assert '<q lang="es">73.5 millones</q>' in english
