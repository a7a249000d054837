"""`styr export-report` publishes a period's follow-up as open data."""

import json
from decimal import Decimal

from styr.followup.choices import Period
from styr.followup.selectors import report_sheet


def test_the_report_is_written_as_documented_json(styr, year_of_reports, tmp_path):
    report = year_of_reports[Period.T1]
    path = tmp_path / "t1.json"
    run = styr("export-report", str(report.plan.pk), "T1", "--output", str(path))
    assert run.error is None, run.error
    exported = json.loads(path.read_text(encoding="utf-8"))
    assert exported["format"] == "styr-report/1"
    assert (exported["period"], exported["closing_day"], exported["status"]) == (
        "T1",
        "2013-04-30",
        "approved",
    )
    goals = exported["goals"]
    assert [goal["number"] for goal in goals][:3] == ["1.1", "1.2", "1.3"]
    sheet = report_sheet(report)
    due = sheet.due_indicators()
    exported_indicators = [
        indicator
        for goal in goals
        for owner in [goal, *goal["board_goals"]]
        for indicator in owner["indicators"]
    ]
    assert len(exported_indicators) == len(due) == 8
    first = next(i for i in due if i.name == exported_indicators[0]["name"])
    assert Decimal(exported_indicators[0]["outcome"]["value"]) == first.outcome.value
    assert exported_indicators[0]["assessment"] == first.assessment.value
    budget = exported["budget"]
    assert budget["total"]["budget"]["net"] == "1339.00"
    assert budget["forecast_accuracy"]["assessment"] in {"met", "not_met"}


def test_a_plan_not_yet_adopted_has_no_report_to_export(styr, sample_plan):
    run = styr("export-report", str(sample_plan.pk), "T2")
    assert "har ingen rapport för T2: en plan följs upp när den har antagits" in str(run.error)


def test_an_unknown_plan_is_refused(styr, db):
    assert "det finns ingen plan 99" in str(styr("export-report", "99", "T1").error)
