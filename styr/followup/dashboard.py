"""What the dashboards show, each in a fixed number of queries whatever the size of the plan.

`report_overview` counts a report's assessments at a glance from `report_sheet`: indicators
by assessment, activities by status, goals by verdict, and a row per goal with its due
indicators. `indicator_history` finds the same indicator in every plan of the organisation
(by name, whatever its case and spacing) and gives its outcomes per year and period with the
targets they were judged against, showing only what the user may read; `history_chart` draws
it. An approved report's verdicts and targets are those its record keeps (followup.record).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

import rules
from django.db.models import Q
from django.db.models.fields.json import KeyTransform
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from styr.followup.assessing import entry_judged, governing_target
from styr.followup.charts import Chart, Slot, Span, TargetLine, coordinate, line_chart
from styr.followup.choices import ActivityStatus, Assessment, Period, ReportStatus
from styr.followup.models import Outcome, Report
from styr.followup.record import target_of
from styr.followup.selectors import is_due, name_key, report_sheet
from styr.planning.choices import Level, TargetKind
from styr.planning.models import AreaGoal, BoardGoal, Indicator, Plan, Target

UNREPORTED = "unreported"


# A report at a glance.


@dataclass(frozen=True)
class Part:
    """One category of a tally, with where its segment of the bar starts and how wide it is,
    in per cent of the bar."""

    key: str
    label: str
    count: int
    start: str
    share: str


@dataclass
class Tally:
    title: str
    parts: list[Part]

    @property
    def total(self) -> int:
        return sum(part.count for part in self.parts)


def tally(title: str, counts: Counter, categories: list[tuple[str, str]]) -> Tally:
    total = sum(counts[key] for key, _label in categories)
    parts, start = [], 0.0
    for key, label in categories:
        share = 100 * counts[key] / total if total else 0.0
        parts.append(Part(key, label, counts[key], coordinate(start), coordinate(share)))
        start += share
    return Tally(title, parts)


@dataclass
class GoalRow:
    goal: AreaGoal | BoardGoal  # as report_sheet leaves it: with entry, evidence and verdict
    indicators: list[Indicator]

    @property
    def board_goal(self) -> bool:
        return isinstance(self.goal, BoardGoal)

    @property
    def verdict(self) -> Assessment:
        return Assessment(self.goal.verdict)

    @property
    def suggested(self) -> bool:
        """Say whether the verdict is only the one the evidence suggests."""
        return not (self.goal.entry and self.goal.entry.assessment)

    @property
    def indicator_counts(self) -> list[tuple[str, int]]:
        """Return the evidence's indicators by assessment as (label, count), where any."""
        counts = self.goal.evidence.indicators
        return [(a.label, counts[a]) for a in Assessment if counts[a]]

    @property
    def activity_counts(self) -> list[tuple[str, int]]:
        counts = self.goal.evidence.activities
        return [(label, counts[key]) for key, label in activity_categories() if counts[key]]


@dataclass
class Overview:
    indicators: Tally
    activities: Tally
    goals: Tally
    overdue: int
    not_due: int
    rows: list[GoalRow] = field(default_factory=list)


def activity_categories() -> list[tuple[str, str]]:
    return [*ActivityStatus.choices, (UNREPORTED, _("Not reported"))]


def report_overview(report: Report) -> Overview:
    """Return the report's assessments counted, and its goals with their due indicators."""
    sheet = report_sheet(report)
    due = sheet.due_indicators()
    if report.record is not None:
        mark_removed(due)
    activities = list(sheet.activities())
    statuses = Counter(
        a.entry.progress if a.entry and a.entry.progress else UNREPORTED for a in activities
    )
    rows = [
        GoalRow(goal, [indicator for indicator in goal.indicator_list if indicator.due])
        for goal in sheet.goals()
    ]
    return Overview(
        indicators=tally(_("Indicators"), Counter(i.assessment for i in due), Assessment.choices),
        activities=tally(_("Activities"), statuses, activity_categories()),
        goals=tally(_("Goals"), Counter(row.goal.verdict for row in rows), Assessment.choices),
        overdue=sum(activity.overdue for activity in activities),
        not_due=sum(1 for indicator in sheet.indicators() if not indicator.due),
        rows=rows,
    )


def mark_removed(indicators: list[Indicator]) -> None:
    """Mark the indicators of an approved report that a later decision removed from the plan:
    they have no chart to link to."""
    present = set(
        Indicator.objects.filter(pk__in=[i.pk for i in indicators]).values_list("pk", flat=True)
    )
    for indicator in indicators:
        indicator.removed = indicator.pk not in present


