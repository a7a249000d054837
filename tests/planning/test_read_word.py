"""A plan written in Word (.docx) reads like its text, and a file that is not a sane .docx is
refused, quickly, with a message that says why."""

import hashlib
import io
import json
import time
import zipfile

import pytest
from django.utils import translation
from docx import Document
from hypothesis import given
from hypothesis import strategies as st

from styr.planning.models import Plan
from styr.planning.parsing import read_plan
from styr.planning.parsing.word import word_lines
from tests.planning.readings import reading_of
from tests.planning.words import docx_of


@pytest.fixture(scope="module")
def sample_docx(sample_text) -> bytes:
    return docx_of(sample_text)


def test_the_sample_written_in_word_reads_like_its_text(sample_text, sample_docx):
    assert reading_of(sample_docx, "plan.docx") == reading_of(sample_text.encode(), "plan.txt")


def test_import_plan_saves_a_plan_written_in_word(db, styr, tmp_path, sample_docx):
    path = tmp_path / "plan.docx"
    path.write_bytes(sample_docx)
    run = styr("import-plan", str(path), "--json")
    assert run.error is None
    assert json.loads(run.out)["counts"]["indicators"] == 30
    assert Plan.objects.get().organisation.name == "Kommunstyrelsen"


def saved(document) -> bytes:
    data = io.BytesIO()
    document.save(data)
    return data.getvalue()


def lines_of(document) -> list[tuple[str, bool]]:
    return [(line.text, line.indented) for line in word_lines(saved(document), name="a.docx")]


