"""The print page and the PDF of an outline: one HTML page, read in the browser and laid out by
WeasyPrint.

The page is semantic HTML in Swedish (the documents are): a cover with the one h1, a table of
contents, the outline's headings as h2–h5, and tables with captions and header cells. Its
stylesheet, documents/print.css, sets the printed page: A4, a running header with the body and
the title, "Sida N av M" in the footer but not on the cover, and tables that never grow wider
than the page. The web page links the stylesheet as a static file (the Content-Security-Policy
refuses inline style); WeasyPrint gets it inlined, so that it fetches nothing.

The PDF is tagged for screen readers (PDF/UA-1), or archival (PDF/A-2a, tagged as well); it
says of itself what the outline's metadata does, dated by the decision, so that the same record
always renders the same bytes.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from styr.documents.exporters import Exporter, Option, Rendered, register
from styr.documents.layouts import outline_of
from styr.documents.outline import Block, Heading, Outline, PageBreak, Paragraph, Table
from styr.swedish import date_write

# The documents are Swedish whatever the visitor's language: their labels are too.
LANGUAGE = "sv"
STYLESHEET = Path(__file__).resolve().parent / "static/documents/print.css"
ACCESSIBLE, ARCHIVAL = "pdf/ua-1", "pdf/a-2a"
# A column's share of a table's width is set in steps of this many per cent (the stylesheet's
# classes w2 … w100): the page's stylesheet may not be written inline.
WIDTH_STEP = 2
# A reader of the PDF finds the plan's year and body in the cover's title, if it is one line:
# the longest title (in characters) each size of the stylesheet sets on one line, with room to
# spare; a longer title is set small, and may wrap.
TITLE_SIZES = ((30, "title-22"), (36, "title-18"), (44, "title-15"), (56, "title-12"))
SMALLEST_TITLE = "title-10"
# What keeps a text's words together in the PDF (see `typeset`).
WORD_JOINER, NO_BREAK = "\u2060", "\u00a0"
COMPOUND = re.compile(r"(?<=\w)([-/])(?=\w)")
SENTENCE_GAP = re.compile(r"(?<=[.!?]) (?=\S)")
NUMBER_GAP = re.compile(r" (?=\d)")
LONGEST_LAST_WORD = 30
# How many characters a table's width holds (print.css: 8.5 pt on A4, counted in digits, the
# widest characters), each cell's padding taking two. A column makes room for its longest word
# up to WIDEST_WORD characters (a longer one breaks anywhere), then for its longest text up to
# WIDEST_CELL (a longer one wraps).
TABLE_CHARACTERS, PADDING = 88, 2
WIDEST_CELL, WIDEST_WORD = 40, 14


@dataclass(frozen=True)
class Text:
    """A text as the template sets it; in the PDF, its last word kept apart (see `typeset`)."""

    body: str
    last: str = ""


@dataclass(frozen=True)
class Cell:
    text: str
    numeric: bool


@dataclass(frozen=True)
class Row:
    cells: list[Cell]
    style: str


@dataclass(frozen=True)
class TableView:
    """A table as the template sets it: its columns' widths and numeric cells marked."""

    caption: str
    widths: list[int]
    header: list[Cell]
    rows: list[Row]
    template = "documents/print/table.html"


@dataclass(frozen=True)
class HeadingView:
    text: str
    level: int
    anchor: str
    template = "documents/print/heading.html"

    @property
    def tag(self) -> str:
        # The cover's title is the one h1; the outline's levels 1–4 follow it.
        return f"h{min(self.level, 4) + 1}"


@dataclass(frozen=True)
class ParagraphView:
    text: Text
    style: str
    template = "documents/print/paragraph.html"


@dataclass(frozen=True)
class BulletList:
    """Consecutive bullet paragraphs, set as one list."""

    items: list[Text]
    template = "documents/print/list.html"


@dataclass(frozen=True)
class PageBreakView:
    template = "documents/print/page_break.html"


def print_html(outline: Outline, *, for_pdf: bool = False) -> str:
    """Return the print page of an outline; `for_pdf` inlines the stylesheet for WeasyPrint
    and sets the texts so that the PDF's text reads back as the outline (see `typeset`)."""
    metadata = outline.metadata
    decided = date_write(metadata.decided_on) if metadata.decided_on else ""
    context = {
        "outline": outline,
        "metadata": metadata,
        "language": LANGUAGE,
        "decided": decided,
        "title_size": title_size(outline.title),
        "description": description(outline),
        "keywords": ", ".join([*metadata.keywords, metadata.body, metadata.municipality]),
        "contents": outline.contents(),
        "items": views(outline.blocks, for_pdf),
        "for_pdf": for_pdf,
        "stylesheet": stylesheet() if for_pdf else "",
    }
    with translation.override(LANGUAGE):
        return render_to_string("documents/print.html", context)


def title_size(title: str) -> str:
    """Return the class that sets the cover's title on one line, if it can."""
    return next((size for most, size in TITLE_SIZES if len(title) <= most), SMALLEST_TITLE)


def description(outline: Outline) -> str:
    """Return what the document is about, for its properties: its title, body and diary number."""
    metadata = outline.metadata
    parts = [outline.title, metadata.body, metadata.municipality]
    if metadata.diary_number:
        parts.append(f"Dnr {metadata.diary_number}")
    return ", ".join(part for part in parts if part)


@cache
def stylesheet() -> str:
    return STYLESHEET.read_text(encoding="utf-8")


