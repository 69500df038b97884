"""A source's quality: as the bundled file says, else by the rules on its address and
publisher (docs/synergy.md, "Source quality")."""

from __future__ import annotations

import pytest

from sinergia.registry.models import Country, Mechanism, Membership, Source
from sinergia.registry.selectors import memberships_on
from sinergia.registry.sources import source_quality_classify
from tests.factories import SourceFactory

BODIES = ["https://crmsv.org/", "https://mirps-platform.org/"]
NAMES = ["CRM", "Regional Conference on Migration", "Conferencia Suramericana sobre Migraciones"]


@pytest.mark.parametrize(
    ("url", "publisher", "quality"),
    [
        # A government, whatever the country's domain.
        ("https://www.gob.mx/sre/prensa/x", "Secretaría de Relaciones Exteriores", "official"),
        ("https://www.gov.br/mre/es/x", "Itamaraty", "official"),
        ("https://www.gub.uy/ministerio-relaciones-exteriores/x", "Cancillería", "official"),
        ("https://www.canada.ca/en/x", "IRCC", "official"),
        ("https://www.state.gov/x", "U.S. Department of State", "official"),
        # The body's own site, or the body as publisher on another of its domains.
        ("https://portal.crmsv.org/en/about-us", "Regional Conference on Migration", "official"),
        ("https://rcmvs.org/en/about-us", "Regional Conference on Migration", "official"),
        (
            "https://csmigraciones.org/es/x",
            "Conferencia Suramericana sobre Migraciones",
            "official",
        ),
        # Intergovernmental organizations.
        (
            "https://www.iom.int/puebla-process",
            "International Organization for Migration",
            "intergovernmental",
        ),
        ("https://reliefweb.int/report/x", "ReliefWeb (OCHA)", "intergovernmental"),
        ("https://www.cepal.org/en/notes/x", "ECLAC", "intergovernmental"),
        ("https://www.unhcr.org/x", "UNHCR", "intergovernmental"),
        # The press.
        ("https://prensa-latina.cu/2024/03/21/x", "Prensa Latina", "press"),
        ("https://www.sanpedrosun.com/government/x", "The San Pedro Sun", "press"),
        ("https://gestion.pe/peru/x", "Gestión (EFE)", "press"),
        # Copies, blogs, wiki mirrors: never better than other, whoever wrote the original.
        ("https://miguelimigrante.blogspot.com/2010/x", "Miguel Imigrante (blog)", "other"),
        ("https://slideplayer.es/slide/1/", "SlidePlayer (copy of an OCAM presentation)", "other"),
        (
            "https://reliefweb.int/report/y",
            "ReliefWeb (OCHA), reproducing the MIRPS report",
            "other",
        ),
        (
            "https://docslib.org/doc/1",
            "International Organization for Migration (copy hosted by docslib.org)",
            "other",
        ),
        ("http://the-uncensored-wiki.com/x", "Wikipedia mirror", "other"),
        ("https://cis.org/x", "Center for Immigration Studies", "other"),
        # No address: by the publisher.
        ("", "Ministerio de Relaciones Exteriores del Perú", "official"),
        ("", "Organización Internacional para las Migraciones (OIM)", "intergovernmental"),
        ("", "Someone's notes", "other"),
    ],
)
def test_a_source_is_classified_by_its_address_and_publisher(url, publisher, quality):
    found = source_quality_classify(
        url=url, publisher=publisher, official_hosts=BODIES, official_names=NAMES
    )
    assert found == quality


@pytest.mark.django_db
def test_every_bundled_source_has_a_quality_and_the_file_has_the_last_word(bundle):
    qualities = dict(Source.objects.values_list("key", "quality"))
    assert set(qualities.values()) <= {"official", "intergovernmental", "press", "other"}
    for mechanism in bundle.mechanisms:
        for spec in mechanism.sources:
            if spec.quality:
                assert qualities[spec.id] == spec.quality, spec.id
    # Without a word from the file: the bodies' own sites are official, blogs are not.
    declared = {spec.id for m in bundle.mechanisms for spec in m.sources if spec.quality}
    for key, url in Source.objects.exclude(key__in=declared).values_list("key", "url"):
        if "crmsv.org" in url or "csmigraciones.org" in url:
            assert qualities[key] == "official", key
        if "blogspot." in url or "slideplayer." in url:
            assert qualities[key] == "other", key


@pytest.mark.django_db
def test_a_state_seen_only_at_meetings_is_shown_apart_from_the_members(client):
    riam = Mechanism.objects.get(acronym="RIAM")
    Membership.objects.create(
        mechanism=riam,
        country=Country.objects.get(iso3="JAM"),
        role="participant",
        source=SourceFactory(),
    )
    holding = memberships_on(riam)
    members = [m for m in holding if m.role != "participant"]
    participants = [m for m in holding if m.role == "participant"]
    assert "JAM" in {m.country.iso3 for m in participants}
    html = client.get("/en/mechanisms/RIAM/").content.decode()
    assert f"Seen at its meetings, not members ({len(participants)})" in html
    assert f"Current members ({len(members)})" in html
    mechanism = client.get("/api/v1/mechanisms/RIAM").json()
    assert "JAM" not in mechanism["members"]
