"""The dashboards: a report's assessments at a glance, and an indicator's outcomes over the
years, each for whoever may read them and in a fixed number of queries."""

import copy
import re
from collections import Counter
from decimal import Decimal

import pytest
from django.db import connection
from django.template.defaultfilters import floatformat
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from styr.decisions.services import plan_adopt
from styr.followup.choices import Assessment, Period
from styr.followup.dashboard import UNREPORTED
from styr.followup.selectors import name_key, report_sheet
from styr.followup.services import report_open
from styr.followup.synthetic import report_fill
from styr.planning.kinds import KINDS
from styr.planning.models import Indicator
from styr.planning.services import plan_import
from styr.planning.synthetic import synthetic_plan

ROLES = ["citizen", "outsider", "reader", "planner", "administrator"]
MAY_SEE_DRAFT = {"reader", "planner", "administrator"}
SICK_LEAVE = "Sjukfrånvaro (alla nämnder/bolag)"


def dashboard_url(report) -> str:
    plan = report.plan
    return reverse(
        "followup:dashboard", args=[plan.organisation.slug, plan.year, report.period_choice.slug]
    )


def indicator_url(indicator, plan) -> str:
    return reverse("followup:indicator", args=[plan.organisation.slug, plan.year, indicator.pk])


def sick_leave(plan) -> Indicator:
    """The plan's sick-leave indicator, however its name is spelt."""
    indicators = Indicator.objects.filter(KINDS["indikatorer"].in_plan(plan))
    return next(i for i in indicators if name_key(i.name) == name_key(SICK_LEAVE))


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.fixture
def next_year(adopted_plan, sample_document):
    """The executive board's adopted plan for 2014: sick leave renamed in case and spacing, its
    board target lowered to 2,5 %."""
    document = copy.deepcopy(sample_document)
    document.year = 2014
    indicator = next(
        i
        for d in document.directions
        for g in d.goals
        for i in g.indicators
        if i.name == SICK_LEAVE
    )
    indicator.name = "SJUKFRÅNVARO  (alla  nämnder/bolag)"
    indicator.board_target.text, indicator.board_target.value = "2,5 %", Decimal("2.5")
    plan = plan_import(document=document)
    plan_adopt(plan=plan)
    plan.refresh_from_db()
    return plan


# The report at a glance.


@pytest.mark.parametrize("period", list(Period))
def test_the_dashboards_counts_are_those_of_the_report(client, year_of_reports, period):
    report = year_of_reports[period]
    sheet = report_sheet(report)

    page = client.get(dashboard_url(report))

    overview = page.context["overview"]
    assessments = Counter(i.assessment for i in sheet.due_indicators())
    assert {p.key: p.count for p in overview.indicators.parts} == {
        a.value: assessments[a] for a in Assessment
    }
    verdicts = Counter(goal.verdict for goal in sheet.goals())
    assert {p.key: p.count for p in overview.goals.parts} == {
        a.value: verdicts[a] for a in Assessment
    }
    activities = list(sheet.activities())
    statuses = Counter(a.entry.progress if a.entry else UNREPORTED for a in activities)
    assert {p.key: p.count for p in overview.activities.parts if p.count} == dict(statuses)
    assert overview.overdue == sum(a.overdue for a in activities)
    assert overview.indicators.total == len(sheet.due_indicators())
    # The numbers are written out, not only drawn.
    html = page.content.decode()
    for part in overview.indicators.parts:
        assert re.search(rf"{part.label}</span>: <strong>{part.count}</strong>", html)


def test_the_dashboard_lists_every_goal_and_links_each_due_indicator_to_its_chart(
    client, year_of_reports
):
    report = year_of_reports[Period.T1]
    sheet = report_sheet(report)

    html = client.get(dashboard_url(report)).content.decode()

    for goal in sheet.goals():
        assert goal.title in html
    for indicator in sheet.indicators():
        link = f'href="{indicator_url(indicator, report.plan)}"'
        assert (link in html) == indicator.due, indicator.name


def test_the_dashboards_queries_do_not_grow_with_the_plan(client, year_of_reports):
    document = synthetic_plan(organisation="Socialnämnden", year=2013, items=600, seed=5)
    large = plan_import(document=document)
    plan_adopt(plan=large)
    large.refresh_from_db()
    report = report_fill(report_open(plan=large, period=Period.YEAR), seed=5, approved=True)
    assert Indicator.objects.filter(area_goal__direction__plan=large).count() > 30

    sample = queries(client, dashboard_url(year_of_reports[Period.YEAR]))
    assert queries(client, dashboard_url(report)) == sample


