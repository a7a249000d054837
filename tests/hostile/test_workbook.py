"""Follow-up workbooks mutated every way an official, a broken disk or an attacker might:
each is read by the service the Excel page and `styr import-followup` use, and is either saved
whole or refused with the reader's own message, never half-saved, never an exception, and
always within seconds.

The workbook each example starts from is the sample's T1 report as exported, filled with
values, with a new comment typed into every row: read as it is, it saves every row. Examples
share the test's database, each inside a transaction rolled back at its end.
"""

import time
from datetime import datetime
from io import BytesIO

import pytest
from django.db import transaction
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from styr.decisions.services import plan_adopt
from styr.followup.choices import Period
from styr.followup.models import GoalAssessment, Outcome, Progress
from styr.followup.services import report_open
from styr.followup.synthetic import report_fill
from styr.followup.workbook import workbook_bytes, workbook_read

SECONDS = 5  # of the process's own time, so that a machine busy with other work does not fail it
DATA_SHEETS = ("indicators", "activities", "goals")
COMMENTS = {"indicators": "comment", "activities": "comment", "goals": "motivation"}

# Text a cell may hold: anything printable, tabs and line breaks (openpyxl refuses the rest).
texts = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters="\t\n\r"),
    max_size=40,
)
cell_values = st.one_of(
    st.none(),
    texts,
    st.sampled_from(["=1+1", '=HYPERLINK("http://evil","x")', "=A1/0", "+46", "-5 %", "@SUM(1)"]),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(),
    st.booleans(),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(9999, 12, 31)),
    st.sampled_from(["3,4", "1 385,6 %", "Pågår", "Klar", "Uppfyllt", "År", "1e400"]),
)
sheet_titles = st.text(
    st.characters(whitelist_categories=("Lu", "Ll", "Nd"), whitelist_characters=" -_"),
    min_size=1,
    max_size=31,
)


@pytest.fixture
def report(sample_plan):
    """The sample plan's first tertial report, opened once the plan is adopted."""
    plan_adopt(plan=sample_plan)
    sample_plan.refresh_from_db()
    return report_open(plan=sample_plan, period=Period.T1)


@pytest.fixture
def base(report, planner) -> bytes:
    """The report's workbook filled in and exported, with a new comment typed in each row."""
    report_fill(report)
    book = load_workbook(BytesIO(workbook_bytes(report)))
    titles = identity(book)
    for key, column in COMMENTS.items():
        sheet = book[titles[key]]
        index = [cell.value for cell in sheet[1]].index(column) + 1
        for row in range(3, sheet.max_row + 1):
            sheet.cell(row, index, f"Ny kommentar {row}")
    return saved(book)


def identity(book) -> dict:
    return dict(book["styr"].iter_rows(max_col=2, values_only=True))


def saved(book) -> bytes:
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def values(report) -> list:
    """Return every value of the report as saved, with its version."""
    return [
        list(model.objects.filter(report=report).order_by("pk").values())
        for model in (Outcome, Progress, GoalAssessment)
    ]


def mutate(book, data) -> None:
    """Change the workbook as drawn: cells, rows, sheets, or the identity sheet."""
    titles = identity(book)
    for _ in range(data.draw(st.integers(1, 6), label="mutations")):
        names = book.sheetnames
        if not names:
            return
        sheet = book[data.draw(st.sampled_from(names), label="sheet")]
        rows = max(sheet.max_row, 1)
        row = data.draw(st.integers(1, rows + 2), label="row")
        kind = data.draw(
            st.sampled_from(["cell", "cell", "cell", "delete", "duplicate", "swap", "rename"])
            | st.sampled_from(["remove", "far", "identity"]),
            label="kind",
        )
        if kind == "cell":
            column = data.draw(st.integers(1, sheet.max_column + 1), label="column")
            sheet.cell(row, column).value = data.draw(cell_values, label="value")
        elif kind == "delete":
            sheet.delete_rows(row, data.draw(st.integers(1, 3), label="count"))
        elif kind == "duplicate":
            copied = [cell.value for cell in sheet[row]]
            sheet.insert_rows(row + 1)
            for column, value in enumerate(copied, start=1):
                sheet.cell(row + 1, column).value = value
        elif kind == "swap":
            other = data.draw(st.integers(1, rows), label="other")
            for first, second in zip(sheet[row], sheet[other], strict=False):
                first.value, second.value = second.value, first.value
        elif kind == "rename":
            title = data.draw(sheet_titles, label="title")
            if title not in names:
                sheet.title = title
        elif kind == "remove" and visible(book) - {sheet.title}:
            book.remove(sheet)  # a workbook keeps a visible sheet, or openpyxl cannot save it
        elif kind == "far":
            far = data.draw(st.integers(rows + 1, 1_048_576), label="far row")
            sheet.cell(far, 1).value = data.draw(cell_values, label="value")
        elif kind == "identity" and "styr" in names:
            key = data.draw(st.sampled_from([1, 2, 3, *range(4, 4 + len(titles))]), label="key")
            book["styr"].cell(key, 2).value = data.draw(cell_values, label="value")


def visible(book) -> set[str]:
    return {sheet.title for sheet in book.worksheets if sheet.sheet_state == "visible"}


def read_checked(report, data: bytes, user) -> None:
    """Read the workbook as the page and the command do, in a transaction undone after: it is
    saved whole or refused with nothing saved, without an exception, within the time."""
    with transaction.atomic():
        before = values(report)
        start = time.process_time()
        reading = workbook_read(None, data, user=user, name="t1.xlsx")
        assert time.process_time() - start < SECONDS
        if reading.ok:
            again = workbook_read(None, data, user=user, name="t1.xlsx")
            assert (again.ok, sum(again.saved.values())) == (True, 0), "half saved"
        else:
            assert values(report) == before, "a refused workbook changed the report"
            assert all(str(problem).strip() for problem in reading.problems)
            assert len(reading.listed) <= 50
        transaction.set_rollback(True)


def test_the_unmutated_workbook_saves_every_row(report, base, planner):
    before = values(report)

    reading = workbook_read(None, base, user=planner)

    assert reading.ok, [str(problem) for problem in reading.problems]
    assert sum(reading.saved.values()) == sum(len(kind) for kind in before)
    assert values(report) != before


@pytest.mark.hostile
@given(data=st.data())
def test_a_workbook_changed_anywhere_is_saved_whole_or_refused(report, base, planner, data):
    book = load_workbook(BytesIO(base))
    mutate(book, data)

    read_checked(report, saved(book), planner)


@pytest.mark.hostile
@given(data=st.data())
def test_a_workbook_cut_off_or_with_bytes_flipped_is_refused_cleanly(report, base, planner, data):
    damaged = bytearray(base)
    if data.draw(st.booleans(), label="cut"):
        damaged = damaged[: data.draw(st.integers(0, len(base) - 1), label="length")]
    for _ in range(data.draw(st.integers(0 if len(damaged) < len(base) else 1, 8), label="n")):
        if damaged:
            place = data.draw(st.integers(0, len(damaged) - 1), label="place")
            damaged[place] ^= data.draw(st.integers(1, 255), label="bits")

    read_checked(report, bytes(damaged), planner)


@pytest.mark.hostile
@given(junk=st.binary(max_size=4096) | st.binary(max_size=64).map(lambda b: b"PK\x03\x04" + b))
def test_random_bytes_are_refused_cleanly(report, planner, junk):
    read_checked(report, junk, planner)
