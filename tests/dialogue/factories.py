"""Factories for dialogue tests: participants and their contributions, in several languages.

Texts are drawn from a small pool of plausible statements; none is attributed to a real
participant outside the tests."""

from __future__ import annotations

import factory

from sinergia.dialogue.models import Contribution, ContributionStatus, Participant, Session
from sinergia.registry.models import Country, Mechanism

STATEMENTS = {
    "es": [
        "Proponemos coordinar con el Proceso de Quito y el MIRPS la regularización migratoria "
        "y el acceso a documentación de personas venezolanas en Colombia y Perú.",
        "El principal reto es la trata de personas en las fronteras de Guatemala y México; "
        "compartimos un protocolo regional de identificación de víctimas.",
        "Nuestro valor agregado es el diálogo técnico entre autoridades migratorias y la "
        "producción de datos comparables sobre migración laboral.",
    ],
    "en": [
        "We see room for a joint working group with the Regional Conference on Migration on "
        "labour mobility and the protection of migrant workers in Canada and the United States.",
        "Our main challenge is predictable funding for the reception of asylum seekers and "
        "the integration of refugees in host communities.",
    ],
    "pt": [
        "O Brasil compartilha a Operação Acolhida, de interiorização e integração de pessoas "
        "refugiadas e migrantes venezuelanas, com a Conferência Sul-Americana sobre Migrações.",
    ],
    "fr": [
        "Haïti souligne la protection des personnes déplacées et le retour digne des migrants, "
        "en coordination avec la Conférence régionale sur les migrations.",
    ],
}


def delegation(session: Session, iso3: str) -> Participant:
    country = Country.objects.get(iso3=iso3)
    participant, _created = Participant.objects.get_or_create(
        session=session,
        country=country,
        defaults={"kind": "delegation", "role": "delegation"},
    )
    return participant


def mechanism_participant(session: Session, acronym: str) -> Participant:
    mechanism = Mechanism.objects.get(acronym=acronym)
    participant, _created = Participant.objects.get_or_create(
        session=session,
        mechanism=mechanism,
        defaults={"kind": "mechanism", "role": "panelist"},
    )
    return participant


class ContributionFactory(factory.django.DjangoModelFactory):
    """A submitted contribution, stored directly (services are tested on their own)."""

    class Meta:
        model = Contribution

    participant = None  # required: pass one
    session = factory.LazyAttribute(lambda c: c.participant.session)
    question = factory.LazyAttribute(lambda c: c.session.questions.order_by("number").first())
    language = "es"
    status = ContributionStatus.SUBMITTED
    statement = factory.LazyAttributeSequence(
        lambda c, n: STATEMENTS[c.language][n % len(STATEMENTS[c.language])]
    )
    challenges = factory.LazyAttributeSequence(
        lambda c, n: STATEMENTS[c.language][(n + 1) % len(STATEMENTS[c.language])]
    )
    good_practices = ""
    added_value = ""
    coordination = ""


# Who speaks, in which language and on which question, in `session_with_contributions`.
TWELVE = [
    ("CRM", "es", 1),
    ("CRM", "es", 2),
    ("CSM", "es", 1),
    ("QUITO", "es", 2),
    ("MIRPS", "es", 1),
    ("MIRPS", "en", 2),
    ("BRA", "pt", 1),
    ("BRA", "pt", 2),
    ("CAN", "en", 1),
    ("USA", "en", 2),
    ("MEX", "es", 1),
    ("COL", "es", 2),
]


def session_with_contributions(key: str = "cam-2023-05-09") -> Session:
    """The bundled session with twelve submitted contributions in Spanish, English and
    Portuguese, four mechanisms and four delegations, recorded through the service (so
    tagged with themes and the mechanisms they name) by the secretariat."""
    from sinergia.accounts.services import SystemActor
    from sinergia.dialogue import services

    session = Session.objects.get(key=key)
    actor = SystemActor("test")
    for index, (who, language, question) in enumerate(TWELVE):
        participant = (
            mechanism_participant(session, who)
            if Mechanism.objects.filter(acronym=who).exists()
            else delegation(session, who)
        )
        texts = STATEMENTS[language]
        services.contribution_submit(
            actor=actor,
            participant=participant,
            data=services.ContributionData(
                question=question,
                language=language,
                statement=texts[index % len(texts)],
                challenges=texts[(index + 1) % len(texts)] if len(texts) > 1 else "",
            ),
        )
    return session