@pytest.mark.parametrize("role", ROLES)
def test_everyone_reads_an_approved_reports_dashboard(as_role, year_of_reports, role):
    response = as_role(role).get(dashboard_url(year_of_reports[Period.T2]))

    assert response.status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_only_the_boards_members_read_a_draft_reports_dashboard(as_role, t1_report, role):
    response = as_role(role).get(dashboard_url(t1_report))

    assert response.status_code == (200 if role in MAY_SEE_DRAFT else 403)


def test_a_citizen_is_asked_to_log_in_for_a_report_not_yet_approved(client, adopted_plan):
    url = reverse("followup:dashboard", args=[adopted_plan.organisation.slug, 2013, "t2"])

    assert client.get(url).status_code == 403


def test_the_dashboard_offers_the_periods_the_reader_may_open(as_role, adopted_plan):
    for seed, period in enumerate([Period.T1, Period.T2]):
        report_fill(report_open(plan=adopted_plan, period=period), seed=seed, approved=True)
    report_open(plan=adopted_plan, period=Period.YEAR)  # begun, still a draft
    url = reverse("followup:dashboard", args=[adopted_plan.organisation.slug, 2013, "t1"])

    assert as_role("citizen").get(url).context["periods"] == [Period.T1, Period.T2]
    assert as_role("reader").get(url).context["periods"] == list(Period)


# An indicator over the years.


def test_an_indicators_history_follows_its_name_through_the_organisations_plans(
    client, year_of_reports, next_year
):
    report_fill(report_open(plan=next_year, period=Period.T1), seed=7, approved=True)
    indicator = sick_leave(next_year)

    page = client.get(indicator_url(indicator, next_year))

    history = page.context["history"]
    assert [(y.year, y.board_target.text, y.council_target.text) for y in history.years] == [
        (2013, "3 %", "4,4 %"),
        (2014, "2,5 %", "4,4 %"),
    ]
    rows = [(y.year, row.period, row.outcome is not None) for y in history.years for row in y.rows]
    assert rows == [
        (2013, Period.T1, True),
        (2013, Period.T2, True),
        (2013, Period.YEAR, True),
        (2014, Period.T1, True),
        (2014, Period.T2, False),
        (2014, Period.YEAR, False),
    ]
    missing = re.search(r'2014 T2</th>\s*<td class="number">(.*?)</td>', page.content.decode())
    assert missing.group(1) == "–"
    # Each outcome is assessed as its own report assesses it.
    for row in history.years[0].rows:
        sheet = report_sheet(year_of_reports[row.period])
        reported = next(i for i in sheet.indicators() if i.name == SICK_LEAVE)
        assert (row.outcome, row.assessment) == (reported.outcome, reported.assessment)


def test_the_indicator_page_shows_the_chart_and_its_numbers_in_swedish(client, year_of_reports):
    plan = year_of_reports[Period.YEAR].plan
    indicator = sick_leave(plan)
    sheet = report_sheet(year_of_reports[Period.T2])
    reported = next(i for i in sheet.indicators() if i.pk == indicator.pk)

    html = client.get(indicator_url(indicator, plan)).content.decode()

    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart"' in html
    assert html.count('class="point"') == 3
    assert "<caption>Utfall och årsmål per period</caption>" in html
    with translation.override("sv"):
        value = floatformat(reported.outcome.value, "-2g")
    row = re.search(r'<th scope="row">2013 T2</th>(.*?)</tr>', html, re.DOTALL).group(1)
    assert f'<td class="number">{value}&nbsp;{reported.outcome.unit}' in row
    assert "." not in value
    assert f">{reported.assessment.label}</span>" in row


def test_a_citizen_sees_only_the_outcomes_of_approved_reports(as_role, year_of_reports, next_year):
    report_fill(report_open(plan=next_year, period=Period.T1), seed=7)  # a draft
    url = indicator_url(sick_leave(next_year), next_year)

    def outcomes_of_2014(role):
        history = as_role(role).get(url).context["history"]
        return [row.outcome is not None for row in history.years[1].rows]

    assert outcomes_of_2014("citizen") == [False, False, False]
    assert outcomes_of_2014("reader") == [True, False, False]


def test_a_citizen_may_not_read_the_indicators_of_a_draft_plan(client, sample_plan):
    response = client.get(indicator_url(sick_leave(sample_plan), sample_plan))

    assert response.status_code == 403


def test_an_indicator_of_another_plan_is_not_found_under_this_one(client, adopted_plan, next_year):
    response = client.get(indicator_url(sick_leave(next_year), adopted_plan))

    assert response.status_code == 404


def test_the_indicator_pages_queries_do_not_grow_with_the_years(client, year_of_reports, request):
    plan = year_of_reports[Period.YEAR].plan
    one_year = queries(client, indicator_url(sick_leave(plan), plan))

    later = request.getfixturevalue("next_year")
    report_fill(report_open(plan=later, period=Period.T1), seed=7, approved=True)

    assert queries(client, indicator_url(sick_leave(later), later)) == one_year
