"""One definition of a mechanism's members (members, signatories and associated states; not
observers), counted alike by the home page, the list, the mechanism's page, the export and
the synergy analysis; and the CAM's dates as the CAM's on a country's page."""

from __future__ import annotations

import json

import pytest
from lxml import html as lxml_html

from sinergia.registry import selectors
from sinergia.registry.models import MEMBER_ROLES
from sinergia.synergy.snapshot import FULL_ROLES

pytestmark = pytest.mark.django_db

# The CRM: eleven member countries and five observer countries (crm-about); the MERCOSUR
# forum: its five States Parties and seven associated states today.
EXPECTED = {"CRM": (11, 5), "FEM": (12, 0)}


def _tree(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return lxml_html.fromstring(response.content.decode())


def _home_total(client, acronym):
    tree = _tree(client, "/en/")
    row = tree.xpath(f'//table[@class="matrix"]//tr[th//abbr[normalize-space()="{acronym}"]]')[0]
    return int(row.xpath("td")[-1].text_content())


def _list_counts(client, acronym):
    tree = _tree(client, "/en/mechanisms/")
    row = tree.xpath(f'//tbody/tr[th/a[normalize-space()="{acronym}"]]')[0]
    numbers = [int(td.text_content()) for td in row.xpath('td[@class="num"]')]
    return numbers[0], numbers[1]


def _page_count(client, acronym, title_id):
    tree = _tree(client, f"/en/mechanisms/{acronym}/")
    found = tree.xpath(f'//h2[@id="{title_id}"]')
    if not found:
        return 0
    return int(found[0].text_content().rsplit("(", 1)[1].rstrip(")"))


@pytest.mark.parametrize("acronym", EXPECTED)
def test_members_agree_on_home_list_page_export_and_analysis(client, acronym):
    members, observers = EXPECTED[acronym]
    assert _home_total(client, acronym) == members
    assert _list_counts(client, acronym) == (members, observers)
    assert _page_count(client, acronym, "members-title") == members
    assert _page_count(client, acronym, "observers-title") == observers
    exported = json.loads(client.get("/en/mechanisms/export.json").content)
    row = next(item for item in exported if item["acronym"] == acronym)
    assert (len(row["members"]), len(row["observers"])) == (members, observers)
    mechanism = selectors.mechanism_get(acronym)
    by_mechanism = selectors.members_by_mechanism(selectors.today())
    assert len(by_mechanism[mechanism.pk]) == members


def test_the_analysis_counts_members_as_the_pages_do():
    assert {str(role) for role in MEMBER_ROLES} == set(FULL_ROLES)


def test_the_home_page_counts_observers_apart(client):
    counts = selectors.registry_counts()
    assert counts["observerships"] > 0
    page = client.get("/en/").content.decode()
    assert f"plus {counts['observerships']} observers" in page


def test_the_cam_dates_are_the_cams_on_a_country_page(client):
    tree = _tree(client, "/en/countries/MEX/")
    row = tree.xpath('//table//tr[th/a[normalize-space()="CAM"]]')[0]
    cells = [td.text_content().strip() for td in row.xpath("td")]
    assert cells[1] == "2007"  # the CAM (as the Special Committee) was created in 2007
    assert "1948" not in cells[1]
    assert "member of the OAS since 1948" in cells[3]


def test_country_list_and_country_page_count_the_same_mechanisms(client):
    tree = _tree(client, "/en/countries/")
    link = tree.xpath('//a[contains(@href, "/en/countries/MEX/")]')[0]
    listed = int("".join(ch for ch in link.getparent().text_content() if ch.isdigit()))
    page = _tree(client, "/en/countries/MEX/")
    heading = page.xpath('//h2[@id="current-title"]')[0].text_content()
    assert listed == int(heading.rsplit("(", 1)[1].rstrip(")"))
