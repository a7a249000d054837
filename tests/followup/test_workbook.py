"""Follow-up in Excel: officials download a report's workbook, fill it in as they would any
spreadsheet, and upload it; every bad cell is named by sheet, row and column, and a workbook
with any problem saves nothing."""

import dataclasses
from collections import Counter
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from openpyxl import Workbook, load_workbook

from styr.decisions.services import plan_adopt
from styr.followup import services
from styr.followup.choices import ActivityStatus, Assessment, EntryStatus, Period, ValueKind
from styr.followup.models import GoalAssessment, Outcome, Progress
from styr.followup.selectors import report_sheet
from styr.followup.synthetic import report_fill
from styr.followup.workbook import Reading, workbook_bytes, workbook_read
from styr.planning.models import Activity, AreaGoal, Indicator
from styr.planning.services import plan_import
from styr.spreadsheets import cell_put

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class Filled:
    """A report's workbook as an official opens it in Excel, to type values into."""

    def __init__(self, report):
        self.book = load_workbook(BytesIO(workbook_bytes(report)))
        self.titles = {key: title for key, title in self.identity() if key}

    def identity(self):
        return self.book["styr"].iter_rows(min_col=1, max_col=2, values_only=True)

    def sheet(self, key: str):
        return self.book[self.titles[key]]

    def columns(self, key: str) -> dict[str, int]:
        keys = next(self.sheet(key).iter_rows(min_row=1, max_row=1, values_only=True))
        return {name: index for index, name in enumerate(keys, start=1)}

    def row_of(self, key: str, item_id) -> int:
        for number, (cell,) in enumerate(
            self.sheet(key).iter_rows(min_col=1, max_col=1, values_only=True), start=1
        ):
            if cell == item_id:
                return number
        raise LookupError(item_id)

    def fill(self, key: str, item_id, **values) -> int:
        """Type values into an item's row; return the row's number as Excel shows it."""
        number = self.row_of(key, item_id)
        columns = self.columns(key)
        for name, value in values.items():
            self.sheet(key).cell(number, columns[name], value)
        return number

    def value(self, key: str, item_id, name: str):
        return self.sheet(key).cell(self.row_of(key, item_id), self.columns(key)[name]).value

    def bytes(self) -> bytes:
        buffer = BytesIO()
        self.book.save(buffer)
        return buffer.getvalue()


def sick_leave() -> Indicator:
    """Reported every tertial, in per cent: council target 4,4 %, board target 3 %."""
    return Indicator.objects.get(name__startswith="Sjukfrånvaro")


def label(choice) -> str:
    return str(choice.label)


def fill_one_of_each(book: Filled, goal: AreaGoal, activity: Activity) -> None:
    book.fill(
        "indicators",
        sick_leave().pk,
        value=3.4,
        women="4,1",  # typed as text the Swedish way, as officials do
        men=2.2,
        value_kind=label(ValueKind.FORECAST),
        comment="Lägre än förra året.",
        source="Personalsystemet",
    )
    book.fill(
        "activities",
        f"aktivitet-{activity.pk}",
        progress=label(ActivityStatus.COMPLETED),
        completed_on=datetime(2013, 3, 15),
        comment="Klar i mars.",
    )
    book.fill(
        "goals",
        f"mal-{goal.pk}",
        assessment=label(Assessment.PARTLY_MET),
        motivation="Sjukfrånvaron minskar men är över målet.",
    )


@pytest.fixture
def goal(t1_report) -> AreaGoal:
    return AreaGoal.objects.get(indicators__name__startswith="Sjukfrånvaro")


@pytest.fixture
def activity(goal) -> Activity:
    return goal.activities.first()


