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
  city's, made by the indicator's own method (`sum`,
  `weighted_mean`, `ratio`, or `central`: a CityOutcome the central office enters), judged
  against the council's target. Öka and minska compare with last year's city value for the
  year, made the same way.

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
from django.utils.translation import gettext_lazy

from styr.followup.assessing import HUNDRED, assess, comparable, governing_target
from styr.followup.choices import Assessment, EntryStatus, Period, ReportStatus
from styr.followup.models import CityOutcome, GoalAssessment, Outcome, Report
from styr.followup.record import decimal, outcome_values
from styr.followup.selectors import name_key
from styr.numbers import whole_number
from styr.organisations.models import Municipality
from styr.planning.choices import Aggregation, Level, PlanStatus
from styr.planning.models import AreaGoal, Indicator, Plan, Target

NOT_REPORTED_LABEL = gettext_lazy("Not reported")
PRECISION = Decimal("0.000001")  # as many decimals as an outcome keeps


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
    """A board's approved outcome of a city indicator, or None when it has not reported."""

    board: Board
    outcome: dict | None  # value, numerator, denominator, unit, value_kind


@dataclass
class IndicatorRollup:
    name: str
    aggregation: str
    polarity: str
    unit: str = ""
    target: CouncilTarget | None = None
    values: list[BoardValue] = field(default_factory=list)
    value: Decimal | None = None
    contributing: int = 0  # boards whose values made the city's
    left_out: int = 0  # boards that reported without what the method needs (a denominator)
    baseline: Decimal | None = None  # last year's city value, for öka, minska and oförändrad
    assessment: Assessment = Assessment.NOT_ASSESSED
    central: CityOutcome | None = None
    # What the boards' copies disagree on: the first board's copy is the one used.
    differences: set = field(default_factory=set)

    @property
    def not_reported(self) -> int:
        return sum(1 for board_value in self.values if board_value.outcome is None)

    def get_aggregation_display(self) -> str:
        return Aggregation(self.aggregation).label


@dataclass
class Kept:
    """What the records of approved reports say, by plan: the period's, and last year's annual
    reports' indicators (for last year's city values)."""

    goals: dict[int, list[dict]] = field(default_factory=dict)
    indicators: dict[int, dict[str, dict]] = field(default_factory=dict)
    last_year: dict[int, dict[str, dict]] = field(default_factory=dict)


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
        goals=KeyTransform("goals", "record"),
        indicators=KeyTransform("indicators", "record"),
    )
    kept = Kept()
    for row in rows:
        if row["plan__year"] == year:
            kept.goals[row["plan"]] = row["goals"]
            kept.indicators[row["plan"]] = row["indicators"]
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
    fields = ("pk", "name", "aggregation", "polarity")
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
            key, IndicatorRollup(row["name"], row["aggregation"], row["polarity"])
        )
        if row["aggregation"] != first.aggregation:
            first.differences.add(_("how the city's value is made"))
        if row["polarity"] != first.polarity:
            first.differences.add(_("which way is better"))
    attach_targets(city, copies, year, kept)
    attach_values(city, copies, boards, period, kept)
    attach_baselines(city, municipality, year, kept)
    attach_central(city, municipality, year, period)
    margin = municipality.partly_met_margin
    for indicator in city.values():
        judge(indicator, period, margin)
    return sorted(city.values(), key=lambda indicator: indicator.name.lower())


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
        if indicator.aggregation != Aggregation.CENTRAL:
            indicator.value, indicator.contributing = aggregate(indicator, reported)
            indicator.left_out = len(reported) - indicator.contributing


def aggregate(indicator: IndicatorRollup, outcomes: list[dict]) -> tuple[Decimal | None, int]:
    """Return the city value the boards' outcomes make by the indicator's method, and how
    many boards it used: a weighted mean and a ratio leave out boards without a denominator."""
    if indicator.aggregation == Aggregation.SUM:
        used = [o for o in outcomes if o["value"] is not None]
        return (sum(o["value"] for o in used) if used else None), len(used)
    if indicator.aggregation == Aggregation.WEIGHTED_MEAN:
        used = [o for o in outcomes if o["value"] is not None and o["denominator"]]
        weights = sum(o["denominator"] for o in used)
        weighted = sum(o["value"] * o["denominator"] for o in used)
        return (rounded(weighted / weights) if weights else None), len(used)
    used = [o for o in outcomes if o["numerator"] is not None and o["denominator"]]
    denominators = sum(o["denominator"] for o in used)
    if not denominators:
        return None, len(used)
    share = sum(o["numerator"] for o in used) / denominators
    return rounded(share * HUNDRED if indicator.unit == "%" else share), len(used)


def rounded(value: Decimal) -> Decimal:
    return value.quantize(PRECISION)


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
            indicator.baseline = aggregate(indicator, list(last_year[key].values()))[0]


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
    against an annual target (assessing.comparable); neither can a city value made from one.
    """
    if indicator.aggregation != Aggregation.CENTRAL:
        kinds = {v.outcome["value_kind"] for v in indicator.values if v.outcome}
        if not all(comparable(kind, period, indicator.unit) for kind in kinds):
            return
    indicator.assessment = assess(
        governing_target({Level.COUNCIL: indicator.target} if indicator.target else {}),
        indicator.value,
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
