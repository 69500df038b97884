"""Read the migration figures a text cites, as a person reads them: each figure with its
place, year and kind, in Spanish, English, French or Portuguese.

"En 2020 Colombia acogía a 1,9 millones de migrantes internacionales y Estados Unidos a
50,6 millones" cites two figures: 1.9 million international migrants in Colombia and
50.6 million in the United States, both in 2020.

The text is folded and cut into tokens once. Spans are found on the tokens: figures (a
number with its unit, also in words, or a list of numbers sharing the last one's unit:
"2,9 y 1,5 millones"; not money, shares, changes, parts, or counts of applications and
arrivals), places (country and area names, longest first, with lists of them: "Colombia y
Perú"), years, and the ends of sentences. Each place has a role from the words before it:
an origin ("migrantes de Venezuela", "born in Mexico", "abandonaron Venezuela"), a place
introduced by a preposition ("en Colombia"), a place beside the subject ("con Colombia",
"el país del mundo"), or a plain one. Each figure is then paired within its sentence:

1. a list of places and a list of figures of the same length are paired respectively
   ("Colombia y Perú acogen 2,9 y 1,5 millones");
2. a place introduced right after the figure by a preposition ("1,9 millones en Colombia")
   is the figure's;
3. else the nearest place before the figure in its sentence (its subject: "Estados Unidos
   a 50,6 millones"), unless an earlier figure took it as its place after; a place beside
   the subject only if right before the figure ("con Colombia, 1 millón") or if no other;
4. else the first free place after the figure, before the next one ("Con 1,9 millones de
   migrantes, Colombia es…").

The kind of a figure (international migrants, migrants from one country, refugees, asylum
seekers) is told by the words after it or, for the first of a sentence, before it, and is
shared along its list and its sentence, and with the next sentences that tell none. A year
goes with the figure the same way as a place: introduced right after it ("en 2019"), else
the nearest before it in its sentence, else the first after it, else the last one of an
earlier sentence; a year that starts a period ("desde 2015") or is compared with ("más que
en 2022") dates no figure. A list or range of years and a list of figures of the same length
go respectively ("En 2015 y 2020 … 0,14 y 1,9 millones", "de 0,14 a 1,9 millones").

Every step is one pass over the tokens, or a look at a bounded number of tokens around a
span, so the work is linear in the length of the text.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from sinergia.vocabulary.text import fold

# Kinds of figure.
STOCK = "stock"  # international migrants living in the place
ORIGIN = "origin"  # migrants from a given country living in the place
REFUGEES = "refugees"
ASYLUM_SEEKERS = "asylum_seekers"
REFUGEES_AND_MIGRANTS = "refugees_and_migrants"  # the two counted together, origin unsaid
KINDS = (STOCK, ORIGIN, REFUGEES, ASYLUM_SEEKERS, REFUGEES_AND_MIGRANTS)
# Applications, arrivals, encounters: counted over a period, never a figure to check.
FLOW = "flow"

# How the text qualifies a figure.
EXACT = "exact"  # within the text's rounding
MORE_THAN = "more_than"
LESS_THAN = "less_than"
NEARLY = "nearly"  # a little less than the figure

# The most figures one reading returns: a text citing more is read up to there.
MAX_FIGURES = 200
# How many tokens after a figure may tell its kind ("de refugiados y migrantes venezolanos").
KIND_WINDOW = 10
# How many tokens between a figure and a place or year introduced after it.
AFTER_WINDOW = 8

UNITS: dict[str, int] = {
    "millones": 1_000_000, "millon": 1_000_000, "million": 1_000_000, "millions": 1_000_000,
    "milhoes": 1_000_000, "milhao": 1_000_000, "m": 1_000_000,
    "mil": 1_000, "thousand": 1_000, "milliers": 1_000,
}  # fmt: skip
SINGULAR_UNITS = {"millon", "million", "milhao", "milliard", "billion", "bilhao"}
# "mil millones" and "billion" are a thousand millions.
BILLIONS = {"billion", "billions", "milliards", "milliard", "bilhoes", "bilhao"}
NUMBER_WORDS: dict[str, Decimal] = {
    **dict.fromkeys(("un", "una", "uno", "une", "um", "uma", "one", "a"), Decimal(1)),
    **dict.fromkeys(("dos", "two", "deux", "dois", "duas"), Decimal(2)),
    **dict.fromkeys(("tres", "three", "trois"), Decimal(3)),
    **dict.fromkeys(("cuatro", "four", "quatre", "quatro"), Decimal(4)),
    **dict.fromkeys(("cinco", "five", "cinq"), Decimal(5)),
    **dict.fromkeys(("seis", "six"), Decimal(6)),
    **dict.fromkeys(("siete", "seven", "sept", "sete"), Decimal(7)),
    **dict.fromkeys(("ocho", "eight", "huit", "oito"), Decimal(8)),
    **dict.fromkeys(("nueve", "nine", "neuf", "nove"), Decimal(9)),
    **dict.fromkeys(("diez", "ten", "dix", "dez"), Decimal(10)),
    **dict.fromkeys(("medio", "half", "demi", "meio"), Decimal("0.5")),
}
LIST_WORDS = {"y", "e", "and", "et", "&", ","}
# A range of two figures or years: "de 0,14 a 1,9 millones", "from 2015 to 2020".
RANGE_OPENERS = {"de", "from", "entre", "between", "desde", "du", "pasa", "paso"}
RANGE_WORDS = {"a", "to", "hasta", "until", "ate", "au", "-", "–"}
ARTICLES = {"el", "la", "los", "las", "the", "le", "les", "l", "o", "a", "os", "as", "'", "’"}
# Words that put a place or a year right after a figure: where the migrants live, or when.
PLACE_WORDS = {
    "en", "in", "a", "al", "au", "aux", "em", "no", "na", "nos", "nas", "dans", "to", "into",
    "hacia", "para", "within", "inside", "across", "throughout", "por", "pelo", "pela",
}  # fmt: skip
# Words that introduce a place as the migrants' origin, after a word for persons.
ORIGIN_WORDS = {"de", "del", "from", "desde", "du", "des", "d", "do", "da", "dos", "das", "of"}
ORIGIN_PHRASES = {
    ("procedentes", "de"), ("provenientes", "de"), ("originarios", "de"), ("oriundos", "de"),
    ("nacidos", "en"), ("born", "in"), ("nes", "en"), ("nascidos", "em"), ("vindos", "de"),
    ("originaires", "de"), ("venus", "de"), ("originating", "from"), ("came", "from"),
    ("come", "from"), ("vienen", "de"), ("vinieron", "de"), ("venian", "de"),
}  # fmt: skip
# Words that make the place after them one the migrants left: "abandonaron Venezuela".
EXIT_WORDS = {
    "abandonaron", "abandonado", "abandonar", "left", "leave", "fled", "flee", "dejaron",
    "salieron", "salido", "huyeron", "huido", "quitte", "quittent", "fui", "deixaram",
    "volvieron", "regresaron", "returned", "retornaron",
}  # fmt: skip
# Words after which "de" or "of" brings in the next in a ranking, not a genitive.
FOLLOWED_WORDS = {"seguido", "seguida", "seguidos", "seguidas", "suivi", "suivie", "followed"}
# Words that bring in a place beside the subject: "con Venezuela", "le pays du monde".
ASIDE_WORDS = {"con", "with", "avec", "com", "entre", "between", "contra", "against", "frente"}
GENITIVE_WORDS = {"de", "del", "of", "du", "do", "da", "des", "d"}
# Quantifiers skipped when reading the word before a place: "de todo el mundo".
QUANTIFIERS = {"todo", "toda", "todos", "todas", "all", "tout", "toute", "tous"}
# Words that make a figure a count of events over a period.
FLOW_WORDS = {
    "solicitudes", "peticiones", "applications", "application", "requests", "claims",
    "demandes", "pedidos", "pediram", "pidieron", "solicitaram", "solicitaron", "applied",
    "encountered", "encounters", "encuentros", "llegadas", "arrivals", "entradas", "entries",
    "crossings", "cruces",
}  # fmt: skip
# Words that make a figure a change between two others: "un aumento de 290.750 personas".
CHANGE_BEFORE = {
    "aumento", "incremento", "increase", "rise", "caida", "disminucion", "decrease", "drop",
    "hausse", "baisse", "aumentou", "crecimiento", "growth", "crecio", "grew",
}  # fmt: skip
CHANGE_AFTER = {"menos", "mas", "fewer", "less", "more", "moins", "plus"}
# Superlatives: a place named after one is the scope of a comparison ("the largest number
# of migrants in the world"), not where the figure's migrants live.
SUPERLATIVES = {
    "top", "largest", "highest", "most", "biggest", "mayor", "principal", "primer", "maior",
    "premier", "first", "second", "segundo", "tercer",
}  # fmt: skip
# Words that make the year after them one compared with: "un 117 % más que en 2022".
COMPARED_WORDS = {"frente", "compared", "respecto", "versus", "vs", "contre", "comparado"}
COMPARED_PAIRS = {
    ("mas", "que"), ("more", "than"), ("menos", "que"), ("less", "than"), ("fewer", "than"),
    ("plus", "qu"), ("mais", "que"), ("moins", "qu"),
}  # fmt: skip
# Words right after a figure that make it a part of another: "646.128 hombres".
PART_WORDS = {
    "hombres", "mujeres", "men", "women", "homens", "mulheres", "hommes", "femmes", "ninos",
    "ninas", "children", "criancas", "enfants", "familias", "families", "menores", "minors",
}  # fmt: skip
# How many places or years a figure looks past, at most, for its own.
WALK = 12
# Years that start a period rather than date a figure.
SINCE_WORDS = {"desde", "since", "depuis", "from", "entre", "between"}
# Words that put a year right after a figure: "1,9 millones en 2020", "(2020)", "mid-2020".
YEAR_WORDS = {
    "en", "in", "em", "de", "del", "of", "do", "da", "hasta", "until", "by", "a", "au", "(",
    "para", "for", "-", ",", "ano", "year", "annee", "fin", "end",
}  # fmt: skip
PERSON_PREFIXES = (
    "migra", "inmigra", "immigra", "imigra", "emigra", "refugi", "refugee", "persona", "people", "person",
    "pessoa", "gente", "extranjer", "foreign", "etranger", "estrangeir", "desplazad",
    "displaced", "deplace", "deslocad", "solicitant", "asylum", "demandeur", "nacid", "born",
)  # fmt: skip
REFUGEE_PREFIXES = ("refugi", "refugee")  # refugiados, refugees, réfugiés
ASYLUM_WORDS = {"asilo", "asylum", "asile", "refugio"}  # "solicitantes de refugio" too
MIGRANT_PREFIXES = (
    "migra", "inmigra", "immigra", "imigra", "extranjer", "foreign", "etranger", "estrangeir",
)  # fmt: skip
MONEY_WORDS = {
    "dolares", "dollars", "dollar", "usd", "us$", "$", "euros", "euro", "pesos", "reais",
    "soles", "eur", "€", "dolar",
}  # fmt: skip
QUALIFIERS: dict[tuple[str, ...], str] = {
    **dict.fromkeys(
        [("mas", "de"), ("more", "than"), ("over",), ("plus", "de"), ("mais", "de"),
         ("al", "menos"), ("at", "least"), ("au", "moins"), ("pelo", "menos"),
         ("superior", "a"), ("above",), ("upwards", "of"), ("supera", "los"),
         ("superan", "los"), ("exceeds",), ("exceeded",), ("exceed",)],
        MORE_THAN,
    ),
    **dict.fromkeys(
        [("casi",), ("nearly",), ("almost",), ("quase",), ("presque",), ("pres", "de"),
         ("close", "to"), ("just", "under")],
        NEARLY,
    ),
    **dict.fromkeys(
        [("menos", "de"), ("less", "than"), ("fewer", "than"), ("under",), ("moins", "de")],
        LESS_THAN,
    ),
}  # fmt: skip
QUALIFIER_LENGTH = max(len(words) for words in QUALIFIERS)

# Demonyms of the Americas' countries (folded prefixes) to ISO3, in the four languages.
DEMONYMS: dict[str, str] = {
    "venezolan": "VEN", "venezuelan": "VEN", "venezuelien": "VEN",
    "colombian": "COL", "colombien": "COL",
    "haitian": "HTI", "haitien": "HTI",
    "cuban": "CUB", "cubain": "CUB",
    "nicaraguense": "NIC", "nicaraguan": "NIC", "nicaraguay": "NIC",
    "hondurena": "HND", "hondureno": "HND", "honduran": "HND", "hondurien": "HND",
    "guatemalte": "GTM", "guatemalan": "GTM", "guatemaltequ": "GTM",
    "salvadoren": "SLV", "salvadoran": "SLV", "salvadorien": "SLV",
    "mexican": "MEX", "mexicain": "MEX",
    "peruan": "PER", "peruvian": "PER", "peruvien": "PER",
    "ecuatorian": "ECU", "ecuadorian": "ECU", "equatorien": "ECU", "equatorian": "ECU",
    "bolivian": "BOL", "bolivien": "BOL",
    "paraguay": "PRY",
    "argentin": "ARG",
    "chilen": "CHL", "chilean": "CHL", "chilien": "CHL",
    "brasilen": "BRA", "brazilian": "BRA", "bresilien": "BRA", "brasileir": "BRA",
    "dominican": "DOM",
    "uruguay": "URY",
}  # fmt: skip

# One pass: numbers written with spaces between thousands ("1 905 393"), other numbers
# (a maximal run of digits and single separators: validated apart, so a run of 20,000
# digits is one token, never a figure), words, then any other visible character.
_TOKEN = re.compile(
    r"(?<!\d)\d{1,3}(?: \d{3})+(?![\d.,]\d)"
    r"|\d+(?:[.,]\d+)*"
    r"|[^\W\d_]+"
    r"|\S",
)
_THOUSANDS = re.compile(r"\d{1,3}(?:([.,\s])\d{3})(?:\1\d{3})*")
_DECIMAL = re.compile(r"\d{1,12}(?:[.,]\d{1,6})?")
_YEAR = re.compile(r"19[5-9]\d|20[0-4]\d")
SENTENCE_ENDS = {".", "!", "?", ";"}
NUMBER, WORD, MARK = "number", "word", "mark"


@dataclass(frozen=True)
class Token:
    text: str  # folded
    kind: str  # NUMBER, WORD or MARK
    start: int  # in the text as given
    end: int


def tokenize(text: str) -> list[Token]:
    """The tokens of `text`, folded, each with its place in `text` as given."""
    folded, positions = _folded_with_positions(text)
    tokens = []
    for match in _TOKEN.finditer(folded):
        word = match.group(0)
        kind = NUMBER if word[0].isdigit() else WORD if word[0].isalpha() else MARK
        start = positions[match.start()]
        end = positions[match.end() - 1] + 1
        tokens.append(Token(word, kind, start, end))
    return tokens


def _folded_with_positions(text: str) -> tuple[str, list[int]]:
    """`text` folded, and for each folded character the position of its source character
    (folding may change the length: "ß" becomes "ss"), with len(text) appended."""
    table = {ord(char): fold(char) for char in set(text)}
    if all(len(folded) == 1 for folded in table.values()):
        return text.translate(table), [*range(len(text) + 1)]
    positions = [
        position for position, char in enumerate(text) for _ in range(len(table[ord(char)]))
    ]
    return text.translate(table), [*positions, len(text)]


# Spans --------------------------------------------------------------------------------------


@dataclass
class FigureSpan:
    first: int  # token indexes, end exclusive
    last: int
    value: int  # persons
    tolerance: int  # half a unit of the last digit written
    qualifier: str = EXACT
    group: int = -1  # the list of figures it belongs to
    unit_token: int = -1  # the unit it shares with its list


@dataclass
class PlaceSpan:
    first: int
    last: int
    code: str  # as the name table gives it (M49 or ISO3: the caller's choice)
    group: int = -1
    role: str = "plain"  # "plain", "after-figure" (a place word before it) or "origin"


@dataclass
class YearSpan:
    index: int
    year: int
    since: bool  # "desde 2015", "más que en 2022": starts a period or compares; dates no figure
    introduced: bool  # by a time word: "en 2019", "(2019)"
    group: int = 0  # years listed together ("en 2015 y 2020", "entre 2015 y 2020") share one


@dataclass(frozen=True)
class Citation:
    """One figure read from the text."""

    start: int  # in the text as given
    end: int
    text: str
    place: str
    year: int | None  # None where the text names no year
    value: int
    tolerance: int
    qualifier: str
    kind: str
    origin: str = ""  # where kind is ORIGIN


@dataclass
class Names:
    """Place names as token sequences (folded), to the codes the caller gives them."""

    places: dict[tuple[str, ...], str]
    cased: dict[tuple[str, ...], str] = field(default_factory=dict)  # names read only so written
    demonyms: dict[str, str] = field(default_factory=lambda: dict(DEMONYMS))  # prefix: code
    lengths: dict[str, list[int]] = field(init=False)  # by first word, longest first

    def __post_init__(self) -> None:
        lengths: dict[str, set[int]] = {}
        for words in self.places:
            lengths.setdefault(words[0], set()).add(len(words))
        self.lengths = {first: sorted(sizes, reverse=True) for first, sizes in lengths.items()}

    @classmethod
    def from_names(
        cls,
        names: Mapping[str, str],
        cased: Mapping[str, str] | None = None,
        demonyms: Mapping[str, str] | None = None,
    ) -> Names:
        """`cased` names are read only as written ("US", not the pronoun "us"); `demonyms`
        gives the code of each of DEMONYMS' prefixes (their ISO3 by default)."""
        cased = cased or {}
        places: dict[tuple[str, ...], str] = {}
        exact: dict[tuple[str, ...], str] = {}
        for name, code in [*names.items(), *cased.items()]:
            words = tuple(token.text for token in tokenize(name))
            if words:
                places.setdefault(words, code)
                if name in cased:
                    exact[words] = name
        return cls(places, exact, dict(demonyms or DEMONYMS))


