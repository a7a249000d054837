"""Every follow-up page reads the database a fixed number of times, whatever the plan's size.

Two plans are followed up the same way: the sample, and a synthetic plan about four times its
size in a municipality of its own. Each has its T1 report filled in and approved, and its T2
report filled in and in progress, with people responsible for some of its items. Every page is
asked for as the central office, and its queries counted: at most PAGE_QUERIES, and as many for
the large plan as for the sample. Both plans are built once for the module, in a transaction
rolled back at its end.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from styr.decisions.services import plan_adopt
from styr.followup.choices import Period
from styr.followup.models import GoalAssessment, Outcome, Progress, Report
from styr.followup.selectors import report_sheet
from styr.followup.services import report_open
from styr.followup.synthetic import report_fill
from styr.planning.editing import item_update
from styr.planning.models import Activity, AreaGoal, Assignment, BoardGoal, Indicator
from styr.planning.services import plan_import
from styr.planning.synthetic import synthetic_plan
from tests.conftest import person

PAGE_QUERIES = 15
YEAR = 2013


def followed_up(document, responsible) -> dict:
    """Import the plan, give some of its items a responsible person, adopt it, approve its T1
    report and fill in T2; return what the pages' addresses need."""
    plan = plan_import(document=document)
    goals = AreaGoal.objects.filter(direction__plan=plan)
    in_plan = {"area_goal__direction__plan": plan}
    for item in [
        goals.first(),
        Indicator.objects.filter(**in_plan).first(),
        Activity.objects.filter(**in_plan).first(),
    ]:
        item_update(item=item, data={"responsible": responsible}, version=None)
    plan_adopt(plan=plan)
    plan.refresh_from_db()
    report_fill(report_open(plan=plan, period=Period.T1), seed=1, approved=True)
    report_fill(report_open(plan=plan, period=Period.T2), seed=2)
    return {
        "slug": plan.organisation.slug,
        "municipality": plan.organisation.municipality.name,
        "goal": goals.first().pk,
        "indicator": Indicator.objects.filter(**in_plan).first().pk,
        "items": plan_items(plan),
        "planner": person(
            f"planerare-{plan.organisation.slug}", organisation=plan.organisation, role="planner"
        ),
    }


def plan_items(plan) -> int:
    in_goals = {"area_goal__direction__plan": plan}
    return (
        AreaGoal.objects.filter(direction__plan=plan).count()
        + Indicator.objects.filter(**in_goals).count()
        + Activity.objects.filter(**in_goals).count()
    )


