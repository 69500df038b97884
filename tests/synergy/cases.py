"""A small hand-made registry whose overlaps, gaps, burden and ranking are known by hand.

countries  X1 X2 X3 (subregion north)   X4 X5 X6 (subregion south)
A  regional process    members X1 X2 X3          trafficking, smuggling (es)
B  regional forum      members X2 X3 X4, X5 observer   trafficking, smuggling (en)
C  declaration         signatories X1..X6        regular pathways
D  subregional process member X6                 health
E  concluded project   members X2 X3             trafficking
"""

from __future__ import annotations

import datetime

from sinergia.synergy.snapshot import CountryInfo, MechanismInfo, Participation, Snapshot, TextItem

THEMES = ["trafficking-in-persons", "smuggling-of-migrants", "regular-pathways", "health"]
MET = datetime.date(2025, 6, 1)  # the processes and the forum met within the last three years


def _text(key, mechanism, text, language, themes):
    return TextItem(
        key=key,
        mechanism=mechanism,
        kind="agenda",
        text=text,
        language=language,
        themes=frozenset(themes),
        source_title=f"Source of {key}",
        source_url=f"https://example.org/{key}",
    )


def small_registry() -> Snapshot:
    members = {
        "A": [("X1", "member"), ("X2", "member"), ("X3", "member")],
        "B": [("X2", "member"), ("X3", "member"), ("X4", "member"), ("X5", "observer")],
        "C": [(f"X{i}", "signatory") for i in range(1, 7)],
        "D": [("X6", "member")],
        "E": [("X2", "member"), ("X3", "member")],
    }
    return Snapshot(
        day=datetime.date(2026, 1, 1),
        mechanisms=[
            MechanismInfo(
                "A",
                "regional_consultative_process",
                "regional",
                {"en": "Process A"},
                meetings_per_year=2,
                last_meeting=MET,
            ),
            MechanismInfo(
                "B",
                "intergovernmental_forum",
                "regional",
                {"en": "Forum B"},
                meetings_per_year=1,
                last_meeting=MET,
            ),
            MechanismInfo("C", "declaration", "hemispheric", {"en": "Declaration C"}),
            MechanismInfo(
                "D",
                "regional_consultative_process",
                "subregional",
                {"en": "Process D"},
                meetings_per_year=0.5,
                last_meeting=MET,
            ),
            MechanismInfo("E", "project", "subregional", {"en": "Project E"}, status="concluded"),
        ],
        countries=[CountryInfo(f"X{i}", "north" if i <= 3 else "south") for i in range(1, 7)],
        subregions=["north", "south"],
        themes=THEMES,
        participations=[
            Participation(mechanism, country, role)
            for mechanism, rows in members.items()
            for country, role in rows
        ],
        texts=[
            _text(
                "a1",
                "A",
                "Combatir la trata de personas y el tráfico ilícito de migrantes en la región",
                "es",
                THEMES[:2],
            ),
            _text(
                "b1",
                "B",
                "Combating trafficking in persons and the smuggling of migrants in the region",
                "en",
                THEMES[:2],
            ),
            _text(
                "c1",
                "C",
                "Expand regular pathways for migration and international protection",
                "en",
                THEMES[2:3],
            ),
            _text("d1", "D", "Acceso a la salud de las personas migrantes", "es", THEMES[3:]),
            _text(
                "e1",
                "E",
                "Training of border officials against trafficking in persons",
                "en",
                THEMES[:1],
            ),
        ],
    )
