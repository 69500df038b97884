"""Output encoding by destination. Text people post reaches spreadsheets as text, never as a
formula (every CSV and XLSX download, the open-data package included); a stored link is an
http(s) web address whatever door it came in by, and pages link nothing else; the Atom feed
carries summaries as plain text."""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command
from django.utils import translation
from openpyxl import load_workbook

from sinergia.accounts.tokens import token_create
from sinergia.dialogue.models import Session
from sinergia.downloads import csv_text, spreadsheet_cell, table_response
from sinergia.practices.importing import ImportProblem, validate_rows
from sinergia.practices.models import Practice
from sinergia.reference.validation import BundleError, read_bundle
from sinergia.registry.models import Mechanism, Meeting, Source
from tests.factories import secretariat_user
from tests.practices.helpers import mechanism_focal_point, state_focal_point

pytestmark = pytest.mark.django_db

FORMULAS = ['=HYPERLINK("http://x","y")', "@SUM(1+1)", "-2+3", "+1", "\t=1+1", "\r=1+1"]
BAD_LINKS = [
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "http://user:pass@x",
]
NUMBER = re.compile(r"-\d+(\.\d+)?([eE][-+]?\d+)?")
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in English, whatever the default language."""
    with translation.override("en"):
        yield


def bearer(user, **scope) -> dict[str, str]:
    _token, secret = token_create(actor=user, name="t", **scope)
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def post(client, path: str, body: dict, headers: dict[str, str]):
    return client.post(path, body, content_type="application/json", **headers)


@pytest.fixture
def tokens() -> dict[str, dict[str, str]]:
    """Bearer headers for Colombia's and the CRM's focal points and the secretariat."""
    return {
        "COL": bearer(state_focal_point("COL"), country="COL"),
        "CRM": bearer(mechanism_focal_point("CRM"), mechanism="CRM"),
        "secretariat": bearer(secretariat_user()),
    }


def publish_practice(client, tokens, body: dict) -> int:
    """A practice created by Colombia's focal point over the API, then published."""
    body = {"language": "es", "countries": ["COL"], **body}
    created = post(client, "/api/v1/practices", body, tokens["COL"])
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    transitions = f"/api/v1/practices/{pk}/transitions"
    assert post(client, transitions, {"action": "submit"}, tokens["COL"]).status_code == 200
    published = post(client, transitions, {"action": "publish"}, tokens["secretariat"])
    assert published.json()["status"] == "published", published.content
    return pk


@pytest.fixture
def session():
    return Session.objects.get(key="cam-2023-05-09")


@pytest.fixture
def formulas_posted(client, session, tokens):
    """Each formula posted through the API as a meeting, part of a contribution and a
    published practice."""
    for number, formula in enumerate(FORMULAS, start=1):
        meeting = {"mechanism": "CRM", "title": formula, "date": f"2027-01-{number:02d}",
                   "place": formula, "outcome": formula}  # fmt: skip
        assert post(client, "/api/v1/meetings", meeting, tokens["CRM"]).status_code == 201
        publish_practice(client, tokens, {"title": formula, "summary": formula})
    for question, parts in ((1, FORMULAS[:3]), (2, FORMULAS[3:])):
        body = {"country": "COL", "question": question, "language": "es",
                "statement": parts[0], "added_value": parts[1], "challenges": parts[2]}  # fmt: skip
        created = post(client, f"/api/v1/sessions/{session.pk}/contributions", body, tokens["COL"])
        assert created.status_code == 201, created.content


def runs_as_formula(cell: str) -> bool:
    """Whether a spreadsheet would read `cell` as a formula (a negative number is a number)."""
    head = cell.lstrip()[:1]
    if cell[:1] in ("\t", "\r") or head in ("=", "+", "@"):
        return True
    return head == "-" and not NUMBER.fullmatch(cell.strip())


def csv_cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]


def xlsx_cells(content: bytes) -> list[str]:
    workbook = load_workbook(io.BytesIO(content))
    cells = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"a formula in {cell.coordinate}: {cell.value!r}"
                cells.append("" if cell.value is None else str(cell.value))
    return cells


def assert_inert(cells: list[str], *, carries_formulas: bool) -> None:
    running = [cell for cell in cells if runs_as_formula(cell)]
    assert not running, running[:5]
    if carries_formulas:
        for formula in FORMULAS:
            core = formula.strip()
            assert any(cell.startswith("'") and core in cell for cell in cells), formula