def test_the_values_typed_into_the_workbook_are_saved_and_shown_by_the_report(
    t1_report, planner, goal, activity
):
    book = Filled(t1_report)
    fill_one_of_each(book, goal, activity)

    reading = workbook_read(None, book.bytes(), user=planner)

    assert reading.ok, [str(problem) for problem in reading.problems]
    assert reading.report == t1_report
    assert reading.saved == Counter(indicators=1, activities=1, goals=1)
    sheet = report_sheet(t1_report)
    indicator = next(i for i in sheet.due_indicators() if i.pk == sick_leave().pk)
    outcome = indicator.outcome
    assert (outcome.value, outcome.women, outcome.men) == (
        Decimal("3.4"),
        Decimal("4.1"),
        Decimal("2.2"),
    )
    assert (outcome.unit, outcome.value_kind) == ("%", ValueKind.FORECAST)
    assert (outcome.comment, outcome.source) == ("Lägre än förra året.", "Personalsystemet")
    assert (outcome.status, outcome.updated_by) == (EntryStatus.DRAFT, planner)
    progress = next(a for a in sheet.activities() if a.pk == activity.pk).entry
    assert (progress.progress, progress.completed_on) == (
        ActivityStatus.COMPLETED,
        date(2013, 3, 15),
    )
    assessment = next(g for g in sheet.goals() if g == goal).entry
    assert assessment.assessment == Assessment.PARTLY_MET


def test_the_workbook_made_again_gives_the_saved_values_back(t1_report, planner, goal, activity):
    book = Filled(t1_report)
    fill_one_of_each(book, goal, activity)
    workbook_read(None, book.bytes(), user=planner)

    again = Filled(t1_report)

    indicator = sick_leave().pk
    assert again.value("indicators", indicator, "value") == 3.4
    assert again.value("indicators", indicator, "women") == 4.1
    assert again.value("indicators", indicator, "unit") == "%"
    assert again.value("indicators", indicator, "value_kind") == label(ValueKind.FORECAST)
    item = f"aktivitet-{activity.pk}"
    assert again.value("activities", item, "progress") == label(ActivityStatus.COMPLETED)
    assert again.value("activities", item, "completed_on") == datetime(2013, 3, 15)
    assert again.value("goals", f"mal-{goal.pk}", "assessment") == label(Assessment.PARTLY_MET)


def test_rows_as_already_saved_are_not_saved_again_and_keep_their_status(
    t1_report, planner, goal, activity
):
    book = Filled(t1_report)
    fill_one_of_each(book, goal, activity)
    workbook_read(None, book.bytes(), user=planner)
    services.entries_submit(entries=list(report_sheet(t1_report).entries()), user=planner)

    reading = workbook_read(None, book.bytes(), user=planner)

    assert reading.ok
    assert (sum(reading.saved.values()), reading.unchanged) == (0, 3)
    outcome = Outcome.objects.get(indicator=sick_leave())
    assert (outcome.status, outcome.version) == (EntryStatus.SUBMITTED, 2)


def test_a_wrong_unit_a_text_in_a_number_cell_and_an_unknown_indicator_are_refused(
    t1_report, planner, goal, activity
):
    with translation.override("en"):
        book = Filled(t1_report)
        fill_one_of_each(book, goal, activity)
        unit_row = book.fill("indicators", sick_leave().pk, unit="st")
        other = Indicator.objects.get(name__startswith="Nämndens budgetföljsamhet före")
        text_row = book.fill("indicators", other.pk, value="tre", unit="kr")
        unknown_row = book.sheet("indicators").max_row + 1
        book.sheet("indicators").cell(unknown_row, 1, 999999)
        book.sheet("indicators").cell(unknown_row, book.columns("indicators")["value"], 12)

        reading = workbook_read(None, book.bytes(), user=planner)

        assert [str(problem) for problem in reading.problems] == [
            f"Indicators, row {unit_row}, column Unit: The target is in %, not st.",
            f"Indicators, row {text_row}, column Outcome: “tre” is not a number.",
            f"Indicators, row {text_row}, column Unit: The target is in %, not kr.",
            f"Indicators, row {unknown_row}, column Id: 999999 is not an item of this report.",
        ]
    assert (Outcome.objects.count(), Progress.objects.count()) == (0, 0)
    assert GoalAssessment.objects.count() == 0


