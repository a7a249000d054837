"""Follow-up of any plan with made-up but plausible values, for the demo, tests and benchmarks.

`report_fill` gives every item a report is due: each indicator an outcome near its target,
each activity and assignment a status, each goal the assessment its evidence suggests, and
each budget line an outcome and a forecast. The
same seed always gives the same values.
"""

from __future__ import annotations

import random
from decimal import Decimal

from simple_history.utils import bulk_create_with_history

from styr.followup.choices import ActivityStatus, EntryStatus, Period, ValueKind
from styr.followup.kinds import ASSESSMENT
from styr.followup.models import BudgetOutcome, GoalAssessment, Outcome, Progress, Report
from styr.followup.selectors import Sheet, report_sheet
from styr.followup.services import report_approve, report_submit
from styr.planning.choices import TargetKind

STATUSES = [
    ActivityStatus.ONGOING,
    ActivityStatus.ONGOING,
    ActivityStatus.COMPLETED,
    ActivityStatus.NOT_STARTED,
    ActivityStatus.DELAYED,
]
CENT = Decimal("0.01")
MOTIVATION = "Bedömningen grundar sig på indikatorernas utfall och aktiviteternas status."


def report_fill(report: Report, *, seed: int = 1, approved: bool = False) -> Report:
    """Fill the report with a value for every item due; submit and approve it if asked,
    as the central office would (from the command line)."""
    rng = random.Random(seed)  # noqa: S311 (test data, not secrets)
    status = EntryStatus.DRAFT
    sheet = report_sheet(report)
    year_end = report.period == Period.YEAR
    outcomes = [
        Outcome(
            report=report,
            indicator=indicator,
            status=status,
            value_kind=ValueKind.YEAR_TO_DATE if year_end else ValueKind.FORECAST,
            unit=indicator.target.unit if indicator.target else "",
            **made_up_value(indicator, rng),
        )
        for indicator in sheet.due_indicators()
        if indicator.outcome is None
    ]
    bulk_create_with_history(outcomes, Outcome)
    progress = [
        Progress(report=report, status=status, progress=rng.choice(STATUSES), **{kind: item})
        for kind, items in (("activity", sheet.activities()), ("assignment", sheet.assignments))
        for item in items
        if item.entry is None
    ]
    bulk_create_with_history(progress, Progress)
    assess_goals(report_sheet(report), status)
    budget_fill(report, rng)
    if approved:
        report = report_submit(report=report, user=None)
        report = report_approve(report=report, user=None)
    return report


def made_up_value(indicator, rng: random.Random) -> dict:
    target = indicator.target
    if target is None or target.kind not in (TargetKind.VALUE, TargetKind.WITHIN):
        base = Decimal(rng.randint(20, 80))
        value = base + rng.choice([-2, 0, 3])
        return {"value": value, "baseline": base}
    spread = Decimal(rng.randint(70, 115)) / 100
    value = (target.value * spread).quantize(Decimal("0.1"))
    denominator = Decimal(rng.randint(100, 5000))
    return {"value": value, "numerator": value * denominator / 100, "denominator": denominator}


def budget_fill(report: Report, rng: random.Random) -> None:
    """Give every budget line an outcome so far in step with the year, and a forecast near
    its budget (at year end, the year's outcome)."""
    share = {Period.T1: Decimal(4) / 12, Period.T2: Decimal(8) / 12, Period.YEAR: Decimal(1)}
    so_far = share[Period(report.period)]
    outcomes = []
    for line in report.plan.budget_lines.exclude(outcomes__report=report):
        drift = Decimal(rng.randint(96, 103)) / 100
        costs = None if line.costs is None else (line.costs * drift).quantize(CENT)
        revenues = None if line.revenues is None else line.revenues.quantize(CENT)
        outcomes.append(
            BudgetOutcome(
                report=report,
                budget_line=line,
                costs=None if costs is None else (costs * so_far).quantize(CENT),
                revenues=None if revenues is None else (revenues * so_far).quantize(CENT),
                forecast_costs=costs,
                forecast_revenues=revenues,
            )
        )
    bulk_create_with_history(outcomes, BudgetOutcome)


def assess_goals(sheet: Sheet, status: str) -> None:
    """Give every goal without an assessment the one its evidence suggests."""
    assessments = [
        GoalAssessment(
            report=sheet.report,
            status=status,
            assessment=goal.suggestion,
            motivation=MOTIVATION,
            **{ASSESSMENT.key_of(goal): goal},
        )
        for goal in sheet.goals()
        if goal.entry is None
    ]
    bulk_create_with_history(assessments, GoalAssessment)
