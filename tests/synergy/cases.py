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

from sinergia.synergy.snapshot import (
    CountryInfo,
    FrameworkInfo,
    FrameworkItemInfo,
    MechanismInfo,
    MeetingInfo,
    Participation,
    Snapshot,
    TextItem,
)

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


def architecture() -> Snapshot:
    """Bodies and instruments on 1 January 2026, known by hand.

    P  regional process     members X1 X2 X3 X4, met 2025      protection, trafficking
    Q  framework            members X1 X2 X3, met 2025         protection, trafficking (es)
       (members of its own and meetings: a body, like MIRPS)
    R  network              members X1 X2 X3, last met 2021    borders: dormant
    C  committee of O       members X1..X6, met 2025           health
    O  organization         members X1..X6, acts through C
    GCM compact             signatories X1..X6, meets (reviews) protection, trafficking
    NYD declaration         signatories X1..X6                 protection
    LAD declaration         signatories X1 X2                  protection
    """
    day = datetime.date(2026, 1, 1)
    six = [f"X{i}" for i in range(1, 7)]
    members = {
        "P": [(c, "member") for c in ("X1", "X2", "X3", "X4")],
        "Q": [(c, "member") for c in ("X1", "X2", "X3")],
        "R": [(c, "member") for c in ("X1", "X2", "X3")] + [("X5", "participant")],
        "C": [(c, "member") for c in six],
        "O": [(c, "member") for c in six],
        "GCM": [(c, "signatory") for c in six],
        "NYD": [(c, "signatory") for c in six],
        "LAD": [("X1", "signatory"), ("X2", "signatory")],
    }

    def text(key, mechanism, words, language, themes, quality, date=None, year=None):
        return TextItem(
            key=key,
            mechanism=mechanism,
            kind="agenda",
            text=words,
            language=language,
            themes=frozenset(themes),
            source_title=f"Source of {key}",
            source_url=f"https://example.org/{key}",
            year=year,
            date=date,
            source_quality=quality,
        )

    body = datetime.date(2025, 6, 1)
    return Snapshot(
        day=day,
        mechanisms=[
            MechanismInfo(
                "C",
                "intergovernmental_forum",
                "hemispheric",
                {"en": "Committee C"},
                family=frozenset({"O"}),
                last_meeting=body,
            ),
            MechanismInfo(
                "GCM",
                "framework",
                "global",
                {"en": "Compact"},
                acts=False,
                last_meeting=body,
                established=2018,
            ),
            MechanismInfo(
                "LAD",
                "declaration",
                "hemispheric",
                {"en": "Declaration L"},
                last_meeting=body,
                established=2022,
            ),
            MechanismInfo(
                "NYD",
                "declaration",
                "global",
                {"en": "Declaration N"},
                last_meeting=datetime.date(2016, 9, 19),
            ),
            MechanismInfo(
                "O",
                "intergovernmental_organization",
                "hemispheric",
                {"en": "Organization O"},
                family=frozenset({"C"}),
                acts_through="C",
                last_meeting=body,
            ),
            MechanismInfo(
                "P",
                "regional_consultative_process",
                "regional",
                {"en": "Process P"},
                last_meeting=body,
                meetings_per_year=2,
            ),
            MechanismInfo(
                "Q",
                "framework",
                "subregional",
                {"en": "Framework Q"},
                acts=True,
                last_meeting=datetime.date(2025, 3, 1),
                meetings_per_year=1,
            ),
            MechanismInfo(
                "R",
                "network_of_authorities",
                "subregional",
                {"en": "Network R"},
                last_meeting=datetime.date(2021, 1, 15),
            ),
        ],
        countries=[CountryInfo(f"X{i}", "north" if i <= 3 else "south") for i in range(1, 7)],
        subregions=["north", "south"],
        themes=["protection", "trafficking", "borders", "health"],
        participations=[
            Participation(mechanism, country, role)
            for mechanism, rows in members.items()
            for country, role in rows
        ],
        texts=[
            text(
                "p1",
                "P",
                "Protection of refugees and displaced persons in the region",
                "en",
                ["protection"],
                "official",
                date=datetime.date(2024, 11, 20),
            ),
            text(
                "p2",
                "P",
                "Combat trafficking in persons across borders",
                "en",
                ["trafficking"],
                "press",
                year=2023,
            ),
            text(
                "p3",
                "P",
                "Protection of displaced persons and refugees",
                "en",
                ["protection"],
                "other",
            ),
            text(
                "q1",
                "Q",
                "Protección de personas refugiadas y desplazadas en la región",
                "es",
                ["protection"],
                "official",
                date=datetime.date(2025, 3, 1),
            ),
            text(
                "q2",
                "Q",
                "Combatir la trata de personas en las fronteras",
                "es",
                ["trafficking"],
                "other",
                year=2024,
            ),
            text(
                "q3",
                "Q",
                "Protección de personas desplazadas y refugiadas",
                "es",
                ["protection"],
                "press",
                year=2025,
            ),
            text(
                "r1", "R", "Integrated border management", "en", ["borders"], "official", year=2020
            ),
            text(
                "c1",
                "C",
                "Health of migrants in the Americas",
                "en",
                ["health"],
                "official",
                year=2025,
            ),
            text(
                "g1",
                "GCM",
                "Address and reduce vulnerabilities; protect refugees and migrants",
                "en",
                ["protection", "trafficking"],
                "intergovernmental",
                year=2018,
            ),
            text(
                "n1",
                "NYD",
                "Protect the human rights of refugees and migrants",
                "en",
                ["protection"],
                "intergovernmental",
                year=2016,
            ),
            text(
                "l1",
                "LAD",
                "Protection of refugees and regular pathways",
                "en",
                ["protection"],
                "official",
                year=2022,
            ),
        ],
        meetings=[
            MeetingInfo("P", "P plenary", datetime.date(2025, 6, 1)),
            MeetingInfo("Q", "Q annual meeting", datetime.date(2025, 6, 3)),
            MeetingInfo("R", "R meeting", datetime.date(2021, 1, 15)),
            MeetingInfo("C", "C session", datetime.date(2025, 2, 10)),
        ],
        frameworks=[
            FrameworkInfo("gcm", {"en": "GCM"}, [FrameworkItemInfo(c) for c in ("7", "10", "11")]),
            FrameworkInfo("lad", {"en": "LAD"}, [FrameworkItemInfo("2")]),
        ],
        crosswalk={
            "protection": [("gcm", "7"), ("lad", "2")],
            "trafficking": [("gcm", "10")],
            "borders": [("gcm", "11")],
        },
    )