def test_an_unknown_status_and_an_assessment_without_motivation_are_named(
    t1_report, planner, goal, activity
):
    with translation.override("en"):
        book = Filled(t1_report)
        status_row = book.fill("activities", f"aktivitet-{activity.pk}", progress="Klar")
        goal_row = book.fill("goals", f"mal-{goal.pk}", assessment=label(Assessment.MET))

        reading = workbook_read(None, book.bytes(), user=planner)

        assert [str(problem) for problem in reading.problems] == [
            f"Activities, row {status_row}, column Status: “Klar” is not one of the choices: "
            "Not started, Ongoing, Completed, Delayed, Cancelled.",
            f"Goals, row {goal_row}, column Motivation: Give the motivation for the assessment.",
        ]
    assert Progress.objects.count() == 0


def test_a_number_typed_as_text_the_swedish_way_with_its_unit_is_read_as_the_number(
    t1_report, planner
):
    book = Filled(t1_report)
    book.fill("indicators", sick_leave().pk, value="3,4 %", numerator="1 385,6", denominator=1e20)

    with translation.override("en"):
        reading = workbook_read(None, book.bytes(), user=planner)

        assert [problem.message for problem in reading.problems] == [
            "“100000000000000000000” is too large a number."
        ]
    book.fill("indicators", sick_leave().pk, denominator=40000)

    assert workbook_read(None, book.bytes(), user=planner).ok
    outcome = Outcome.objects.get()
    assert (outcome.value, outcome.numerator) == (Decimal("3.4"), Decimal("1385.6"))


def test_a_workbook_made_in_english_is_read_in_swedish_with_labels_of_either(
    t1_report, planner, activity
):
    with translation.override("en"):
        book = Filled(t1_report)
    with translation.override("sv"):
        swedish_ongoing = label(ActivityStatus.ONGOING)
        book.fill("activities", f"aktivitet-{activity.pk}", progress=swedish_ongoing)
        book.fill("indicators", sick_leave().pk, value=3.4, value_kind="Full-year forecast")

        reading = workbook_read(None, book.bytes(), user=planner)

    assert reading.ok, [str(problem) for problem in reading.problems]
    assert Progress.objects.get().progress == ActivityStatus.ONGOING
    assert Outcome.objects.get().value_kind == ValueKind.FORECAST


def test_a_row_saved_on_the_web_since_the_workbook_was_made_is_not_overwritten(
    t1_report, planner, administrator
):
    with translation.override("en"):
        book = Filled(t1_report)
    services.outcome_save(
        report=t1_report, indicator=sick_leave(), data={"value": Decimal(5)}, user=administrator
    )
    with translation.override("en"):
        row = book.fill("indicators", sick_leave().pk, value=3.4)

        reading = workbook_read(None, book.bytes(), user=planner)

        assert [str(problem) for problem in reading.problems] == [
            f"Indicators, row {row}: Someone has saved this row since the workbook was made; "
            "download a new workbook, or enter the value on the report's page."
        ]
    assert Outcome.objects.get().value == Decimal(5)


def test_an_official_corrects_their_workbook_and_uploads_it_again(t1_report, planner):
    book = Filled(t1_report)
    book.fill("indicators", sick_leave().pk, value=3.4)
    workbook_read(None, book.bytes(), user=planner)
    book.fill("indicators", sick_leave().pk, value=3.5)

    reading = workbook_read(None, book.bytes(), user=planner)

    assert (reading.ok, reading.saved) == (True, Counter(indicators=1))
    assert (Outcome.objects.get().value, Outcome.objects.get().version) == (Decimal("3.5"), 2)


def test_an_approved_report_is_refused(t1_report, planner):
    book = Filled(t1_report)
    book.fill("indicators", sick_leave().pk, value=3.4)
    report_fill(t1_report, approved=True)

    with translation.override("en"):
        reading = workbook_read(None, book.bytes(), user=planner)

        assert [str(p) for p in reading.problems] == [
            f"{t1_report} is approved: it is a record and can no longer be changed."
        ]
    assert Outcome.objects.get(indicator=sick_leave()).value != Decimal("3.4")


