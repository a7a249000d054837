"""The central office rolls the boards' approved reports up to the council's goals and to the
indicators measured for the whole city, each by its own method."""

import copy
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from styr.decisions.services import plan_adopt
from styr.followup.choices import Assessment, Period, ValueKind
from styr.followup.models import CityOutcome
from styr.followup.rollup import city_outcome_save, city_rollup
from styr.followup.services import (
    entries_submit,
    entry_approve,
    goal_assessment_save,
    outcome_save,
    report_open,
)
from styr.followup.synthetic import report_fill
from styr.organisations.models import Municipality
from styr.planning.choices import Aggregation, Polarity
from styr.planning.editing import item_update
from styr.planning.models import AreaGoal, Indicator
from styr.planning.services import plan_import
from styr.planning.synthetic import synthetic_plan

CITY = "Stockholms stad"
PROCURED = "Andel upphandlad verksamhet i konkurrens (alla nämnder)"
SUMMER_JOBS = "Antal ungdomar som fått sommarjobb i stadens regi (alla nämnder/bolag)"
SICK_LEAVE = "Sjukfrånvaro (alla nämnder/bolag)"
ADMINISTRATION = "Administrationens andel av de totala kostnaderna (alla nämnder)"
# How the council has each of the sample's city indicators made into the city's value.
METHODS = {
    PROCURED: (Aggregation.RATIO, Polarity.HIGHER),
    SUMMER_JOBS: (Aggregation.SUM, Polarity.HIGHER),
    SICK_LEAVE: (Aggregation.WEIGHTED_MEAN, Polarity.LOWER),
    ADMINISTRATION: (Aggregation.CENTRAL, Polarity.LOWER),
}


def city_plan(plan):
    """Give the plan's city indicators the council's methods, and adopt the plan."""
    for name, (aggregation, polarity) in METHODS.items():
        for indicator in indicators_named(plan, name):
            item_update(
                item=indicator,
                data={"aggregation": aggregation, "polarity": polarity},
                version=None,
            )
    plan_adopt(plan=plan)
    plan.refresh_from_db()
    return plan


def board(name: str, seed: int, sample_document):
    """A small synthetic board's plan, with the sample's city indicators (in place of its own)
    under its goal 1.1."""
    document = synthetic_plan(organisation=name, year=2013, items=30, seed=seed, municipality=CITY)
    for direction in document.directions:
        for goal in direction.goals:
            for owner in [goal, *goal.board_goals]:
                owner.indicators = [i for i in owner.indicators if not i.all_boards]
    shared = [
        copy.deepcopy(indicator)
        for direction in sample_document.directions
        for goal in direction.goals
        for indicator in [*goal.indicators, *(i for b in goal.board_goals for i in b.indicators)]
        if indicator.all_boards
    ]
    document.directions[0].goals[0].indicators.extend(shared)
    return city_plan(plan_import(document=document))


def indicators_named(plan, name: str):
    return Indicator.objects.filter(name=name, area_goal__direction__plan=plan) | (
        Indicator.objects.filter(name=name, board_goal__area_goal__direction__plan=plan)
    )


@pytest.fixture
def city(sample_plan, sample_document):
    """The executive board (the sample) and two synthetic boards, all adopted for 2013."""
    return {
        "ks": city_plan(sample_plan),
        "social": board("Socialnämnden", 11, sample_document),
        "school": board("Utbildningsnämnden", 12, sample_document),
    }


def enter(plan, period, *, outcomes=(), goals=(), approve=True):
    """Enter values in the plan's report, submit them and, unless told not to, approve them."""
    report = report_open(plan=plan, period=period)
    entries = [
        outcome_save(
            report=report, indicator=indicators_named(plan, name).get(), data=data, user=None
        )
        for name, data in dict(outcomes).items()
    ]
    entries += [
        goal_assessment_save(
            report=report,
            goal=AreaGoal.objects.get(direction__plan=plan, number=number),
            data={"assessment": assessment, "motivation": motivation},
            user=None,
        )
        for number, (assessment, motivation) in dict(goals).items()
    ]
    entries_submit(entries=entries, user=None)
    if approve:
        for entry in entries:
            entry_approve(entry=entry, user=None)


