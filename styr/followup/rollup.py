"""The city-wide roll-up of the boards' reports for a period (DOMAIN.md 2.4 and 3).

For a municipality, a year and a period, `city_rollup` takes every adopted plan of the year
and shows the central office:

- each council area goal, matched across plans by its direction goal's number and its own
  ("1" and "1.1"), with the title of the first plan that has it: how many boards judged
  it met, partly met, not met or not assessed, each board's verdict and motivation, and the
  boards without an approved verdict as not reported; each direction goal gets the totals of
  its area goals;
- each *alla nämnder* indicator, matched across plans by its name (case and spaces aside),
  with its method, direction and council target from the first plan that has them (the
  plans by organisation name; every board's copy should agree): each board's value and the
  city's, made by the indicator's method (`by_unit`, the default: summed for a count, else a
  ratio of sums, a weighted mean or a plain mean as the boards' values allow, styr.followup.
  units; or the plan's choice of `sum`, `weighted_mean`, `ratio`, or `central`: a CityOutcome
  the central office enters), with a sentence saying how it was made, judged against the
  council's target. Öka and minska compare with last year's city value for the year, made the
  same way. An indicator measured yearly is not due at T1 and T2: it is listed as reported at
  year end, with no board missing and no verdict;
- the budget indicators (budget adherence, forecast accuracy; styr.followup.budget_indicators)
  each board's value beside the one its approved budget follow-up gives, a discrepancy flagged;
  a board that reported no value is given the computed one.

Only approved values count. An approved report counts as its record keeps it (followup.record):
its goals, indicators, targets and values as they stood when it was approved, whatever a later
decision did to the plan; a board whose report is not yet approved counts its approved values
in the plan as it stands.

The roll-up takes at most ten queries whatever the number of boards: the plans; the records of
the period's approved reports and of last year's approved annual reports (only what the roll-up
reads of them: goals and indicators as judged); for the other plans, if any, their area goals,
the council's and the boards' own *alla nämnder* indicators (two queries, each found from the
plans down by index), those indicators' targets, the period's approved goal assessments and
outcomes; last year's approved annual outcomes not in a record; the city's central values.
The budget follow-up is read from the records too: it has no approval of its own, so it counts
once its report is approved, and costs no query.
Each reads plain values for all plans at once, grouped here; no board's report is read on its
own (`report_sheet` takes about fifteen queries a board).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.db.models.fields.json import KeyTransform
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from styr.followup.assessing import HUNDRED, governing_target, outcome_judged
from styr.followup.budget import ledger_from_kept
from styr.followup.budget_indicators import (
    BudgetCheck,
    budget_check,
    budget_figures,
    budget_measure,
)
from styr.followup.choices import Assessment, EntryStatus, Period, ReportStatus, ValueKind
from styr.followup.models import CityOutcome, GoalAssessment, Outcome, Report
from styr.followup.record import decimal, outcome_values
from styr.followup.selectors import name_key
from styr.followup.units import SHARE_UNITS, UnitKind, method_of, unit_key, unit_kind
from styr.numbers import whole_number
from styr.organisations.models import Municipality
from styr.planning.choices import Aggregation, Level, Periodicity, PlanStatus
from styr.planning.models import AreaGoal, Indicator, Plan, Target

NOT_REPORTED_LABEL = gettext_lazy("Not reported")
PRECISION = Decimal("0.000001")  # as many decimals as an outcome keeps
MEAN = "mean"  # a plain mean of the boards' values: how a city value by its unit may be made
# The kinds of value from the least comparable with an annual target to the most: a city value
# is judged as the least comparable of the boards' values that made it.
COMPARABILITY = [ValueKind.PERIOD, ValueKind.YEAR_TO_DATE, ValueKind.ROLLING_12, ValueKind.FORECAST]


@dataclass
class Board:
    """An organisation with an adopted plan for the year; the page sets the report's `url`."""

    plan_id: int
    name: str
    slug: str
    url: str = ""


