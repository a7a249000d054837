"""Read a report with everything its pages, exports and roll-ups show, in a fixed number of
queries whatever the size of the plan.

`report_sheet` loads the plan's goal tree (planning.tree) and gives each indicator `due`,
`outcome`, `target`, `baseline` and `assessment`; each activity and assignment `entry` and
`overdue`; each goal `entry`, `evidence`, `suggestion` and `verdict`. A report in progress is
judged against the plan as it stands; an approved one is rebuilt from its record, as it was
judged when it was approved (followup.record).

Every indicator, activity, assignment and goal also gets `previous`: its value in the
previous period's report of the same plan (T1 for T2, T2 for the annual report; None for T1,
and for an item without one), and the sheet `previous_period`. A plan's items are not copied
per report, so an item is the same in every report of its plan by its id.

A report in progress takes the tree's queries (planning.tree, without tags), one for the
assignments and one union of the three kinds of value (`values_of`), which reads the report's
values, the previous period's and last year's annual outcomes (the baselines) at once. An
approved one takes that union alone, for the previous period's values.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import CharField, F, Q, Value
from django.db.models.functions import Cast

from styr.followup.assessing import entry_judged, governing_target
from styr.followup.choices import ActivityStatus, Assessment, Period
from styr.followup.evidence import Evidence
from styr.followup.models import GoalAssessment, Outcome, Progress, Report
from styr.planning.choices import Periodicity
from styr.planning.models import AreaGoal, Assignment, Direction, Plan
from styr.planning.tree import plan_tree

FINISHED = {ActivityStatus.COMPLETED, ActivityStatus.CANCELLED}
# The period whose values a report shows beside its own.
PREVIOUS = {Period.T2: Period.T1, Period.YEAR: Period.T2}


@dataclass
class Sheet:
    report: Report
    directions: list[Direction]
    assignments: list[Assignment]
    closing_day: date
    previous_period: Period | None = None

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


def previous_period(period: str) -> Period | None:
    """Return the period a report's values are compared with: T1 for T2, T2 for the year."""
    return PREVIOUS.get(Period(period))


def report_sheet(report: Report) -> Sheet:
    """Return the report with what it is judged against: its record once it is approved, else
    the plan as it stands; every item with its value of the previous period."""
    period = Period(report.period)
    before = previous_period(period)
    if report.record is not None:
        from styr.followup.record import record_sheet  # the record builds on this module

        sheet = record_sheet(report)
        sheet.previous_period = before
        attach_previous(sheet, values_of(report, [before]) if before else {})
        return sheet
    plan = report.plan
    directions = plan_tree(plan, tags=False)
    sheet = Sheet(
        report,
        directions,
        list(Assignment.objects.filter(plan=plan)),
        period.closing_day(plan.year),
        before,
    )
    values = values_of(report, [period, before] if before else [period], baselines=True)
    attach_outcomes(sheet, period, values)
    attach_progress(sheet, values[Progress, period])
    attach_goal_assessments(sheet, values[GoalAssessment, period])
    attach_previous(sheet, values)
    return sheet


def values_of(report: Report, periods: list[Period], *, baselines: bool = False) -> dict:
    """Return the plan's values in the periods' reports, by (model, period), in one query.

    With `baselines`, the outcomes also hold last year's annual outcomes of the organisation,
    under (Outcome, "baseline"): what `öka` and `minska` compare with. Every value has
    `report_plan`, `report_period` and, an outcome, `indicator_name`.
    """
    plan = report.plan
    ours = Q(plan=plan.pk, period__in=periods)
    last_year = Q(plan__organisation=plan.organisation_id, plan__year=plan.year - 1)
    last_year &= Q(period=Period.YEAR)
    found = {(model, period): [] for model in VALUE_MODELS for period in [*periods, "baseline"]}
    parts = []
    for model in VALUE_MODELS:
        wanted = ours | last_year if baselines and model is Outcome else ours
        reports = Report.objects.filter(wanted).values("pk")
        parts.append(value_columns(model, model.objects.filter(report__in=reports)))
    for row in parts[0].union(*parts[1:], all=True):
        entry = value_of(row)
        key = entry.report_period if entry.report_plan == plan.pk else "baseline"
        found[type(entry), key].append(entry)
    return found


