"""What a report says, independent of the format it is written in."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Paragraph:
    text: str
    emphasis: bool = False  # a notice or a caveat
    language: str = ""  # set when the text is not in the report's language


@dataclass
class Quote:
    """Words of a participant, in the language it used."""

    text: str
    attribution: str
    language: str


@dataclass
class BulletList:
    items: list[str]


@dataclass
class Table:
    caption: str
    headers: list[str]
    rows: list[list[str]]
    source: str = ""
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


Block = Paragraph | Quote | BulletList | Table | Figure


@dataclass
class Section:
    key: str  # a stable anchor: "background", "mechanism-crm", ...
    heading: str
    blocks: list[Block] = field(default_factory=list)
    subsections: list[Section] = field(default_factory=list)

    def add(self, block: Block) -> None:
        self.blocks.append(block)


@dataclass
class Report:
    language: str
    title: str
    subtitle: str
    meta: list[tuple[str, str]]  # (label, value): date, place, convener, generated
    sections: list[Section]

    def headings(self) -> list[str]:
        return [section.heading for section in self.sections]