def periods_readable(plan: Plan, user) -> list[Period]:
    """Return the periods whose report the user may read; a member may open one not yet begun.

    Whoever may read a report in any state (the central office, the board's members) needs
    no query; anyone else may read the approved ones, which are looked up.
    """
    unread = Report(plan=plan, status=ReportStatus.DRAFT)
    unread.plan = plan
    if rules.test_rule("followup.view_report", user, unread):
        return list(Period)
    reports = {r.period: r for r in Report.objects.filter(plan=plan).defer("record")}
    readable = []
    for period in Period:
        report = reports.get(period) or Report(plan=plan, period=period)
        report.plan = plan
        if rules.test_rule("followup.view_report", user, report):
            readable.append(period)
    return readable


# An indicator over the years.


@dataclass
class PeriodRow:
    """An outcome with its verdict and the targets it was judged against."""

    period: Period
    outcome: Outcome | None
    assessment: Assessment
    board_target: Target | None = None
    council_target: Target | None = None


@dataclass
class IndicatorYear:
    """The indicator as one year's plan holds it, with that year's targets and outcomes."""

    plan: Plan
    indicator: Indicator
    board_target: Target | None
    council_target: Target | None
    rows: list[PeriodRow] = field(default_factory=list)

    @property
    def year(self) -> int:
        return self.plan.year


@dataclass
class History:
    indicator: Indicator
    years: list[IndicatorYear]

    @property
    def unit(self) -> str:
        """The unit of the latest target that names one, else of the latest outcome."""
        for year in reversed(self.years):
            for target in (year.board_target, year.council_target):
                if target and target.unit:
                    return target.unit
        outcomes = [row.outcome for year in self.years for row in year.rows if row.outcome]
        return next((o.unit for o in reversed(outcomes) if o.unit), "")


def indicator_history(*, plan: Plan, indicator: Indicator, user) -> History:
    """Return the indicator's outcomes in every plan of the organisation the user may read.

    Another year's plan holds the same indicator under the same name (ignoring case and
    spacing); where it has two, the one at the same level counts. Outcomes show only from
    reports the user may read; each is assessed as its report does: an approved report as
    its record keeps it, against the targets of then. Five queries.
    """
    same = same_indicators(plan, indicator)
    others = Plan.objects.filter(pk__in=same).exclude(pk=plan.pk)
    plans = {p.pk: p for p in others if rules.test_rule("planning.view_plan", user, p)}
    plans[plan.pk] = plan
    years = indicator_years(sorted(plans.values(), key=lambda p: p.year), same)
    # Of a record, only how each indicator was judged: not the whole report.
    reports = list(
        Report.objects.filter(plan__in=list(plans))
        .defer("record")
        .annotate(kept=KeyTransform("indicators", "record"))
    )
    for report in reports:
        report.plan = plans[report.plan_id]
    outcomes = {
        (o.report_id, o.indicator_id): o
        for o in Outcome.objects.filter(
            report__in=reports, indicator__in=[y.indicator for y in years]
        )
    }
    baselines = annual_values(years, reports, outcomes)
    readable = {
        (r.plan_id, r.period): r
        for r in reports
        if rules.test_rule("followup.view_report", user, r)
    }
    margin = plan.organisation.municipality.partly_met_margin
    for year in years:
        baseline = baselines.get(year.year - 1)
        for period in Period:
            report = readable.get((year.plan.pk, period))
            if report is not None and report.kept is not None:
                row = kept_row(year, period, report, outcomes)
            elif is_due(year.indicator, period):
                outcome = outcomes.get((report.pk, year.indicator.pk)) if report else None
                assessment = judged(year, period, outcome, baseline, margin)
                row = PeriodRow(period, outcome, assessment, year.board_target, year.council_target)
            else:
                row = None
            if row is not None:
                year.rows.append(row)
    return History(indicator, years)


def kept_row(year: IndicatorYear, period: Period, report: Report, outcomes) -> PeriodRow | None:
    """Return the period's row as the approved report's record keeps it, if it was due."""
    kept = report.kept.get(str(year.indicator.pk))
    if kept is None or not kept["due"]:
        return None
    return PeriodRow(
        period,
        outcomes.get((report.pk, year.indicator.pk)),
        Assessment(kept["assessment"]),
        target_of(kept["board_target"], Level.BOARD),
        target_of(kept["council_target"], Level.COUNCIL),
    )


