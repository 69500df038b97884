"""People and practices for the practice tests."""

from __future__ import annotations

from sinergia.accounts.models import RoleKind
from sinergia.practices.services import PracticeData, practice_create
from sinergia.registry.models import Country, Mechanism
from tests.factories import user_with_role


def state_focal_point(iso3: str = "COL", **fields):
    fields.setdefault("username", f"focal-{iso3.lower()}")
    return user_with_role(
        RoleKind.STATE_FOCAL_POINT, country=Country.objects.get(iso3=iso3), **fields
    )


def mechanism_focal_point(acronym: str = "CRM", **fields):
    fields.setdefault("username", f"focal-{acronym.lower()}")
    return user_with_role(
        RoleKind.MECHANISM_FOCAL_POINT, mechanism=Mechanism.objects.get(acronym=acronym), **fields
    )


def reviewer(**fields):
    fields.setdefault("username", "reviewer")
    fields.setdefault("email", "reviewer@example.org")
    return user_with_role(RoleKind.REVIEWER, **fields)


def draft(actor, *, title="Ruta de atención a niñez migrante no acompañada", iso3="COL", **extra):
    data = PracticeData(
        title=title,
        summary=extra.pop(
            "summary",
            "Protocolo interinstitucional para la protección de niñas, niños y adolescentes "
            "migrantes no acompañados en la frontera, con acceso a educación y salud.",
        ),
        language=extra.pop("language", "es"),
        countries=[iso3],
        **extra,
    )
    return practice_create(actor=actor, data=data)
