"""Budget follow-up: each budget line's budget, adjustments, outcome, forecast and deviation.

Amounts are in mnkr and revenues are negative, as the plan writes them (net = costs +
revenues). For a report closing on day D (T1 30 April, T2 31 August, the year 31 December):

- budget: the plan's budget line.
- budget adjustments (budgetjustering): the operating adjustments decided on or before D.
  An adjustment changes the net budget and is added to the costs, since the money granted is
  money to spend. Investment adjustments are listed but leave the operating budget alone.
- gross changes (omslutningsförändring) decided on or before D: the amount is added to the
  costs and its negative to the revenues, so the net does not move.
- adjusted budget = budget + adjustments + gross changes. An adjustment or gross change that
  names no budget line counts on the total only.
- outcome: the costs and revenues so far (BudgetOutcome); forecast: the full-year forecast at
  T1 and T2. In the annual report the outcome is the year's, and stands in for the forecast.
- deviation = adjusted net budget − net forecast (annual report: − net outcome); a positive
  deviation is a surplus.

A total is known only when every line has its figure; the sheet names the lines that lack it.

Budget adherence (budgetföljsamhet), in per cent, on the totals:

    before carry-over = net forecast / adjusted net budget × 100
    after carry-over  = (net forecast + report.carry_over) / adjusted net budget × 100

with the net outcome for the net forecast in the annual report; `carry_over` is the result
units' surplus (+) or deficit (−) carried to next year, none when blank.

Forecast accuracy (prognossäkerhet) of a plan, in per cent:

    accuracy = (T2 net forecast − the year's net outcome) / |base| × 100

where the base is the year's adjusted net budget (`municipality.forecast_accuracy_base`
"budget", the default) or the year's net outcome ("outcome"). A positive accuracy means the
forecast was too high. It is met when |accuracy| ≤ `municipality.forecast_accuracy_tolerance`
(1, the council's +/- 1 %, by default), and not assessed when the T2 forecast or the year's
outcome is missing or the base is zero. The base is returned with the result, since the figure
means nothing without it.

An approved report's figures are those its record keeps (`ledger_kept`, followup.record): the
budget lines, outcomes, adjustments and gross changes as they stood when it was approved.

Every reader and writer here takes a fixed number of queries whatever the number of lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import CharField, Value
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from styr.followup.choices import AdjustmentKind, Assessment, Period, ReportStatus
from styr.followup.models import BudgetAdjustment, BudgetOutcome, GrossChange, Report, net
from styr.followup.record import instances, rows_of
from styr.followup.services import Refused, writable
from styr.organisations.models import Municipality
from styr.planning.editing import OUT_OF_DATE
from styr.planning.models import BudgetLine, Plan
from styr.swedish import NotANumber, decimal_read

FIGURES = ["costs", "revenues", "forecast_costs", "forecast_revenues"]
REVENUES = {"revenues", "forecast_revenues"}
ForecastBase = Municipality.ForecastBase


def plus(*values: Decimal | None) -> Decimal | None:
    """Return the sum of the values given, or None when none is."""
    given = [value for value in values if value is not None]
    return sum(given, Decimal(0)) if given else None


@dataclass(frozen=True)
class Money:
    costs: Decimal | None = None
    revenues: Decimal | None = None

    @property
    def net(self) -> Decimal | None:
        return net(self.costs, self.revenues)


@dataclass
class Line:
    """A budget line's figures for a period; also the total, and what names no line."""

    name: str
    budget_line: BudgetLine | None = None
    budget: Money = Money()
    adjustment: Decimal | None = None
    gross: Decimal | None = None
    outcome: BudgetOutcome | None = None
    so_far: Money = Money()
    forecast: Money = Money()

    @property
    def adjusted(self) -> Money:
        return Money(
            plus(self.budget.costs, self.adjustment, self.gross),
            plus(self.budget.revenues, None if self.gross is None else -self.gross),
        )

    @property
    def deviation(self) -> Decimal | None:
        if self.forecast.net is None:
            return None
        return (self.adjusted.net or Decimal(0)) - self.forecast.net