def _number_value(number: str, unit: int | None) -> tuple[Decimal, int] | None:
    """The value of a written number and the digits after its decimal point, or None for a
    run of digits that is no figure."""
    thousands = _THOUSANDS.fullmatch(number)
    if thousands and (unit is None or sum(not c.isdigit() for c in number) > 1):
        # "1,905,393" is a whole number; so is "1.905.393 mil", but "1.9 mil" is not.
        return Decimal(re.sub(r"\D", "", number)), 0
    if not _DECIMAL.fullmatch(number):
        return None
    decimal = Decimal(number.replace(",", "."))
    exponent = decimal.as_tuple().exponent
    return decimal, -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _unit_at(tokens: list[Token], index: int) -> tuple[int, int] | None:
    """The multiplier of a unit starting at `index`, and the index after it."""
    if index >= len(tokens):
        return None
    word = tokens[index].text
    if word in BILLIONS:
        return 1_000_000_000, index + 1
    if word in UNITS:
        if word == "m" and (index + 1 < len(tokens) and tokens[index + 1].text == "'"):
            return None
        if (
            word == "mil"
            and index + 1 < len(tokens)
            and tokens[index + 1].text in ("millones", "millon")
        ):
            return 1_000_000_000, index + 2
        return UNITS[word], index + 1
    return None


