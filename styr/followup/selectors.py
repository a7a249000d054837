"""Read a report with everything its pages, exports and roll-ups show, in a fixed number of
queries whatever the size of the plan.

`report_sheet` loads the plan's goal tree (planning.tree) and gives each indicator `due`,
`outcome`, `target`, `baseline` and `assessment`; each activity and assignment `entry` and
`overdue`; each goal `entry`, `evidence`, `suggestion` and `verdict`. A report in progress is
judged against the plan as it stands; an approved one is rebuilt from its record, as it was
judged when it was approved (followup.record).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from styr.followup.assessing import assess, comparable, governing_target
from styr.followup.choices import ActivityStatus, Assessment, Period
from styr.followup.evidence import Evidence
from styr.followup.models import GoalAssessment, Outcome, Progress, Report
from styr.planning.choices import Periodicity
from styr.planning.models import Assignment, Direction, Plan
from styr.planning.tree import plan_tree

FINISHED = {ActivityStatus.COMPLETED, ActivityStatus.CANCELLED}


@dataclass
class Sheet:
    report: Report
    directions: list[Direction]
    assignments: list[Assignment]
    closing_day: date

    @property
    def plan(self) -> Plan:
        return self.report.plan

    def goals(self):
        """Yield every area goal and board goal, each area goal before its board goals."""
        for direction in self.directions:
            for goal in direction.goal_list:
                yield goal
                yield from goal.board_goal_list

    def indicators(self):
        for goal in self.goals():
            yield from goal.indicator_list

    def activities(self):
        for goal in self.goals():
            yield from goal.activity_list

    def due_indicators(self):
        return [indicator for indicator in self.indicators() if indicator.due]

    def entries(self):
        """Yield every reported value of the report, whatever its kind."""
        for indicator in self.due_indicators():
            if indicator.outcome:
                yield indicator.outcome
        for item in [*self.activities(), *self.assignments, *self.goals()]:
            if item.entry:
                yield item.entry


def is_due(indicator, period: Period) -> bool:
    return period == Period.YEAR or indicator.periodicity == Periodicity.TERTIAL


def report_sheet(report: Report) -> Sheet:
    """Return the report with what it is judged against: its record once it is approved, else
    the plan as it stands."""
    if report.record is not None:
        from styr.followup.record import record_sheet  # the record builds on this module

        return record_sheet(report)
    plan = report.plan
    period = Period(report.period)
    directions = plan_tree(plan)
    sheet = Sheet(
        report,
        directions,
        list(Assignment.objects.filter(plan=plan)),
        period.closing_day(plan.year),
    )
    attach_outcomes(sheet, period)
    attach_progress(sheet, list(Progress.objects.filter(report=report)))
    attach_goal_assessments(sheet, list(GoalAssessment.objects.filter(report=report)))
    return sheet


def attach_outcomes(sheet: Sheet, period: Period) -> None:
    outcomes = {o.indicator_id: o for o in Outcome.objects.filter(report=sheet.report)}
    baselines = previous_outcomes(sheet.plan)
    margin = sheet.plan.organisation.municipality.partly_met_margin
    for indicator in sheet.indicators():
        indicator.due = is_due(indicator, period)
        indicator.outcome = outcomes.get(indicator.pk)
        indicator.target = governing_target(
            {t.level: t for t in (indicator.board_target, indicator.council_target) if t}
        )
        indicator.baseline = baseline_of(indicator, baselines)
        indicator.computed = computed_assessment(indicator, period, margin)
        override = indicator.outcome.override if indicator.outcome else ""
        indicator.assessment = Assessment(override or indicator.computed)


def computed_assessment(indicator, period: Period, margin) -> Assessment:
    outcome = indicator.outcome
    unit = indicator.target.unit if indicator.target else outcome and outcome.unit
    if outcome is None or not comparable(outcome.value_kind, period, unit or ""):
        return Assessment.NOT_ASSESSED
    return assess(
        indicator.target,
        outcome.value,
        baseline=indicator.baseline,
        polarity=indicator.polarity,
        margin=margin,
    )


def baseline_of(indicator, baselines: dict):
    if indicator.outcome and indicator.outcome.baseline is not None:
        return indicator.outcome.baseline
    return baselines.get(name_key(indicator.name))


def name_key(name: str) -> str:
    return " ".join(name.lower().split())


def previous_outcomes(plan: Plan) -> dict:
    """Return last year's annual outcomes of the organisation's indicators, by name."""
    rows = Outcome.objects.filter(
        report__plan__organisation=plan.organisation_id,
        report__plan__year=plan.year - 1,
        report__period=Period.YEAR,
        value__isnull=False,
        indicator__isnull=False,  # not the value of an indicator since removed from the plan
    ).values_list("indicator__name", "value")
    return {name_key(name): value for name, value in rows}


def attach_progress(sheet: Sheet, entries: list[Progress]) -> None:
    by_activity = {e.activity_id: e for e in entries if e.activity_id}
    by_assignment = {e.assignment_id: e for e in entries if e.assignment_id}
    for activity in sheet.activities():
        activity.entry = by_activity.get(activity.pk)
        activity.overdue = is_overdue(activity.end, activity.entry, sheet.closing_day)
    for assignment in sheet.assignments:
        assignment.entry = by_assignment.get(assignment.pk)
        assignment.overdue = assignment.due is not None and is_overdue(
            assignment.due, assignment.entry, sheet.closing_day
        )


def is_overdue(end: date, entry, closing_day: date) -> bool:
    """An item is overdue when its end date has passed by the period's end and it is not done."""
    return end < closing_day and not (entry and entry.progress in FINISHED)


def attach_goal_assessments(sheet: Sheet, entries: list[GoalAssessment], kept=None) -> None:
    """Judge every goal on its evidence; `kept` gives a goal the verdicts its record keeps."""
    by_area = {e.area_goal_id: e for e in entries if e.area_goal_id}
    by_board = {e.board_goal_id: e for e in entries if e.board_goal_id}
    for direction in sheet.directions:
        for goal in direction.goal_list:
            for board_goal in goal.board_goal_list:
                judge(board_goal, by_board.get(board_goal.pk))
                if kept:
                    kept(board_goal)
            # An area goal's evidence counts its board goals' verdicts, as kept if they are.
            judge(goal, by_area.get(goal.pk), goal.board_goal_list)
            if kept:
                kept(goal)


def judge(goal, entry, board_goals=()) -> None:
    evidence = Evidence()
    for indicator in goal.indicator_list:
        if indicator.due:
            evidence.add_indicator(indicator.assessment)
    for activity in goal.activity_list:
        evidence.add_activity(activity.entry.progress if activity.entry else "", activity.overdue)
    for board_goal in board_goals:
        evidence.add_goal(board_goal.verdict)
    goal.entry = entry
    goal.evidence = evidence
    goal.suggestion = evidence.suggestion
    goal.verdict = (entry.assessment if entry else "") or goal.suggestion