LIST_DOWNLOADS = [
    ("/es/practices/export.{fmt}", True),
    ("/es/meetings/export.{fmt}?mechanism=CRM", True),
    ("/es/dialogue/{session}/contributions.{fmt}", True),
    ("/es/mechanisms/export.{fmt}", False),
    ("/es/countries/export.{fmt}", False),
    ("/es/themes/export.{fmt}", False),
    ("/es/follow-up/export.{fmt}", False),
    ("/es/statistics/map-data.{fmt}?year=2020", False),
    ("/es/statistics/areas/170/data.{fmt}", False),
]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize(("address", "carries_formulas"), LIST_DOWNLOADS)
def test_list_downloads_hold_no_live_formula(
    client, formulas_posted, session, address, carries_formulas, fmt
):
    response = client.get(address.format(fmt=fmt, session=session.pk))
    assert response.status_code == 200, response.content[:300]
    cells = csv_cells(response.content.decode()) if fmt == "csv" else xlsx_cells(response.content)
    assert_inert(cells, carries_formulas=carries_formulas)


def test_the_open_data_package_holds_no_live_formula_and_stays_valid(
    client, formulas_posted, tmp_path
):
    from frictionless import validate

    response = client.get("/api/v1/export/datapackage.zip")
    with zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))) as archive:
        archive.extractall(tmp_path)
        for name in archive.namelist():
            if name.endswith(".csv"):
                cells = csv_cells(archive.read(name).decode("utf-8"))
                carries = name in {
                    "data/meetings.csv",
                    "data/contributions.csv",
                    "data/practices.csv",
                }
                assert_inert(cells, carries_formulas=carries)
    report = validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]


def test_synergy_downloads_hold_no_live_formula(client, formulas_posted, tmp_path):
    dashboard = client.get("/es/synergy/").content.decode()
    charts = sorted(set(re.findall(r"/es/synergy/charts/([\w-]+)/data\.csv", dashboard)))
    assert charts
    for name in charts:
        as_csv = client.get(f"/es/synergy/charts/{name}/data.csv").content.decode()
        assert_inert(csv_cells(as_csv), carries_formulas=False)
        as_xlsx = client.get(f"/es/synergy/charts/{name}/data.xlsx").content
        assert_inert(xlsx_cells(as_xlsx), carries_formulas=False)
    output = tmp_path / "opportunities.csv"
    call_command("analyze", "--format", "csv", "--output", str(output))
    assert_inert(csv_cells(output.read_text(encoding="utf-8")), carries_formulas=False)


def test_one_neutraliser_keeps_numbers_and_harmless_text():
    assert spreadsheet_cell(-5) == -5 and spreadsheet_cell(2.5) == 2.5
    assert spreadsheet_cell(None) is None and spreadsheet_cell("") == ""
    assert spreadsheet_cell("Plan 2030 - fase 2") == "Plan 2030 - fase 2"
    assert spreadsheet_cell("  =1+1") == "'  =1+1"
    assert spreadsheet_cell("\tnota") == "'\tnota"
    # Texts are quoted, so a separator inside one cannot open a cell of its own.
    assert csv_text(["a", "b"], [[-5, "x;=1+1"]]) == '"a","b"\r\n-5,"x;=1+1"\r\n'


def test_a_control_character_does_not_break_a_workbook_or_hide_a_formula():
    response = table_response([{"title": "\x01=1+1"}], ["title"], "xlsx", "t")
    assert xlsx_cells(response.content) == ["title", "'=1+1"]


@pytest.mark.parametrize("link", BAD_LINKS)
def test_the_api_refuses_a_practice_link_that_is_not_a_web_page(client, tokens, link):
    body = {"title": "Práctica", "summary": "Resumen", "language": "es", "countries": ["COL"],
            "links": [{"title": "Enlace", "url": link}]}  # fmt: skip
    response = post(client, "/api/v1/practices", body, tokens["COL"])
    assert response.status_code == 422 and "links" in response.json()["detail"]
    assert not Practice.objects.filter(title="Práctica").exists()


@pytest.mark.parametrize("link", BAD_LINKS)
def test_the_api_refuses_a_meeting_or_commitment_address_that_is_not_a_web_page(
    client, tokens, link
):
    meeting = {"mechanism": "CRM", "title": "Reunión", "date": "2027-02-01", "outcome_url": link}
    response = post(client, "/api/v1/meetings", meeting, tokens["CRM"])
    assert response.status_code == 422 and "outcome_url" in response.json()["detail"]
    commitment = {"text": "Compromiso", "language": "es", "source_title": "Declaración",
                  "source_publisher": "CRM", "source_url": link}  # fmt: skip
    response = post(client, "/api/v1/mechanisms/CRM/commitments", commitment, tokens["CRM"])
    assert response.status_code == 422 and "source_url" in response.json()["detail"]
    assert not Meeting.objects.filter(title="Reunión").exists()


