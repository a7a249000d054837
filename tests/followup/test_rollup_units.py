"""The city's value of an indicator of all boards follows its unit by default:
counts are summed; shares, indices and means are a ratio of sums when every board gave its
numerator and denominator, else a mean weighted by the denominators, else a plain mean, and
the page says which. A yearly indicator is not missing at T1. The budget indicators are
computed from each board's budget follow-up, and a reported value that differs is flagged."""

import copy
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from styr.decisions.services import plan_adopt
from styr.followup.budget import budget_outcomes_save, report_budget
from styr.followup.budget_indicators import (
    ADHERENCE,
    ADHERENCE_AFTER_CARRY_OVER,
    FORECAST_ACCURACY,
    budget_indicator_checks,
    budget_measure,
)
from styr.followup.choices import Assessment, Period, ValueKind
from styr.followup.models import Report
from styr.followup.rollup import IndicatorRollup, aggregate
from styr.followup.selectors import report_sheet
from styr.followup.services import outcome_save, report_open
from styr.followup.synthetic import report_fill
from styr.followup.units import COUNT, MEAN, SHARE, asks_for_parts, unit_kind
from styr.planning.choices import Aggregation
from styr.planning.models import BudgetLine, Indicator
from styr.planning.services import plan_import
from styr.planning.synthetic import synthetic_plan
from tests.followup.test_rollup import (
    CITY,
    PROCURED,
    SICK_LEAVE,
    SUMMER_JOBS,
    enter,
    indicator,
    indicators_named,
    number,
    rollup,
)

pytestmark = pytest.mark.usefixtures("in_english")

BEFORE = "Nämndens budgetföljsamhet före resultatöverföringar (alla nämnder)"
AFTER = "Nämndens budgetföljsamhet efter resultatöverföringar (alla nämnder)"
ACCURACY = "Nämndens prognossäkerhet T2 (alla nämnder)"
PAGE = "/uppfoljning/2013/{period}/stad/"


# --- The unit's kind, and the method it gives -------------------------------------------------


@pytest.mark.parametrize(
    ("unit", "name", "kind"),
    [
        ("st", "", COUNT),
        ("St.", "", COUNT),
        ("kr", "", COUNT),
        ("mnkr", "", COUNT),
        ("personer", "", COUNT),
        ("%", "", SHARE),
        ("procent", "", SHARE),
        ("index", "", MEAN),
        ("poäng", "", MEAN),
        ("kWh/kvm", "", MEAN),
        ("", "Antal tävlande i kvalitetsutmärkelsen (alla nämnder)", COUNT),
        ("", "Aktivt Medskapandeindex (alla nämnder)", MEAN),
        ("", "Andel elever med godkända betyg", MEAN),
        ("", "Genomsnittlig handläggningstid", MEAN),
        ("", "Antal företag inom handeln", COUNT),  # "handeln" is not "andel"
    ],
)
def test_a_unit_says_whether_values_add_up(unit, name, kind):
    assert unit_kind(unit, name).kind == kind


def test_the_summed_units_are_a_setting(settings):
    settings.STYR_SUMMED_UNITS = ["st", "elever"]
    assert unit_kind("elever").kind == COUNT
    assert unit_kind("kr").kind == MEAN  # no longer in the list: averaged


def test_a_board_gives_numerator_and_denominator_when_its_values_are_averaged():
    assert asks_for_parts(Aggregation.BY_UNIT, "%")
    assert asks_for_parts(Aggregation.SUM, "%") is False
    assert asks_for_parts(Aggregation.BY_UNIT, "st") is False
    assert asks_for_parts(Aggregation.RATIO, "st")


def made(unit: str, *outcomes: dict, aggregation=Aggregation.BY_UNIT, name="Indikator"):
    city = IndicatorRollup(name, aggregation, "higher", unit=unit)
    full = [{"value": None, "numerator": None, "denominator": None, **o} for o in outcomes]
    return aggregate(city, full)


def test_counts_and_amounts_are_summed():
    found = made("kr", {"value": Decimal(1500)}, {"value": Decimal(250)})
    assert (found.value, found.method, found.used) == (Decimal(1750), Aggregation.SUM, 2)