@dataclass
class Tally:
    """How many boards gave each verdict; "" (no approved verdict) counts as not reported."""

    met: int = 0
    partly_met: int = 0
    not_met: int = 0
    not_assessed: int = 0
    not_reported: int = 0

    def add(self, verdict: str) -> None:
        name = verdict or "not_reported"
        setattr(self, name, getattr(self, name) + 1)

    def __add__(self, other: Tally) -> Tally:
        return Tally(*(a + b for a, b in zip(self.counts(), other.counts(), strict=True)))

    def counts(self) -> tuple[int, ...]:
        return (self.met, self.partly_met, self.not_met, self.not_assessed, self.not_reported)

    @property
    def boards(self) -> int:
        return sum(self.counts())


@dataclass
class Verdict:
    board: Board
    assessment: str  # an Assessment, or "" when the board has no approved verdict
    motivation: str = ""

    @property
    def label(self) -> str:
        return Assessment(self.assessment).label if self.assessment else NOT_REPORTED_LABEL


@dataclass
class GoalRollup:
    number: str
    title: str
    verdicts: list[Verdict] = field(default_factory=list)
    tally: Tally = field(default_factory=Tally)


@dataclass
class DirectionRollup:
    number: str
    title: str
    goals: list[GoalRollup] = field(default_factory=list)

    @property
    def tally(self) -> Tally:
        return sum((goal.tally for goal in self.goals), Tally())


@dataclass(frozen=True)
class CouncilTarget:
    """The council's annual target of a city indicator, as `assessing.assess` reads it."""

    text: str
    kind: str
    value: Decimal | None
    unit: str


@dataclass
class BoardValue:
    """A board's approved outcome of a city indicator, or None when it has not reported.

    For a budget indicator, `check` holds the value computed from the board's approved budget
    follow-up; `computed` says the outcome is that value, the board having reported none.
    """

    board: Board
    outcome: dict | None  # value, numerator, denominator, unit, value_kind
    check: BudgetCheck | None = None
    computed: bool = False


@dataclass(frozen=True)
class Made:
    """How a city value was made: the method used (`sum`, `ratio`, `weighted_mean` or `mean`),
    the boards whose values it used, those left out for want of a denominator, and for a
    mean whether no board or only some gave a denominator."""

    value: Decimal | None
    method: str
    used: int = 0
    left_out: int = 0
    denominators: str = ""  # for a mean: "none" or "some"


@dataclass
class IndicatorRollup:
    name: str
    aggregation: str
    polarity: str
    periodicity: str = Periodicity.TERTIAL
    unit: str = ""
    target: CouncilTarget | None = None
    values: list[BoardValue] = field(default_factory=list)
    value: Decimal | None = None
    made: Made | None = None  # None for a central value, and for one not due in the period
    baseline: Decimal | None = None  # last year's city value, for öka, minska and oförändrad
    assessment: Assessment = Assessment.NOT_ASSESSED
    central: CityOutcome | None = None
    due: bool = True  # a yearly indicator is not due at T1 and T2: reported at year end
    budget_measure: str | None = None  # budget_indicators: computed from the budget follow-up
    # What the boards' copies disagree on: the first board's copy is the one used.
    differences: set = field(default_factory=set)

    @property
    def contributing(self) -> int:
        """The boards whose values made the city's."""
        return self.made.used if self.made else 0

    @property
    def left_out(self) -> int:
        """The boards that reported without what the method needs (a denominator)."""
        return self.made.left_out if self.made else 0

    @property
    def not_reported(self) -> int:
        """The boards without a value; none for an indicator not due in the period."""
        if not self.due:
            return 0
        return sum(1 for board_value in self.values if board_value.outcome is None)

    @property
    def kind(self) -> UnitKind:
        return unit_kind(self.unit, self.name)

    @property
    def how(self) -> str:
        """Say how the city's value was made, for the page."""
        return how_made(self)

    @property
    def warning(self) -> str:
        """Flag a plan that sums what does not add up (a share, a mean)."""
        if self.aggregation == Aggregation.SUM and not self.kind.summed:
            return _(
                "The plan sums it, though %(reason)s: a sum of shares or means is neither. "
                "Its planner may choose “By its unit”."
            ) % {"reason": self.kind.reason}
        return ""

    @property
    def discrepancies(self) -> int:
        """The boards whose reported value differs from their budget follow-up's."""
        return sum(1 for v in self.values if v.check is not None and v.check.differs)

    def get_aggregation_display(self) -> str:
        return Aggregation(self.aggregation).label