def _is_not_persons(tokens: list[Token], first: int, last: int) -> bool:
    """Money, a share, a part of another figure ("646.128 hombres"), or a change between two
    ("un aumento de 290.750 personas", "198.839 migrantes menos")."""
    before = {tokens[k].text for k in range(max(0, first - 2), first)}
    after = [tokens[k].text for k in range(last, min(len(tokens), last + 3))]
    linked = first >= 3 and tokens[first - 1].text in ("de", "of")
    if linked and tokens[first - 2].text in ("un", "an", "the", "el"):
        before.add(tokens[first - 3].text)  # "un aumento de 290.750", "an increase of 2,000"
    if after[:1] and after[0] in PART_WORDS:
        return True
    if before & CHANGE_BEFORE or CHANGE_AFTER & set(after):
        return True
    if before & {"$", "usd", "us$", "€", "eur"}:
        return True
    if after[:1] and after[0] in {"%", "percent", "pct"}:
        return True
    if after[:2] in (["por", "ciento"], ["por", "cento"], ["pour", "cent"], ["per", "cent"]):
        return True
    return any(word in MONEY_WORDS for word in after[:3])


def find_figures(tokens: list[Token]) -> list[FigureSpan]:
    """Numbers of persons: with a unit (also written in words: "dos millones"), thousands
    with separators, and the bare numbers of a list ending in a unit ("2,9 y 1,5
    millones"). A year, a share or an amount of money is no figure."""
    figures: list[FigureSpan] = []
    index = 0
    count = len(tokens)
    while index < count:
        token = tokens[index]
        if token.kind == NUMBER or token.text in NUMBER_WORDS:
            span = _figure_at(tokens, index)
            if span is not None:
                figures.append(span)
                index = span.last
                continue
        index += 1
    # Lists: bare numbers joined by list words to a figure with a unit share its unit.
    result = list(_with_bare_list_members(tokens, figures))
    _group_lists(tokens, result)
    return [span for span in result if not _is_not_persons(tokens, span.first, span.last)]


