"""The tables as CSV: the Swedish file opens in Excel as it is, the plain one is RFC 4180, and
both read back to the numbers and texts of the plan's and the report's JSON."""

from datetime import date

import pytest

import styr.documents.csv_files  # noqa: F401 (registers the exporters)
from styr.documents.exporters import NotExportable, exporter_for
from styr.followup.export import report_json
from styr.planning.selectors import plan_document
from tests.documents.data.readback import (
    area_goals,
    csv_records,
    csv_rows,
    indicators_of,
    json_number,
    plain_number,
    swedish_number,
    unsafe,
)

pytestmark = pytest.mark.usefixtures("in_english")

DIALECTS = [("csv", ";", swedish_number), ("csv-plain", ",", plain_number)]


def test_the_csv_for_excel_has_a_byte_order_mark_semicolons_and_crlf(plan_subject):
    rendered = exporter_for("plan", "csv").render(plan_subject, table="indikatorer")

    assert rendered.content.startswith(b"\xef\xbb\xbf")
    assert rendered.content.count(b"\r\n") == len(plan_subject.document.indicators()) + 1
    header = csv_rows(rendered.content, ";")[0]
    assert header[:3] == ["Goal number", "Goal", "Board goal"]
    assert rendered.name == f"{plan_subject.stem}-indikatorer.csv"
    assert rendered.media_type == "text/csv"


def test_the_plain_csv_has_no_mark_and_the_fields_identifiers(plan_subject):
    rendered = exporter_for("plan", "csv-plain").render(plan_subject, table="budget")

    assert rendered.content.startswith(b"name,costs,revenues,net,total,unit\r\n")
    assert rendered.name.endswith("-verksamhetsplan-forslag-budget.csv")


@pytest.mark.parametrize(("identifier", "delimiter", "read"), DIALECTS)
def test_indicators_read_back_as_in_the_plan_json(plan_subject, identifier, delimiter, read):
    plan_json = plan_document(plan_subject.plan.pk).to_json()
    rendered = exporter_for("plan", identifier).render(plan_subject, table="indikatorer")
    rows = [list(r.values()) for r in csv_records(rendered.content, delimiter)]

    expected = indicators_of(area_goals(plan_json))
    assert [row[4] for row in rows] == [i["name"] for i in expected]
    assert [row[0] for row in rows] == [i["goal"] for i in expected]
    for row, indicator in zip(rows, expected, strict=True):
        for start, key in ((8, "board_target"), (12, "council_target")):
            target = indicator[key] or {"text": "", "value": None, "unit": "", "upper": None}
            assert unsafe(row[start]) == target["text"]
            assert read(row[start + 1]) == json_number(target["value"])
            assert read(row[start + 3]) == json_number(target["upper"])


@pytest.mark.parametrize(("identifier", "delimiter", "read"), DIALECTS)
def test_the_budget_reads_back_with_its_total_marked(plan_subject, identifier, delimiter, read):
    budget = plan_document(plan_subject.plan.pk).to_json()["budget"]
    rendered = exporter_for("plan", identifier).render(plan_subject, table="budget")
    *lines, total = [list(r.values()) for r in csv_records(rendered.content, delimiter)]

    for row, line in zip(lines, budget["lines"], strict=True):
        assert row[0] == line["name"]
        assert [read(cell) for cell in row[1:4]] == [
            json_number(line[key]) for key in ("costs", "revenues", "net")
        ]
    assert total[0] == budget["total"]["name"]
    assert read(total[3]) == json_number(budget["total"]["net"])
    assert total[4] in ("ja", "true") and lines[0][4] in ("nej", "false")


def test_a_negative_amount_is_written_with_a_decimal_comma_and_a_hyphen(plan_subject):
    content = exporter_for("plan", "csv").render(plan_subject, table="budget").content.decode()

    total = content.splitlines()[-1].split(";")
    assert total[1:] == ["1385,60", "-46,60", "1339,00", "ja", "mnkr"]