# The kinds of value, which values_of reads in one query: a column for each field of each.
VALUE_MODELS = (Outcome, Progress, GoalAssessment)
VALUE_FIELDS = [(model, field) for model in VALUE_MODELS for field in model._meta.concrete_fields]


def value_columns(model, rows):
    """Select the values of one kind with a column for every field of every kind (empty for
    the others' fields), so that the three kinds can be read in one union."""
    columns = {
        "kind": Value(VALUE_MODELS.index(model)),
        "report_plan": F("report__plan"),
        "report_period": F("report__period"),
        "indicator_name": F("indicator__name") if model is Outcome else empty(CharField()),
    }
    for n, (owner, field) in enumerate(VALUE_FIELDS):
        output = field.target_field if field.is_relation else field
        columns[f"c{n}"] = F(field.attname) if owner is model else empty(output)
    return rows.order_by().annotate(**columns).values_list(*columns)


def empty(field):
    """An empty column of the field's type: PostgreSQL reads a bare NULL in the first parts of
    a union as text, which its later parts' numbers and dates would not match."""
    return Cast(Value(None), output_field=field)


def value_of(row: tuple):
    """Return a row of values_of's union as an instance of its kind, as from the database."""
    kind, report_plan, report_period, indicator_name, *cells = row
    model = VALUE_MODELS[kind]
    names, values = [], []
    for (owner, field), cell in zip(VALUE_FIELDS, cells, strict=True):
        if owner is model:
            names.append(field.attname)
            values.append(cell)
    entry = model.from_db(Report.objects.db, names, values)
    entry.report_plan, entry.report_period = report_plan, report_period
    entry.indicator_name = indicator_name
    return entry


def attach_outcomes(sheet: Sheet, period: Period, values: dict) -> None:
    outcomes = {o.indicator_id: o for o in values[Outcome, period]}
    baselines = {
        name_key(o.indicator_name): o.value
        for o in values[Outcome, "baseline"]
        # not the value of an indicator since removed from the plan, nor a missing one
        if o.indicator_id is not None and o.value is not None
    }
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
    """Judge the indicator's outcome by its governing target (assessing.entry_judged)."""
    return entry_judged(
        indicator.outcome,
        target=indicator.target,
        baseline=indicator.baseline,
        period=period,
        polarity=indicator.polarity,
        margin=margin,
    )


def attach_previous(sheet: Sheet, values: dict) -> None:
    """Give every item its value in the previous period's report, or None."""
    before = sheet.previous_period
    if before is None:
        entries = {}
    else:
        entries = {
            (field, getattr(entry, f"{field}_id")): entry
            for model, fields in ENTRY_FIELDS.items()
            for entry in values[model, before]
            for field in fields
            if getattr(entry, f"{field}_id") is not None
        }
    items = [
        *(("indicator", i) for i in sheet.indicators()),
        *(("activity", a) for a in sheet.activities()),
        *(("assignment", a) for a in sheet.assignments),
        *(("area_goal" if isinstance(g, AreaGoal) else "board_goal", g) for g in sheet.goals()),
    ]
    for field, item in items:
        item.previous = entries.get((field, item.pk))


# Each kind of value and the keys to the items it is about.
ENTRY_FIELDS = {
    Outcome: ["indicator"],
    Progress: ["activity", "assignment"],
    GoalAssessment: ["area_goal", "board_goal"],
}


def baseline_of(indicator, baselines: dict):
    if indicator.outcome and indicator.outcome.baseline is not None:
        return indicator.outcome.baseline
    return baselines.get(name_key(indicator.name))


def name_key(name: str) -> str:
    return " ".join(name.lower().split())


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