def _figure_at(tokens: list[Token], index: int) -> FigureSpan | None:
    token = tokens[index]
    if token.kind == NUMBER:
        unit = _unit_at(tokens, index + 1)
        parsed = _number_value(token.text, unit[0] if unit else None)
        if parsed is None:
            return None
        number, places = parsed
        if unit is None:
            if not _THOUSANDS.fullmatch(token.text) or _YEAR.fullmatch(token.text):
                return None
            return FigureSpan(index, index + 1, int(number), 0)
        multiplier, after = unit
        return _span(index, after, number, places, multiplier)
    # A number in words counts only before a unit of millions: "dos millones", "half a million".
    number = NUMBER_WORDS[token.text]
    after = index + 1
    half = token.text in ("half", "medio", "meio", "demi")
    if half and after < len(tokens) and tokens[after].text in ("a", "-"):
        after += 1
    unit = _unit_at(tokens, after)
    if unit is None or unit[0] < 1_000_000:
        return None
    # "un millón", "a million", never "a millones" ("acogía a millones de personas").
    if number <= 1 and tokens[unit[1] - 1].text not in SINGULAR_UNITS:
        return None
    return _span(index, unit[1], number, 0 if number >= 1 else 1, unit[0])


def _span(first: int, last: int, number: Decimal, places: int, multiplier: int) -> FigureSpan:
    tolerance = int(Decimal(5) * Decimal(10) ** (-(places + 1)) * multiplier)
    return FigureSpan(first, last, int(number * multiplier), tolerance, unit_token=last - 1)


