"""Take the lines out of a Word document (.docx): its paragraphs, headings and tables.

The body is read in document order: each paragraph is a line (a line break inside it starts
another), and each table row is one line, its cells joined by a space, so that a row is never
split or merged with the next, as the rows of a PDF's table can be. A cell merged over several
columns or rows is read once. List items are read as bullets, and empty paragraphs skipped.

A document written in paragraphs (as Word is meant to be written, and as Styr writes one) says
where each paragraph ends, and its lines say so (`Line.ends_paragraph`). One typed or pasted
line by line, each printed line a paragraph, says nothing of the kind: its paragraphs are found
as a text's are. A document is taken to be written in paragraphs when one of them is longer
than any printed line.
"""

from __future__ import annotations

from collections.abc import Iterator
from io import BytesIO

from django.conf import settings
from django.utils.translation import gettext as _
from docx import Document
from docx.oxml.ns import qn

from styr.planning.parsing.lines import Line, NotText, megabytes, normalise
from styr.uploads import UploadRefused, docx_checked

PARAGRAPH, TABLE = qn("w:p"), qn("w:tbl")
CONTROL, CONTROL_CONTENT = qn("w:sdt"), qn("w:sdtContent")
ROW, CELL = qn("w:tr"), qn("w:tc")
# A cell that goes on a merge: down from the row above, or (old Word) from the cell before.
MERGED = (qn("w:vMerge"), qn("w:hMerge"))
VALUE = qn("w:val")
TEXT, TAB, BREAK, CARRIAGE_RETURN = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")
BREAKS = {BREAK: "\n", CARRIAGE_RETURN: "\n"}
PROPERTIES, STYLE, NUMBERING = qn("w:pPr"), qn("w:pStyle"), qn("w:numPr")
INDENT, LEFT, START = qn("w:ind"), qn("w:left"), qn("w:start")
# Longer than any line of a printed page (an A4 line in 10-point type holds about 100).
LONGEST_LINE = 150


def word_lines(data: bytes, *, name: str) -> list[Line]:
    """Return the lines of a Word document; raise NotText for a file that is not a sane .docx."""
    try:
        docx_checked(data, name=name or "plan.docx")
        document = Document(BytesIO(data))
    except UploadRefused as refusal:
        raise NotText(str(refusal)) from refusal
    # python-docx meets a broken part with errors of many kinds (lxml's, KeyError for a
    # missing relationship, the zip's own …).
    except Exception as error:
        raise NotText(
            _("the Word document cannot be read: it is damaged or not a .docx")
        ) from error
    lists = list_styles(document)
    body = list(body_lines(document.element.body, lists))
    in_paragraphs = any(len(text) > LONGEST_LINE for text, _listed, kind in body if kind == ENDS)
    lines: list[Line] = []
    size, most = 0, settings.STYR_IMPORT_MAX_TEXT_BYTES
    for text, indented, kind in body:
        size += len(text)
        if size > most:
            raise NotText(
                _(
                    "the Word document holds more than %(size)s MB of text, more than a plan "
                    "in text may be (STYR_IMPORT_MAX_TEXT_BYTES)"
                )
                % {"size": megabytes(most)}
            )
        text = normalise(text.strip())
        if text:
            bullet = indented or text.startswith("•")
            ends = in_paragraphs and kind != GOES_ON
            lines.append(Line(len(lines) + 1, text.removeprefix("• "), bullet, ends_paragraph=ends))
    if not lines:
        raise NotText(_("the Word document has no text"))
    return lines


def list_styles(document) -> set[str]:
    """Return the ids of the styles of list items ("List Bullet", "Liststycke", "List Number" …)."""
    return {
        style.style_id
        for style in document.styles
        if style.name and style.name.lower().startswith("list")
    }


# What a line of the body is: the last line of a paragraph, a line a line break ends inside
# one, or a row of a table.
ENDS, GOES_ON, IN_TABLE = "ends", "goes on", "in a table"


def body_lines(body, lists: set[str]) -> Iterator[tuple[str, bool, str]]:
    """Yield (text, is a list item or indented, what the line is) for each line of the body,
    in order."""
    for child in body.iterchildren(PARAGRAPH, TABLE, CONTROL):
        if child.tag == CONTROL:
            # A content control (a template's field) holds paragraphs and tables of its own.
            content = child.find(CONTROL_CONTENT)
            if content is not None:
                yield from body_lines(content, lists)
            continue
        if child.tag == TABLE:
            yield from ((row, False, IN_TABLE) for row in table_rows(child))
            continue
        listed = is_listed(child, lists)
        *broken, last = paragraph_text(child).split("\n")
        yield from ((text, listed, GOES_ON) for text in broken)
        yield last, listed, ENDS


def is_listed(paragraph, lists: set[str]) -> bool:
    """Tell whether a paragraph is a list item, or indented as one written by hand."""
    properties = paragraph.find(PROPERTIES)
    if properties is None:
        return False
    style = properties.find(STYLE)
    indent = properties.find(INDENT)
    return (
        properties.find(NUMBERING) is not None
        or (style is not None and style.get(VALUE) in lists)
        or (indent is not None and (indent.get(LEFT) or indent.get(START) or "0") != "0")
    )


def paragraph_text(paragraph) -> str:
    """Return a paragraph's text, its line breaks as "\n" and its tabs as spaces.

    Its text elements are gathered in one pass (python-docx's `text` looks each run up anew,
    many times slower on a long document).
    """
    return "".join(
        element.text or "" if element.tag == TEXT else BREAKS.get(element.tag, " ")
        for element in paragraph.iter(TEXT, TAB, BREAK, CARRIAGE_RETURN)
    )


def table_rows(table) -> Iterator[str]:
    """Yield each row of a table as one line; a merged cell is read where its merge starts."""
    for row in table.iterchildren(ROW):
        cells = []
        for cell in row.iterchildren(CELL):
            if merges_on(cell):
                continue
            cells.append(cell_text(cell))
        yield " ".join(text for text in cells if text)


def merges_on(cell) -> bool:
    properties = cell.tcPr
    if properties is None:
        return False
    return any(
        merge.get(VALUE, "continue") == "continue" for merge in properties.iterchildren(*MERGED)
    )


def cell_text(cell) -> str:
    """Return a cell's paragraphs, and the rows of a table inside it, as one line."""
    parts = []
    for child in cell.iterchildren(PARAGRAPH, TABLE):
        if child.tag == TABLE:
            parts.extend(table_rows(child))
        else:
            parts.append(paragraph_text(child).replace("\n", " ").strip())
    return " ".join(part for part in parts if part)
