"""The Word document (.docx) of a plan or a report: its outline with real headings, tables and
lists, a cover, a table of contents Word fills in, and the document's properties.

What the document says, and the order it says it in, is the outline's (`styr.documents.
layouts`), so that a plan's Word document reads back with `styr import-plan` to the same plan.
Only a heading with an anchor is listed in the table of contents: the others (the layout's
"KF:S INRIKTNINGSMÅL 1:" before the goal's own title) keep the look of a heading but not its
place in the document's outline.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, time
from io import BytesIO

from django.utils.translation import gettext_lazy as _
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from styr.documents.exporters import Exporter, register
from styr.documents.layouts import outline_of
from styr.documents.outline import Heading, Outline, Paragraph, Table
from styr.documents.plan_outline import STATUS_WORDS

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
LANGUAGE = "sv-SE"
# What XML 1.0 cannot hold: control characters but tab and line ends, lone surrogates and
# the two non-characters. They are left out; every other character is kept as it is.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Word's bookmark names: a letter first, then letters, digits and "_", at most 40 of them.
BOOKMARK_MOST = 40
# The outline levels the table of contents lists (Heading 1 to 3).
CONTENTS_LEVELS = "1-3"
# A paragraph's outline level meaning body text: a heading so marked is not in the contents.
BODY_LEVEL = "9"
CONTENTS_PLACEHOLDER = (
    "Innehållsförteckningen fylls i av Word när dokumentet öppnas. Visas den inte, "
    "markera den och välj Uppdatera fält (F9)."
)


def word_render(outline: Outline) -> bytes:
    """Return the .docx of an outline: cover, table of contents, then its blocks in order."""
    writer = WordWriter(Document())
    writer.write(outline)
    data = BytesIO()
    writer.document.save(data)
    return data.getvalue()


def xml_safe(text: str) -> str:
    return NOT_XML.sub("", text)


def prepare(document) -> None:
    """Set the document's language, the small print's style, and ask Word to fill the fields
    (the table of contents) when it opens the document."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_properties = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), LANGUAGE)
    run_properties.append(language)
    note = document.styles.add_style("Note", WD_STYLE_TYPE.PARAGRAPH)
    note.base_style = document.styles["Normal"]
    note.font.size = Pt(9)
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    document.settings.element.append(update)


def properties_set(document, outline: Outline) -> None:
    """Write what the document says of itself: its title, the body as its author, …"""
    metadata = outline.metadata
    properties = document.core_properties
    properties.title = xml_safe(outline.title)
    properties.subject = xml_safe(f"{metadata.title}, {metadata.body}, {metadata.municipality}")
    properties.author = xml_safe(metadata.body)
    properties.last_modified_by = xml_safe(metadata.body)
    properties.keywords = xml_safe(", ".join(metadata.keywords))
    properties.language = LANGUAGE
    properties.content_status = STATUS_WORDS.get(metadata.status, metadata.status)
    properties.identifier = xml_safe(metadata.diary_number)
    properties.comments = ""
    properties.revision = 1
    # A decided document is dated by its decision, so that the same record makes the same file.
    made = (
        datetime.combine(metadata.decided_on, time(), tzinfo=UTC)
        if metadata.decided_on
        else datetime.now(UTC).replace(microsecond=0)
    )
    properties.created = properties.modified = made