def _with_bare_list_members(tokens: list[Token], figures: list[FigureSpan]) -> Iterable[FigureSpan]:
    """The figures, and before each with a unit the bare numbers listed with it: walking
    back over "number (, number)* (y|and|et|e) number unit". Each token is walked over once:
    a walk stops at the previous figure."""
    previous_end = 0
    for span in figures:
        if span.unit_token >= 0 and span.last - span.first > 1:
            members: list[FigureSpan] = []
            index = span.first - 1
            multiplier = UNITS.get(tokens[span.unit_token].text, 1_000_000_000)
            while index - 1 >= previous_end and tokens[index].text in LIST_WORDS | RANGE_WORDS:
                candidate = tokens[index - 1]
                if candidate.kind != NUMBER or _YEAR.fullmatch(candidate.text):
                    break
                if not _listed_or_ranged(tokens, index - 1, index + 1):
                    break
                parsed = _number_value(candidate.text, multiplier)
                if parsed is None:
                    break
                number, places = parsed
                members.append(_span(index - 1, index, number, places, multiplier))
                index -= 2
            yield from reversed(members)
        yield span
        previous_end = span.last


def _group_lists(tokens: list[Token], figures: list[FigureSpan]) -> None:
    """Figures joined only by list words ("2,9 y 1,5 millones", "2,9, 1,5 y 0,5 millones")
    form one group."""
    group = 0
    for position, span in enumerate(figures):
        previous = figures[position - 1] if position else None
        if previous is not None and _joined(tokens, previous, span):
            span.group = figures[position - 1].group
        else:
            group += 1
            span.group = group


def _joined(tokens: list[Token], previous: FigureSpan, span: FigureSpan) -> bool:
    between = [tokens[k].text for k in range(previous.last, span.first)]
    if 0 < len(between) <= 2 and all(word in LIST_WORDS for word in between):
        return True
    single = previous.last - previous.first == 1  # a bare number: the range's first end
    return single and _listed_or_ranged(tokens, previous.first, span.first)


def find_places(text: str, tokens: list[Token], names: Names) -> list[PlaceSpan]:
    """Place names, longest first at each token ("américa latina y el caribe" whole, not
    "el caribe"), with lists of them grouped ("Colombia, Perú y Ecuador")."""
    places: list[PlaceSpan] = []
    index = 0
    count = len(tokens)
    while index < count:
        lengths = names.lengths.get(tokens[index].text)
        if lengths is not None:
            for length in lengths:
                if index + length > count:
                    continue
                words = tuple(tokens[k].text for k in range(index, index + length))
                code = names.places.get(words)
                written = names.cased.get(words)
                last = tokens[index + length - 1]
                if written is not None and text[tokens[index].start : last.end] != written:
                    code = None
                if code is not None:
                    places.append(PlaceSpan(index, index + length, code))
                    index += length
                    break
            else:
                index += 1
            continue
        index += 1
    group = 0
    for position, place in enumerate(places):
        previous = places[position - 1] if position else None
        if previous is not None and _listed(tokens, previous.last, place.first):
            place.group = previous.group
        else:
            group += 1
            place.group = group
    return places


def _listed(tokens: list[Token], end: int, start: int) -> bool:
    between = [tokens[k].text for k in range(end, start)]
    words = [word for word in between if word not in ARTICLES]
    return len(between) <= 3 and len(words) >= 1 and all(word in LIST_WORDS for word in words)