@dataclass
class Kept:
    """What the records of approved reports say, by plan: the period's, and last year's annual
    reports' indicators (for last year's city values); the period's budget follow-up with the
    report's carry-over (for the budget indicators)."""

    goals: dict[int, list[dict]] = field(default_factory=dict)
    indicators: dict[int, dict[str, dict]] = field(default_factory=dict)
    last_year: dict[int, dict[str, dict]] = field(default_factory=dict)
    budgets: dict[int, tuple[dict, Decimal | None]] = field(default_factory=dict)


@dataclass
class CityRollup:
    municipality: Municipality
    year: int
    period: Period
    boards: list[Board]
    directions: list[DirectionRollup]
    indicators: list[IndicatorRollup]


def city_rollup(*, municipality: Municipality, year: int, period: str) -> CityRollup:
    """Return the roll-up of the boards' approved values for the period, in ten queries at most."""
    period = Period(period)
    plans = Plan.objects.filter(
        organisation__municipality=municipality, year=year, status=PlanStatus.ADOPTED
    ).order_by("organisation__name", "pk")
    boards = {
        row["pk"]: Board(row["pk"], row["organisation__name"], row["organisation__slug"])
        for row in plans.values("pk", "organisation__name", "organisation__slug")
    }
    kept = records(municipality, boards, year, period)
    return CityRollup(
        municipality,
        year,
        period,
        list(boards.values()),
        area_goal_rollup(boards, period, kept),
        indicator_rollup(municipality, boards, year, period, kept),
    )


def records(municipality: Municipality, boards: dict, year: int, period: Period) -> Kept:
    """Return what the records of the period's approved reports say, and of last year's
    approved annual reports: only their goals and indicators, not whole reports."""
    rows = Report.objects.filter(
        Q(plan__in=list(boards), period=period)
        | Q(
            plan__organisation__municipality=municipality,
            plan__year=year - 1,
            plan__status=PlanStatus.ADOPTED,
            period=Period.YEAR,
        ),
        status=ReportStatus.APPROVED,
        record__isnull=False,
    ).values(
        "plan",
        "plan__year",
        "carry_over",
        goals=KeyTransform("goals", "record"),
        indicators=KeyTransform("indicators", "record"),
        budget=KeyTransform("budget", "record"),
    )
    kept = Kept()
    for row in rows:
        if row["plan__year"] == year:
            kept.goals[row["plan"]] = row["goals"]
            kept.indicators[row["plan"]] = row["indicators"]
            if row["budget"] is not None:
                kept.budgets[row["plan"]] = (row["budget"], row["carry_over"])
        else:
            kept.last_year[row["plan"]] = row["indicators"]
    return kept


# --- Area goals ------------------------------------------------------------------------------


def area_goal_rollup(boards: dict[int, Board], period: Period, kept: Kept) -> list[DirectionRollup]:
    """Return the direction goals with each area goal's verdicts, board by board."""
    order = {plan: n for n, plan in enumerate(boards)}
    directions: dict[str, DirectionRollup] = {}
    rollups: dict[tuple[str, str], GoalRollup] = {}
    goals = [*live_area_goals(boards, period, kept), *kept_area_goals(kept)]
    for goal in sorted(goals, key=lambda g: (order[g["direction__plan"]], numbered(g["number"]))):
        number = goal["direction__number"]
        direction = directions.setdefault(number, DirectionRollup(number, goal["direction__title"]))
        rollup = rollups.get((number, goal["number"]))
        if rollup is None:
            rollup = rollups[number, goal["number"]] = GoalRollup(goal["number"], goal["title"])
            direction.goals.append(rollup)
        assessment, motivation = goal["assessment"], goal["motivation"]
        rollup.verdicts.append(
            Verdict(boards[goal["direction__plan"]], assessment, motivation if assessment else "")
        )
        rollup.tally.add(assessment)
    for direction in directions.values():
        direction.goals.sort(key=lambda rollup: numbered(rollup.number))
    return sorted(directions.values(), key=lambda direction: numbered(direction.number))