@dataclass(frozen=True)
class Accuracy:
    assessment: Assessment
    value: Decimal | None
    base: ForecastBase
    base_amount: Decimal | None
    tolerance: Decimal
    forecast: Decimal | None
    outcome: Decimal | None

    @property
    def base_words(self) -> str:
        if self.base == ForecastBase.OUTCOME:
            return _("the year's net outcome")
        return _("the year's net budget after adjustments")

    @property
    def reason(self) -> str:
        """Say why the accuracy is not assessed; blank when it is."""
        if self.forecast is None:
            return _("No T2 forecast for every budget line.")
        if self.outcome is None:
            return _("No outcome for the year for every budget line.")
        if not self.base_amount:
            return _("The base is zero.")
        return ""


@dataclass
class Ledger:
    """Everything of a plan's budget follow-up, loaded at once, or as a report's record keeps
    it; with the municipality's rules for forecast accuracy."""

    plan: Plan
    lines: list[BudgetLine]
    adjustments: list[BudgetAdjustment]
    gross_changes: list[GrossChange]
    approved: list[Report]
    outcomes: dict[tuple[str, int], BudgetOutcome]
    base: str = ForecastBase.BUDGET
    tolerance: Decimal = Decimal(1)


@dataclass
class BudgetSheet:
    report: Report
    closing_day: date
    lines: list[Line]
    unallocated: Line | None
    total: Line
    adjustments: list[BudgetAdjustment]
    gross_changes: list[GrossChange]
    accuracy: Accuracy

    @property
    def year_end(self) -> bool:
        return self.report.period == Period.YEAR

    @property
    def lacking(self) -> list[str]:
        """Name the lines without a forecast (in the annual report, an outcome)."""
        return [line.name for line in self.lines if line.forecast.net is None]

    @property
    def adherence(self) -> Decimal | None:
        return adherence(self.total, Decimal(0))

    @property
    def adherence_after_carry_over(self) -> Decimal | None:
        return adherence(self.total, self.report.carry_over or Decimal(0))


def adherence(total: Line, carry_over: Decimal) -> Decimal | None:
    budget, spent = total.adjusted.net, total.forecast.net
    if not budget or spent is None:
        return None
    return (spent + carry_over) / budget * 100


def ledger(plan: Plan) -> Ledger:
    """Load the plan's budget lines, adjustments, gross changes and outcomes: five queries."""
    reports = {report.pk: report for report in Report.objects.filter(plan=plan).defer("record")}
    outcomes = BudgetOutcome.objects.filter(report__plan=plan)
    municipality = plan.organisation.municipality
    return Ledger(
        plan,
        list(plan.budget_lines.all()),
        list(plan.budget_adjustments.select_related("budget_line")),
        list(plan.gross_changes.select_related("budget_line")),
        [report for report in reports.values() if report.status == ReportStatus.APPROVED],
        {(reports[o.report_id].period, o.budget_line_id): o for o in outcomes},
        municipality.forecast_accuracy_base,
        municipality.forecast_accuracy_tolerance,
    )


