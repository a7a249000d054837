"""The same plan reads the same whatever its encoding, line ends, blank lines or format."""

import re
import time

import pytest

from styr.planning.parsing import read_plan
from styr.planning.parsing.lines import Joiner, Line, clean_lines
from tests.planning.pdfs import pdf_of


def read(data: bytes, name: str = "plan.txt"):
    reading = read_plan(data, name=name)
    assert reading.problems == []
    reading.document.municipality = "Stockholms stad"
    return reading.document.to_json()


LAYOUTS = {
    "Windows line ends": lambda text: text.replace("\n", "\r\n").encode(),
    "old Mac line ends": lambda text: text.replace("\n", "\r").encode(),
    "Windows-1252": lambda text: text.encode("cp1252"),
    "UTF-8 with BOM": lambda text: text.encode("utf-8-sig"),
    "no blank lines": lambda text: re.sub(r"\n\s*\n", "\n", text).encode(),
    "no trailing spaces": lambda text: re.sub(r"[ \t]+\n", "\n", text).encode(),
    "extra blank lines": lambda text: text.replace("\n", "\n\n").encode(),
}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_text_layouts_read_alike(sample_text, sample_document, layout):
    assert read(LAYOUTS[layout](sample_text)) == sample_document.to_json()


def test_a_pdf_reads_like_its_text(sample_text, sample_document):
    assert read(pdf_of(sample_text), name="plan.pdf") == sample_document.to_json()


def lines(*texts: str) -> list[Line]:
    return [Line(number, text) for number, text in enumerate(texts, start=1)]


@pytest.mark.parametrize(
    ("parts", "joined"),
    [
        (["får slut-", "datum 2013-06-30"], "får slutdatum 2013-06-30"),
        (["Vision Hässelby-", "Vällingby 2030"], "Vision Hässelby-Vällingby 2030"),
        (["miljö-", "och hälsofarliga ämnen"], "miljö- och hälsofarliga ämnen"),
        (["ny", "rad"], "ny rad"),
    ],
)
def test_it_undoes_hyphenation_at_line_ends_only(parts, joined):
    assert Joiner([]).join(parts) == joined


def test_it_keeps_a_hyphen_the_document_writes_elsewhere():
    document = lines("Systemet för it-området byts.", "Kostnader inom it-", "området ökar.")
    joiner = Joiner(document)
    assert joiner.join(["Kostnader inom it-", "området ökar."]) == "Kostnader inom it-området ökar."


def test_it_joins_the_pieces_of_a_wrapped_table_cell():
    text = "Elanvändning per kvadratmeter 33 \nkwh/kv\nm \n34 kWh År \n"
    assert [line.text for line in clean_lines(text)] == [
        "Elanvändning per kvadratmeter 33",
        "kwh/kvm",
        "34 kWh År",
    ]


def test_it_drops_page_numbers_in_running_text():
    paragraphs = Joiner([]).paragraphs(
        lines("Kontoret har en investeringsbudget om 2 miljoner kronor", "24", "för 2013.")
    )
    assert paragraphs == "Kontoret har en investeringsbudget om 2 miljoner kronor för 2013."


def test_it_joins_a_paragraph_of_many_lines_in_time():
    parts = ["ett ord som fortsätter", "slut-", "datum"] * 30_000
    started = time.perf_counter()
    joined = Joiner([]).join(parts)
    assert time.perf_counter() - started < 1
    assert joined.startswith("ett ord som fortsätter slutdatum ett ord")
    assert len(joined) == 30_000 * len("ett ord som fortsätter slutdatum ") - 1