def live_area_goals(boards: dict[int, Board], period: Period, kept: Kept) -> list[dict]:
    """Return the area goals of the plans without an approved report, each with its approved
    verdict and motivation ("" when it has none)."""
    live = [plan for plan in boards if plan not in kept.goals]
    goals = AreaGoal.objects.filter(direction__plan__in=live).values(
        "pk", "number", "title", "direction__number", "direction__title", "direction__plan"
    )
    entries = GoalAssessment.objects.filter(
        report__plan__in=live,
        report__period=period,
        area_goal__isnull=False,
        status=EntryStatus.APPROVED,
    ).values_list("area_goal", "assessment", "motivation")
    verdicts = {
        goal: {"assessment": assessment, "motivation": motivation}
        for goal, assessment, motivation in entries
    }
    unjudged = {"assessment": "", "motivation": ""}
    return [{**goal, **verdicts.get(goal["pk"], unjudged)} for goal in goals]


def kept_area_goals(kept: Kept) -> list[dict]:
    """Return the area goals of approved reports as their records keep them."""
    return [
        {
            "number": goal["number"],
            "title": goal["title"],
            "direction__number": goal["direction"]["number"],
            "direction__title": goal["direction"]["title"],
            "direction__plan": plan,
            "assessment": goal["assessment"],
            "motivation": goal["motivation"],
        }
        for plan, goals in kept.goals.items()
        for goal in goals
        if goal["kind"] == "area_goal"
    ]


def numbered(number: str) -> tuple:
    """Sort "1.10" after "1.9": by each part's number, then its text."""
    return tuple((whole_number(part) or 0, part) for part in number.split("."))


# --- Indicators measured for the whole city --------------------------------------------------


def indicator_rollup(
    municipality: Municipality, boards: dict[int, Board], year: int, period: Period, kept: Kept
) -> list[IndicatorRollup]:
    """Return each *alla nämnder* indicator with the boards' values and the city's."""
    live = [plan for plan in boards if plan not in kept.indicators]
    fields = ("pk", "name", "aggregation", "polarity", "periodicity")
    # The council's indicators and the boards' own, each found from the plans down by index.
    rows = [
        *Indicator.objects.filter(area_goal__direction__plan__in=live, all_boards=True)
        .annotate(plan=F("area_goal__direction__plan"))
        .values(*fields, "plan"),
        *Indicator.objects.filter(board_goal__area_goal__direction__plan__in=live, all_boards=True)
        .annotate(plan=F("board_goal__area_goal__direction__plan"))
        .values(*fields, "plan"),
        *(
            {"pk": int(pk), "plan": plan, **{name: facts[name] for name in fields[1:]}}
            for plan, indicators in kept.indicators.items()
            for pk, facts in indicators.items()
            if facts["all_boards"]
        ),
    ]
    order = {plan: n for n, plan in enumerate(boards)}
    city: dict[str, IndicatorRollup] = {}
    copies: dict[tuple[str, int], int] = {}  # (name, plan) → indicator: a plan counts once
    for row in sorted(rows, key=lambda r: (order[r["plan"]], r["pk"])):
        key = name_key(row["name"])
        copies.setdefault((key, row["plan"]), row["pk"])
        first = city.setdefault(
            key,
            IndicatorRollup(
                row["name"],
                row["aggregation"],
                row["polarity"],
                row["periodicity"],
                due=is_due(row, period),
                budget_measure=budget_measure(row["name"]),
            ),
        )
        if row["aggregation"] != first.aggregation:
            first.differences.add(_("how the city's value is made"))
        if row["polarity"] != first.polarity:
            first.differences.add(_("which way is better"))
        if row["periodicity"] != first.periodicity:
            first.differences.add(_("how often it is measured"))
    attach_targets(city, copies, year, kept)
    attach_values(city, copies, boards, period, kept)
    attach_budget_checks(city, year, period, kept)
    for indicator in city.values():
        if indicator.due and indicator.aggregation != Aggregation.CENTRAL:
            indicator.made = aggregate(indicator, [v.outcome for v in indicator.values])
            indicator.value = indicator.made.value
    attach_baselines(city, municipality, year, kept)
    attach_central(city, municipality, year, period)
    margin = municipality.partly_met_margin
    for indicator in city.values():
        judge(indicator, period, margin)
    return sorted(city.values(), key=lambda indicator: indicator.name.lower())


def is_due(row: dict, period: Period) -> bool:
    """An indicator measured yearly is due only in the annual report (selectors.is_due)."""
    return period == Period.YEAR or row["periodicity"] == Periodicity.TERTIAL