def test_a_web_address_is_kept_and_linked(client, tokens):
    meeting = {"mechanism": "CRM", "title": "Reunión", "date": "2027-02-01",
               "outcome_url": "https://crmsv.org/es/acta?id=1"}  # fmt: skip
    assert post(client, "/api/v1/meetings", meeting, tokens["CRM"]).status_code == 201
    pk = publish_practice(client, tokens, {"title": "Práctica", "summary": "Resumen",
                                   "links": [{"title": "", "url": " https://www.oas.org/ "}]})  # fmt: skip
    assert Practice.objects.get(pk=pk).links == [
        {"title": "https://www.oas.org/", "url": "https://www.oas.org/"}
    ]
    assert 'href="https://www.oas.org/"' in client.get(f"/es/practices/{pk}/").content.decode()


@pytest.mark.parametrize("link", BAD_LINKS)
def test_the_form_refuses_it_beside_the_links_field(client, link):
    client.force_login(state_focal_point("COL"))
    form = {"title": "Práctica", "summary": "Resumen", "language": "es", "countries": ["COL"],
            "links": f"Enlace | {link}"}  # fmt: skip
    response = client.post("/es/practices/new/", form)
    assert response.status_code == 200
    assert "links" in response.context["form"].errors
    assert not Practice.objects.filter(title="Práctica").exists()


@pytest.mark.parametrize("link", BAD_LINKS)
def test_the_importer_refuses_it_naming_row_and_field(link):
    row = {"external_id": "x-1", "title": "Práctica", "summary": "Resumen", "language": "es",
           "countries": ["COL"], "source_url": link}  # fmt: skip
    with pytest.raises(ImportProblem) as raised:
        validate_rows([row])
    assert any(p.startswith("row 1 (x-1): source_url:") for p in raised.value.problems)


@pytest.mark.parametrize("link", BAD_LINKS)
def test_the_bundled_data_refuses_it_naming_file_and_field(data_copy: Path, link):
    path = data_copy / "mechanisms/crm.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["website"] = link
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(BundleError) as raised:
        read_bundle(data_copy)
    assert any("crm.yaml" in str(p) and "website" in str(p) for p in raised.value.problems)


def test_pages_link_only_web_addresses_already_stored(client, tokens):
    """Addresses stored before the rule (or straight into the database) show as text."""
    pk = publish_practice(client, tokens, {"title": "Práctica", "summary": "Resumen"})
    Practice.objects.filter(pk=pk).update(links=[{"title": "Enlace", "url": "javascript:alert(1)"}])
    meeting = {"mechanism": "CRM", "title": "Reunión", "date": "2027-02-01",
               "outcome_url": "https://crmsv.org/acta"}  # fmt: skip
    assert post(client, "/api/v1/meetings", meeting, tokens["CRM"]).status_code == 201
    crm = Mechanism.objects.get(acronym="CRM")
    Mechanism.objects.filter(pk=crm.pk).update(website="javascript:alert(1)")
    Source.objects.filter(pk=crm.source_id).update(url=" javascript:alert(1)")
    Meeting.objects.filter(mechanism=crm).update(outcome_url="data:text/html,x")
    for page in (f"/es/practices/{pk}/", "/es/mechanisms/CRM/"):
        html = client.get(page).content.decode()
        hrefs = re.findall(r'href="\s*([^"]*)"', html)
        assert not [h for h in hrefs if h.lower().startswith(("javascript:", "data:"))], page
    assert "Enlace" in client.get(f"/es/practices/{pk}/").content.decode()
    calendar = client.get("/api/v1/meetings.ics?mechanism=CRM").content.decode()
    assert "Reunión" in calendar and "data:text" not in calendar


def test_the_feed_carries_summaries_as_text(client, tokens):
    summary = "Resumen con <b>marcado</b> & <script>alert(1)</script>"
    publish_practice(client, tokens, {"title": "Práctica con marcado", "summary": summary})
    response = client.get("/es/practices/feed/")
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = ET.fromstring(response.content)  # noqa: S314 - our own feed, read back
    summaries = feed.findall(f"{ATOM}entry/{ATOM}summary")
    assert summaries and {element.get("type") for element in summaries} == {"text"}
    ours = next(
        entry for entry in feed.findall(f"{ATOM}entry")
        if entry.findtext(f"{ATOM}title") == "Práctica con marcado"
    )  # fmt: skip
    assert ours.findtext(f"{ATOM}summary") == summary
    assert list(ours.find(f"{ATOM}summary")) == []  # text, not child elements
