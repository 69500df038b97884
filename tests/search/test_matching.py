"""The matching of the site search, on plain records: no database."""

from __future__ import annotations

from sinergia.search.matching import (
    Record,
    Text,
    excerpt,
    highlight,
    index_record,
    parse_query,
    rank,
)

CRM = Record(
    kind="mechanism",
    key="CRM",
    titles={"es": "Conferencia Regional sobre Migración (CRM)"},
    names=(
        Text("Conferencia Regional sobre Migración", "es"),
        Text("Regional Conference on Migration", "en"),
        Text("Conférence régionale sur les migrations", "fr"),
        Text("Conferência Regional sobre Migração", "pt"),
        Text("Proceso de Puebla"),
    ),
    codes=("CRM",),
    texts=(
        Text("Proceso consultivo regional de once Estados de América del Norte y Central.", "es"),
    ),
)
CSM = Record(
    kind="mechanism",
    key="CSM",
    titles={"es": "Conferencia Suramericana sobre Migraciones (CSM)"},
    names=(
        Text("Conferencia Suramericana sobre Migraciones", "es"),
        Text("Conférence sud-américaine sur les migrations", "fr"),
    ),
    codes=("CSM",),
    texts=(Text("Proceso consultivo regional de América del Sur.", "es"),),
)
MIRPS = Record(
    kind="mechanism",
    key="MIRPS",
    titles={"es": "Marco Integral Regional para la Protección y Soluciones (MIRPS)"},
    names=(Text("Marco Integral Regional para la Protección y Soluciones", "es"),),
    codes=("MIRPS",),
    texts=(Text("Aplicación regional del Pacto Mundial sobre los Refugiados.", "es"),),
)
TRAFFICKING = Record(
    kind="theme",
    key="trafficking-in-persons",
    titles={"es": "Trata de personas", "en": "Trafficking in persons"},
    names=(
        Text("Trata de personas", "es"),
        Text("Trafficking in persons", "en"),
        Text("Traite des personnes", "fr"),
        Text("trata de seres humanos", "es"),
        Text("human trafficking", "en"),
    ),
)
INTEGRATION = Record(
    kind="theme",
    key="integration",
    titles={"es": "Integración de personas migrantes"},
    names=(Text("Integración de personas migrantes", "es"),),
)
RECORDS = [index_record(record) for record in (CSM, MIRPS, CRM)]


def keys(matches):
    return [match.record.key for match in matches]


def test_function_words_are_dropped_and_acronyms_kept_as_written():
    query = parse_query("la Conferencia de la CRM sobre el MIRPS")
    assert len(query.words) == 4  # conferencia, crm, sobre, mirps
    assert frozenset({"crm"}) in query.words and frozenset({"mirps"}) in query.words
    assert parse_query("de la y the of").empty
    assert parse_query("   ").empty


def test_the_query_is_read_up_to_300_characters():
    assert len(parse_query("migración " * 100).text) <= 300


def test_accents_and_case_do_not_matter():
    assert (
        keys(rank(RECORDS, parse_query("conferencia regional sobre migracion"), "es"))[0] == "CRM"
    )
    assert keys(rank(RECORDS, parse_query("CONFERENCIA REGIONAL"), "es"))[0] == "CRM"


def test_an_exact_name_or_acronym_comes_first():
    assert keys(rank(RECORDS, parse_query("Conferencia Regional sobre Migración"), "es")) == [
        "CRM",
        "CSM",
    ]
    matches = rank(RECORDS, parse_query("mirps"), "es")
    assert keys(matches) == ["MIRPS"] and matches[0].exact


def test_an_acronym_is_not_stemmed():
    # The English stem of "MIRPS" would be "mirp": the acronym is matched as written.
    assert keys(rank(RECORDS, parse_query("MIRPS"), "en")) == ["MIRPS"]
    assert rank(RECORDS, parse_query("MIRP"), "en") == []


def test_names_are_found_in_every_language_whatever_the_reader_reads():
    for text in ("Conférence régionale", "Regional Conference on Migration", "Proceso de Puebla"):
        assert keys(rank(RECORDS, parse_query(text), "fr"))[0] == "CRM", text


def test_words_are_stemmed_in_each_language():
    # "migraciones" and "migración" share their Spanish stem.
    assert "CRM" in keys(rank(RECORDS, parse_query("conferencias regionales migraciones"), "es"))


def test_rare_words_weigh_more_than_words_every_record_has():
    themes = [index_record(TRAFFICKING), index_record(INTEGRATION)]
    matches = rank(themes, parse_query("trata de personas"), "es")
    assert keys(matches) == ["trafficking-in-persons"]
    assert keys(rank(themes, parse_query("trata"), "es")) == ["trafficking-in-persons"]


def test_more_words_matched_rank_higher_and_too_few_do_not_match():
    def record(key, text):
        return index_record(
            Record(kind="theme", key=key, titles={"es": key}, names=(Text(text, "es"),))
        )

    records = [
        record("one", "beta gamma"),
        record("all", "alfa beta gamma"),
        record("alfa", "alfa"),
        record("alfa again", "alfa otro"),
        *(record(f"other {n}", "otro") for n in range(6)),
    ]
    matches = rank(records, parse_query("alfa beta gamma"), "es")
    assert keys(matches) == ["all", "one"]
    assert [match.matched for match in matches] == [3, 2]


def test_a_word_no_record_holds_does_not_hide_the_others():
    assert keys(rank(RECORDS, parse_query("MIRPS Guatemala"), "es")) == ["MIRPS"]


def test_nothing_matches_an_empty_query_or_unknown_words():
    assert rank(RECORDS, parse_query(""), "es") == []
    assert rank(RECORDS, parse_query("xyzzy"), "es") == []


def test_ties_follow_the_order_then_the_title():
    first = index_record(
        Record(
            kind="meeting",
            key="a",
            titles={"es": "B reunión"},
            names=(Text("reunión Quito"),),
            order=2,
        )
    )
    second = index_record(
        Record(
            kind="meeting",
            key="b",
            titles={"es": "A reunión"},
            names=(Text("reunión Quito"),),
            order=1,
        )
    )
    third = index_record(
        Record(
            kind="meeting",
            key="c",
            titles={"es": "Ä reunión"},
            names=(Text("reunión Quito"),),
            order=2,
        )
    )
    assert keys(rank([first, second, third], parse_query("Quito"), "es")) == ["b", "c", "a"]


def test_the_excerpt_starts_near_the_first_match():
    text = " ".join(["palabra"] * 50 + ["Guatemala"] + ["otra"] * 50)
    shown = excerpt(text, parse_query("Guatemala"), "es", words=20)
    assert shown.startswith("… ") and shown.endswith(" …") and "Guatemala" in shown
    assert excerpt("corto", parse_query("Guatemala"), "es") == "corto"


def test_highlight_marks_the_words_that_match():
    pieces = highlight("La trata de personas en Guatemala.", parse_query("trata guatemala"), "es")
    assert [piece for piece, marked in pieces if marked] == ["trata", "Guatemala"]
    assert "".join(piece for piece, _marked in pieces) == "La trata de personas en Guatemala."