def ledger_of_figures(plan: Plan) -> Ledger:
    """Load what the plan's figures need, in two queries: the budget lines with their outcomes
    (one row a line and report), and the adjustments and gross changes together.

    For a page that shows a budget's figures but changes nothing: `approved`, which says what
    an approval locks, is left empty. `ledger` reads the same in five queries.
    """
    municipality = plan.organisation.municipality
    lines: dict[int, BudgetLine] = {}
    outcomes: dict[tuple[str, int], BudgetOutcome] = {}
    rows = BudgetLine.objects.filter(plan=plan).values(
        "pk",
        "name",
        "costs",
        "revenues",
        "outcomes__pk",
        "outcomes__report",
        "outcomes__report__period",
        *(f"outcomes__{figure}" for figure in FIGURES),
    )
    for row in rows:
        line = lines.setdefault(
            row["pk"],
            BudgetLine(
                pk=row["pk"],
                plan=plan,
                name=row["name"],
                costs=row["costs"],
                revenues=row["revenues"],
            ),
        )
        if row["outcomes__pk"] is not None:
            outcomes[row["outcomes__report__period"], line.pk] = BudgetOutcome(
                pk=row["outcomes__pk"],
                report_id=row["outcomes__report"],
                budget_line=line,
                **{figure: row[f"outcomes__{figure}"] for figure in FIGURES},
            )
    adjustments, gross_changes = [], []
    for line, amount, decided_on, kind in changes_of(plan):
        if kind == GROSS:
            gross_changes.append(
                GrossChange(plan=plan, budget_line_id=line, amount=amount, decided_on=decided_on)
            )
        else:
            adjustments.append(
                BudgetAdjustment(
                    plan=plan, budget_line_id=line, amount=amount, decided_on=decided_on, kind=kind
                )
            )
    return Ledger(
        plan,
        list(lines.values()),
        adjustments,
        gross_changes,
        [],
        outcomes,
        municipality.forecast_accuracy_base,
        municipality.forecast_accuracy_tolerance,
    )


GROSS = "gross"  # a gross change among the adjustments' kinds, read in one query with them


def changes_of(plan: Plan):
    """Return the plan's adjustments and gross changes in one query, as (budget line, amount,
    day decided, kind), a gross change's kind GROSS."""
    adjustments = BudgetAdjustment.objects.filter(plan=plan).order_by()
    gross = (
        GrossChange.objects.filter(plan=plan)
        .order_by()
        .annotate(change_kind=Value(GROSS, output_field=CharField()))
    )
    return adjustments.values_list("budget_line", "amount", "decided_on", "kind").union(
        gross.values_list("budget_line", "amount", "decided_on", "change_kind"), all=True
    )


def ledger_kept(loaded: Ledger, report: Report) -> dict:
    """Return the ledger as the report's record keeps it when the report is approved."""
    return {
        "rows": [
            *rows_of(loaded.lines),
            *rows_of(list(loaded.outcomes.values())),
            *rows_of(loaded.adjustments),
            *rows_of(loaded.gross_changes),
        ],
        "periods": {str(o.report_id): period for (period, _line), o in loaded.outcomes.items()},
        "approved": sorted({*(r.period for r in loaded.approved), report.period}),
        "base": loaded.base,
        "tolerance": loaded.tolerance,
    }


def ledger_of_record(report: Report) -> Ledger:
    """Return the ledger as the approved report's record keeps it, with no query."""
    return ledger_from_kept(report.plan, report.record["budget"])


def ledger_from_kept(plan: Plan, kept: dict) -> Ledger:
    """Return the ledger a record keeps (its `budget`), with no query: the roll-up reads many
    records' budgets at once and gives each its plan."""
    found = instances(kept["rows"])
    lines = found[BudgetLine]
    by_pk = {line.pk: line for line in lines}
    for change in [*found[BudgetAdjustment], *found[GrossChange]]:
        if change.budget_line_id in by_pk:
            change.budget_line = by_pk[change.budget_line_id]
    return Ledger(
        plan,
        lines,
        found[BudgetAdjustment],
        found[GrossChange],
        [Report(plan=plan, period=p, status=ReportStatus.APPROVED) for p in kept["approved"]],
        {(kept["periods"][str(o.report_id)], o.budget_line_id): o for o in found[BudgetOutcome]},
        kept["base"],
        Decimal(kept["tolerance"]),
    )


