"""An approved report is a record: a later decision on the plan (a new target, a new direction,
a renamed or removed indicator) changes none of its pages, exports, chart points or the city's
roll-up, while a report in progress is judged against the plan as it stands."""

import json
from datetime import date

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from styr.decisions.document import AmendmentDoc
from styr.decisions.services import (
    amendment_add,
    case_open,
    case_update,
    decision_carry_out,
    plan_adopt,
)
from styr.followup.choices import Assessment, Period, ReportStatus
from styr.followup.dashboard import indicator_history, report_overview
from styr.followup.export import report_json
from styr.followup.models import Outcome, Report
from styr.followup.rollup import city_rollup
from styr.followup.selectors import name_key, report_sheet
from styr.followup.services import report_approve, report_open, report_reopen, report_submit
from styr.followup.synthetic import report_fill
from styr.organisations.models import Municipality
from styr.planning.choices import Polarity
from styr.planning.editing import item_update
from styr.planning.kinds import KINDS
from styr.planning.lifecycle import by_decision
from styr.planning.models import Indicator
from styr.planning.services import plan_import
from styr.planning.synthetic import synthetic_plan

SICK_LEAVE = "Sjukfrånvaro (alla nämnder/bolag)"  # tertial, for the whole city: 3 % (council 4,4 %)
PLACEMENTS = (
    "Antal praktikplatser som kan tillhandahållas för de aspiranter som Jobbtorg Stockholm "
    "kan matcha"
)
RENAMED = "Praktikplatser för Jobbtorgs aspiranter"
CAPITAL_COSTS = "Stadens kapitalkostnader per nettodriftskostnader"  # tertial, under 3.1
DECIDED_ON = date(2013, 9, 25)


def named(plan, name: str) -> Indicator:
    indicators = Indicator.objects.filter(KINDS["indikatorer"].in_plan(plan))
    return next(i for i in indicators if name_key(i.name) == name_key(name))


def revise(plan) -> None:
    """Carry out a revision decided after T2: sick leave's targets raised to 3,5 % (the
    board's) and 4 % (the council's) with lower now better, the placements renamed, capital
    costs removed."""
    case = case_open(plan=plan, title="Revidering av verksamhetsplanen efter T2")
    case_update(case=case, fields={"meeting_date": DECIDED_ON})
    amendments = [
        AmendmentDoc(1, "change_target", "2.4", indicator=SICK_LEAVE, level="board", title="3,5 %"),
        AmendmentDoc(2, "change_target", "2.4", indicator=SICK_LEAVE, level="council", title="4 %"),
        AmendmentDoc(3, "remove_indicator", "3.1", indicator=CAPITAL_COSTS),
    ]
    for amendment in amendments:
        amendment_add(case=case, amendment=amendment)
    # No amendment changes a direction or a name: the decision's own changes, as it makes them.
    with transaction.atomic(), by_decision(plan):
        item_update(item=named(plan, SICK_LEAVE), data={"polarity": Polarity.LOWER}, version=None)
        item_update(item=named(plan, PLACEMENTS), data={"name": RENAMED}, version=None)
    decision_carry_out(case=case)


@pytest.fixture
def reports(adopted_plan):
    """T1 and T2 approved; the annual report filled in, still a draft."""
    return {
        period: report_fill(
            report_open(plan=adopted_plan, period=period), seed=n, approved=period != Period.YEAR
        )
        for n, period in enumerate(Period, start=1)
    }


def fresh(report) -> Report:
    return Report.objects.select_related("plan").get(pk=report.pk)


def exported(report) -> str:
    return json.dumps(report_json(fresh(report)), ensure_ascii=False)


def overview(report) -> tuple:
    found = report_overview(fresh(report))
    tallies = [
        [(part.key, part.count) for part in tally.parts]
        for tally in (found.indicators, found.activities, found.goals)
    ]
    rows = [
        (
            row.goal.title,
            row.verdict,
            [(i.name, i.assessment, i.target and i.target.text) for i in row.indicators],
        )
        for row in found.rows
    ]
    return tallies, rows


def chart(plan, user) -> list:
    history = indicator_history(plan=plan, indicator=named(plan, SICK_LEAVE), user=user)
    return [
        (
            row.period,
            row.outcome.value if row.outcome else None,
            row.assessment,
            row.board_target and row.board_target.text,
            row.council_target and row.council_target.text,
        )
        for year in history.years
        for row in year.rows
    ]


def rollup(period: str) -> tuple:
    found = city_rollup(
        municipality=Municipality.objects.get(name="Stockholms stad"), year=2013, period=period
    )
    goals = [
        (goal.number, goal.title, [(v.board.name, v.assessment) for v in goal.verdicts])
        for direction in found.directions
        for goal in direction.goals
    ]
    indicators = [
        (i.name, i.polarity, i.target, i.value, i.assessment, [v.outcome for v in i.values])
        for i in found.indicators
    ]
    return goals, indicators


def indicator_in(report, name: str):
    return next(i for i in report_sheet(fresh(report)).indicators() if i.name == name)


def test_approval_keeps_the_plans_version_in_force(reports):
    t2 = fresh(reports[Period.T2])

    assert t2.status == ReportStatus.APPROVED
    assert t2.plan_version.number == 2
    assert t2.record["version"] == {"number": 2, "decided_on": None}
    assert t2.judged_against.number == 2
    assert fresh(reports[Period.YEAR]).record is None