def rollup(period=Period.YEAR, year=2013, municipality=None):
    municipality = municipality or Municipality.objects.get(name=CITY)
    return city_rollup(municipality=municipality, year=year, period=period)


def indicator(found, name):
    return next(i for i in found.indicators if i.name == name)


def goal(found, number):
    return next(g for d in found.directions for g in d.goals if g.number == number)


def number(value: str) -> dict:
    return {"value": Decimal(value)}


def test_each_area_goal_counts_the_boards_verdicts_and_those_not_reported(city):
    enter(city["ks"], Period.YEAR, goals={"1.1": (Assessment.MET, "Alla mål nåddes.")})
    enter(city["social"], Period.YEAR, goals={"1.1": (Assessment.PARTLY_MET, "Nästan.")})
    enter(city["school"], Period.YEAR, goals={"2.1": (Assessment.NOT_MET, "Nej.")})

    found = rollup()

    first = goal(found, "1.1")
    assert first.title == AreaGoal.objects.get(direction__plan=city["ks"], number="1.1").title
    assert first.tally.counts() == (1, 1, 0, 0, 1)
    assert [(v.board.name, v.assessment, v.motivation) for v in first.verdicts] == [
        ("Kommunstyrelsen", Assessment.MET, "Alla mål nåddes."),
        ("Socialnämnden", Assessment.PARTLY_MET, "Nästan."),
        ("Utbildningsnämnden", "", ""),  # no verdict on 1.1: not reported
    ]
    direction = found.directions[0]
    boards_in_goals = sum(len(g.verdicts) for g in direction.goals)
    assert direction.tally.met == 1 and direction.tally.partly_met == 1
    assert direction.tally.not_reported == boards_in_goals - 2
    assert [d.number for d in found.directions] == ["1", "2", "3"]


def test_only_approved_values_count(city):
    enter(city["ks"], Period.YEAR, outcomes={SUMMER_JOBS: number("4")})
    enter(
        city["social"],
        Period.YEAR,
        outcomes={SUMMER_JOBS: number("100")},
        goals={"1.1": (Assessment.MET, "Inskickat men inte godkänt.")},
        approve=False,
    )

    found = rollup()

    jobs = indicator(found, SUMMER_JOBS)
    assert jobs.value == Decimal(4)
    assert (jobs.contributing, jobs.not_reported) == (1, 2)
    social = next(v for v in jobs.values if v.board.name == "Socialnämnden")
    assert social.outcome is None
    assert goal(found, "1.1").tally.not_reported == 3


def test_a_sum_adds_the_boards_values(city):
    enter(city["ks"], Period.YEAR, outcomes={SUMMER_JOBS: number("4")})
    enter(city["social"], Period.YEAR, outcomes={SUMMER_JOBS: number("6")})
    enter(city["school"], Period.YEAR, outcomes={SUMMER_JOBS: number("10")})

    jobs = indicator(rollup(), SUMMER_JOBS)

    assert jobs.value == Decimal(20)
    assert jobs.contributing == 3
    assert jobs.unit == "st"
    assert jobs.target.text == "öka"
    # Öka compares with last year's city value, and there is none.
    assert jobs.assessment == Assessment.NOT_ASSESSED


def test_copies_that_disagree_are_flagged_and_the_first_boards_is_used(client, administrator, city):
    assert indicator(rollup(), SUMMER_JOBS).differences == set()
    indicators_named(city["school"], SUMMER_JOBS).update(aggregation="central", polarity="lower")
    jobs = indicator(rollup(), SUMMER_JOBS)
    assert jobs.aggregation == "sum"
    assert len(jobs.differences) == 2
    client.force_login(administrator)
    assert "skiljer sig" in client.get("/uppfoljning/2013/ar/stad/").text