def test_a_target_that_starts_like_a_formula_is_written_as_text(plan_subject):
    # The sample's "+/- 1 %" would be a formula to Excel; the apostrophe keeps it text.
    content = exporter_for("plan", "csv").render(plan_subject, table="indikatorer").content

    assert ";'+/- 1 %;" in content.decode("utf-8-sig")


def test_activities_have_iso_dates(plan_subject):
    rendered = exporter_for("plan", "csv").render(plan_subject, table="aktiviteter")
    first = csv_rows(rendered.content, ";")[1]
    activity = plan_subject.document.activities()[0]

    assert first[4:] == [activity.title, activity.start.isoformat(), activity.end.isoformat()]


def test_the_goals_table_places_each_goal_under_its_parent(plan_subject):
    rendered = exporter_for("plan", "csv-plain").render(plan_subject, table="mal")
    records = csv_records(rendered.content, ",")
    document = plan_subject.document

    assert [r["level"] for r in records].count("board_goal") == len(document.board_goals())
    area_goal = next(r for r in records if r["level"] == "area_goal")
    assert area_goal["parent_number"] == document.directions[0].number
    assert area_goal["number"] == document.area_goals()[0].number


def test_the_first_table_is_written_unless_another_is_asked_for(plan_subject):
    exporter = exporter_for("plan", "csv")

    assert exporter.render(plan_subject).name.endswith("-mal.csv")
    assert [value for value, _title in exporter.options[0].choices] == [
        "mal",
        "indikatorer",
        "aktiviteter",
        "budget",
    ]
    with pytest.raises(NotExportable, match="there is no table hemligt; the tables are mal, "):
        exporter.render(plan_subject, table="hemligt")


@pytest.mark.parametrize(("identifier", "delimiter", "read"), DIALECTS)
def test_outcomes_read_back_as_in_the_report_json(report_subjects, identifier, delimiter, read):
    for subject in report_subjects.values():
        data = report_json(subject.report)
        rendered = exporter_for("report", identifier).render(subject, table="utfall")
        rows = [list(r.values()) for r in csv_records(rendered.content, delimiter)]

        expected = indicators_of(data["goals"])
        assert len(rows) == len(expected) > 0
        for row, indicator in zip(rows, expected, strict=True):
            outcome = indicator["outcome"]
            assert row[0] == indicator["goal"]
            assert row[2:4] == [indicator["name"], data["period"]]
            assert read(row[6]) == json_number(outcome["value"])
            assert [read(row[7]), read(row[8])] == [
                json_number(outcome["women"]),
                json_number(outcome["men"]),
            ]
            assert row[10] == indicator["assessment"]


def test_the_report_tables_say_the_assessment_in_words(report_subjects):
    subject = report_subjects["year"]
    rendered = exporter_for("report", "csv").render(subject, table="malbedomningar")
    records = csv_records(rendered.content, ";")
    words = {"met": "Met", "partly_met": "Partly met", "not_met": "Not met"}

    assessed = [r for r in records if r["Assessment code"] in words]
    assert assessed
    assert all(r["Assessment"] == words[r["Assessment code"]] for r in assessed)
    assert rendered.name == f"{subject.stem}-malbedomningar.csv"


def test_report_activities_and_budget_read_back(report_subjects):
    subject = report_subjects["T2"]
    data = subject.data
    activities = csv_records(
        exporter_for("report", "csv-plain").render(subject, table="aktiviteter").content, ","
    )
    budget = csv_records(
        exporter_for("report", "csv-plain").render(subject, table="budget").content, ","
    )

    first = data["goals"][0]["activities"][0]
    assert activities[0]["title"] == first["title"]
    assert activities[0]["status"] == (first["status"] or "")
    assert date.fromisoformat(activities[0]["end"]).isoformat() == first["end"]
    assert budget[-1]["total"] == "true"
    assert plain_number(budget[-1]["forecast"]) == json_number(
        data["budget"]["total"]["forecast"]["net"]
    )
    assert plain_number(budget[-1]["deviation"]) == json_number(
        data["budget"]["total"]["deviation"]
    )
