"""Demonstration content: one account per role. Idempotent."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from sinergia.accounts.models import RoleAssignment, RoleKind
from sinergia.accounts.services import SystemActor, audit_record
from sinergia.practices.importing import ImportReport, practices_import, read_rows
from sinergia.registry.models import Country, Mechanism

DEMO_PASSWORD = "sinergia-demo"  # noqa: S105 - demonstration only, refused with DEBUG off

# username, role, country ISO3, mechanism acronym, description
DEMO_ACCOUNTS = [
    ("secretaria", RoleKind.ADMIN, None, None, "CAM secretariat (administrator)"),
    ("revisora", RoleKind.REVIEWER, None, None, "reviewer of the secretariat"),
    ("punto-focal-col", RoleKind.STATE_FOCAL_POINT, "COL", None, "focal point of Colombia"),
    ("punto-focal-crm", RoleKind.MECHANISM_FOCAL_POINT, None, "CRM", "focal point of the CRM"),
]


DEMO_PRACTICES = settings.SINERGIA_DATA_DIR / "practices" / "demo_practices.json"


def demo_practices_load() -> ImportReport:
    """The bundled good practices (real, each with its public source), published."""
    return practices_import(
        actor=SystemActor("sinergia demo"), rows=read_rows(DEMO_PRACTICES), publish=True
    )


def demo_load() -> list[tuple[str, str]]:
    """Create the demo accounts (once); return (username, description) for each."""
    user_model = get_user_model()
    created = []
    with transaction.atomic():
        for username, role, iso3, acronym, description in DEMO_ACCOUNTS:
            user, is_new = user_model.objects.get_or_create(
                username=username,
                defaults={
                    "is_staff": role in (RoleKind.ADMIN, RoleKind.REVIEWER),
                    "is_superuser": role == RoleKind.ADMIN,
                },
            )
            if is_new:
                user.set_password(DEMO_PASSWORD)
                user.save()
                RoleAssignment.objects.create(
                    user=user,
                    role=role,
                    country=Country.objects.get(iso3=iso3) if iso3 else None,
                    mechanism=Mechanism.objects.get(acronym=acronym) if acronym else None,
                )
                audit_record(
                    actor=None,
                    actor_fallback="sinergia demo",
                    action="account.create",
                    target=user,
                    summary=description,
                )
            created.append((username, description))
    return created
