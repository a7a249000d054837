"""The tables as an Excel workbook: a sheet per table, read back by openpyxl to the numbers,
dates and texts of the plan's and the report's JSON."""

from datetime import datetime
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook

import styr.documents.excel  # noqa: F401 (registers the exporters)
from styr.documents.exporters import exporter_for
from styr.followup.export import report_json
from styr.planning.selectors import plan_document
from tests.documents.data.readback import area_goals, indicators_of, json_number

pytestmark = pytest.mark.usefixtures("in_english")


def workbook(rendered):
    return load_workbook(BytesIO(rendered.content))


def number(cell) -> Decimal | None:
    return None if cell.value is None else Decimal(str(cell.value))


def test_every_table_is_a_sheet_with_a_bold_frozen_header(plan_subject):
    rendered = exporter_for("plan", "xlsx").render(plan_subject)
    book = workbook(rendered)

    assert book.sheetnames == ["Goals", "Indicators", "Activities", "Budget"]
    assert rendered.name == f"{plan_subject.stem}.xlsx"
    for sheet in book:
        assert sheet.freeze_panes == "A2"
        assert all(cell.font.bold for cell in sheet[1])
        assert sheet.column_dimensions["A"].width >= 8


def test_the_budget_is_numbers_in_swedish_looking_formats(plan_subject):
    budget = plan_document(plan_subject.plan.pk).to_json()["budget"]
    sheet = workbook(exporter_for("plan", "xlsx").render(plan_subject))["Budget"]
    *lines, total = list(sheet.iter_rows(min_row=2))

    for row, line in zip(lines, budget["lines"], strict=True):
        assert row[0].value == line["name"]
        assert [number(c) for c in row[1:4]] == [
            json_number(line[key]) for key in ("costs", "revenues", "net")
        ]
    assert number(total[2]) == Decimal("-46.60")
    assert total[2].data_type == "n"
    assert total[2].number_format == "#,##0.00"
    assert total[4].value is True


def test_indicators_and_activities_read_back_as_in_the_plan_json(plan_subject):
    plan_json = plan_document(plan_subject.plan.pk).to_json()
    book = workbook(exporter_for("plan", "xlsx").render(plan_subject))
    rows = list(book["Indicators"].iter_rows(min_row=2))

    expected = indicators_of(area_goals(plan_json))
    assert [row[4].value for row in rows] == [i["name"] for i in expected]
    for row, indicator in zip(rows, expected, strict=True):
        target = indicator["council_target"] or {"text": None, "value": None}
        assert row[12].value == (target["text"] or None)
        assert number(row[13]) == json_number(target["value"])
    activity = plan_json["directions"][0]["goals"][0]["activities"][0]
    first = next(book["Activities"].iter_rows(min_row=2))
    assert first[5].value == datetime.fromisoformat(activity["start"])
    assert first[5].number_format == "yyyy-mm-dd"


def test_outcomes_read_back_as_in_the_report_json(report_subjects):
    subject = report_subjects["T1"]
    data = report_json(subject.report)
    book = workbook(exporter_for("report", "xlsx").render(subject))

    assert book.sheetnames == ["Outcomes", "Activities", "Goal assessments", "Budget"]
    rows = list(book["Outcomes"].iter_rows(min_row=2))
    expected = indicators_of(data["goals"])
    assert len(rows) == len(expected) > 0
    for row, indicator in zip(rows, expected, strict=True):
        assert row[2].value == indicator["name"]
        assert number(row[6]) == json_number(indicator["outcome"]["value"])
        assert row[10].value == indicator["assessment"]
    total = list(book["Budget"].iter_rows(min_row=2))[-1]
    assert number(total[4]) == json_number(data["budget"]["total"]["forecast"]["net"])