def find_years(tokens: list[Token]) -> list[YearSpan]:
    years = []
    for index, token in enumerate(tokens):
        if token.kind == NUMBER and _YEAR.fullmatch(token.text):
            if index + 1 < len(tokens) and _unit_at(tokens, index + 1):
                continue
            previous = tokens[index - 1].text if index else ""
            before = tuple(tokens[k].text for k in range(max(0, index - 3), index))
            compared = len(before) == 3 and before[:2] in COMPARED_PAIRS
            starts_or_compares = previous in SINCE_WORDS | COMPARED_WORDS or compared
            years.append(
                YearSpan(index, int(token.text), starts_or_compares, previous in YEAR_WORDS)
            )
    group = 0
    for position, year in enumerate(years):
        if not position or not _listed_or_ranged(tokens, years[position - 1].index, year.index):
            group += 1
        year.group = group
    return years


def _listed_or_ranged(tokens: list[Token], first: int, second: int) -> bool:
    """Whether the numbers at `first` and `second` are listed together ("2015 y 2020",
    "2,9, 1,5") or are the two ends of a range ("de 2015 a 2020", "from 0.14 to 1.9",
    "1990-2020")."""
    if not 0 < second - first - 1 <= 3:
        return False
    skipped = ARTICLES - {"a"}
    between = [tokens[k].text for k in range(first + 1, second) if tokens[k].text not in skipped]
    if between and all(word in LIST_WORDS for word in between):
        return True
    if len(between) != 1 or between[0] not in RANGE_WORDS:
        return False
    opened = first > 0 and tokens[first - 1].text in RANGE_OPENERS
    return opened or between[0] in ("-", "–")


def sentence_starts(tokens: list[Token], places: list[PlaceSpan]) -> list[int]:
    """The token index where each sentence starts (the first is 0). A full stop inside a
    place name ("EE. UU.") ends nothing."""
    inside: set[int] = set()
    for place in places:
        inside.update(range(place.first, place.last))
    starts = [0]
    for index, token in enumerate(tokens):
        if token.text in SENTENCE_ENDS and index not in inside:
            starts.append(index + 1)
    return starts


# Pairing ------------------------------------------------------------------------------------


def _previous_words(tokens: list[Token], index: int, skip: set[str]) -> list[str]:
    """Up to three words before `index`, nearest first, articles skipped."""
    words: list[str] = []
    k = index - 1
    while k >= 0 and len(words) < 3 and index - k <= 5:
        if tokens[k].text not in skip:
            words.append(tokens[k].text)
        k -= 1
    return words


def _is_person_word(word: str) -> bool:
    return word.startswith(PERSON_PREFIXES) or demonym(word) is not None or word in UNITS


def demonym(word: str, table: Mapping[str, str] = DEMONYMS) -> str | None:
    """The code of the country a demonym names ("venezolanos", "Haitians"), from `table`."""
    for length in range(min(len(word), 12), 4, -1):
        code = table.get(word[:length])
        if code is not None:
            return code
    return None


def _assign_roles(tokens: list[Token], places: list[PlaceSpan]) -> None:
    """Mark the places introduced as an origin, and those introduced by a place word."""
    for place in places:
        before = _previous_words(tokens, place.first, (ARTICLES - {"a"}) | QUANTIFIERS)
        if not before:
            continue
        nearest = _previous_words(tokens, place.first, ARTICLES - {"a"})
        if nearest[0] in QUANTIFIERS:  # "de todo el mundo": from everywhere, no origin
            place.role = "aside"
            continue
        introduced = tuple(reversed(before[:2])) in ORIGIN_PHRASES
        after_persons = len(before) > 1 and _is_person_word(before[1])
        left = before[0] in EXIT_WORDS or (len(before) > 1 and before[1] in EXIT_WORDS)
        ranked = len(before) > 1 and before[1] in FOLLOWED_WORDS
        if introduced or left or (before[0] in ORIGIN_WORDS and after_persons):
            place.role = "origin"
        elif ranked:
            continue
        elif before[0] in PLACE_WORDS | GENITIVE_WORDS and _after_superlative(tokens, place.first):
            place.role = "aside"
        elif before[0] in PLACE_WORDS:
            place.role = "after-figure"
        elif before[0] in ASIDE_WORDS or before[0] in GENITIVE_WORDS:
            place.role = "aside"


def _after_superlative(tokens: list[Token], index: int) -> bool:
    return any(tokens[k].text in SUPERLATIVES for k in range(max(0, index - 7), index))


def _kind_of(
    tokens: list[Token],
    start: int,
    stop: int,
    places: list[PlaceSpan],
    place_at: dict[int, int],
    demonyms: Mapping[str, str],
) -> tuple[str, str] | None:
    """The kind of the figure whose words follow from `start` to `stop`, and its origin;
    None where nothing there tells."""
    origin = ""
    refugee = asylum = migrant = flow = False
    index = start
    while index < stop:
        if index in place_at:
            place = places[place_at[index]]
            if place.role == "origin" and not origin:
                origin = place.code
            index = place.last
            continue
        word = tokens[index].text
        if not origin:
            origin = demonym(word, demonyms) or ""
        refugee = refugee or word.startswith(REFUGEE_PREFIXES)
        asylum = asylum or word in ASYLUM_WORDS
        migrant = migrant or word.startswith(MIGRANT_PREFIXES)
        flow = flow or word in FLOW_WORDS
        index += 1
    if flow:
        return FLOW, ""
    if origin:
        return ORIGIN, origin
    if asylum:
        return ASYLUM_SEEKERS, ""
    if refugee and migrant:
        return REFUGEES_AND_MIGRANTS, ""
    if refugee:
        return REFUGEES, ""
    if migrant:
        return STOCK, ""
    return None


