"""The registry's own texts (membership notes, secretariats, unconfirmed facts) in the
reader's language, each translation marked; acronyms and region names in that language."""

from __future__ import annotations

import html

import pytest
import yaml
from pydantic import ValidationError

from sinergia.dialogue.models import Participant, Session
from sinergia.i18n import territory_name, translated
from sinergia.reference.schema import MemberSpec
from sinergia.registry.models import Membership

pytestmark = pytest.mark.django_db


def test_a_membership_note_is_shown_in_the_readers_language_and_marked_as_machine_made(client):
    page = client.get("/es/countries/MEX/").content.decode()
    assert "Firmó la Carta el 1948-04-30" in page
    assert "Signed the Charter" not in page
    assert "traducción automática" in page
    english = client.get("/en/countries/MEX/").content.decode()
    assert "Signed the Charter on 1948-04-30" in english
    assert "machine translation" not in english


def test_a_note_without_a_translation_keeps_its_language_marked():
    membership = Membership.objects.filter(note__startswith="Signed the Charter").first()
    assert membership is not None
    membership.note_translations = {}
    shown = translated(membership.note, membership.note_language, {}, "fr")
    assert (shown.language, shown.machine) == ("en", False)


@pytest.mark.parametrize(
    "language,expected,absent",
    [
        ("es", "Secretaría Ejecutiva", "Executive Secretariat (called"),
        ("fr", "Secrétariat exécutif", "Executive Secretariat (called"),
        ("pt", "Secretaria Executiva", "Executive Secretariat (called"),
    ],
)
def test_the_crm_secretariat_in_every_language(client, language, expected, absent):
    page = client.get(f"/{language}/mechanisms/CRM/").content.decode()
    assert expected in page
    assert absent not in page


@pytest.mark.parametrize(
    "language,acronyms",
    [("es", "ACNUR, OEA"), ("fr", "HCR, OEA"), ("pt", "ACNUR, OEA"), ("en", "UNHCR, OAS")],
)
def test_supporting_organizations_by_their_acronym_in_the_readers_language(
    client, language, acronyms
):
    page = client.get(f"/{language}/mechanisms/MIRPS/").content.decode()
    assert acronyms in page


def test_unconfirmed_facts_are_named_not_coded(client):
    page = client.get("/es/mechanisms/CRM/").content.decode()
    assert "<dt>Meetings</dt>" not in page
    assert "<dt>meetings</dt>" not in page


def test_area_419_is_latin_america_and_the_caribbean_in_every_language(client):
    assert territory_name("419", "es") == "América Latina y el Caribe"
    assert territory_name("419", "en") == "Latin America and the Caribbean"
    assert territory_name("419", "fr") == "Amérique latine et Caraïbes"
    assert territory_name("419", "pt") == "América Latina e Caribe"
    page = client.get("/es/statistics/areas/419/").content.decode()
    assert "América Latina y el Caribe" in page


def test_source_titles_in_another_language_are_marked(client):
    page = client.get("/es/mechanisms/CRM/").content.decode()
    assert '<cite lang="en">' in page


def test_an_editorial_text_has_one_original():
    with pytest.raises(ValidationError):
        MemberSpec.model_validate(
            yaml.safe_load(
                "{country: MEX, role: member, source: x, note: {en: 'a', es: 'b', "
                "translation: {fr: machine}}}"
            )
        )
    spec = MemberSpec.model_validate(
        {"country": "MEX", "role": "member", "source": "x", "note": "Joined in 1996."}
    )
    assert (spec.note.original, spec.note.original_language) == ("Joined in 1996.", "en")


@pytest.mark.parametrize(
    "language,expected,mark",
    [
        ("es", "La CAM se reúne varias veces al año en la sede de la OEA", "traducción automática"),
        (
            "fr",
            "La CAM se réunit plusieurs fois par an au siège de l'OEA",
            "traduction automatique",
        ),
    ],
)
def test_a_note_on_an_unconfirmed_fact_in_the_readers_language(client, language, expected, mark):
    page = html.unescape(client.get(f"/{language}/mechanisms/CAM/").content.decode())
    assert expected in page
    assert f'<span class="machine-translation">({mark})</span>' in page
    assert "The CAM meets several times a year" not in page


@pytest.mark.parametrize(
    "language,participant,session,mark",
    [
        (
            "es",
            "Inferido únicamente de la nota conceptual, que describe la Conferencia Regional "
            "sobre Migración (Proceso Puebla)",
            "La única prueba encontrada de esta sesión es su nota conceptual",
            "traducción automática",
        ),
        (
            "fr",
            "Déduit de la seule note conceptuelle, qui décrit la Conférence régionale sur la "
            "migration (Processus de Puebla)",
            "La seule preuve trouvée de cette séance est sa note conceptuelle",
            "traduction automatique",
        ),
    ],
)
def test_a_session_s_participant_and_unconfirmed_notes_in_the_readers_language(
    client, language, participant, session, mark
):
    pk = Session.objects.get(key="cam-2023-05-09").pk
    page = html.unescape(client.get(f"/{language}/dialogue/{pk}/").content.decode())
    assert participant in page
    assert session in page
    assert f'<span class="machine-translation">({mark})</span>' in page
    assert "Inferred from the concept note alone" not in page
    assert '<dd lang="en">' not in page
    assert '<span lang="en">Inferred' not in page
    english = client.get(f"/en/dialogue/{pk}/").content.decode()
    assert "Inferred from the concept note alone" in english
    assert "machine-translation" not in english


def test_a_participant_note_without_a_translation_keeps_its_language_marked(client):
    participant = Participant.objects.filter(session__key="cam-2023-05-09").first()
    assert participant is not None
    participant.note_translations = {}
    participant.save()
    page = client.get(f"/es/dialogue/{participant.session_id}/").content.decode()
    assert '<span lang="en">Inferred from the concept note alone' in page


def test_the_facts_of_a_session_no_source_confirms_are_named_in_the_readers_language(client):
    from sinergia.dialogue.models import Session

    session = Session.objects.get(key="cam-2023-05-09")
    html = client.get(f"/es/dialogue/{session.pk}/").content.decode()
    assert "<dt>Preguntas orientadoras</dt>" in html or "<dt>Preguntas guía</dt>" in html
    assert "<dt>guiding_questions</dt>" not in html