def test_a_workbook_for_another_report_is_refused(t1_report, planner):
    book = Filled(t1_report)
    book.fill("indicators", sick_leave().pk, value=3.4)
    t2 = services.report_open(plan=t1_report.plan, period=Period.T2)

    with translation.override("en"):
        reading = workbook_read(t2, book.bytes(), user=planner)

        assert [str(p) for p in reading.problems] == [
            "This workbook is for Tertial report 1 2013 of Kommunstyrelsen, not this report."
        ]
    assert Outcome.objects.count() == 0


@pytest.mark.parametrize("plan", ["²", "١٢", "9" * 30])
def test_a_workbook_naming_a_plan_by_no_number_is_refused(t1_report, planner, plan):
    book = Filled(t1_report)
    identity = book.book["styr"]
    (row,) = [cells for cells in identity.iter_rows(max_col=2) if cells[0].value == "plan"]
    row[1].value = plan
    with translation.override("en"):
        reading = workbook_read(t1_report, book.bytes(), user=planner)
        assert [str(p) for p in reading.problems] == [
            "The workbook is for a plan or period that Styr does not have."
        ]


def test_a_file_that_is_not_a_workbook_from_styr_is_refused(t1_report, planner):
    other = BytesIO()
    Workbook().save(other)
    with translation.override("en"):
        assert str(workbook_read(None, b"Plan;2013", user=planner).problems[0]) == (
            "The file is not an Excel workbook (.xlsx)."
        )
        assert str(workbook_read(None, other.getvalue(), user=planner).problems[0]).startswith(
            "This workbook was not made by Styr"
        )


def test_a_full_report_is_written_and_read_back_unchanged_in_a_fixed_number_of_queries(
    t1_report, planner, django_assert_max_num_queries
):
    report_fill(t1_report)
    rows = len(list(report_sheet(t1_report).entries()))

    with django_assert_max_num_queries(15):
        data = workbook_bytes(t1_report)
    with django_assert_max_num_queries(25):
        reading = workbook_read(None, data, user=planner)

    assert (reading.ok, sum(reading.saved.values()), reading.unchanged) == (True, 0, rows)


# The report's Excel page


def page(report, rest: str = "") -> str:
    return report.get_absolute_url() + "excel/" + rest


def test_a_planner_downloads_the_workbook(client, t1_report, planner):
    client.force_login(planner)

    response = client.get(page(t1_report, "?ladda-ner=1"))

    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert "uppfoljning-" in response["Content-Disposition"]
    book = load_workbook(BytesIO(response.content))
    assert book["styr"]["B2"].value == t1_report.plan_id


def test_a_planner_uploads_the_filled_in_workbook(client, t1_report, planner, goal, activity):
    book = Filled(t1_report)
    fill_one_of_each(book, goal, activity)
    client.force_login(planner)

    response = client.post(page(t1_report), {"workbook": upload(book.bytes())}, follow=True)

    assert response.redirect_chain == [(t1_report.get_absolute_url(), 302)]
    expected = Reading(None, saved=Counter(indicators=1, activities=1, goals=1)).summary()
    assert [str(message) for message in response.context["messages"]] == [expected]
    assert Outcome.objects.get().updated_by == planner


def test_the_page_lists_every_problem_and_saves_nothing(client, t1_report, planner, goal, activity):
    book = Filled(t1_report)
    fill_one_of_each(book, goal, activity)
    row = book.fill("indicators", sick_leave().pk, value="tre")
    client.force_login(planner)

    response = client.post(page(t1_report), {"workbook": upload(book.bytes())})

    assert response.status_code == 200
    problem = response.context["problems"][0]
    assert (problem.row, problem.message.startswith("“tre”")) == (row, True)
    assert f'<td class="number">{row}</td>' in response.text
    assert Outcome.objects.count() == 0


def test_a_file_that_is_not_xlsx_is_refused_with_a_message(client, t1_report, planner):
    client.force_login(planner)

    response = client.post(
        page(t1_report), {"workbook": upload(b"Plan;2013", name="utfall.csv", kind="text/csv")}
    )

    assert response.status_code == 200
    assert "utfall.csv" in response.context["form"].errors["workbook"][0]
    assert Outcome.objects.count() == 0