def _qualifier(tokens: list[Token], first: int) -> tuple[str, int]:
    """How the words just before a figure qualify it ("más de", "nearly", "au moins"), and
    the token where the qualified figure starts; "casi a", "nearly the" may link them."""
    for end in (first, first - 1):
        if end < first and (end < 0 or tokens[end].text not in ("a", "de", "the", "los", "las")):
            break
        for length in range(QUALIFIER_LENGTH, 0, -1):
            if end - length < 0:
                continue
            words = tuple(tokens[k].text for k in range(end - length, end))
            if words in QUALIFIERS:
                return QUALIFIERS[words], end - length
    return EXACT, first


def read_figures(text: str, names: Names) -> list[Citation]:
    """The figures of persons `text` cites with a place, at most MAX_FIGURES of them, in the
    order of the text, each with its place, year, kind and qualifier."""
    tokens = tokenize(text)
    figures = find_figures(tokens)
    if not figures:
        return []
    places = find_places(text, tokens, names)
    _assign_roles(tokens, places)
    years = find_years(tokens)
    starts = sentence_starts(tokens, places)
    place_at = {place.first: position for position, place in enumerate(places)}
    place_firsts = [place.first for place in places]
    year_indexes = [year.index for year in years]

    def sentence_of(index: int) -> tuple[int, int]:
        number = bisect_right(starts, index) - 1
        end = starts[number + 1] - 1 if number + 1 < len(starts) else len(tokens)
        return starts[number], end

    def next_figure_first(position: int) -> int:
        return figures[position + 1].first if position + 1 < len(figures) else len(tokens)

    # Places introduced right after each figure ("1,9 millones en Colombia"), and the places
    # no figure may take from before.
    taken_after: dict[int, int] = {}  # figure position -> place position
    claimed: set[int] = set()
    for position, figure in enumerate(figures):
        _sentence, end = sentence_of(figure.first)
        stop = min(end, next_figure_first(position), figure.last + AFTER_WINDOW)
        k = bisect_left(place_firsts, figure.last)
        while k < len(places) and places[k].first < stop:
            place = places[k]
            if place.role == "after-figure":
                taken_after[position] = k
                claimed.add(k)
                break
            if place.role != "origin":
                break
            k += 1

    # Lists of places and lists of figures of the same length, in one sentence: respectively.
    # Each list of places looks only at the nearest list of figures after it, else before it.
    group_members: dict[int, list[int]] = {}
    for position, place in enumerate(places):
        if place.role != "origin":
            group_members.setdefault(place.group, []).append(position)
    figure_groups: dict[int, list[int]] = {}
    for position, figure in enumerate(figures):
        figure_groups.setdefault(figure.group, []).append(position)
    group_order = list(figure_groups.values())
    group_firsts = [figures[listed[0]].first for listed in group_order]
    respective: dict[int, int] = {}
    for members in group_members.values():
        if len(members) < 2:
            continue
        sentence, end = sentence_of(places[members[0]].first)
        after = bisect_left(group_firsts, places[members[-1]].last)
        for candidate in (after, after - 1):
            if not 0 <= candidate < len(group_order):
                continue
            listed = group_order[candidate]
            inside = sentence <= group_firsts[candidate] < end
            if inside and len(listed) == len(members) and listed[0] not in respective:
                for place_position, figure_position in zip(members, listed, strict=True):
                    respective[figure_position] = place_position
                    claimed.add(place_position)
                break

    # Lists of years and lists of figures of the same length, in one sentence: respectively
    # ("En 2015 y 2020, Colombia acogía 0,14 y 1,9 millones").
    year_groups: dict[int, list[int]] = {}
    for k, year_span in enumerate(years):
        year_groups.setdefault(year_span.group, []).append(k)
    respective_years: dict[int, int] = {}  # figure position -> year
    for members in year_groups.values():
        if len(members) < 2:
            continue
        sentence, end = sentence_of(years[members[0]].index)
        after = bisect_left(group_firsts, years[members[-1]].index)
        for candidate in (after, after - 1):
            if not 0 <= candidate < len(group_order):
                continue
            listed = group_order[candidate]
            inside = sentence <= group_firsts[candidate] < end
            if inside and len(listed) == len(members) and listed[0] not in respective_years:
                for year_position, figure_position in zip(members, listed, strict=True):
                    respective_years[figure_position] = years[year_position].year
                break

    kinds = _kinds(tokens, figures, places, place_at, sentence_of, names.demonyms)
    citations: list[Citation] = []
    for position, figure in enumerate(figures):
        if len(citations) >= MAX_FIGURES:
            break
        sentence, end = sentence_of(figure.first)
        chosen = _place_for(
            position, figure, places, place_firsts, sentence, end, respective, taken_after,
            claimed, next_figure_first(position),
        )  # fmt: skip
        if chosen is None:
            continue
        place = places[chosen]
        if len(group_members.get(place.group, [])) > 1 and position not in respective:
            continue  # one figure for several places: their sum, not checked place by place
        year = respective_years.get(position) or _year_for(
            figure, years, year_indexes, sentence, end, next_figure_first(position)
        )
        kind, origin = kinds[position]
        if kind == FLOW:
            continue
        qualifier, qualified = _qualifier(tokens, figure.first)
        citations.append(
            Citation(
                start=tokens[qualified].start,
                end=tokens[figure.last - 1].end,
                text=text[tokens[qualified].start : tokens[figure.last - 1].end],
                place=place.code,
                year=year,
                value=figure.value,
                tolerance=figure.tolerance,
                qualifier=qualifier,
                kind=kind,
                origin=origin,
            )
        )
    return citations