def attach_targets(city: dict, copies: dict, year: int, kept: Kept) -> None:
    """Give each indicator the council's target and a unit, from the first plan that has them."""
    name_of = {pk: key for (key, _plan), pk in copies.items()}
    live = [pk for (_key, plan), pk in copies.items() if plan not in kept.indicators]
    targets = [
        *Target.objects.filter(indicator__in=live, year=year).values(
            "indicator", "level", "text", "kind", "value", "unit"
        ),
        *(row for row in kept_targets(kept.indicators) if row["indicator"] in name_of),
    ]
    for row in sorted(targets, key=lambda t: (t["level"] != Level.COUNCIL, t["indicator"])):
        indicator = city[name_of[row["indicator"]]]
        if row["level"] == Level.COUNCIL and indicator.target is None:
            indicator.target = CouncilTarget(row["text"], row["kind"], row["value"], row["unit"])
        elif row["level"] == Level.COUNCIL and row["text"] != indicator.target.text:
            indicator.differences.add(_("the council's target"))
        indicator.unit = indicator.unit or row["unit"]


def kept_targets(indicators: dict[int, dict[str, dict]]) -> list[dict]:
    """Return the targets of the city indicators in records, as rows of Target read them."""
    return [
        {"indicator": int(pk), "level": level, **target, "value": decimal(target["value"])}
        for facts in indicators.values()
        for pk, indicator in facts.items()
        if indicator["all_boards"]
        for level, target in (
            (Level.BOARD, indicator["board_target"]),
            (Level.COUNCIL, indicator["council_target"]),
        )
        if target is not None
    ]


def attach_values(
    city: dict, copies: dict, boards: dict[int, Board], period: Period, kept: Kept
) -> None:
    """Give each indicator each board's approved outcome, and a unit from them if it has none."""
    live = [plan for plan in boards if plan not in kept.indicators]
    rows = Outcome.objects.filter(
        report__plan__in=live,
        report__period=period,
        status=EntryStatus.APPROVED,
        indicator__all_boards=True,
    ).values("indicator", "value", "numerator", "denominator", "unit", "value_kind")
    outcomes = {row["indicator"]: row for row in rows}
    for facts in kept.indicators.values():
        for pk, indicator in facts.items():
            if indicator["all_boards"] and indicator["outcome"]:
                outcomes[int(pk)] = outcome_values(indicator["outcome"])
    for (key, plan), pk in copies.items():
        city[key].values.append(BoardValue(boards[plan], outcomes.get(pk)))
    for indicator in city.values():
        reported = [v.outcome for v in indicator.values if v.outcome]
        indicator.unit = indicator.unit or next((o["unit"] for o in reported if o["unit"]), "")


def attach_budget_checks(city: dict, year: int, period: Period, kept: Kept) -> None:
    """Hold each board's value of a budget indicator against its budget follow-up's.

    The budget follow-up has no approval of its own: it counts once its report is approved,
    as the report's record keeps it (so this reads no table). A board that reported no value
    is given the computed one, with its numerator and denominator, and the page says so.
    """
    checked = [i for i in city.values() if i.budget_measure and i.due]
    if not checked:
        return
    figures = {
        plan: budget_figures(ledger_from_kept(Plan(pk=plan, year=year), budget), period, carry)
        for plan, (budget, carry) in kept.budgets.items()
    }
    kind = ValueKind.YEAR_TO_DATE if period == Period.YEAR else ValueKind.FORECAST
    for indicator in checked:
        for board_value in indicator.values:
            found = figures.get(board_value.board.plan_id)
            if found is None:
                continue
            outcome = board_value.outcome
            board_value.check = budget_check(
                indicator.budget_measure, found, value_of(outcome, indicator.unit)
            )
            computed = board_value.check.computed
            if computed.value is not None and value_of(outcome, indicator.unit) is None:
                board_value.computed = True
                board_value.outcome = {
                    "value": rounded(computed.value),
                    "numerator": computed.numerator,
                    "denominator": computed.denominator,
                    "unit": indicator.unit,
                    "value_kind": kind,
                }


def value_of(outcome: dict | None, unit: str) -> Decimal | None:
    """Return a board's value: the one it gave, else its numerator over its denominator (in
    per cent for a share); None when it gave neither."""
    if outcome is None:
        return None
    if outcome["value"] is not None:
        return outcome["value"]
    if outcome["numerator"] is not None and outcome["denominator"]:
        share = outcome["numerator"] / outcome["denominator"]
        return rounded(share * HUNDRED if is_share(unit) else share)
    return None