def test_an_index_with_numerators_and_denominators_is_their_ratio_not_in_per_cent():
    found = made(
        "index",
        {"value": Decimal(80), "numerator": Decimal(800), "denominator": Decimal(10)},
        {"value": Decimal(60), "numerator": Decimal(1800), "denominator": Decimal(30)},
    )
    assert (found.value, found.method) == (Decimal(65), Aggregation.RATIO)  # 2600 / 40


def test_a_share_of_a_board_without_a_numerator_is_a_weighted_mean_of_all_boards():
    found = made(
        "%",
        {"value": Decimal(4), "numerator": Decimal(4), "denominator": Decimal(100)},
        {"value": Decimal(6), "denominator": Decimal(300)},
    )
    assert (found.value, found.method, found.left_out) == (
        Decimal("5.5"),
        Aggregation.WEIGHTED_MEAN,
        0,
    )


def test_a_ratio_chosen_by_the_plan_still_leaves_out_a_board_without_a_denominator():
    found = made(
        "%",
        {"numerator": Decimal(30), "denominator": Decimal(100)},
        {"value": Decimal(90)},
        aggregation=Aggregation.RATIO,
    )
    assert (found.value, found.used, found.left_out) == (Decimal(30), 1, 1)


# --- The roll-up and its page ----------------------------------------------------------------


def board(name: str, seed: int, sample_document):
    """A synthetic board's plan with the sample's city indicators as the sample has them: no
    method chosen, so each is made by its unit."""
    document = synthetic_plan(organisation=name, year=2013, items=30, seed=seed, municipality=CITY)
    for direction in document.directions:
        for goal in direction.goals:
            for owner in [goal, *goal.board_goals]:
                owner.indicators = [i for i in owner.indicators if not i.all_boards]
    document.directions[0].goals[0].indicators.extend(
        copy.deepcopy(indicator)
        for direction in sample_document.directions
        for goal in direction.goals
        for indicator in [*goal.indicators, *(i for b in goal.board_goals for i in b.indicators)]
        if indicator.all_boards
    )
    plan = plan_import(document=document)
    plan_adopt(plan=plan)
    plan.refresh_from_db()
    return plan


@pytest.fixture
def city(adopted_plan, sample_document):
    """The executive board (the sample) and two synthetic boards, their city indicators by unit."""
    return {
        "ks": adopted_plan,
        "social": board("Socialnämnden", 11, sample_document),
        "school": board("Utbildningsnämnden", 12, sample_document),
    }


