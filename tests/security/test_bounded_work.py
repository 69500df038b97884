"""Every public door does work in step with its input: fed the largest input it accepts, or
a hostile one of that size (repetition, deep nesting, many figures, long words), it answers
within a budget of RATIO times a trivial request to the same door, timed in the same run.

FLOOR_SECONDS keeps a loaded two-core machine from failing the test: the slowest of these
inputs takes about a second on one free core, where before they were bounded they took from
a minute (the figure check) to several (Markdown)."""

from __future__ import annotations

import json
import random
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from sinergia.dialogue.models import Contribution, Session
from sinergia.practices.importing import (
    MAX_FILE_BYTES,
    MAX_ROWS,
    ImportProblem,
    read_rows,
    validate_rows,
)
from sinergia.practices.models import Practice
from sinergia.practices.search.tokens import MAX_GROUPS, MAX_QUERY_CHARACTERS
from sinergia.statistics.checking import CONCEPT_NOTE_SENTENCE, MAX_FINDINGS
from sinergia.statistics.views import CheckForm
from sinergia.vocabulary.text import stem
from tests.practices.helpers import state_focal_point

pytestmark = pytest.mark.django_db

RATIO = 50
FLOOR_SECONDS = 5.0


def seconds(call: Callable[[], object]) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def trivial_seconds(call: Callable[[], object]) -> float:
    """The median of three runs of the trivial request, after one to warm the caches."""
    call()
    return statistics.median(seconds(call) for _ in range(3))


def assert_within_budget(label: str, taken: float, trivial: float) -> None:
    budget = max(RATIO * trivial, FLOOR_SECONDS)
    assert taken <= budget, (
        f"{label}: {taken:.2f} s, budget {budget:.2f} s (trivial {trivial:.3f} s)"
    )


