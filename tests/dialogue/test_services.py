"""Contributions, follow-up actions and sessions: who may write, what is recorded, what is
refused with the field named."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sinergia.accounts.models import AuditEntry
from sinergia.accounts.services import SystemActor
from sinergia.dialogue import services
from sinergia.dialogue.models import ActionStatus, Contribution, Session
from sinergia.practices.models import Status
from sinergia.registry.mentions import mention_finder
from tests.factories import secretariat_user
from tests.practices.helpers import mechanism_focal_point, state_focal_point

pytestmark = pytest.mark.django_db


@pytest.fixture
def session():
    return Session.objects.get(key="cam-2023-05-09")


def data(**fields):
    fields.setdefault("question", 1)
    fields.setdefault("language", "es")
    return services.ContributionData(**fields)


def test_the_bundled_session_has_both_guiding_questions_and_no_statement(session):
    questions = list(session.questions.all())
    assert [q.number for q in questions] == [1, 2]
    assert questions[0].text["es"].startswith("¿Cuáles son los principales retos")
    assert questions[1].text["en"].startswith("What opportunities")
    assert "en" in questions[0].translated  # Sinergia's translation, marked as such
    assert not session.contributions.exists()
    assert session.participants.filter(confirmed=False).count() == session.participants.count()


def test_a_state_focal_point_joins_and_contributes_for_its_own_country(session):
    focal = state_focal_point("COL")
    participant = services.delegation_join(actor=focal, session=session, country="COL")
    contribution = services.contribution_submit(
        actor=focal,
        participant=participant,
        data=data(
            question=2,
            coordination="Proponemos una mesa conjunta con el Proceso de Quito y el MIRPS sobre "
            "regularización migratoria de personas venezolanas en Perú y Ecuador.",
        ),
    )
    assert contribution.on_behalf is False
    assert {m.acronym for m in contribution.mentioned_mechanisms.all()} == {"QUITO", "MIRPS"}
    assert {c.iso3 for c in contribution.mentioned_countries.all()} == {"PER", "ECU"}
    assert contribution.themes.exists()
    assert AuditEntry.objects.filter(action="contribution.create", actor=focal).exists()
    assert AuditEntry.objects.filter(action="participant.join", object_id=str(participant.pk))


def test_a_focal_point_cannot_speak_for_another_country_or_mechanism(session):
    focal = state_focal_point("COL")
    with pytest.raises(PermissionDenied):
        services.delegation_join(actor=focal, session=session, country="PER")
    crm = session.participants.get(mechanism__acronym="CRM")
    with pytest.raises(PermissionDenied):
        services.contribution_submit(actor=focal, participant=crm, data=data(statement="Hola"))
    other = mechanism_focal_point("CSM")
    with pytest.raises(PermissionDenied):
        services.contribution_submit(actor=other, participant=crm, data=data(statement="Hola"))
    assert not Contribution.objects.exists()


def test_the_secretariat_records_a_contribution_on_a_participants_behalf(session):
    secretariat = secretariat_user()
    crm = session.participants.get(mechanism__acronym="CRM")
    contribution = services.contribution_submit(
        actor=secretariat,
        participant=crm,
        data=data(added_value="Foro regional de diálogo entre autoridades migratorias."),
    )
    assert contribution.on_behalf is True
    assert contribution.recorded_by == secretariat


def test_a_mechanism_focal_point_contributes_for_its_own_mechanism(session):
    focal = mechanism_focal_point("CRM")
    crm = session.participants.get(mechanism__acronym="CRM")
    contribution = services.contribution_submit(
        actor=focal,
        participant=crm,
        data=data(
            language="en", challenges="Sustainable funding for the CRM's technical secretariat."
        ),
    )
    # A mechanism naming itself is not a mention of another mechanism.
    assert not contribution.mentioned_mechanisms.filter(acronym="CRM").exists()


def test_an_empty_contribution_or_an_unknown_question_is_refused_with_the_field(session):
    secretariat = secretariat_user()
    crm = session.participants.get(mechanism__acronym="CRM")
    with pytest.raises(ValidationError) as empty:
        services.contribution_submit(actor=secretariat, participant=crm, data=data())
    assert "statement" in empty.value.message_dict
    with pytest.raises(ValidationError) as unknown:
        services.contribution_submit(
            actor=secretariat, participant=crm, data=data(question=9, statement="Texto")
        )
    assert "question" in unknown.value.message_dict
    assert not Contribution.objects.exists()


def test_a_country_outside_the_convener_cannot_join(session):
    secretariat = secretariat_user()
    with pytest.raises(ValidationError) as error:
        services.delegation_join(actor=secretariat, session=session, country="ESP")
    assert "participant" in error.value.message_dict


def test_a_good_practice_in_a_contribution_becomes_a_practice_in_one_step(session):
    focal = state_focal_point("COL")
    participant = services.delegation_join(actor=focal, session=session, country="COL")
    contribution = services.contribution_submit(
        actor=focal,
        participant=participant,
        data=data(
            good_practices="El Estatuto Temporal de Protección para Migrantes Venezolanos "
            "regularizó a más de 1,8 millones de personas y les dio acceso a salud y empleo."
        ),
    )
    practice = services.practice_from_contribution(
        actor=focal, contribution=contribution, title="Estatuto Temporal de Protección"
    )
    assert practice.status == Status.SUBMITTED
    assert practice.submitting_country.iso3 == "COL"
    assert list(practice.countries.values_list("iso3", flat=True)) == ["COL"]
    assert "1,8 millones" in practice.body
    assert list(contribution.practices.all()) == [practice]
    with pytest.raises(PermissionDenied):
        services.practice_from_contribution(
            actor=state_focal_point("PER"), contribution=contribution, title="Copia"
        )


def test_follow_up_progress_by_the_owner_only_and_recorded(session):
    secretariat = secretariat_user()
    action = services.action_create(
        actor=secretariat,
        session=session,
        description="Compartir el calendario de reuniones de la CRM con la CSM.",
        language="es",
        owner_mechanism="CRM",
    )
    with pytest.raises(PermissionDenied):
        services.action_create(
            actor=mechanism_focal_point("CRM"),
            session=session,
            description="x",
            language="es",
            owner_mechanism="CRM",
        )
    with pytest.raises(PermissionDenied):
        services.action_progress(
            actor=mechanism_focal_point("CSM"), action=action, status=ActionStatus.DONE
        )
    note = services.action_progress(
        actor=mechanism_focal_point("CRM"),
        action=action,
        status=ActionStatus.IN_PROGRESS,
        note="Calendario enviado a la presidencia pro tempore de la CSM.",
    )
    action.refresh_from_db()
    assert action.status == ActionStatus.IN_PROGRESS
    assert (note.status_before, note.status_after) == ("planned", "in_progress")
    with pytest.raises(ValidationError) as nothing:
        services.action_progress(actor=secretariat, action=action, status=ActionStatus.IN_PROGRESS)
    assert "note" in nothing.value.message_dict
    with pytest.raises(ValidationError) as ownerless:
        services.action_create(actor=secretariat, session=session, description="x", language="es")
    assert "owners" in ownerless.value.message_dict


def test_the_secretariat_edits_a_guiding_question_and_the_translation_mark_follows(session):
    question = session.questions.get(number=1)
    text = dict(question.text, en="Official English text of question one?")
    services.question_set(actor=secretariat_user(), question=question, text=text)
    question.refresh_from_db()
    assert question.text["en"] == "Official English text of question one?"
    assert "en" not in question.translated and "fr" in question.translated
    with pytest.raises(PermissionDenied):
        services.question_set(actor=state_focal_point("COL"), question=question, text=text)


@pytest.mark.parametrize(
    ("text", "mechanisms", "countries"),
    [
        ("La República Dominicana y Dominica", [], ["DOM", "DMA"]),
        ("the Regional Conference on Migration and the Quito Process", ["CRM", "QUITO"], []),
        ("O Brasil e a Conferência Sul-Americana sobre Migrações", ["CSM"], ["BRA"]),
        ("la cam y la CAM", ["CAM"], []),
        ("Haïti et les États-Unis", [], ["HTI", "USA"]),
    ],
)
def test_mentions_are_found_by_name_in_four_languages_and_by_acronym(text, mechanisms, countries):
    found = mention_finder().find(text)
    assert found.mechanisms == mechanisms
    assert found.countries == countries


def test_sessions_are_managed_by_the_secretariat_only():
    payload = services.SessionData(
        key="cam-2024-test",
        convener="CAM",
        date=__import__("datetime").date(2024, 5, 14),
        title={"es": "Sesión de prueba", "en": "Test session"},
        questions=[{"es": "¿Pregunta uno?", "en": "Question one?"}],
        agenda=[{"es": "Apertura", "en": "Opening"}],
    )
    with pytest.raises(PermissionDenied):
        services.session_save(actor=state_focal_point("COL"), data=payload)
    created = services.session_save(actor=SystemActor("test"), data=payload)
    assert created.questions.count() == 1 and created.agenda.count() == 1


def test_a_bundled_session_that_restates_a_registry_source_refreshes_the_mechanism_pages(
    data_copy, settings
):
    """The sources a session file names are the registry's: loading one that restates the
    source of a mechanism's page changes that page, kept until the registry changes."""
    from sinergia.dialogue.bundled import bundled_sessions_load
    from sinergia.registry.selectors import mechanism_shown

    settings.SINERGIA_DATA_DIR = data_copy
    assert mechanism_shown("CRM").source.title == "About Us"
    path = data_copy / "dialogue" / "sessions" / "cam-2023-05-09.yaml"
    restated = (
        "\nsources:\n"
        "  - id: crm-about\n"
        '    title: "About Us (zetarestated)"\n'
        '    publisher: "Regional Conference on Migration"\n'
        "    url: https://crmsv.org/en/about-us\n"
        "    consulted: 2026-11-28\n"
    )
    path.write_text(path.read_text().replace("\nsources:\n", restated, 1))
    assert bundled_sessions_load() == ["cam-2023-05-09"]
    assert mechanism_shown("CRM").source.title == "About Us (zetarestated)"