def _kinds(
    tokens: list[Token],
    figures: list[FigureSpan],
    places: list[PlaceSpan],
    place_at: dict[int, int],
    sentence_of: Callable[[int], tuple[int, int]],
    demonyms: Mapping[str, str],
) -> list[tuple[str, str]]:
    """The kind and origin of each figure: told by the words after it ("2,9 millones de
    venezolanos"), else by those just before it ("refugiados venezolanos, más de un millón");
    else shared with its list, else with the nearest figure of its sentence that tells
    (before it, then after it), else with the last figure of an earlier sentence that told."""
    told: list[tuple[str, str] | None] = []
    for position, figure in enumerate(figures):
        sentence, end = sentence_of(figure.first)
        following = figures[position + 1].first if position + 1 < len(figures) else len(tokens)
        stop = min(end, following, figure.last + KIND_WINDOW)
        kind = _kind_of(tokens, figure.last, stop, places, place_at, demonyms)
        first_of_sentence = not position or figures[position - 1].last <= sentence
        if kind is None and first_of_sentence:
            start = max(sentence, figure.first - 2 * KIND_WINDOW)
            kind = _kind_of(tokens, start, figure.first, places, place_at, demonyms)
        told.append(kind)
    by_group: dict[int, tuple[str, str]] = {}
    for position, kind in enumerate(told):
        if kind is not None:
            by_group.setdefault(figures[position].group, kind)
    # The next figure of the same sentence that tells, for each figure: one pass backwards.
    following_told: list[tuple[str, str] | None] = [None] * len(figures)
    ahead: tuple[str, str] | None = None
    ahead_sentence = -1
    for position in range(len(figures) - 1, -1, -1):
        sentence, _end = sentence_of(figures[position].first)
        if sentence != ahead_sentence:
            ahead, ahead_sentence = None, sentence
        following_told[position] = ahead
        own = told[position] or by_group.get(figures[position].group)
        if own is not None:
            ahead = own
    kinds: list[tuple[str, str]] = []
    last: tuple[str, str] | None = None
    last_sentence = -1
    carried: tuple[str, str] | None = None  # from earlier sentences
    for position, figure in enumerate(figures):
        sentence, _end = sentence_of(figure.first)
        if sentence != last_sentence:
            carried, last, last_sentence = last or carried, None, sentence
        kind = (
            told[position]
            or by_group.get(figure.group)
            or last
            or following_told[position]
            or carried
            or (STOCK, "")
        )
        if told[position] or by_group.get(figure.group):
            last = kind
        kinds.append(kind)
    return kinds


def _place_for(
    position: int,
    figure: FigureSpan,
    places: list[PlaceSpan],
    place_firsts: list[int],
    sentence: int,
    end: int,
    respective: dict[int, int],
    taken_after: dict[int, int],
    claimed: set[int],
    next_figure: int,
) -> int | None:
    """The place of a figure: its list's respective place, a place introduced right after
    it, the nearest free place before it in its sentence (one beside the subject only if
    right before it or if no other), else the first free place after it and before the next
    figure."""
    if position in respective:
        return respective[position]
    if position in taken_after:
        return taken_after[position]
    aside: int | None = None  # a place beside the subject, if none is the subject
    # The nearest place before the figure in its sentence that no figure took from after it.
    k = bisect_left(place_firsts, figure.first) - 1
    stop = max(-1, k - WALK)
    while k > stop and places[k].first >= sentence:
        role = places[k].role
        if role == "aside" and figure.first - places[k].last <= 2 and k not in claimed:
            return k  # right before the figure: "con Colombia, 1 millón", "du Chili (288.000)"
        if role == "aside":
            aside = k if aside is None else aside
        elif role != "origin" and k not in claimed:
            return k
        elif k in claimed and role == "after-figure":
            break  # an earlier figure's place: this figure's own is not before it
        k -= 1
    if aside is not None:
        return aside
    # Else the first free place after it in its sentence, before the next figure.
    k = bisect_left(place_firsts, figure.last)
    stop = min(len(places), k + WALK)
    while k < stop and places[k].first < min(end, next_figure):
        if places[k].role not in ("origin", "aside") and k not in claimed:
            return k
        k += 1
    return None


def _year_for(
    figure: FigureSpan,
    years: list[YearSpan],
    year_indexes: list[int],
    sentence: int,
    end: int,
    next_figure: int,
) -> int | None:
    after = bisect_left(year_indexes, figure.last)
    # A year right after the figure, introduced by a time word: "en 2019".
    if after < len(years):
        candidate = years[after]
        if (
            candidate.index < min(next_figure, end, figure.last + AFTER_WINDOW)
            and not candidate.since
            and candidate.introduced
        ):
            return candidate.year
    # Else the nearest before it in its sentence, the first after it, the last before it.
    for k in range(after - 1, max(-1, after - 1 - WALK), -1):
        if years[k].index < sentence:
            break
        if not years[k].since:
            return years[k].year
    for k in range(after, min(len(years), after + WALK)):
        if years[k].index >= end or years[k].index >= next_figure:
            break
        if not years[k].since:
            return years[k].year
    before = bisect_left(year_indexes, sentence) - 1
    for k in range(before, max(-1, before - WALK), -1):
        if not years[k].since:
            return years[k].year
    return None