def typeset(text: str) -> Text:
    """Return a paragraph's text set for the PDF, whose text `styr import-plan` reads back line
    by line: unbroken (see `unbroken`), and its last word apart, to carry an invisible spacer
    (print.css) that keeps the paragraph's last line well short of the margin, where a reader
    sees that the paragraph ends."""
    # In prose, a number is also joined to the word before it: a line that starts with a
    # number may be read as the next numbered point ("… för kommunstyrelsen m.m" / "2013,").
    text = NUMBER_GAP.sub(NO_BREAK, unbroken(text.rstrip()))
    body, space, last = text.rpartition(" ")
    # A last word too long for a line must be free to break: it goes without its spacer.
    if len(last) > LONGEST_LAST_WORD:
        return Text(text)
    return Text(body + space, last)


def unbroken(text: str) -> str:
    """Return a text that the PDF never breaks where a reader of its lines would misread it.

    A reader of a PDF sees only where lines end, and guesses from them: a line that ends in a
    hyphen was hyphenated, a line that ends a sentence ends a paragraph or an activity's title.
    So a compound ("it-program", "avlastningsvård/korttidsboenden") is joined at its hyphen or
    slash (a word joiner, which the PDF's text leaves out), and a sentence's end to the next
    word (a no-break space, which the reader reads as a space).
    """
    return SENTENCE_GAP.sub(NO_BREAK, COMPOUND.sub(rf"\1{WORD_JOINER}", text))


def views(blocks: list[Block], for_pdf: bool) -> list:
    """Return what the template sets for each block, bullets gathered into lists; for the
    PDF, with their texts set to read back (`typeset`, `unbroken`)."""
    prose = typeset if for_pdf else Text
    line = unbroken if for_pdf else str
    items: list = []
    for block in blocks:
        if isinstance(block, Paragraph) and block.style == "bullet":
            if items and isinstance(items[-1], BulletList):
                items[-1].items.append(prose(block.text))
            else:
                items.append(BulletList([prose(block.text)]))
        elif isinstance(block, Paragraph):
            items.append(ParagraphView(prose(block.text), block.style))
        elif isinstance(block, Heading):
            items.append(HeadingView(line(block.text), block.level, block.anchor))
        elif isinstance(block, Table):
            items.append(table_view(block, line))
        elif isinstance(block, PageBreak):
            items.append(PageBreakView())
    return items


def table_view(table: Table, line) -> TableView:
    def cells(texts: list[str]) -> list[Cell]:
        return [Cell(line(text), column in table.numeric) for column, text in enumerate(texts)]

    return TableView(
        caption=table.caption,
        widths=column_widths(table),
        header=cells(table.header),
        rows=[Row(cells(row), table.styles.get(index, "")) for index, row in enumerate(table.rows)],
    )


def column_widths(table: Table) -> list[int]:
    """Return each column's share of the table's width in per cent, adding up to 100: first
    the room for its longest word, then what is left shared by the room its texts would take.
    """
    columns = [
        [row[column] for row in [table.header, *table.rows] if column < len(row)]
        for column in range(len(table.header))
    ]
    least = [min(longest_word(texts), WIDEST_WORD) + PADDING for texts in columns]
    wanted = [
        max(min(longest(texts), WIDEST_CELL) + PADDING, low)
        for texts, low in zip(columns, least, strict=True)
    ]
    spare = max(TABLE_CHARACTERS - sum(least), 0)
    extra = sum(wanted) - sum(least) or 1
    room = [low + spare * (want - low) / extra for low, want in zip(least, wanted, strict=True)]
    # Each column is rounded up to a step, so that none is narrower than its room; the widest
    # gives up what that takes beyond 100.
    widths = [math.ceil(part / sum(room) * 100 / WIDTH_STEP) * WIDTH_STEP for part in room]
    widest = widths.index(max(widths))
    widths[widest] += 100 - sum(widths)
    return widths


def longest_word(texts: list[str]) -> int:
    return max((len(word) for text in texts for word in text.split()), default=1)


def longest(texts: list[str]) -> int:
    return max((len(text) for text in texts), default=1)


def pdf_render(outline: Outline, *, archival: bool = False) -> bytes:
    """Return the outline as a tagged PDF with bookmarks; PDF/A-2a when `archival`."""
    # Imported here: WeasyPrint loads Pango and its fonts, which only the PDF needs.
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    # The page links nothing, and a text in it fetches nothing: every address is refused.
    html = HTML(
        string=print_html(outline, for_pdf=True),
        url_fetcher=URLFetcher(allowed_protocols=()),
    )
    return html.write_pdf(
        pdf_variant=ARCHIVAL if archival else ACCESSIBLE,
        # An identifier computed from the content, not a random one: the same bytes each time.
        pdf_identifier=True,
    )


@register("plan", "report")
class PrintPage(Exporter):
    identifier = "html"
    name = _("Print page")
    media_type = "text/html"
    extension = "html"

    def render(self, subject, **options) -> Rendered:
        return self.rendered(subject, print_html(outline_of(subject)).encode())


@register("plan", "report")
class Pdf(Exporter):
    identifier = "pdf"
    name = "PDF"
    media_type = "application/pdf"
    extension = "pdf"
    slow = True
    options = (
        Option("archival", _("Make an archival PDF (PDF/A), for the archive."), default=False),
    )

    def render(self, subject, archival: bool = False, **options) -> Rendered:
        content = pdf_render(outline_of(subject), archival=archival)
        return self.rendered(subject, content, "-pdfa" if archival else "")
