"""Follow-up's forms, budget grid and workbook read numbers and dates by the rules of
styr.swedish: a number that could be read two ways ("1.150") is refused with the usual
message, never guessed, and nothing is saved."""

from datetime import date
from decimal import Decimal

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation

from styr.followup.budget import budget_outcomes_save
from styr.followup.choices import ActivityStatus
from styr.followup.fields import SwedishDecimalField
from styr.followup.models import BudgetOutcome, Outcome, Progress
from styr.followup.workbook import workbook_read
from styr.planning.models import AreaGoal
from tests.followup.test_workbook import Filled, label, sick_leave

ASK = "Write a number, such as 4,4 or 1 385,60."


@pytest.mark.parametrize(
    ("typed", "number"),
    [("1 385,60", "1385.60"), ("1\u00a0385,6", "1385.6"), ("−2,5", "-2.5"), ("4.4", "4.4")],
)
def test_a_number_field_reads_what_an_official_types(typed, number):
    assert SwedishDecimalField().clean(typed) == Decimal(number)


@pytest.mark.parametrize("typed", ["1.150", "1 2 3", "1,150.5", "١٢", "NaN"])
def test_a_number_field_refuses_a_number_that_could_be_read_two_ways_or_not_at_all(typed):
    with translation.override("en"):
        with pytest.raises(forms.ValidationError) as refused:
            SwedishDecimalField().clean(typed)
        assert refused.value.messages == [ASK]


def test_a_number_field_shows_the_saved_number_the_swedish_way():
    assert SwedishDecimalField().prepare_value(Decimal("-1385.600000")) == "−1385,6"


def line_row(report, name: str, **figures) -> dict:
    line = report.plan.budget_lines.get(name=name)
    return {"budget_line": line, "version": 0, **figures}


def test_a_budget_figure_of_1_150_with_a_point_is_refused_and_nothing_saved(t1_report):
    rows = [
        line_row(t1_report, "Bidrag", costs="4.4"),
        line_row(t1_report, "IT-avdelning", costs="1.150"),
    ]
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        budget_outcomes_save(report=t1_report, rows=rows, user=None)
    assert list(refused.value.message_dict.values()) == [
        ["“IT-avdelning”, costs so far: write a number, such as 1 385,60."]
    ]
    assert not BudgetOutcome.objects.exists()


def test_a_budget_figure_with_a_decimal_point_is_saved(t1_report):
    budget_outcomes_save(
        report=t1_report, rows=[line_row(t1_report, "Bidrag", costs="187.96")], user=None
    )
    assert BudgetOutcome.objects.get().costs == Decimal("187.96")


def test_a_workbook_number_that_could_be_read_two_ways_is_refused_by_its_cell(t1_report, planner):
    with translation.override("en"):
        book = Filled(t1_report)
        row = book.fill("indicators", sick_leave().pk, value="3.400", numerator="1 2 3")
        reading = workbook_read(None, book.bytes(), user=planner)

        assert [str(problem) for problem in reading.problems] == [
            f"Indicators, row {row}, column Outcome: “3.400” is not a number.",
            f"Indicators, row {row}, column Numerator: “1 2 3” is not a number.",
        ]
    assert not Outcome.objects.exists()


def test_a_workbook_date_typed_in_swedish_words_is_read_and_another_form_refused(
    t1_report, planner
):
    goal = AreaGoal.objects.get(indicators__name__startswith="Sjukfrånvaro")
    activity = goal.activities.first()
    item = f"aktivitet-{activity.pk}"
    with translation.override("en"):
        book = Filled(t1_report)
        completed = label(ActivityStatus.COMPLETED)
        row = book.fill("activities", item, progress=completed, completed_on="20130315")
        reading = workbook_read(None, book.bytes(), user=planner)
        assert [str(problem) for problem in reading.problems] == [
            f"Activities, row {row}, column Completed on: “20130315” is not a date; "
            "write it as 2013-04-30."
        ]
    book.fill("activities", item, completed_on="15 mars 2013")

    assert workbook_read(None, book.bytes(), user=planner).ok
    assert Progress.objects.get().completed_on == date(2013, 3, 15)