def test_paragraphs_and_tables_are_read_in_document_order():
    document = Document()
    document.add_heading("NÄMNDMÅL:", level=3)
    document.add_paragraph("Före tabellen.")
    table = document.add_table(rows=2, cols=3)
    rows = [
        ["Nämndens aktiviteter", "Startdatum", "Slutdatum"],
        ["Rensa", "2013-01-01", "2013-12-31"],
    ]
    for row, texts in zip(table.rows, rows, strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    document.add_paragraph("Efter tabellen.")
    assert lines_of(document) == [
        ("NÄMNDMÅL:", False),
        ("Före tabellen.", False),
        ("Nämndens aktiviteter Startdatum Slutdatum", False),
        ("Rensa 2013-01-01 2013-12-31", False),
        ("Efter tabellen.", False),
    ]


def test_a_table_row_is_one_line_with_each_cell_and_each_merged_cell_once():
    document = Document()
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "Sammanslagen rubrik"
    table.cell(0, 2).text = "Periodicitet"
    first = table.cell(1, 0)
    first.text = "Andel nöjda"
    first.add_paragraph("brukare (alla nämnder)")
    table.cell(1, 1).text = "90 %"
    table.cell(1, 2).merge(table.cell(2, 2)).text = "År"
    table.cell(2, 0).text = "Antal besök"
    table.cell(2, 1).text = "1 150 st"
    assert lines_of(document) == [
        ("Sammanslagen rubrik Periodicitet", False),
        ("Andel nöjda brukare (alla nämnder) 90 % År", False),
        ("Antal besök 1 150 st", False),
    ]


def test_list_items_are_bullets_and_empty_paragraphs_are_skipped():
    document = Document()
    document.add_paragraph("Kontoret ska:")
    document.add_paragraph("")
    document.add_paragraph("rensa arkivet", style="List Bullet")
    document.add_paragraph("• skriva rutiner")
    document.add_paragraph("   ")
    assert lines_of(document) == [
        ("Kontoret ska:", False),
        ("rensa arkivet", True),
        ("skriva rutiner", True),
    ]


def test_a_line_break_inside_a_paragraph_starts_a_line():
    document = Document()
    document.add_paragraph().add_run("Första raden").add_break()
    document.paragraphs[0].add_run("andra raden")
    assert lines_of(document) == [("Första raden", False), ("andra raden", False)]


def zip_of(parts: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", compression) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return data.getvalue()


CONTENT_TYPES = b'<?xml version="1.0"?><Types/>'
BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><w:document/>'
)
HOSTILE = {
    "an old binary Word document": (
        "plan.doc",
        lambda docx: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4000),
        "old Word document (.doc): save it as a Word document (.docx)",
    ),
    "a text named .docx": (
        "plan.docx",
        lambda docx: b"Verksamhetsplan 2013\n",
        "plan.docx is not a Word document (.docx).",
    ),
    "a workbook named .docx": (
        "plan.docx",
        lambda docx: zip_of({"[Content_Types].xml": CONTENT_TYPES, "xl/workbook.xml": b"<x/>"}),
        "plan.docx is not a Word document (.docx).",
    ),
    "a damaged .docx": (
        "plan.docx",
        lambda docx: docx[: len(docx) // 2],
        "plan.docx is damaged and cannot be read",
    ),
    "a zip bomb": (
        "plan.docx",
        lambda docx: zip_of(
            {"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": b" " * 30_000_000}
        ),
        "plan.docx unpacks to far more than a Word document does; it is not read.",
    ),
    "XML with entities": (
        "plan.docx",
        lambda docx: zip_of(
            {"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": BILLION_LAUGHS}
        ),
        "plan.docx holds XML with a document type declaration",
    ),
    "a .docx with broken XML": (
        "plan.docx",
        lambda docx: zip_of({"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": b"<w:"}),
        "the Word document cannot be read: it is damaged or not a .docx",
    ),
    "a .docx without text": (
        "plan.docx",
        lambda docx: saved(Document()),
        "the Word document has no text",
    ),
}


@pytest.mark.parametrize("case", HOSTILE)
def test_a_file_that_is_not_a_sane_word_document_is_refused_quickly(sample_docx, case):
    name, make, message = HOSTILE[case]
    data = make(sample_docx)
    started = time.perf_counter()
    with translation.override("en"):
        reading = read_plan(data, name=name)
    assert time.perf_counter() - started < 1
    assert reading.document is None
    [problem] = reading.problems
    assert message in problem.message


@pytest.mark.hostile
@given(data=st.data())
def test_a_word_document_with_bytes_changed_or_cut_off_is_read_or_refused(sample_docx, data):
    """Whatever is changed, the reader answers with a plan or with problems: no traceback."""
    position = data.draw(st.integers(0, len(sample_docx) - 1))
    if data.draw(st.booleans()):
        damaged = sample_docx[:position]
    else:
        noise = data.draw(st.binary(min_size=1, max_size=64))
        damaged = sample_docx[:position] + noise + sample_docx[position + len(noise) :]
    reading = read_plan(damaged, name="plan.docx")
    assert reading.document is not None or reading.problems


def test_a_word_document_larger_than_the_limit_is_refused_unread(settings, sample_docx):
    settings.STYR_IMPORT_MAX_WORD_BYTES = 1000
    with translation.override("en"):
        reading = read_plan(sample_docx, name="plan.docx")
    [problem] = reading.problems
    assert "STYR_IMPORT_MAX_WORD_BYTES" in problem.message


def test_a_word_document_of_more_lines_than_a_plan_has_is_refused(settings):
    settings.STYR_IMPORT_MAX_LINES = 10
    document = Document()
    for number in range(11):
        document.add_paragraph(f"Rad {number}")
    with translation.override("en"):
        reading = read_plan(saved(document), name="plan.docx")
    assert [problem.message for problem in reading.problems] == [
        "the document has 11 lines of text; a plan may have at most 10 (STYR_IMPORT_MAX_LINES)"
    ]


def with_body(paragraphs: str) -> bytes:
    """Return a Word document of these paragraphs' XML (python-docx adds them one by one in
    time that grows with the document)."""
    parts = {}
    with zipfile.ZipFile(io.BytesIO(saved(Document()))) as blank:
        for member in blank.namelist():
            parts[member] = blank.read(member)
    document = parts["word/document.xml"].decode()
    start = document.index("<w:body>") + len("<w:body>")
    parts["word/document.xml"] = (document[:start] + paragraphs + document[start:]).encode()
    return zip_of(parts)


def test_the_text_of_a_content_control_is_read_in_its_place():
    control = (
        "<w:sdt><w:sdtContent><w:p><w:r><w:t>Inne i fältet</w:t></w:r></w:p></w:sdtContent></w:sdt>"
    )
    data = with_body(f"<w:p><w:r><w:t>Före</w:t></w:r></w:p>{control}")
    assert [line.text for line in word_lines(data, name="plan.docx")] == ["Före", "Inne i fältet"]


def test_a_long_word_document_is_read_in_time():
    paragraphs = []
    for number in range(30_000):
        # Text that varies as a plan's does, so that the zip packs it no tighter than a plan's.
        words = hashlib.sha256(str(number).encode()).hexdigest()
        paragraphs.append(
            f"<w:p><w:r><w:t>Rad {number}: {words[:16]} {words[16:32]}.</w:t></w:r></w:p>"
        )
    data = with_body("".join(paragraphs))
    started = time.perf_counter()
    lines = word_lines(data, name="plan.docx")
    # About 1 s on an idle machine; quadratic reading would take minutes.
    assert time.perf_counter() - started < 3
    assert len(lines) == 30_000
