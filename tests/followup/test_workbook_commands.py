"""styr export-followup-template and styr import-followup: the Excel round trip on the command
line, for offices that collect the boards' workbooks by mail."""

from decimal import Decimal

import pytest
from django.core.management.base import CommandError
from django.utils import translation
from openpyxl import load_workbook

from styr.followup.models import Outcome
from styr.followup.selectors import report_sheet
from styr.planning.models import Indicator


@pytest.fixture
def exported(styr, t1_report, tmp_path):
    """The T1 workbook, made in English so that the messages about it are all English."""
    path = tmp_path / "t1.xlsx"
    with translation.override("en"):
        run = styr("export-followup-template", str(t1_report.plan_id), "T1", "--output", str(path))
    assert run.error is None, run.error
    return path


def fill_sick_leave(path, value) -> int:
    """Type an outcome for sick leave into the workbook at `path`; return its row."""
    book = load_workbook(path)
    sheet = book[book["styr"]["B4"].value]
    keys = [cell.value for cell in sheet[1]]
    indicator = Indicator.objects.get(name__startswith="Sjukfrånvaro")
    row = next(r for r in range(3, sheet.max_row + 1) if sheet.cell(r, 1).value == indicator.pk)
    sheet.cell(row, keys.index("value") + 1, value)
    book.save(path)
    return row


def test_the_template_has_a_row_per_item_the_period_asks_for(exported, t1_report):
    book = load_workbook(exported)
    titles = dict(book["styr"].iter_rows(min_row=4, max_row=6, max_col=2, values_only=True))
    sheet = report_sheet(t1_report)

    def rows(key: str) -> int:
        return book[titles[key]].max_row - 2  # below the hidden keys and the headings

    assert (book["styr"]["B2"].value, book["styr"]["B3"].value) == (t1_report.plan_id, "T1")
    assert rows("indicators") == len(sheet.due_indicators())
    assert rows("activities") == len(list(sheet.activities())) + len(sheet.assignments)
    assert rows("goals") == len(list(sheet.goals()))


def test_the_filled_in_workbook_is_read_back_by_its_own_report(styr, exported, planner):
    fill_sick_leave(exported, 3.4)

    run = styr("import-followup", str(exported), "--user", "planeraren")

    assert run.error is None, run.error
    assert run.out.startswith(f"{exported}: plan ")
    outcome = Outcome.objects.get()
    assert (outcome.value, outcome.updated_by) == (Decimal("3.4"), planner)


def test_a_dry_run_saves_nothing(styr, exported):
    fill_sick_leave(exported, 3.4)

    with translation.override("en"):
        run = styr("import-followup", str(exported), "--dry-run")

    assert run.error is None, run.error
    assert "Would save 1 outcome" in run.out
    assert Outcome.objects.count() == 0


def test_a_workbook_with_problems_is_refused_naming_each(styr, exported):
    row = fill_sick_leave(exported, "tre")

    with translation.override("en"):
        run = styr("import-followup", str(exported))

    assert isinstance(run.error, CommandError)
    assert str(run.error) == f"{exported}: 1 problem; nothing was saved"
    assert run.err == f"{exported}: Indicators, row {row}, column Outcome: “tre” is not a number.\n"
    assert Outcome.objects.count() == 0


def test_what_the_commands_cannot_do_is_said(styr, sample_plan, tmp_path):
    path = str(tmp_path / "t1.xlsx")
    cases = [
        (
            ("export-followup-template", "999999", "T1", "--output", path),
            "det finns ingen plan 999999",
        ),
        (("import-followup", path, "--user", "ingen"), "det finns ingen användare ingen"),
        (("import-followup", path), f"{path}: filen kan inte läsas"),
    ]
    for args, message in cases:
        run = styr(*args)
        assert isinstance(run.error, CommandError)
        assert str(run.error).startswith(message)


def test_a_plan_not_adopted_has_no_template(styr, sample_plan, tmp_path):
    with translation.override("en"):
        run = styr(
            "export-followup-template", str(sample_plan.pk), "T1", "--output", str(tmp_path / "x")
        )

    assert str(run.error) == f"plan {sample_plan.pk}: Only an adopted plan is followed up."