def is_share(unit: str) -> bool:
    return unit_key(unit) in SHARE_UNITS


def aggregate(indicator: IndicatorRollup, outcomes: list[dict | None]) -> Made:
    """Return the city value the boards' outcomes make by the indicator's method.

    A weighted mean and a ratio chosen by the plan leave out boards without a denominator.
    By its unit (the default), a count is summed; a share or a mean is the ratio of the sums
    when every board gave its numerator and denominator, else the mean weighted by the
    denominators when every board gave one, else the plain mean: no board is left out.
    """
    outcomes = [o for o in outcomes if o]
    method = method_of(indicator.aggregation, indicator.unit, indicator.name)
    if method == Aggregation.SUM:
        used = [o for o in outcomes if o["value"] is not None]
        return Made(sum(o["value"] for o in used) if used else None, method, len(used))
    if method == Aggregation.WEIGHTED_MEAN:
        used = [o for o in outcomes if o["value"] is not None and o["denominator"]]
        return weighted(used, indicator.unit, len(outcomes) - len(used))
    if method == Aggregation.RATIO:
        used = [o for o in outcomes if o["numerator"] is not None and o["denominator"]]
        return ratio(used, indicator.unit, len(outcomes) - len(used))
    used = [o for o in outcomes if value_of(o, indicator.unit) is not None]
    if used and all(o["numerator"] is not None and o["denominator"] for o in used):
        return ratio(used, indicator.unit)
    if used and all(o["denominator"] for o in used):
        return weighted(used, indicator.unit)
    values = [value_of(o, indicator.unit) for o in used]
    mean = rounded(sum(values) / len(values)) if values else None
    given = "some" if any(o["denominator"] for o in used) else "none"
    return Made(mean, MEAN, len(used), denominators=given)


def weighted(used: list[dict], unit: str, left_out: int = 0) -> Made:
    weights = sum(o["denominator"] for o in used)
    total = sum(value_of(o, unit) * o["denominator"] for o in used)
    value = rounded(total / weights) if weights else None
    return Made(value, Aggregation.WEIGHTED_MEAN, len(used), left_out)


def ratio(used: list[dict], unit: str, left_out: int = 0) -> Made:
    denominators = sum(o["denominator"] for o in used)
    value = None
    if denominators:
        share = sum(o["numerator"] for o in used) / denominators
        value = rounded(share * HUNDRED if is_share(unit) else share)
    return Made(value, Aggregation.RATIO, len(used), left_out)


def rounded(value: Decimal) -> Decimal:
    return value.quantize(PRECISION)


def how_made(indicator: IndicatorRollup) -> str:
    """Say in words how the indicator's city value was made, or why there is none."""
    if not indicator.due:
        return _("Measured yearly: reported in the annual report.")
    if indicator.aggregation == Aggregation.CENTRAL:
        return _("Entered by the central office.")
    made = indicator.made
    if made is None or not made.used:
        return _("No board's value yet.")
    boards = made.used
    if made.method == Aggregation.SUM:
        text = ngettext(
            "Sum of %(boards)d board's value", "Sum of %(boards)d boards' values", boards
        )
    elif made.method == Aggregation.RATIO:
        text = ngettext(
            "Summed numerators over summed denominators of %(boards)d board",
            "Summed numerators over summed denominators of %(boards)d boards",
            boards,
        )
    elif made.method == Aggregation.WEIGHTED_MEAN:
        text = ngettext(
            "Mean of %(boards)d board's value, weighted by its denominator",
            "Mean of %(boards)d boards' values, weighted by their denominators",
            boards,
        )
    elif made.denominators == "some":
        text = ngettext(
            "Mean of %(boards)d board's value: not every board gave a denominator",
            "Mean of %(boards)d boards' values: not every board gave a denominator",
            boards,
        )
    else:
        text = ngettext(
            "Mean of %(boards)d board's value: no denominator given",
            "Mean of %(boards)d boards' values: no denominators given",
            boards,
        )
    text = text % {"boards": boards}
    if indicator.aggregation == Aggregation.BY_UNIT:
        return _("%(how)s (%(reason)s).") % {
            "how": text,
            "reason": indicator.kind.reason,
        }
    return _("%(how)s.") % {"how": text}


