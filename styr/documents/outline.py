"""A document as a sequence of blocks (headings, paragraphs, tables), independent of its format.

The builders (`plan_outline`, `report_outline`) lay a plan or a report out once, in the familiar
structure of a board's plan; the print page, the PDF and the Word document each render the same
outline, so that they say the same and read back (`styr import-plan`) to the same plan.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from styr.documents.subjects import Metadata


@dataclass(frozen=True)
class Heading:
    text: str
    level: int  # 1 to 4
    # An anchor for the table of contents; only headings with one are listed there.
    anchor: str = ""


@dataclass(frozen=True)
class Paragraph:
    text: str
    # "" for body text; "bullet" for a list item; "note" for small print (a signature, a date).
    style: str = ""


@dataclass(frozen=True)
class Table:
    """A table: a caption read aloud, a header row and rows of cell texts, already written in
    Swedish formats; `numeric` marks the columns to set right-aligned."""

    header: list[str]
    rows: list[list[str]]
    caption: str = ""
    numeric: frozenset[int] = frozenset()
    # A row's index → how it is set: "total" for a sum row.
    styles: dict[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Heading | Paragraph | Table | PageBreak


@dataclass
class Outline:
    """A whole document: what it says of itself, its cover's lines, and its blocks in order."""

    metadata: Metadata
    title: str
    subtitle: str = ""
    blocks: list[Block] = field(default_factory=list)

    def contents(self) -> list[Heading]:
        """Return the headings the table of contents lists."""
        return [block for block in self.blocks if isinstance(block, Heading) and block.anchor]