@pytest.fixture
def english(client, administrator):
    client.force_login(administrator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_an_imported_indicator_is_made_by_its_unit(city):
    assert set(Indicator.objects.filter(all_boards=True).values_list("aggregation", flat=True)) == {
        Aggregation.BY_UNIT
    }


def test_a_count_is_summed(city):
    enter(city["ks"], Period.YEAR, outcomes={SUMMER_JOBS: number("4")})
    enter(city["social"], Period.YEAR, outcomes={SUMMER_JOBS: number("6")})
    enter(city["school"], Period.YEAR, outcomes={SUMMER_JOBS: number("10")})

    jobs = indicator(rollup(), SUMMER_JOBS)

    assert (jobs.value, jobs.made.method) == (Decimal(20), Aggregation.SUM)
    assert jobs.how == "Sum of 3 boards' values (“st” adds up)."


def test_a_share_with_numerators_and_denominators_is_the_ratio_of_their_sums(city, english):
    enter(city["ks"], Period.YEAR, outcomes={PROCURED: {"numerator": 30, "denominator": 100}})
    enter(city["social"], Period.YEAR, outcomes={PROCURED: {"numerator": 20, "denominator": 300}})

    procured = indicator(rollup(), PROCURED)

    assert (procured.value, procured.made.method) == (Decimal("12.5"), Aggregation.RATIO)
    how = "Summed numerators over summed denominators of 2 boards (“%” is a share)."
    assert procured.how == how
    assert escape(how) in english.get(PAGE.format(period="ar")).text


def test_a_share_with_only_denominators_is_their_weighted_mean(city):
    Indicator.objects.filter(name=SICK_LEAVE).update(polarity="lower")
    enter(city["ks"], Period.YEAR, outcomes={SICK_LEAVE: {**number("4"), "denominator": 100}})
    enter(city["social"], Period.YEAR, outcomes={SICK_LEAVE: {**number("6"), "denominator": 300}})

    sick = indicator(rollup(), SICK_LEAVE)

    assert (sick.value, sick.made.method) == (Decimal("5.5"), Aggregation.WEIGHTED_MEAN)
    assert sick.how.startswith("Mean of 2 boards' values, weighted by their denominators")
    assert sick.assessment == Assessment.NOT_MET  # lower is better: 5,5 % against 4,4 %


def test_a_share_without_denominators_is_a_plain_mean_said_on_the_page(city, english):
    enter(city["ks"], Period.YEAR, outcomes={SICK_LEAVE: number("4")})
    enter(city["social"], Period.YEAR, outcomes={SICK_LEAVE: number("5")})
    enter(city["school"], Period.YEAR, outcomes={SICK_LEAVE: number("4.5")})

    sick = indicator(rollup(), SICK_LEAVE)

    assert (sick.value, sick.made.method, sick.contributing) == (Decimal("4.5"), "mean", 3)
    how = "Mean of 3 boards' values: no denominators given (“%” is a share)."
    assert sick.how == how
    assert escape(how) in english.get(PAGE.format(period="ar")).text


def test_a_share_with_some_denominators_is_a_plain_mean_of_every_board(city):
    enter(city["ks"], Period.YEAR, outcomes={SICK_LEAVE: {**number("4"), "denominator": 100}})
    enter(city["social"], Period.YEAR, outcomes={SICK_LEAVE: number("6")})

    sick = indicator(rollup(), SICK_LEAVE)

    assert (sick.value, sick.contributing, sick.left_out) == (Decimal(5), 2, 0)
    assert "not every board gave a denominator" in sick.how


def test_a_share_summed_by_the_plans_choice_is_flagged(city, english):
    Indicator.objects.filter(name=SICK_LEAVE).update(aggregation=Aggregation.SUM)
    enter(city["ks"], Period.YEAR, outcomes={SICK_LEAVE: number("4")})
    enter(city["social"], Period.YEAR, outcomes={SICK_LEAVE: number("5")})

    sick = indicator(rollup(), SICK_LEAVE)

    assert sick.value == Decimal(9)  # as the plan says
    assert "“%” is a share" in sick.warning
    assert "The plan sums it" in english.get(PAGE.format(period="ar")).text


def test_a_yearly_indicator_is_not_missing_at_t1(city, english):
    enter(city["ks"], Period.T1, outcomes={SICK_LEAVE: number("4")})

    found = rollup(Period.T1)

    procured = indicator(found, PROCURED)  # measured yearly
    assert procured.due is False
    assert procured.not_reported == 0
    assert procured.assessment == Assessment.NOT_ASSESSED
    assert procured.how == "Measured yearly: reported in the annual report."
    sick = indicator(found, SICK_LEAVE)  # measured each tertial: two boards have not reported
    assert (sick.due, sick.not_reported) == (True, 2)
    page = english.get(PAGE.format(period="t1")).text
    assert "Reported at year end" in page
    assert indicator(rollup(Period.YEAR), PROCURED).not_reported == 3


# --- Budget adherence -------------------------------------------------------------------------


def test_the_budget_indicators_are_known_by_their_names():
    assert budget_measure(BEFORE) == ADHERENCE
    assert budget_measure(AFTER) == ADHERENCE_AFTER_CARRY_OVER
    assert budget_measure(ACCURACY.upper()) == FORECAST_ACCURACY
    assert budget_measure(SICK_LEAVE) is None


def budget_t1(plan, *, over: str = "13.39", carry_over: str | None = None) -> Report:
    """Open the plan's T1 report with a forecast on budget but for the first line, which is
    `over` mnkr over; the sample's net budget is 1 339,00, so 13,39 over is 101 %."""
    report = report_open(plan=plan, period=Period.T1)
    lines = list(BudgetLine.objects.filter(plan=plan))
    rows = [
        {
            "budget_line": line,
            "forecast_costs": line.costs + (Decimal(over) if n == 0 else 0),
            "forecast_revenues": line.revenues,
            "version": 0,
        }
        for n, line in enumerate(lines)
    ]
    budget_outcomes_save(report=report, rows=rows, user=None)
    if carry_over is not None:
        Report.objects.filter(pk=report.pk).update(carry_over=Decimal(carry_over))
        report.refresh_from_db()
    return report


def reported(report: Report, **values: str):
    for name, value in values.items():
        data = {"value": Decimal(value)} if value else {"comment": "Se budgetuppföljningen."}
        outcome_save(
            report=report,
            indicator=indicators_named(report.plan, name).get(),
            data=data,
            user=None,
        )


def test_budget_adherence_is_computed_and_a_discrepancy_shown(city, english):
    report = budget_t1(city["ks"])
    reported(report, **{BEFORE: "100", AFTER: "101.04"})
    report_fill(report, seed=1, approved=True)

    found = rollup(Period.T1)

    before = indicator(found, BEFORE)
    ks = before.values[0]
    assert ks.board.name == "Kommunstyrelsen"
    assert ks.check.value == Decimal(101) == report_budget(report).adherence
    assert ks.check.differs and ks.check.difference == Decimal(-1)
    assert before.discrepancies == 1
    after = indicator(found, AFTER).values[0].check
    assert (after.value, after.differs) == (Decimal(101), False)  # 0,04 is a rounding
    page = english.get(PAGE.format(period="t1")).text
    assert "1 board's value differs from its budget follow-up" in page
    assert "The reported value differs by -1 percentage points." in page


def test_a_board_that_reported_no_value_gets_the_computed_one(city, english):
    report = budget_t1(city["ks"], carry_over="-13.39")
    reported(report, **{BEFORE: "", AFTER: ""})
    report_fill(report, seed=1, approved=True)

    found = rollup(Period.T1)

    before, after = indicator(found, BEFORE), indicator(found, AFTER)
    assert before.values[0].computed and before.values[0].outcome["value"] == Decimal(101)
    assert after.values[0].outcome["value"] == Decimal(100)  # 1 352,39 − 13,39 of 1 339,00
    assert before.value == Decimal(101)
    assert before.made.method == Aggregation.RATIO  # the computed value has its parts
    assert after.assessment == Assessment.MET
    page = english.get(PAGE.format(period="t1")).text
    assert "computed from its budget follow-up: it reported no value" in page


def test_a_board_whose_report_is_not_approved_has_no_computed_value(city):
    report = budget_t1(city["ks"])
    reported(report, **{BEFORE: "100"})

    assert all(v.check is None for v in indicator(rollup(Period.T1), BEFORE).values)


def test_a_reports_budget_checks_take_two_queries_and_none_once_approved(city):
    report = budget_t1(city["ks"])
    reported(report, **{BEFORE: "100"})
    sheet = report_sheet(report)

    with CaptureQueriesContext(connection) as queries:
        checks = budget_indicator_checks(sheet)

    assert len(queries) == 2
    by_name = {Indicator.objects.get(pk=pk).name: check for pk, check in checks.items()}
    assert set(by_name) == {BEFORE, AFTER}  # forecast accuracy is yearly: not due at T1
    assert by_name[BEFORE].value == report_budget(report).adherence == Decimal(101)
    assert by_name[BEFORE].differs and by_name[AFTER].reported is None

    approved = report_fill(report, seed=1, approved=True)
    sheet = report_sheet(Report.objects.select_related("plan").get(pk=approved.pk))
    before = indicators_named(city["ks"], BEFORE).get().pk
    with CaptureQueriesContext(connection) as queries:
        assert budget_indicator_checks(sheet)[before].differs
    assert len(queries) == 0


def test_forecast_accuracy_is_computed_in_the_annual_report(year_of_reports):
    annual = year_of_reports[Period.YEAR]
    checks = budget_indicator_checks(report_sheet(annual))
    accuracy = next(c for c in checks.values() if c.measure == FORECAST_ACCURACY)
    assert accuracy.value == report_budget(annual).accuracy.value
    assert accuracy.value is not None


def test_the_roll_up_with_budget_checks_takes_as_many_queries_for_three_boards_as_for_one(
    adopted_plan, sample_document
):
    report_fill(report_open(plan=adopted_plan, period=Period.T1), seed=1, approved=True)
    with CaptureQueriesContext(connection) as one:
        rollup(Period.T1)
    for n, name in enumerate(["Socialnämnden", "Kulturnämnden"], start=2):
        plan = board(name, n, sample_document)
        report_fill(report_open(plan=plan, period=Period.T1), seed=n, approved=True)

    with CaptureQueriesContext(connection) as three:
        found = rollup(Period.T1)

    assert len(three) == len(one) <= 10
    assert all(v.check and v.check.value for v in indicator(found, BEFORE).values)
    assert {v.outcome["value_kind"] for v in indicator(found, BEFORE).values} <= set(ValueKind)