def attach_baselines(city: dict, municipality: Municipality, year: int, kept: Kept) -> None:
    """Give each indicator last year's city value for the year, made the same way."""
    rows = Outcome.objects.filter(
        report__plan__organisation__municipality=municipality,
        report__plan__year=year - 1,
        report__plan__status=PlanStatus.ADOPTED,
        report__period=Period.YEAR,
        report__record__isnull=True,
        status=EntryStatus.APPROVED,
        indicator__all_boards=True,
    ).values("indicator__name", "report__plan", "value", "numerator", "denominator")
    last_year: dict[str, dict[int, dict]] = defaultdict(dict)
    for row in rows:
        last_year[name_key(row.pop("indicator__name"))].setdefault(row.pop("report__plan"), row)
    for plan, facts in kept.last_year.items():
        for indicator in facts.values():
            if indicator["all_boards"] and indicator["outcome"]:
                values = outcome_values(indicator["outcome"])
                last_year[name_key(indicator["name"])].setdefault(plan, values)
    for key, indicator in city.items():
        if key in last_year and indicator.aggregation != Aggregation.CENTRAL:
            indicator.baseline = aggregate(indicator, list(last_year[key].values())).value


def attach_central(city: dict, municipality: Municipality, year: int, period: Period) -> None:
    """Give central indicators the value the central office entered, and last year's."""
    found = CityOutcome.objects.filter(
        Q(year=year, period=period) | Q(year=year - 1, period=Period.YEAR),
        municipality=municipality,
    )
    for outcome in found:
        indicator = city.get(name_key(outcome.indicator_name))
        if indicator is None or indicator.aggregation != Aggregation.CENTRAL:
            continue
        if outcome.year == year:
            indicator.central, indicator.value = outcome, outcome.value
        else:
            indicator.baseline = outcome.value


def judge(indicator: IndicatorRollup, period: Period, margin: Decimal) -> None:
    """Judge the city value against the council's target, if the boards' values allow it.

    A value for the period, or a count so far this year before year end, cannot be held
    against an annual target (assessing.comparable); neither can a city value made from one,
    so the city's value is judged as the least comparable kind among the boards' values. The
    central office enters a value the target can judge. An indicator not due is not judged.
    """
    if not indicator.due:
        return
    kinds = [v.outcome["value_kind"] for v in indicator.values if v.outcome]
    if indicator.aggregation == Aggregation.CENTRAL or not kinds:
        kind = ValueKind.FORECAST  # comparable in every period
    else:
        kind = min(kinds, key=lambda k: COMPARABILITY.index(k) if k in COMPARABILITY else 0)
    indicator.assessment = outcome_judged(
        target=governing_target({Level.COUNCIL: indicator.target} if indicator.target else {}),
        value=indicator.value,
        value_kind=kind,
        period=period,
        unit=indicator.unit,
        baseline=indicator.baseline,
        polarity=indicator.polarity,
        margin=margin,
    )


# --- The central office's own values ---------------------------------------------------------


@transaction.atomic
def city_outcome_save(
    *,
    municipality: Municipality,
    year: int,
    period: str,
    indicator_name: str,
    value: Decimal | None,
    comment: str = "",
    source: str = "",
) -> CityOutcome:
    """Save the city value of an indicator computed centrally; it replaces an earlier one.

    The name matches the indicator's as the roll-up does, case and spaces aside.
    """
    if not indicator_name.strip():
        raise ValidationError({"indicator_name": _("Name the indicator.")})
    if value is None:
        raise ValidationError({"value": _("Give the city's value.")})
    same_period = CityOutcome.objects.select_for_update().filter(
        municipality=municipality, year=year, period=Period(period)
    )
    key = name_key(indicator_name)
    outcome = next((o for o in same_period if name_key(o.indicator_name) == key), None)
    if outcome is None:
        outcome = CityOutcome(municipality=municipality, year=year, period=Period(period))
    outcome.indicator_name = " ".join(indicator_name.split())
    outcome.value = value
    outcome.comment = comment.strip()
    outcome.source = source.strip()
    outcome.full_clean()
    outcome.save()
    return outcome
