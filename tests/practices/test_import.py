"""`sinergia practices import`: JSON or CSV, all or nothing, errors that name row and field."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from sinergia.practices.models import Practice, Status

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in English, whatever the default language."""
    with translation.override("en"):
        yield


ROWS = [
    {
        "external_id": "test-mex-1",
        "title": "Tarjeta de Visitante Regional",
        "summary": "Documento migratorio para visitantes de Guatemala y Belice que ordena la gestión de fronteras en el sur.",
        "language": "es",
        "countries": ["MEX"],
        "mechanisms": ["CRM"],
        "year": 2008,
        "source_url": "https://www.gob.mx/inm",
    },
    {
        "external_id": "test-can-1",
        "title": "Francisation for newcomers",
        "summary": "French language training for immigrants.",
        "language": "en",
        "countries": ["CAN"],
    },
]


def test_json_import_creates_then_updates(tmp_path):
    path = tmp_path / "practices.json"
    path.write_text(json.dumps(ROWS), encoding="utf-8")
    call_command("practices", "import", str(path), "--publish")
    practice = Practice.objects.get(external_id="test-mex-1")
    assert practice.status == Status.PUBLISHED
    assert [m.acronym for m in practice.mechanisms.all()] == ["CRM"]
    assert practice.themes.exists()  # tagged automatically when absent
    ROWS[0]["title"] = "Tarjeta de Visitante Regional (TVR)"
    path.write_text(json.dumps(ROWS), encoding="utf-8")
    call_command("practices", "import", str(path))
    assert Practice.objects.get(external_id="test-mex-1").title.endswith("(TVR)")
    assert Practice.objects.filter(external_id="test-mex-1").count() == 1


def test_csv_import_with_lists_separated_by_semicolons(tmp_path):
    path = tmp_path / "practices.csv"
    path.write_text(
        "external_id,title,summary,language,countries,themes,year\n"
        'csv-1,Programa binacional,"Cooperación entre dos países.",es,COL;ECU,regional-cooperation;health,2020\n',
        encoding="utf-8",
    )
    call_command("practices", "import", str(path))
    practice = Practice.objects.get(external_id="csv-1")
    assert sorted(c.iso3 for c in practice.countries.all()) == ["COL", "ECU"]
    assert sorted(t.key for t in practice.themes.all()) == ["health", "regional-cooperation"]


@pytest.mark.parametrize(
    "change,message",
    [
        ({"countries": ["XXX"]}, "row 2 (test-can-1): countries: unknown XXX"),
        ({"language": "de"}, "row 2 (test-can-1): language:"),
        ({"title": ""}, "row 2 (test-can-1): title:"),
        ({"themes": ["nope"]}, "row 2 (test-can-1): themes: unknown nope"),
        ({"year": 3000}, "row 2 (test-can-1): year:"),
        ({"colour": "red"}, "row 2 (test-can-1): colour:"),
    ],
)
def test_a_bad_row_aborts_everything_and_names_row_and_field(tmp_path, capsys, change, message):
    rows = [dict(ROWS[0]), {**ROWS[1], **change}]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(rows), encoding="utf-8")
    before = Practice.objects.count()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("practices", "import", str(path))
    assert message in capsys.readouterr().err
    assert Practice.objects.count() == before


def test_broken_files_are_refused(tmp_path):
    for name, content in [
        ("a.json", b"{not json"),
        ("b.json", b'{"a": 1}'),
        ("c.txt", b"x"),
        ("d.csv", b"\xff\xfe\x00"),
    ]:
        path = tmp_path / name
        path.write_bytes(content)
        with pytest.raises(CommandError):
            call_command("practices", "import", str(path))
