"""`sinergia data validate` and `read_bundle`: a broken file is rejected with a message that
names the file and the entry."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from django.core.management import call_command
from django.core.management.base import CommandError

from sinergia.reference.validation import BundleError, read_bundle

NOTE_MECHANISMS = {
    "HLD", "GMG", "IDM", "GCM", "FIBEMYD", "RIAM", "OCAM", "PACTA", "NYD", "MIRPS",
    "CRM", "QUITO", "CSM", "FEM", "CAM", "LAD", "CMC", "OAS",
}  # fmt: skip


def _edit(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def _problems(data_dir: Path) -> list[str]:
    with pytest.raises(BundleError) as raised:
        read_bundle(data_dir)
    return [str(problem) for problem in raised.value.problems]


def test_bundled_data_is_valid_and_names_every_mechanism_of_the_concept_note(bundle):
    assert {spec.acronym for spec in bundle.mechanisms} >= NOTE_MECHANISMS
    assert len(bundle.themes) >= 40
    assert {framework.id for framework in bundle.frameworks} == {
        "gcm", "sdg", "lad", "hld2013", "agres2988",
    }  # fmt: skip


def test_every_gcm_objective_is_reached_by_a_theme(bundle):
    reached = {code for theme in bundle.themes for code in theme.crosswalk.get("gcm", [])}
    assert reached == {str(n) for n in range(1, 24)}


def test_unknown_iso_code_is_named_with_file_and_entry(data_copy):
    _edit(data_copy / "mechanisms/crm.yaml", lambda d: d["members"][0].update(country="XYZ"))
    problems = _problems(data_copy)
    assert any(
        p.startswith("mechanisms/crm.yaml: members[0] (XYZ)") and "unknown country" in p
        for p in problems
    ), problems


def test_missing_source_is_named(data_copy):
    _edit(data_copy / "mechanisms/csm.yaml", lambda d: d["members"][1].pop("source"))
    problems = _problems(data_copy)
    assert any(p.startswith("mechanisms/csm.yaml: members[1]") and "source" in p for p in problems)


def test_dangling_references_are_named(data_copy):
    def break_references(data):
        data["parent"] = "NOPE"
        data["agenda"][0]["themes"] = ["not-a-theme"]
        data["agenda"][0]["source"] = "not-a-source"

    _edit(data_copy / "mechanisms/mirps.yaml", break_references)
    problems = _problems(data_copy)
    assert "mechanisms/mirps.yaml: parent: unknown mechanism NOPE" in problems
    assert "mechanisms/mirps.yaml: agenda[0]: unknown theme not-a-theme" in problems
    assert "mechanisms/mirps.yaml: agenda[0]: unknown source not-a-source" in problems


def test_an_unconfirmed_membership_needs_a_note(data_copy):
    def unconfirm(data):
        data["members"][0]["confirmed"] = False
        data["members"][0]["note"] = ""

    _edit(data_copy / "mechanisms/crm.yaml", unconfirm)
    assert any("needs a note" in p for p in _problems(data_copy))


def test_a_country_code_that_is_not_iso_3166_is_rejected(data_copy):
    path = data_copy / "countries.yaml"
    path.write_text(
        path.read_text()
        + "- {iso3: ZZZ, iso2: ZZ, m49: 999, subregion: caribbean, sovereign: true}\n"
    )
    assert any(
        "countries.yaml: [60] (ZZZ)" in p and "unknown ISO" in p for p in _problems(data_copy)
    )


def test_broken_yaml_is_reported_with_its_file(data_copy):
    (data_copy / "mechanisms/oas.yaml").write_text("acronym: [unclosed\n")
    assert any(p.startswith("mechanisms/oas.yaml: not valid YAML") for p in _problems(data_copy))


def test_validate_command_prints_problems_and_fails(data_copy, capsys):
    _edit(data_copy / "mechanisms/crm.yaml", lambda d: d["members"][0].update(country="XYZ"))
    with pytest.raises(CommandError, match="problem"):
        call_command("data", "validate", "--data-dir", str(data_copy))
    assert "mechanisms/crm.yaml: members[0] (XYZ)" in capsys.readouterr().err


def test_validate_command_accepts_the_bundle(capsys):
    call_command("data", "validate")
    assert "valid" in capsys.readouterr().out