def report_budget(report: Report, *, changing: bool = True) -> BudgetSheet:
    """Return the report's budget sheet: as its record keeps it once approved.

    Forecast accuracy is the year's: the approved annual report keeps it, a tertial report
    shows it as it now stands (it is known only once the year is out). A page that only shows
    the figures (not `changing`) loads them in fewer queries, without what an approval locks.
    """
    period = Period(report.period)
    kept = report.record is not None and "budget" in report.record
    if kept:
        loaded = ledger_of_record(report)
    else:
        loaded = ledger(report.plan) if changing else ledger_of_figures(report.plan)
    year = report.plan.year
    day = period.closing_day(year)
    lines, unallocated, total = period_lines(loaded, period)
    # A period's pages show what was decided by its end: a tertial report, once public, does
    # not tell what the board decided after it.
    adjustments = [a for a in loaded.adjustments if a.decided_on <= day]
    gross_changes = [change for change in loaded.gross_changes if change.decided_on <= day]
    for adjustment in adjustments:
        adjustment.counted = counts(adjustment, day)
        adjustment.locked = freezing(loaded.approved, adjustment.decided_on, year) is not None
    for change in gross_changes:
        change.locked = freezing(loaded.approved, change.decided_on, year) is not None
    return BudgetSheet(
        report,
        day,
        lines,
        unallocated,
        total,
        adjustments,
        gross_changes,
        accuracy_of(loaded)
        if not kept or period == Period.YEAR
        else forecast_accuracy(report.plan),
    )


def forecast_accuracy(plan: Plan) -> Accuracy:
    """Return how close the plan's T2 forecast came to the year's outcome."""
    return accuracy_of(ledger(plan))


def counts(adjustment: BudgetAdjustment, day: date) -> bool:
    """Say whether the adjustment changes the operating budget as of `day`."""
    return adjustment.kind == AdjustmentKind.OPERATING and adjustment.decided_on <= day


def period_lines(loaded: Ledger, period: Period) -> tuple[list[Line], Line | None, Line]:
    """Return the lines, what names no line (if anything) and the total, for the period."""
    day = period.closing_day(loaded.plan.year)
    adjustments = by_line(a for a in loaded.adjustments if counts(a, day))
    gross = by_line(change for change in loaded.gross_changes if change.decided_on <= day)
    lines = [
        line_of(
            budget_line,
            period,
            loaded.outcomes.get((period, budget_line.pk)),
            adjustments.get(budget_line.pk),
            gross.get(budget_line.pk),
        )
        for budget_line in loaded.lines
    ]
    unallocated = None
    if None in adjustments or None in gross:
        unallocated = Line(
            _("Not on a budget line"), adjustment=adjustments.get(None), gross=gross.get(None)
        )
    name = loaded.plan.budget_total_name or _("Total")
    return lines, unallocated, total_of(name, lines, unallocated)


def by_line(items) -> dict[int | None, Decimal]:
    sums: dict[int | None, Decimal] = {}
    for item in items:
        sums[item.budget_line_id] = sums.get(item.budget_line_id, Decimal(0)) + item.amount
    return sums


def line_of(budget_line, period, outcome, adjustment, gross) -> Line:
    so_far = Money(outcome.costs, outcome.revenues) if outcome else Money()
    if period == Period.YEAR:
        forecast = so_far
    elif outcome:
        forecast = Money(outcome.forecast_costs, outcome.forecast_revenues)
    else:
        forecast = Money()
    return Line(
        budget_line.name,
        budget_line,
        Money(budget_line.costs, budget_line.revenues),
        adjustment,
        gross,
        outcome,
        so_far,
        forecast,
    )


def total_of(name: str, lines: list[Line], unallocated: Line | None) -> Line:
    every = [*lines, unallocated] if unallocated else lines
    return Line(
        name,
        budget=Money(
            plus(*(line.budget.costs for line in lines)),
            plus(*(line.budget.revenues for line in lines)),
        ),
        adjustment=plus(*(line.adjustment for line in every)),
        gross=plus(*(line.gross for line in every)),
        so_far=known_sum([line.so_far for line in lines]),
        forecast=known_sum([line.forecast for line in lines]),
    )


def known_sum(figures: list[Money]) -> Money:
    """Return the sum, or nothing if a line's figure is missing: a part is not the total."""
    if not figures or any(money.net is None for money in figures):
        return Money()
    return Money(plus(*(m.costs for m in figures)), plus(*(m.revenues for m in figures)))