class WordWriter:
    """Write an outline's blocks into a python-docx document, in order. A page break is kept
    until the next block, which starts the new page (no empty paragraph holds it)."""

    def __init__(self, document):
        self.document = document
        self.bookmarks = 0
        self.new_page = False
        self.style_ids: dict[str, str] = {}

    def style_id(self, name: str) -> str:
        """Return a style's id, looked up once: python-docx looks a style up among all of them
        (and asks whether it is the default) on every paragraph, half the time of a plan."""
        if name not in self.style_ids:
            self.style_ids[name] = self.document.styles[name].style_id
        return self.style_ids[name]

    def write(self, outline: Outline) -> None:
        prepare(self.document)
        properties_set(self.document, outline)
        self.cover(outline)
        if outline.contents():
            self.contents()
        for block in outline.blocks:
            if isinstance(block, Heading):
                self.heading(block)
            elif isinstance(block, Paragraph):
                style = {"bullet": "List Bullet", "note": "Note"}.get(block.style)
                self.paragraph(block.text, style)
            elif isinstance(block, Table):
                self.table(block)
            else:
                self.new_page = True

    def paragraph(self, text: str, style: str | None = None):
        paragraph = self.document.add_paragraph()
        if style:
            paragraph._p.style = self.style_id(style)
        if text:
            paragraph.add_run(xml_safe(text))
        self.page_starts(paragraph)
        return paragraph

    def page_starts(self, paragraph) -> None:
        if self.new_page:
            paragraph.paragraph_format.page_break_before = True
            self.new_page = False

    def cover(self, outline: Outline) -> None:
        metadata = outline.metadata
        self.paragraph(outline.title, "Title")
        if outline.subtitle:
            self.paragraph(outline.subtitle, "Subtitle")
        for line in (metadata.municipality, metadata.body):
            if line:
                self.paragraph(line)
        self.new_page = True

    def contents(self) -> None:
        """Write the table of contents as a field Word fills in; until then it says so."""
        self.paragraph("Innehåll", "TOC Heading")
        paragraph = self.document.add_paragraph()
        field_char(paragraph, "begin")
        instruction = OxmlElement("w:instrText")
        instruction.set(qn("xml:space"), "preserve")
        instruction.text = f' TOC \\o "{CONTENTS_LEVELS}" \\h \\z \\u '
        paragraph.add_run()._r.append(instruction)
        field_char(paragraph, "separate")
        paragraph.add_run(CONTENTS_PLACEHOLDER)
        field_char(paragraph, "end")
        self.new_page = True

    def heading(self, heading: Heading) -> None:
        paragraph = self.paragraph(heading.text, f"Heading {min(max(heading.level, 1), 4)}")
        if heading.anchor:
            self.bookmarks += 1
            bookmark(paragraph, heading.anchor, self.bookmarks)
        else:
            level = OxmlElement("w:outlineLvl")
            level.set(qn("w:val"), BODY_LEVEL)
            paragraph._p.get_or_add_pPr().append(level)

    def table(self, table: Table) -> None:
        """Write a table: its header row repeated on each page, numbers set right, a total
        bold, and its caption as the table's title, which screen readers read out."""
        columns = max([len(table.header), *(len(row) for row in table.rows)])
        written = self.document.add_table(rows=len(table.rows) + 1, cols=columns)
        written._tbl.tblPr.style = self.style_id("Table Grid")
        written.alignment = WD_TABLE_ALIGNMENT.LEFT
        if table.caption:
            caption = OxmlElement("w:tblCaption")
            caption.set(qn("w:val"), xml_safe(table.caption))
            written._tbl.tblPr.append(caption)
        rows = written.rows
        header = rows[0]
        header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
        cells_write(header.cells, table.header, table.numeric, bold=True)
        self.page_starts(header.cells[0].paragraphs[0])
        for index, (row, texts) in enumerate(zip(rows[1:], table.rows, strict=True)):
            cells_write(row.cells, texts, table.numeric, bold=table.styles.get(index) == "total")


def field_char(paragraph, kind: str) -> None:
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    paragraph.add_run()._r.append(char)


def bookmark(paragraph, anchor: str, bookmark_id: int) -> None:
    """Mark a heading with its anchor, as a bookmark named in Word's letters ("mal_1_1")."""
    name = re.sub(r"[^0-9A-Za-z_]", "_", anchor)
    if not name[:1].isalpha():
        name = f"a_{name}"
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(bookmark_id))
    start.set(qn("w:name"), name[:BOOKMARK_MOST])
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(bookmark_id))
    paragraph._p.insert(1, start)  # after the paragraph's properties
    paragraph._p.append(end)


def cells_write(cells, texts: list[str], numeric: frozenset[int], *, bold: bool) -> None:
    for column, (cell, text) in enumerate(zip(cells, texts, strict=False)):
        paragraph = cell.paragraphs[0]
        if text:
            paragraph.add_run(xml_safe(text)).bold = bold or None
        if column in numeric:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


@register("plan", "report")
class WordExporter(Exporter):
    """A plan or a report as a Word document."""

    identifier = "docx"
    name = _("Word")
    extension = "docx"
    media_type = MEDIA_TYPE

    def render(self, subject, **options):
        return self.rendered(subject, word_render(outline_of(subject)))