def test_increase_compares_with_last_years_city_value_made_the_same_way(city, sample_document):
    last_year = copy.deepcopy(sample_document)
    last_year.year = 2012
    last_years_plan = city_plan(plan_import(document=last_year))
    enter(last_years_plan, Period.YEAR, outcomes={SUMMER_JOBS: number("15")})
    enter(city["ks"], Period.YEAR, outcomes={SUMMER_JOBS: number("4")})
    enter(city["social"], Period.YEAR, outcomes={SUMMER_JOBS: number("16")})

    jobs = indicator(rollup(), SUMMER_JOBS)

    assert (jobs.value, jobs.baseline) == (Decimal(20), Decimal(15))
    assert jobs.assessment == Assessment.MET


def test_a_weighted_mean_weighs_by_denominator_and_leaves_out_boards_without_one(city):
    enter(city["ks"], Period.YEAR, outcomes={SICK_LEAVE: {**number("4"), "denominator": 100}})
    enter(city["social"], Period.YEAR, outcomes={SICK_LEAVE: {**number("6"), "denominator": 300}})
    enter(city["school"], Period.YEAR, outcomes={SICK_LEAVE: number("1")})

    sick = indicator(rollup(), SICK_LEAVE)

    assert sick.value == Decimal("5.5")  # (4 × 100 + 6 × 300) / 400
    assert (sick.contributing, sick.left_out) == (2, 1)
    # Lower is better: 5,5 % misses the council's 4,4 % by more than 20 % of it.
    assert sick.assessment == Assessment.NOT_MET


def test_a_ratio_sums_numerators_over_denominators_in_per_cent(city):
    share = {"numerator": Decimal(30), "denominator": Decimal(100)}
    enter(city["ks"], Period.YEAR, outcomes={PROCURED: share})
    enter(city["social"], Period.YEAR, outcomes={PROCURED: {"numerator": 20, "denominator": 300}})
    enter(city["school"], Period.YEAR, outcomes={PROCURED: number("90")})

    procured = indicator(rollup(), PROCURED)

    assert procured.value == Decimal("12.5")  # 50 / 400, in per cent
    assert (procured.contributing, procured.left_out) == (2, 1)
    assert procured.target.text == "36 %"
    assert procured.assessment == Assessment.NOT_MET


def test_a_central_value_is_the_one_the_central_office_entered(city):
    enter(city["ks"], Period.YEAR, outcomes={ADMINISTRATION: number("70")})
    municipality = Municipality.objects.get(name=CITY)
    for year, value in ((2012, "14"), (2013, "12")):
        city_outcome_save(
            municipality=municipality,
            year=year,
            period=Period.YEAR,
            indicator_name=ADMINISTRATION.upper(),
            value=Decimal(value),
        )

    administration = indicator(rollup(), ADMINISTRATION)

    assert (administration.value, administration.baseline) == (Decimal(12), Decimal(14))
    assert administration.assessment == Assessment.MET  # minska, from 14 to 12
    assert administration.values[0].outcome["value"] == Decimal(70)  # the boards' still shown


def test_saving_a_central_value_again_replaces_it(city):
    municipality = Municipality.objects.get(name=CITY)
    for value in ("12", "13"):
        city_outcome_save(
            municipality=municipality,
            year=2013,
            period=Period.T1,
            indicator_name=f"  {ADMINISTRATION} ",
            value=Decimal(value),
        )

    assert list(CityOutcome.objects.values_list("indicator_name", "value")) == [
        (ADMINISTRATION, Decimal(13))
    ]