@pytest.fixture(scope="module")
def plans(django_db_setup, django_db_blocker, sample_document):
    """The sample and a plan four times its size, followed up alike; rolled back at the end."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            responsible = person("ansvarig")
            large = synthetic_plan(
                organisation="Kulturnämnden",
                year=YEAR,
                items=600,
                seed=7,
                municipality="Exempelstad",
            )
            yield {
                "sample": followed_up(sample_document, responsible),
                "large": followed_up(large, responsible),
            }
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def pages(plan: dict) -> dict[str, str]:
    base = f"/planer/{plan['slug']}/{YEAR}/"
    report = base + "uppfoljning/"
    municipality = "?kommun=" + quote(plan["municipality"])
    return {
        "periods": report,
        "T1 approved: report": report + "t1/",
        "T2 in progress: report": report + "t2/",
        "T2 in progress: report of one goal": report + f"t2/?mal=mal-{plan['goal']}",
        "T1 approved: dashboard": report + "t1/oversikt/",
        "T2 in progress: dashboard": report + "t2/oversikt/",
        "T2 in progress: review": report + "t2/granska/",
        "T1 approved: budget": report + "t1/budget/",
        "T2 in progress: budget": report + "t2/budget/",
        "T2 in progress: excel": report + "t2/excel/",
        "indicator": base + f"indikatorer/{plan['indicator']}/utfall/",
        "completion": f"/uppfoljning/{YEAR}/t2/status/{municipality}",
        "city": f"/uppfoljning/{YEAR}/t1/stad/{municipality}",
    }


def queries(client, url: str) -> list[str]:
    assert client.get(url).status_code == 200, url  # the first request may fill caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return [query["sql"] for query in captured.captured_queries]


def test_the_large_plan_is_about_four_times_the_sample(plans):
    assert 3 * plans["sample"]["items"] <= plans["large"]["items"] <= 6 * plans["sample"]["items"]


PAGES = list(pages({"slug": "", "municipality": "", "goal": 0, "indicator": 0}))


@pytest.mark.parametrize("page", PAGES)
def test_a_page_reads_a_fixed_number_of_queries_whatever_the_plans_size(
    plans, db, client, administrator, page
):
    client.force_login(administrator)
    counted = {size: queries(client, pages(plan)[page]) for size, plan in plans.items()}
    sample, large = counted["sample"], counted["large"]
    assert len(sample) <= PAGE_QUERIES, "\n".join(sample)
    assert len(large) == len(sample), "\n".join(large)


BOARD_PAGES = [page for page in PAGES if page not in {"completion", "city"}]


@pytest.mark.parametrize("page", BOARD_PAGES)
def test_a_page_reads_as_few_queries_for_the_boards_planner(plans, db, client, page):
    """A planner's membership and role are read too: the board's pages stay within the limit."""
    counted = {}
    for size, plan in plans.items():
        client.force_login(plan["planner"])
        counted[size] = queries(client, pages(plan)[page])
    sample, large = counted["sample"], counted["large"]
    assert len(sample) <= PAGE_QUERIES, "\n".join(sample)
    assert len(large) == len(sample), "\n".join(large)


# The previous period's values, which the report shows beside its own.


def report_of(plan: dict, period: Period):
    return Report.objects.select_related("plan__organisation__municipality").get(
        plan__organisation__slug=plan["slug"], plan__year=YEAR, period=period
    )


def items_of(sheet) -> list:
    return [*sheet.indicators(), *sheet.activities(), *sheet.assignments, *sheet.goals()]


def entry_of(item, report):
    """Return the item's value in the report, read on its own."""
    key = {
        Indicator: (Outcome, "indicator"),
        Activity: (Progress, "activity"),
        Assignment: (Progress, "assignment"),
        AreaGoal: (GoalAssessment, "area_goal"),
        BoardGoal: (GoalAssessment, "board_goal"),
    }
    model, field = key[type(item)]
    return model.objects.filter(report=report, **{field: item.pk}).first()


@pytest.mark.parametrize("approved", [False, True], ids=["in progress", "approved"])
def test_each_item_of_t2_has_its_t1_value_beside_it(plans, db, approved):
    t1, t2 = report_of(plans["sample"], Period.T1), report_of(plans["sample"], Period.T2)
    if approved:
        t2 = report_fill(t2, seed=3, approved=True)
        t2.refresh_from_db()
        assert t2.record is not None
    sheet = report_sheet(t2)
    assert sheet.previous_period == Period.T1
    items = items_of(sheet)
    assert all(item.previous == entry_of(item, t1) for item in items)
    assert sum(item.previous is not None for item in items) > len(items) / 2
    with_outcomes = [i for i in sheet.indicators() if i.previous is not None]
    assert {i.previous.report_id for i in with_outcomes} == {t1.pk}
    assert all(i.previous.value == entry_of(i, t1).value for i in with_outcomes)


def test_the_first_report_has_no_previous_period(plans, db):
    sheet = report_sheet(report_of(plans["large"], Period.T1))
    assert sheet.previous_period is None
    assert all(item.previous is None for item in items_of(sheet))


def test_the_annual_report_shows_t2(plans, db):
    plan = plans["sample"]
    year = report_open(plan=report_of(plan, Period.T1).plan, period=Period.YEAR)
    sheet = report_sheet(year)
    t2 = report_of(plan, Period.T2)
    assert sheet.previous_period == Period.T2
    assert all(item.previous == entry_of(item, t2) for item in items_of(sheet))


@pytest.mark.parametrize("size", ["sample", "large"])
def test_a_sheet_with_the_previous_period_takes_a_fixed_number_of_queries(
    plans, db, size, django_assert_max_num_queries
):
    report = report_of(plans[size], Period.T2)
    # the tree (five levels, assignments, people) and one union of the three kinds of value
    with django_assert_max_num_queries(8):
        report_sheet(report)