def test_a_reader_may_download_but_not_upload(client, t1_report, reader):
    book = Filled(t1_report)
    book.fill("indicators", sick_leave().pk, value=3.4)
    client.force_login(reader)

    shown = client.get(page(t1_report))
    posted = client.post(page(t1_report), {"workbook": upload(book.bytes())})

    assert shown.status_code == 200
    assert 'type="file"' not in shown.text
    assert posted.status_code == 403
    assert Outcome.objects.count() == 0


def test_an_approved_reports_page_offers_its_workbook_but_takes_none(
    client, year_of_reports, planner
):
    report = year_of_reports[Period.T1]
    client.force_login(planner)

    shown = client.get(page(report))
    posted = client.post(page(report), {"workbook": upload(b"")})

    assert shown.status_code == 200
    assert 'type="file"' not in shown.text
    assert client.get(page(report, "?ladda-ner=1"))["Content-Type"] == XLSX
    assert posted.status_code == 409
    assert "godkänd" in posted.text


def upload(data: bytes, name: str = "uppfoljning.xlsx", kind: str = XLSX) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=kind)


# Formulas: what users typed is written back as text, never as a formula Excel would run


HOSTILE = '=HYPERLINK("http://evil","x")'


def formulas(data: bytes) -> list[str]:
    book = load_workbook(BytesIO(data))
    return [
        f"{sheet.title}!{cell.coordinate}"
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f"
    ]


def test_a_comment_that_looks_like_a_formula_is_written_as_text(t1_report, planner, activity):
    services.outcome_save(
        report=t1_report,
        indicator=sick_leave(),
        data={"value": Decimal("3.4"), "comment": HOSTILE, "source": "+46 8 508 290 00"},
        user=planner,
    )
    services.progress_save(
        report=t1_report,
        item=activity,
        data={"progress": ActivityStatus.ONGOING, "comment": "@SUM(1+1)"},
        user=planner,
    )

    data = workbook_bytes(t1_report)

    assert formulas(data) == []
    book = Filled(t1_report)
    assert book.value("indicators", sick_leave().pk, "comment") == HOSTILE
    row = book.row_of("indicators", sick_leave().pk)
    column = book.columns("indicators")["comment"]
    assert book.sheet("indicators").cell(row, column).quotePrefix


def test_texts_like_formulas_and_signed_numbers_go_round_the_workbook_unchanged(
    t1_report, planner, activity
):
    book = Filled(t1_report)
    row = book.row_of("indicators", sick_leave().pk)
    columns = book.columns("indicators")
    # Typed as Excel keeps text that starts with "=": a string, not a formula.
    cell_put(book.sheet("indicators").cell(row, columns["comment"]), "=1+1")
    book.fill("indicators", sick_leave().pk, value="-5 %", source="-5 %")
    reading = workbook_read(None, book.bytes(), user=planner)
    assert reading.ok, [str(problem) for problem in reading.problems]

    again = workbook_bytes(t1_report)
    reread = workbook_read(None, again, user=planner)

    outcome = Outcome.objects.get()
    assert (outcome.comment, outcome.source, outcome.value) == ("=1+1", "-5 %", Decimal(-5))
    assert formulas(again) == []
    assert (reread.ok, sum(reread.saved.values()), reread.unchanged) == (True, 0, 1)
    cell = load_workbook(BytesIO(again))[book.titles["indicators"]].cell(row, columns["value"])
    assert (cell.data_type, cell.value) == ("n", -5)


def test_a_plan_title_like_a_formula_is_text_in_the_instructions(db, sample_document):
    document = dataclasses.replace(sample_document, title="=cmd|' /C calc'!A0")
    plan = plan_import(document=document)
    plan_adopt(plan=plan)
    plan.refresh_from_db()

    data = workbook_bytes(services.report_open(plan=plan, period=Period.T1))

    assert formulas(data) == []
    assert load_workbook(BytesIO(data)).worksheets[0]["B3"].value == "=cmd|' /C calc'!A0"
