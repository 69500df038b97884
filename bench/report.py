"""Consolidated report benchmark: a session with 40 contributions (20 mechanisms' and 20
delegations', in Spanish and English), its report built and written as HTML, PDF and DOCX in
Spanish and in English, in a process that has built a report already (as a server or a
worker has). Target: about 2 s for each report, 10 s at most.

The last line printed is one JSON object. Run: `.venv/bin/python bench/report.py`;
`BENCH_SMOKE=1` runs it with 4 contributions, in Spanish only.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sinergia.settings")
os.environ["SINERGIA_VAR_DIR"] = tempfile.mkdtemp(prefix="sinergia-report-bench-")
os.environ.pop("DATABASE_URL", None)

import django

django.setup()

from django.core.management import call_command

from bench.timing import smoke
from sinergia.accounts.services import SystemActor
from sinergia.dialogue import services
from sinergia.dialogue.models import Session
from sinergia.dialogue.report import report_build, report_render

TEXTS = {
    "es": [
        "Proponemos coordinar con el Proceso de Quito y el MIRPS la regularización migratoria y "
        "el acceso a documentación de personas venezolanas.",
        "El principal reto es la trata de personas en las fronteras; compartimos un protocolo "
        "regional de identificación y atención de víctimas.",
        "Nuestro valor agregado es el diálogo técnico entre autoridades migratorias y la "
        "producción de datos comparables sobre migración laboral y retorno.",
    ],
    "en": [
        "We see room for a joint working group with the Regional Conference on Migration on "
        "labour mobility and the protection of migrant workers.",
        "Our main challenge is predictable funding for the reception of asylum seekers and the "
        "integration of refugees in host communities.",
    ],
}
MECHANISMS = ["CRM", "CSM", "QUITO", "MIRPS", "RIAM", "OCAM", "FEM", "FIBEMYD"]
COUNTRIES = ["ARG", "BRA", "CHL", "COL", "CRI", "ECU", "GTM", "MEX", "PAN", "PER"]


def contributions(session: Session, count: int) -> None:
    actor = SystemActor("bench")
    for index in range(count):
        if index % 2:
            participant = services.delegation_join(
                actor=actor, session=session, country=COUNTRIES[index % len(COUNTRIES)]
            )
        else:
            participant = session.participants.get(
                mechanism__acronym=MECHANISMS[index % len(MECHANISMS)]
            )
        language = ["es", "en"][index % 2]
        texts = TEXTS[language]
        services.contribution_submit(
            actor=actor,
            participant=participant,
            data=services.ContributionData(
                question=1 + index % 2,
                language=language,
                statement=texts[index % len(texts)],
                challenges=texts[(index + 1) % len(texts)],
                good_practices=texts[(index + 2) % len(texts)],
                coordination=texts[index % len(texts)],
            ),
        )


def main() -> None:
    call_command("init", verbosity=0)
    session = Session.objects.get(key="cam-2023-05-09")
    count = 4 if smoke() else 40
    contributions(session, count)
    # A server or worker has the PDF engine loaded before its first report: so does this run.
    report_render(report_build(session, "es"), "pdf")
    figures: dict[str, float] = {}
    for language in ("es",) if smoke() else ("es", "en"):
        for fmt in ("html", "pdf", "docx"):
            start = time.perf_counter()
            content = report_render(report_build(session, language), fmt)
            seconds = time.perf_counter() - start
            figures[f"{language}.{fmt}"] = round(seconds, 2)
            print(f"report {language} {fmt}: {seconds:5.2f} s, {len(content):>9,} bytes")
    worst = max(figures.values())
    print(
        f"slowest report: {worst:.2f} s (target about 2 s, 10 s at most) with {session.contributions.count()} contributions"
    )
    print(json.dumps({"contributions": count, "seconds": figures, "slowest": worst}))


if __name__ == "__main__":
    main()