def test_a_city_value_made_from_a_value_for_the_period_is_not_judged(city):
    # Measured each tertial here: a yearly indicator is not due at T1 (test_rollup_units).
    Indicator.objects.filter(name=PROCURED).update(periodicity="tertial")
    share = {"numerator": 40, "denominator": 100, "value_kind": ValueKind.YEAR_TO_DATE}
    enter(city["ks"], Period.T1, outcomes={PROCURED: share})
    assert indicator(rollup(Period.T1), PROCURED).assessment == Assessment.MET

    share = {"numerator": 1, "denominator": 100, "value_kind": ValueKind.PERIOD}
    enter(city["social"], Period.T1, outcomes={PROCURED: share})

    procured = indicator(rollup(Period.T1), PROCURED)
    assert procured.value == Decimal("20.5")
    assert procured.assessment == Assessment.NOT_ASSESSED


def test_the_roll_up_takes_as_many_queries_for_four_boards_as_for_two(
    adopted_plan, sample_document
):
    plans = [adopted_plan, board("Socialnämnden", 11, sample_document)]
    for n, plan in enumerate(plans, start=1):
        report_fill(report_open(plan=plan, period=Period.YEAR), seed=n, approved=True)
    stockholm = Municipality.objects.get(name=CITY)
    with CaptureQueriesContext(connection) as two:
        assert len(rollup(municipality=stockholm).boards) == 2
    for n, name in enumerate(["Utbildningsnämnden", "Kulturnämnden"], start=3):
        plan = board(name, n, sample_document)
        report_fill(report_open(plan=plan, period=Period.YEAR), seed=n, approved=True)

    with CaptureQueriesContext(connection) as four:
        found = rollup(municipality=stockholm)

    assert len(found.boards) == 4
    assert len(four) == len(two) <= 10
    assert all(v.outcome for v in indicator(found, SICK_LEAVE).values)
    assert all(v.assessment for v in goal(found, "1.1").verdicts)


# --- The page --------------------------------------------------------------------------------

PAGE = "/uppfoljning/2013/ar/stad/"


@pytest.mark.parametrize(
    ("role", "status"),
    [("administrator", 200), ("planner", 403), ("reader", 403), (None, 403)],
)
def test_only_the_central_office_sees_the_city_page(client, request, city, role, status):
    if role:
        client.force_login(request.getfixturevalue(role))

    response = client.get(PAGE)

    assert response.status_code == status
    if role is None:
        assert b"/konto/" in response.content  # the page offers to log in


def test_the_page_shows_the_goals_and_indicators(client, administrator, city):
    enter(city["ks"], Period.YEAR, goals={"1.1": (Assessment.MET, "Alla mål nåddes.")})
    client.force_login(administrator)

    page = client.get(PAGE).content.decode()

    assert "Alla mål nåddes." in page
    assert SUMMER_JOBS in page
    assert client.get("/uppfoljning/2013/t3/stad/").status_code == 404
    assert client.get(PAGE + "?kommun=Ingenstans").status_code == 404


def test_the_central_office_enters_a_central_value_on_the_page(client, administrator, city):
    client.force_login(administrator)

    response = client.post(
        PAGE, {"indicator": ADMINISTRATION, "value": "12,5", "source": "Stadsledningskontoret"}
    )

    assert response.status_code == 302
    saved = CityOutcome.objects.get()
    assert (saved.value, saved.period, saved.source) == (
        Decimal("12.5"),
        Period.YEAR,
        "Stadsledningskontoret",
    )
    assert indicator(rollup(), ADMINISTRATION).value == Decimal("12.5")


def test_a_bad_central_value_is_refused_and_nothing_saved(client, administrator, city):
    client.force_login(administrator)

    response = client.post(PAGE, {"indicator": ADMINISTRATION, "value": "tolv"})

    assert response.status_code == 200
    assert b'aria-invalid="true"' in response.content
    assert not CityOutcome.objects.exists()
    assert client.post(PAGE, {"indicator": SUMMER_JOBS, "value": "1"}).status_code == 404


def test_a_planner_may_not_enter_a_central_value(client, planner, city):
    client.force_login(planner)

    response = client.post(PAGE, {"indicator": ADMINISTRATION, "value": "12"})

    assert response.status_code == 403
    assert not CityOutcome.objects.exists()