def indicator_years(plans: list[Plan], same: dict[int, Indicator]) -> list[IndicatorYear]:
    """Return each plan's indicator with its targets for the plan's year."""
    indicators = [same[p.pk] for p in plans]
    targets = {
        (t.indicator_id, t.year, t.level): t
        for t in Target.objects.filter(indicator__in=indicators)
    }
    return [
        IndicatorYear(
            p,
            same[p.pk],
            targets.get((same[p.pk].pk, p.year, Level.BOARD)),
            targets.get((same[p.pk].pk, p.year, Level.COUNCIL)),
        )
        for p in plans
    ]


def same_indicators(plan: Plan, indicator: Indicator) -> dict[int, Indicator]:
    """Return, by plan id, the indicator of each of the organisation's plans named as this one."""
    key = name_key(indicator.name)
    found = {plan.pk: indicator}
    candidates = (
        Indicator.objects.filter(
            Q(area_goal__direction__plan__organisation=plan.organisation_id)
            | Q(board_goal__area_goal__direction__plan__organisation=plan.organisation_id)
        )
        .annotate(
            plan_key=Coalesce(
                "area_goal__direction__plan", "board_goal__area_goal__direction__plan"
            )
        )
        .order_by("position", "pk")
    )
    for candidate in candidates:
        if name_key(candidate.name) != key or candidate.plan_key == plan.pk:
            continue
        current = found.get(candidate.plan_key)
        if current is None or (
            current.level != indicator.level and candidate.level == indicator.level
        ):
            found[candidate.plan_key] = candidate
    return found


def annual_values(years: list[IndicatorYear], reports, outcomes) -> dict[int, Decimal]:
    """Return each year's annual outcome, whoever may read it: what the next year is compared
    with, as in the report itself."""
    indicator_of = {year.plan.pk: year.indicator.pk for year in years}
    values = {}
    for report in reports:
        if report.period != Period.YEAR:
            continue
        outcome = outcomes.get((report.pk, indicator_of[report.plan_id]))
        if outcome and outcome.value is not None:
            values[report.plan.year] = outcome.value
    return values


def judged(year: IndicatorYear, period: Period, outcome, baseline, margin) -> Assessment:
    """Return the outcome's assessment as its report gives it: the planner's, else computed
    by the report's own rule from the indicator as the report sees it."""
    if outcome is None:
        return Assessment.NOT_ASSESSED
    if outcome.override:
        return Assessment(outcome.override)
    target = governing_target({t.level: t for t in (year.board_target, year.council_target) if t})
    return entry_judged(
        outcome,
        target=target,
        baseline=outcome.baseline if outcome.baseline is not None else baseline,
        period=period,
        polarity=year.indicator.polarity,
        margin=margin,
    )


def history_chart(history: History) -> Chart:
    """Draw the history: the outcomes by period, each target as a level over the periods of a
    year it held for (a revision of the plan may change it within the year)."""
    slots, values = [], []
    board, council = [], []
    for year in history.years:
        first = len(slots)
        for row in year.rows:
            slots.append(Slot(str(year.year), str(row.period.short)))
            values.append(row.outcome.value if row.outcome else None)
        for spans, level in ((board, "board_target"), (council, "council_target")):
            spans.extend(target_spans([getattr(row, level) for row in year.rows], first))
    return line_chart(
        title=_("%(name)s: outcomes and targets") % {"name": history.indicator.name},
        slots=slots,
        values=values,
        targets=[
            TargetLine(_("Board's target"), tuple(board), history.unit),
            TargetLine(_("Council's target"), tuple(council), history.unit),
        ],
        unit=history.unit,
        name="indicator-chart",
    )


def target_spans(targets: list[Target | None], first: int) -> list[Span]:
    """Return the spans of a year's targets, period by period from slot `first`: one for
    each run of periods judged against the same target."""
    spans: list[Span] = []
    start = 0
    for n, target in enumerate(targets):
        if n + 1 < len(targets) and same_target(target, targets[n + 1]):
            continue
        if (span := target_span(target, first + start, first + n)) is not None:
            spans.append(span)
        start = n + 1
    return spans


def same_target(a: Target | None, b: Target | None) -> bool:
    if a is None or b is None:
        return a is b
    return (a.kind, a.value, a.upper) == (b.kind, b.value, b.upper)


def target_span(target: Target | None, first: int, last: int) -> Span | None:
    """Return a target as a level or a band to draw, if it is a number (not öka, minska …).

    A bound (minst, högst, >, <) is drawn as a level; a range (80–90 %) and a tolerance as a band.
    """
    if target is None or target.value is None or first > last:
        return None
    if target.kind == TargetKind.WITHIN:
        return Span(first, last, -abs(target.value), abs(target.value))
    if target.kind == TargetKind.RANGE and target.upper is not None:
        return Span(first, last, target.value, target.upper)
    return Span(first, last, target.value, target.value)