def accuracy_of(loaded: Ledger) -> Accuracy:
    base, tolerance = ForecastBase(loaded.base), loaded.tolerance
    forecast = period_lines(loaded, Period.T2)[2].forecast.net
    year = period_lines(loaded, Period.YEAR)[2]
    outcome = year.so_far.net
    base_amount = outcome if base == ForecastBase.OUTCOME else year.adjusted.net
    value, assessment = None, Assessment.NOT_ASSESSED
    if forecast is not None and outcome is not None and base_amount:
        value = (forecast - outcome) / abs(base_amount) * 100
        assessment = Assessment.MET if abs(value) <= tolerance else Assessment.NOT_MET
    return Accuracy(assessment, value, base, base_amount, tolerance, forecast, outcome)


# Changes ---------------------------------------------------------------------------------


def amount(value) -> Decimal | None:
    """Return a figure given as a number or as Swedish text ("1 385,60", "−22"), or None when
    none is given; raise NotANumber for anything else."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
        found = Decimal(str(value))
        if not found.is_finite():
            raise NotANumber(value)
        return found
    return decimal_read(str(value))


def problem(line: BudgetLine, field: str, text: str) -> str:
    label = BudgetOutcome._meta.get_field(field).verbose_name
    return _("“%(line)s”, %(field)s: %(problem)s") % {
        "line": line.name,
        "field": label,
        "problem": text,
    }


@transaction.atomic
def budget_outcomes_save(*, report: Report, rows: list[dict], user) -> list[BudgetOutcome]:
    """Save the outcome and forecast of many budget lines at once; return those changed.

    A row is a dict: `budget_line` (a BudgetLine or its id), any of `costs`, `revenues`,
    `forecast_costs`, `forecast_revenues` (numbers, or Swedish text) and `comment`, and the
    `version` its figures were read at (0 for a line without figures).
    Every problem is reported, keyed `line-<id>-<field>` (`line-<id>` for the whole row) and
    naming the line and field, and then nothing is saved. A row that changes nothing is left
    alone; one that changes figures saved since its version is refused.
    """
    current = writable(report)
    lines = {line.pk: line for line in BudgetLine.objects.filter(plan_id=current.plan_id)}
    existing = {
        o.budget_line_id: o
        for o in BudgetOutcome.objects.select_for_update().filter(report=current)
    }
    errors: dict[str, list[str]] = {}
    created, changed = [], []
    for row in rows:
        outcome = row_read(row, current, lines, existing, errors)
        if outcome is None:
            continue
        if outcome.pk is None:
            created.append(outcome)
        else:
            outcome.version += 1
            changed.append(outcome)
    if errors:
        raise ValidationError(errors)
    bulk_create_with_history(created, BudgetOutcome, default_user=user)
    if changed:
        fields = [*FIGURES, "comment", "version"]
        bulk_update_with_history(changed, BudgetOutcome, fields, default_user=user)
    return created + changed


def row_read(row: dict, report: Report, lines: dict, existing: dict, errors: dict):
    """Return the row's outcome if it changes anything; add its problems to `errors`."""
    key = row["budget_line"]
    line = lines.get(getattr(key, "pk", key))
    if line is None:
        errors[f"line-{key}"] = [_("The plan has no budget line %s.") % key]
        return None
    outcome = existing.get(line.pk) or BudgetOutcome(report=report, budget_line=line)
    before = figures(outcome)
    for field in FIGURES:
        if field in row:
            field_read(outcome, line, field, row[field], errors)
    if "comment" in row:
        outcome.comment = (row["comment"] or "").strip()
    digits_checked(outcome, line, errors)
    if figures(outcome) == before:
        return None
    version = row.get("version")
    if version is None:
        errors[f"line-{line.pk}"] = [str(OUT_OF_DATE)]
    elif (outcome.version if outcome.pk else 0) != version:
        errors[f"line-{line.pk}"] = [
            _(
                "“%s”: someone else saved its figures while you were editing them, so nothing "
                "was saved. Reload the page to see their figures."
            )
            % line.name
        ]
    return outcome


