"""What a report says, independent of the format it is written in."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Paragraph:
    text: str
    emphasis: bool = False  # a notice or a caveat
    language: str = ""  # set when the text is not in the report's language
    aside: bool = False  # about the text rather than part of it ("proposed by Sinergia")


@dataclass
class Quote:
    """Words of a participant, in the language it used."""

    text: str
    attribution: str
    language: str
    key: str = ""  # the registry text quoted, for the secretariat's choice of quotes
    # The source the attribution ends with, and the language of its title.
    cited: str = ""
    cited_language: str = ""

    @property
    def attribution_lead(self) -> str:
        """The attribution without the source it ends with."""
        if self.cited and self.attribution.endswith(self.cited):
            return self.attribution[: -len(self.cited)].rstrip(" ·")
        return self.attribution


@dataclass
class Prose:
    """Text the secretariat wrote, in Markdown (rendered safely in every format)."""

    markdown: str


@dataclass
class BulletList:
    items: list[str]
    # The language of each item ("" for the report's), for lang attributes.
    languages: list[str] = field(default_factory=list)

    def items_with_languages(self) -> list[tuple[str, str]]:
        return [
            (item, self.languages[index] if index < len(self.languages) else "")
            for index, item in enumerate(self.items)
        ]


@dataclass
class Table:
    caption: str
    headers: list[str]
    rows: list[list[str]]
    source: str = ""
    source_language: str = ""
    numeric: list[int] = field(default_factory=list)  # columns aligned right


@dataclass
class Figure:
    """A chart: SVG for HTML and PDF, PNG for DOCX, and the table of its data."""

    caption: str
    description: str  # the text alternative
    svg: str
    png: bytes
    table: Table
    source: str = ""
    source_language: str = ""


Block = Paragraph | Quote | BulletList | Table | Figure | Prose


@dataclass
class Section:
    key: str  # a stable anchor: "background", "mechanism-crm", ...
    heading: str
    blocks: list[Block] = field(default_factory=list)
    subsections: list[Section] = field(default_factory=list)

    def add(self, block: Block) -> None:
        self.blocks.append(block)


@dataclass
class Cover:
    """The first page, as an OAS committee document has it: the organization and the body
    at the top, the symbol block (symbol, date, language of the original, distribution)."""

    organization: str
    body: str
    symbol: list[str]  # the symbol's lines ("OEA/Ser.W", "CIDI/CAM/doc.X/23"); [] if none
    date: str
    original: str  # "Original: español"
    distribution: str  # "Distribución: general"
    unassigned: str = ""  # said instead of the symbol while the secretariat has not set it


@dataclass
class Report:
    language: str
    title: str
    subtitle: str
    meta: list[tuple[str, str]]  # (label, value): date, place, convener, generated
    sections: list[Section]
    cover: Cover | None = None
    header: str = ""  # the running header: the document's symbol
    page_label: tuple[str, str, str] = ("", " / ", "")  # before n, between n and m, after m
    contents_label: str = "Contents"
    status: str = ""  # "Draft" until the secretariat marks the report final

    def headings(self) -> list[str]:
        return [section.heading for section in self.sections]