def test_a_later_decision_changes_nothing_an_approved_report_says(reports, administrator):
    t2, plan = reports[Period.T2], reports[Period.T2].plan
    before = (exported(t2), overview(t2), chart(plan, administrator), rollup(Period.T2))

    revise(plan)

    after = (exported(t2), overview(t2), chart(plan, administrator), rollup(Period.T2))
    assert after[0] == before[0]  # the JSON export, byte for byte
    assert after[1] == before[1]  # the dashboard's counts and rows
    assert after[2][:2] == before[2][:2]  # the chart's T1 and T2
    assert after[3] == before[3]  # the city's roll-up of T2
    kept = indicator_in(t2, SICK_LEAVE)
    assert (kept.target.text, kept.polarity) == ("3 %", Polarity.HIGHER)
    assert indicator_in(t2, PLACEMENTS).name == PLACEMENTS
    # Judged against the plan as it now stands, T2 would say otherwise.
    Report.objects.filter(pk=t2.pk).update(record=None)
    assert exported(t2) != before[0]
    assert overview(t2) != before[1]
    assert rollup(Period.T2) != before[3]


def test_a_report_in_progress_is_judged_against_the_plan_as_revised(reports, administrator):
    year, plan = reports[Period.YEAR], reports[Period.YEAR].plan

    revise(plan)

    sick_leave = indicator_in(year, SICK_LEAVE)
    assert (sick_leave.target.text, sick_leave.council_target.text) == ("3,5 %", "4 %")
    assert sick_leave.polarity == Polarity.LOWER
    assert RENAMED in [i.name for i in report_sheet(fresh(year)).indicators()]
    assert CAPITAL_COSTS not in [i.name for i in report_sheet(fresh(year)).indicators()]
    # The chart draws each period against the target it was judged against.
    year_row = chart(plan, administrator)[2]
    assert year_row[0] == Period.YEAR and year_row[3:] == ("3,5 %", "4 %")
    assert [row[3] for row in chart(plan, administrator)[:2]] == ["3 %", "3 %"]
    assert fresh(year).judged_against.number == 3
    assert fresh(year).judged_against.decided_on == DECIDED_ON


def test_the_pages_say_which_version_the_report_is_judged_against(reports, as_role):
    revise(reports[Period.T2].plan)
    client = as_role("administrator")

    approved = client.get(reports[Period.T2].get_absolute_url() + "oversikt/").text
    in_progress = client.get(reports[Period.YEAR].get_absolute_url() + "oversikt/").text

    assert "version 2" in approved and "version 3" not in approved
    assert "2013-09-25, version 3" in in_progress


def test_an_indicator_removed_later_stays_in_the_approved_reports(reports, as_role):
    t1, t2, year = reports[Period.T1], reports[Period.T2], reports[Period.YEAR]
    removed = named(t2.plan, CAPITAL_COSTS)
    values = {
        report.period: Outcome.objects.get(report=report, indicator=removed).value
        for report in (t1, t2)
    }

    revise(t2.plan)

    assert not Indicator.objects.filter(pk=removed.pk).exists()
    for report in (t1, t2):
        kept = indicator_in(report, CAPITAL_COSTS)
        assert kept.outcome.value == values[report.period]
        assert Outcome.objects.filter(report=report, indicator=None).count() == 1
    # A draft's value about the removed indicator goes with it.
    assert not Outcome.objects.filter(report=year, indicator=None).exists()
    page = as_role("citizen").get(t2.get_absolute_url() + "oversikt/").text
    assert CAPITAL_COSTS in page
    assert f"/indikatorer/{removed.pk}/utfall/" not in page


def test_a_reopened_report_is_judged_against_the_plan_as_it_stands(reports, administrator):
    t2 = reports[Period.T2]
    revise(t2.plan)

    reopened = report_reopen(report=fresh(t2), reason="Sjukfrånvaron är felräknad.", user=None)

    assert (reopened.record, reopened.plan_version) == (None, None)
    assert indicator_in(t2, SICK_LEAVE).target.text == "3,5 %"
    approved = report_approve(report=report_submit(report=fresh(t2), user=None), user=None)
    assert approved.plan_version.number == 3
    assert indicator_in(t2, SICK_LEAVE).target.text == "3,5 %"
    assert CAPITAL_COSTS not in [i.name for i in report_sheet(fresh(t2)).indicators()]


def test_the_goal_verdicts_are_kept_whatever_the_settings_say_later(reports, settings):
    t2 = reports[Period.T2]
    before = [(goal.suggestion, goal.verdict) for goal in report_sheet(fresh(t2)).goals()]

    settings.STYR_GOAL_MET_SCORE, settings.STYR_GOAL_PARTLY_SCORE = 101, 100

    assert [(g.suggestion, g.verdict) for g in report_sheet(fresh(t2)).goals()] == before
    assert any(suggestion != Assessment.NOT_MET for suggestion, _verdict in before)


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_an_approved_reports_pages_take_as_many_queries_for_a_large_plan(as_role, reports):
    large = plan_import(
        document=synthetic_plan(organisation="Socialnämnden", year=2013, items=600, seed=5)
    )
    plan_adopt(plan=large)
    large.refresh_from_db()
    big = report_fill(report_open(plan=large, period=Period.T2), seed=5, approved=True)
    small = reports[Period.T2]
    client = as_role("administrator")

    for page in ("", "oversikt/", "budget/"):
        counts = [queries(client, report.get_absolute_url() + page) for report in (small, big)]
        assert counts[0] == counts[1] <= 15, page