def fill(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def random_words(size: int, seed: int = 7) -> str:
    """Distinct made-up words: every one is a miss of the stem cache."""
    chance = random.Random(seed)
    words = (
        "".join(chance.choice("abcdefghijklmnopqrstuvwxyzáéíóúñ") for _ in range(9))
        for _ in range(size)
    )
    return " ".join(words)[:size]


# The figure check --------------------------------------------------------------------------

CHECK_MAX = CheckForm.base_fields["text"].max_length or 20_000
CHECK_TEXTS = {
    "ordinary, at the limit": fill(CONCEPT_NOTE_SENTENCE + ". ", CHECK_MAX),
    "one figure repeated": fill("1.000 mil ", CHECK_MAX),
    "a figure and a place, repeated": fill("Colombia acogía 1,9 millones. ", CHECK_MAX),
    "many places, many years": fill(
        "En 1990 Perú, en 2000 México y en 2010 América Latina y el Caribe: 2,5 millones; ",
        CHECK_MAX,
    ),
    "lists of places and of figures": fill(
        "Colombia, Perú y Chile acogen 2,9, 1,5 y 0,4 millones, y ", CHECK_MAX
    ),
    "places brought in as origins, one sentence": fill(
        "personas de Venezuela, más de un millón, con Perú, ", CHECK_MAX
    ),
    "years that start periods": fill("desde 2015 EE. UU. US ", CHECK_MAX),
    "one long number": fill("1", CHECK_MAX),
    "thousands without end": fill("1,000", CHECK_MAX),
    "sentence ends only": fill(". ", CHECK_MAX),
    "one long word": fill("á", CHECK_MAX),
}


@pytest.mark.parametrize("label", CHECK_TEXTS)
def test_the_figure_check(client, label):
    page = "/es/statistics/check/"
    trivial = trivial_seconds(lambda: client.get(page))
    response = None

    def check() -> None:
        nonlocal response
        response = client.post(page, {"text": CHECK_TEXTS[label]})

    assert_within_budget(label, seconds(check), trivial)
    assert response is not None and response.status_code == 200
    assert len(response.context["findings"]) <= MAX_FINDINGS


# Practice search ---------------------------------------------------------------------------

QUERIES = {
    "ordinary, at the limit": fill("trata de personas y regularización migratoria ", 300),
    "far beyond the limit": fill("migrantes retornados en la frontera ", 6_000),
    "one long word": "a" * MAX_QUERY_CHARACTERS,
    "many short words": fill("a b c d e ", MAX_QUERY_CHARACTERS),
    "many distinct words": random_words(MAX_QUERY_CHARACTERS),
    "a concept repeated": fill("trafficking in persons ", MAX_QUERY_CHARACTERS),
    "symbols": fill('"*()^:-', MAX_QUERY_CHARACTERS),
}


@pytest.mark.parametrize("page", ["/api/v1/practices", "/es/practices/"])
@pytest.mark.parametrize("label", QUERIES)
def test_practice_search(client, page, label):
    trivial = trivial_seconds(lambda: client.get(page, {"q": "migrantes"}))
    response = None

    def search() -> None:
        nonlocal response
        response = client.get(page, {"q": QUERIES[label]})

    assert_within_budget(f"{page} {label}", seconds(search), trivial)
    assert response is not None and response.status_code == 200
    if "html" in response["Content-Type"]:
        assert len(response.context["result"].parsed.groups) <= MAX_GROUPS


@pytest.mark.parametrize("page", ["/api/v1/search", "/es/search/"])
@pytest.mark.parametrize("label", QUERIES)
def test_site_search(client, page, label):
    trivial = trivial_seconds(lambda: client.get(page, {"q": "migrantes"}))
    response = None

    def search() -> None:
        nonlocal response
        response = client.get(page, {"q": QUERIES[label]})

    assert_within_budget(f"{page} {label}", seconds(search), trivial)
    assert response is not None and response.status_code == 200


# The tagger, on a contribution ------------------------------------------------------------

STATEMENT_MAX = 50_000
STATEMENTS = {
    "ordinary, at the limit": fill(
        "Colombia comparte con el Proceso de Quito su estatuto de protección temporal, la "
        "regularización migratoria y la lucha contra la trata de personas. ",
        STATEMENT_MAX,
    ),
    "a concept repeated": fill("trata de personas ", STATEMENT_MAX),
    "one stem repeated": fill("migración ", STATEMENT_MAX),
    "distinct words": random_words(STATEMENT_MAX),
    "one long word": "a" * STATEMENT_MAX,
}


@pytest.mark.parametrize("label", STATEMENTS)
def test_the_tagger_on_a_contribution(client, label):
    session = Session.objects.get(key="cam-2023-05-09")
    client.force_login(state_focal_point("COL"))
    page = f"/es/dialogue/{session.pk}/contribute/"
    trivial = trivial_seconds(lambda: client.get(page))
    form = {"participant": "country:COL", "question": "1", "language": "es", "status": "submitted"}
    response = None

    def contribute() -> None:
        nonlocal response
        response = client.post(page, {**form, "statement": STATEMENTS[label]})

    assert_within_budget(label, seconds(contribute), trivial)
    assert response is not None and response.status_code == 302
    assert Contribution.objects.get().statement == STATEMENTS[label].strip()


def test_a_word_too_long_to_be_one_is_not_stemmed():
    assert stem("a" * 50_000, "es") == "" and stem("regularización", "es") != ""


# Markdown, in a practice's description -----------------------------------------------------

BODY_MAX = Practice._meta.get_field("body").max_length or 50_000
BODIES = {
    "ordinary, at the limit": fill(
        "- **Base normativa:** Decreto 216 de 2021 ([fuente](https://www.cancilleria.gov.co)).\n"
        "- *Implementación* por Migración Colombia, con `registro` y permiso.\n\n"
        "| año | personas |\n|---|---|\n| 2021 | 1.905.393 |\n\n> Una cita.\n\n",
        BODY_MAX,
    ),
    "quotes nested 5,000 deep": ">" * 5_000 + " fondo",
    "quotes nested to the limit": ">" * BODY_MAX,
    "brackets 10,000": "[" * 10_000,
    "brackets to the limit": "[" * BODY_MAX,
    "images opened": fill("![", BODY_MAX),
    "links opened": fill("[a](", BODY_MAX),
    "numbered lists nested": fill("1. ", BODY_MAX),
    "rules": fill("***\n", BODY_MAX),
    "tags opened": fill("<a ", BODY_MAX),
    "autolinks opened": fill("<http://", BODY_MAX),
    "backslashes": "\\" * BODY_MAX,
    "emphasis": fill("*_", BODY_MAX),
    "headings underlined": fill("x\n===\n", BODY_MAX),
}


@pytest.mark.parametrize("label", BODIES)
def test_markdown_of_a_practice(client, label):
    author = state_focal_point("COL")
    client.force_login(author)
    new = {"title": "Práctica", "summary": "Resumen.", "language": "es", "countries": ["COL"]}
    short = client.post("/api/v1/practices", {**new, "body": "Texto."}, "application/json")
    short_page = f"/es/practices/{short.json()['id']}/"
    trivial = trivial_seconds(lambda: client.get(short_page))
    created = None

    def create() -> None:
        nonlocal created
        created = client.post(
            "/api/v1/practices", {**new, "body": BODIES[label]}, "application/json"
        )

    assert_within_budget(f"{label}: created", seconds(create), trivial)
    assert created is not None and created.status_code == 201, created.content[:300]
    page = f"/es/practices/{created.json()['id']}/"
    response = None

    def show() -> None:
        nonlocal response
        response = client.get(page)

    assert_within_budget(f"{label}: shown", seconds(show), trivial)
    assert response is not None and response.status_code == 200


# The practice importer ---------------------------------------------------------------------

ROW = {"external_id": "", "title": "Práctica", "summary": "Resumen.", "language": "es",
       "countries": ["COL"], "themes": []}  # fmt: skip


def write_rows(path: Path, count: int, body: str = "") -> Path:
    rows = [{**ROW, "external_id": f"p-{number}", "body": body} for number in range(count)]
    path.write_text(json.dumps(rows, ensure_ascii=False))
    return path


def read_and_check(path: Path) -> None:
    validate_rows(read_rows(path))


@pytest.mark.parametrize(
    "label,count,body",
    [
        ("the most rows", MAX_ROWS, ""),
        ("the most bytes", MAX_FILE_BYTES // (BODY_MAX + 200), "x" * BODY_MAX),
    ],
)
def test_an_import_file_at_its_largest(tmp_path, label, count, body):
    """The importer runs from the command line, so its trivial request is the same file at
    an eighth of the size: work in step with the input stays within 8 × 4 of it (work that
    grew with the square of the size would need 64 times as long)."""
    largest = write_rows(tmp_path / "largest.json", count, body)
    assert largest.stat().st_size <= MAX_FILE_BYTES
    eighth = write_rows(tmp_path / "eighth.json", count // 8, body)
    trivial = trivial_seconds(lambda: read_and_check(eighth))
    taken = seconds(lambda: read_and_check(largest))
    assert taken <= max(8 * 4 * trivial, FLOOR_SECONDS), f"{label}: {taken:.2f} s, {trivial:.3f} s"


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("nested.json", "[" * 1_000_000, "nested too deep"),
        ("long-field.csv", "title\n" + "x" * 1_000_000, "not a well-formed CSV"),
        ("too-many.csv", "title\n" + "x\n" * (MAX_ROWS + 1), f"more than {MAX_ROWS} rows"),
        ("too-big.json", " " * (MAX_FILE_BYTES + 1), "larger than 32 MB"),
    ],
)
def test_a_hostile_import_file_is_refused_quickly(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content)
    trivial = trivial_seconds(lambda: read_rows(write_rows(tmp_path / "one.json", 1)))
    problem = None

    def read() -> None:
        nonlocal problem
        with pytest.raises(ImportProblem) as raised:
            read_rows(path)
        problem = raised.value

    assert_within_budget(name, seconds(read), trivial)
    assert problem is not None and message in str(problem)


def test_an_import_row_with_too_many_items_in_a_list_is_refused(tmp_path):
    path = write_rows(tmp_path / "rows.json", 1)
    rows = read_rows(path)
    rows[0]["countries"] = ["COL"] * 100_000
    with pytest.raises(ImportProblem, match="countries"):
        validate_rows(rows)


def test_a_statistics_file_with_a_year_far_off_is_refused(tmp_path):
    """The UNHCR table is summed over an array as long as the span of its years: a year of
    a billion would have asked for gigabytes."""
    from django.conf import settings
    from django.core.management import call_command
    from django.core.management.base import CommandError

    original = Path(settings.SINERGIA_DATA_DIR) / "statistics" / "unhcr_population_2015_2025.csv"
    lines = original.read_text().splitlines()[:50]
    lines[10] = "1000000000" + lines[10][lines[10].index(",") :]
    path = tmp_path / "unhcr.csv"
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(CommandError, match="line 11, year"):
        call_command("stats", "import", "unhcr", str(path))