def digits_checked(outcome: BudgetOutcome, line: BudgetLine, errors: dict) -> None:
    """Check the figures fit their columns (two decimals), naming the line and field."""
    refused = [field for field in FIGURES if f"line-{line.pk}-{field}" in errors]
    try:
        outcome.clean_fields(exclude=["report", "budget_line", "comment", "version", *refused])
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            found = [problem(line, field, message) for message in messages]
            errors.setdefault(f"line-{line.pk}-{field}", []).extend(found)


def field_read(outcome: BudgetOutcome, line: BudgetLine, field: str, value, errors: dict):
    key = f"line-{line.pk}-{field}"
    try:
        found = amount(value)
    except NotANumber:
        errors[key] = [problem(line, field, _("write a number, such as 1 385,60."))]
        return
    if field in REVENUES and found is not None and found > 0:
        errors[key] = [
            problem(line, field, _("write revenues as negative numbers, such as −22,00."))
        ]
        return
    setattr(outcome, field, found)


def figures(outcome: BudgetOutcome) -> tuple:
    return (*(getattr(outcome, field) for field in FIGURES), outcome.comment)


@transaction.atomic
def budget_adjustment_add(*, plan: Plan, data: dict, user) -> BudgetAdjustment:
    """Record a budget adjustment granted to the board (amount, kind, source, decision)."""
    return change_saved(BudgetAdjustment(plan=plan, **data), user, {})


@transaction.atomic
def gross_change_add(*, plan: Plan, data: dict, user) -> GrossChange:
    """Record a gross change: its amount raises costs and revenues alike, so never 0."""
    change = GrossChange(plan=plan, **data)
    problems = {}
    if change.amount is not None and change.amount == 0:
        problems["amount"] = [_("A gross change of 0 changes nothing; give its amount in mnkr.")]
    return change_saved(change, user, problems)


def change_saved(item, user, problems: dict):
    if item.budget_line is not None and item.budget_line.plan_id != item.plan_id:
        problems["budget_line"] = [_("The budget line is not in this plan.")]
    try:
        item.full_clean()
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            problems.setdefault(field, []).extend(messages)
    if problems:
        raise ValidationError(problems)
    still_open(item.plan, item.decided_on)
    item._history_user = user
    item.save()
    return item


@transaction.atomic
def budget_adjustment_remove(*, adjustment: BudgetAdjustment, user) -> None:
    """Remove a budget adjustment recorded by mistake, while no approved report counts it."""
    removed(adjustment, user)


@transaction.atomic
def gross_change_remove(*, change: GrossChange, user) -> None:
    """Remove a gross change recorded by mistake, while no approved report counts it."""
    removed(change, user)


def removed(item, user) -> None:
    still_open(item.plan, item.decided_on)
    item._history_user = user
    item.delete()


def still_open(plan: Plan, day: date, *, lock: bool = True) -> None:
    """Refuse a decision of `day` that would change the figures of an approved report.

    The reports are locked until the change is saved, unless a page only asks (`lock=False`).
    """
    approved = Report.objects.filter(plan=plan, status=ReportStatus.APPROVED)
    if lock:
        approved = approved.select_for_update()
    report = freezing(list(approved), day, plan.year)
    if report is None:
        return
    if report.period == Period.YEAR:
        raise Refused(
            _("The annual report for %(year)s is approved, so the year's budget is closed.")
            % {"year": plan.year}
        )
    raise Refused(
        _(
            "%(report)s is approved and counts the decisions up to %(closing)s, so one made "
            "on %(day)s can no longer be added or removed."
        )
        % {
            "report": capfirst(report.get_period_display()),
            "closing": Period(report.period).closing_day(plan.year).isoformat(),
            "day": day.isoformat(),
        }
    )


def freezing(approved: list[Report], day: date, year: int) -> Report | None:
    """Return the approved report whose figures a decision of `day` is part of, if any.

    An approved annual report closes the whole year; an approved tertial report the decisions
    made on or before its closing day.
    """
    latest_first = sorted(approved, key=lambda r: r.period != Period.YEAR)
    for report in latest_first:
        if report.period == Period.YEAR or day <= Period(report.period).closing_day(year):
            return report
    return None
