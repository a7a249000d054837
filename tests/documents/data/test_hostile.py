"""Titles that a spreadsheet would run as a formula (=HYPERLINK(…), +cmd|…, @SUM(…), a leading
tab): every CSV writes them with an apostrophe before them, the workbook as text cells, and the
texts read back as written; numbers, negative ones too, stay numbers."""

import copy
from io import BytesIO

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from styr.documents.csv_files import FOR_EXCEL, PLAIN, csv_bytes
from styr.documents.excel import workbook_bytes
from styr.documents.subjects import Metadata
from styr.documents.tables import goals_table, indicators_table, plan_budget_table
from styr.spreadsheets import LEADERS, formula_like
from tests.documents.data.readback import csv_rows, unsafe

pytestmark = pytest.mark.hostile

FORMULAS = st.builds(
    lambda leader, rest: leader + rest,
    st.sampled_from(LEADERS),
    st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=40),
)
METADATA = Metadata(municipality="Stockholms stad", body="KS", title="Plan", year=2013, status="")


def hostile_plan(document, text: str):
    """The sample with `text` as the title of its first board goal and name of its first
    indicator."""
    document = copy.deepcopy(document)
    board_goal = document.board_goals()[0]
    board_goal.title = text
    document.area_goals()[0].indicators[0].name = text
    return document


@given(text=FORMULAS)
def test_formula_like_texts_are_written_safely_in_both_csv_dialects(sample_document, text):
    document = hostile_plan(sample_document, text)
    for table in (goals_table(document), indicators_table(document)):
        for dialect in (FOR_EXCEL, PLAIN):
            _header, *rows = csv_rows(csv_bytes(table, dialect), dialect.delimiter)
            fields = [field for row in rows for field in row]
            assert not any(formula_like(field) for field in fields)
            assert text in [unsafe(field) for field in fields]


@given(text=FORMULAS)
def test_formula_like_texts_are_text_cells_in_the_workbook(sample_document, text):
    document = hostile_plan(sample_document, text)
    content = workbook_bytes([goals_table(document), indicators_table(document)], METADATA)
    book = load_workbook(BytesIO(content))

    cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row]
    hostile = [cell for cell in cells if cell.value == text]
    assert hostile
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in hostile)
    assert not any(cell.data_type == "f" for cell in cells)


def test_negative_amounts_stay_numbers(sample_document):
    table = plan_budget_table(sample_document)
    _header, *rows = csv_rows(csv_bytes(table, FOR_EXCEL), ";")
    book = load_workbook(BytesIO(workbook_bytes([table], METADATA)))

    assert rows[-1][2] == "-46,60"
    assert book.active.cell(len(rows) + 1, 3).value == pytest.approx(-46.60)
