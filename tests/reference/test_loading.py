"""Loading the reference data: idempotent, atomic, and faithful to the files."""

from __future__ import annotations

import pytest
import yaml
from django.core.management import call_command
from django.core.management.base import CommandError

from sinergia.accounts.models import AuditEntry
from sinergia.dialogue.models import Session
from sinergia.reference import loading
from sinergia.reference.loading import reference_data_load
from sinergia.reference.validation import read_bundle
from sinergia.registry.models import Country, Mechanism, Membership, Source
from sinergia.registry.selectors import member_codes, members_by_mechanism, today
from sinergia.vocabulary.models import Concept

pytestmark = pytest.mark.django_db


def _table_counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Country, Mechanism, Membership, Source, Concept)
    }


def test_a_second_load_changes_nothing(bundle):
    before = _table_counts()
    report = reference_data_load(bundle=bundle)
    assert not report.changed, report.summary()
    assert _table_counts() == before


def test_init_on_an_empty_database_loads_everything(bundle):
    Session.objects.all().delete()
    Membership.objects.all().delete()
    Mechanism.objects.all().delete()
    call_command("init", verbosity=0)
    assert Mechanism.objects.count() == len(bundle.mechanisms)
    assert Session.objects.get(key="cam-2023-05-09").questions.count() == 2
    assert Membership.objects.count() == sum(len(spec.members) for spec in bundle.mechanisms)
    assert AuditEntry.objects.filter(action="reference_data.load").exists()


def test_init_refuses_broken_data_and_leaves_the_database_as_it_was(data_copy):
    path = data_copy / "mechanisms/crm.yaml"
    data = yaml.safe_load(path.read_text())
    data["members"][0]["country"] = "XYZ"
    data["names"]["es"] = "Nombre cambiado"
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    before = _table_counts()
    with pytest.raises(CommandError, match="nothing was loaded"):
        call_command("init", "--data-dir", str(data_copy), verbosity=0)
    assert _table_counts() == before
    assert Mechanism.objects.get(acronym="CRM").names["es"] != "Nombre cambiado"


def test_a_failure_half_way_rolls_back_every_write(data_copy, monkeypatch):
    path = data_copy / "mechanisms/crm.yaml"
    data = yaml.safe_load(path.read_text())
    data["names"]["es"] = "Nombre cambiado"
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    bundle = read_bundle(data_copy)

    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(loading, "_load_meetings", fail)  # after countries, sources, names
    with pytest.raises(RuntimeError):
        reference_data_load(bundle=bundle)
    assert Mechanism.objects.get(acronym="CRM").names["es"] != "Nombre cambiado"


def test_an_edited_file_updates_and_removes_what_changed(data_copy):
    path = data_copy / "mechanisms/crm.yaml"
    data = yaml.safe_load(path.read_text())
    removed = data["members"].pop()
    data["established"] = 1995
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    report = reference_data_load(bundle=read_bundle(data_copy))
    crm = Mechanism.objects.get(acronym="CRM")
    assert crm.established == 1995
    assert not crm.memberships.filter(
        country__iso3=removed["country"], role=removed["role"]
    ).exists()
    assert report.removed["membership"] == 1


def test_quality_level_dates_and_participants_are_loaded(data_copy):
    path = data_copy / "mechanisms/crm.yaml"
    data = yaml.safe_load(path.read_text())
    data["sources"][0]["quality"] = "press"  # the file has the last word
    data["meetings"][0]["level"] = "plenary"
    data["agenda"][0]["date"] = "2023-11"
    data["agenda"][0]["translations"] = {"es": "Política y gestión migratoria"}
    data["members"].append({"country": "COL", "role": "participant", "source": "crm-about"})
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    reference_data_load(bundle=read_bundle(data_copy))
    crm = Mechanism.objects.get(acronym="CRM")
    assert Source.objects.get(key=data["sources"][0]["id"]).quality == "press"
    assert crm.meetings.get(title=data["meetings"][0]["title"]).level == "plenary"
    first = crm.agenda_items.get(position=0)
    assert (first.date.isoformat(), first.date_precision, first.year) == (
        "2023-11-01",
        "month",
        2023,
    )
    assert first.date_display == "2023-11"
    assert first.translations == {"es": "Política y gestión migratoria"}
    # A participant is recorded, and counted as a member nowhere.
    assert crm.memberships.filter(country__iso3="COL", role="participant").exists()
    assert "COL" not in members_by_mechanism(today())[crm.pk]
    assert "COL" not in member_codes(crm)


def test_a_text_whose_date_and_year_disagree_is_refused(data_copy):
    path = data_copy / "mechanisms/crm.yaml"
    data = yaml.safe_load(path.read_text())
    data["commitments"][0]["date"] = "1997-03-13"  # the commitment says 1996
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    with pytest.raises(Exception, match="date and year disagree"):
        read_bundle(data_copy)
