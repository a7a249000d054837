"""Judge an indicator's outcome against its annual target (DOMAIN.md 2.3).

The sources give no formula for "partly met"; the municipality sets a margin (20 % of the
target by default): an outcome that misses the target by at most that much is partly met.
`öka`, `minska` and `oförändrad` compare with the previous year's outcome: better is met,
unchanged is partly met, worse is not met; `oförändrad` is met when equal and partly met
within the margin.

Bounds and ranges use the same margin: `minst 90 %` is met from 90 on and partly met from
72 (90 less 20 % of 90); `högst 5 %` is met up to 5 and partly met up to 6; `> 85 %` is met
above 85 and partly met from 68 up to 85 itself; `< 5 %` likewise below; `80–90 %` is met
inside the range, and partly met within the margin of the bound that is missed (64 or 108).
"""

from __future__ import annotations

from decimal import Decimal

from styr.followup.choices import Assessment, Period, ValueKind
from styr.planning.choices import Level, Polarity, TargetKind

HUNDRED = Decimal(100)
# The bounds: which side of the bound is better, and whether the bound itself meets it.
BOUNDS = {
    TargetKind.AT_LEAST: (Polarity.HIGHER, True),
    TargetKind.AT_MOST: (Polarity.LOWER, True),
    TargetKind.ABOVE: (Polarity.HIGHER, False),
    TargetKind.BELOW: (Polarity.LOWER, False),
}
# Units of what adds up over the year: counts and sums of money.
ACCUMULATING_UNITS = {"st", "kr", "tkr", "mnkr", "mdkr"}


def governing_target(targets: dict[str, object]):
    """Return the target an outcome is judged by: the board's, else the council's.

    `targets` maps a level to the indicator's Target of the year. The council may leave the
    value to the board (`tas fram av nämnden`); then only the board's target can judge.
    """
    board = targets.get(Level.BOARD)
    if board is not None:
        return board
    council = targets.get(Level.COUNCIL)
    if council is not None and council.kind != TargetKind.SET_BY_BOARD:
        return council
    return None


def comparable(value_kind: str, period: str, unit: str) -> bool:
    """Say whether a value can be held against an annual target.

    A value for the period never can. The year so far can at year end, and before it for
    shares, indices and rates, but not for counts and amounts, which add up over the year
    (3 st a year is not missed by 1 st in April): for those only a forecast can.
    """
    if value_kind == ValueKind.PERIOD:
        return False
    if value_kind == ValueKind.YEAR_TO_DATE and period != Period.YEAR:
        return unit.lower() not in ACCUMULATING_UNITS
    return True


def assess(
    target,
    value: Decimal | None,
    *,
    baseline: Decimal | None,
    polarity: str,
    margin: Decimal,
) -> Assessment:
    """Return the verdict on a value against a target; `margin` is in per cent of the target."""
    if target is None or value is None:
        return Assessment.NOT_ASSESSED
    share = margin / HUNDRED
    if target.kind == TargetKind.VALUE:
        return against_value(value, target.value, polarity, share)
    if target.kind == TargetKind.WITHIN:
        return against_band(value, abs(target.value), share)
    if target.kind in BOUNDS:
        return against_bound(value, target.value, BOUNDS[target.kind], share)
    if target.kind == TargetKind.RANGE:
        return against_range(value, target.value, target.upper, share)
    if baseline is None:
        return Assessment.NOT_ASSESSED
    if target.kind == TargetKind.UNCHANGED:
        return against_baseline(value, baseline, share)
    wanted = Polarity.HIGHER if target.kind == TargetKind.INCREASE else Polarity.LOWER
    return against_trend(value, baseline, wanted)


def against_value(value: Decimal, target: Decimal, polarity: str, share: Decimal) -> Assessment:
    shortfall = target - value if polarity == Polarity.HIGHER else value - target
    if shortfall <= 0:
        return Assessment.MET
    if shortfall <= abs(target) * share:
        return Assessment.PARTLY_MET
    return Assessment.NOT_MET


def against_bound(value: Decimal, bound: Decimal, rule: tuple[str, bool], share: Decimal):
    """Judge a value against a bound: `rule` is the side that is better, and whether the bound
    itself is met (minst, högst) or only partly met (>, <)."""
    polarity, inclusive = rule
    if value == bound:
        return Assessment.MET if inclusive else Assessment.PARTLY_MET
    return against_value(value, bound, polarity, share)


def against_range(value: Decimal, lower: Decimal, upper: Decimal, share: Decimal) -> Assessment:
    """Judge a value that should lie from `lower` to `upper` (80–90 %)."""
    if value < lower:
        return against_value(value, lower, Polarity.HIGHER, share)
    return against_value(value, upper, Polarity.LOWER, share)


def against_band(value: Decimal, bound: Decimal, share: Decimal) -> Assessment:
    """Judge a value that should lie within ±bound (a forecast deviation of +/- 1 %)."""
    if abs(value) <= bound:
        return Assessment.MET
    if abs(value) <= bound * (1 + share):
        return Assessment.PARTLY_MET
    return Assessment.NOT_MET


def against_baseline(value: Decimal, baseline: Decimal, share: Decimal) -> Assessment:
    """Judge a value that should stay as it was (oförändrad)."""
    change = abs(value - baseline)
    if change == 0:
        return Assessment.MET
    if change <= abs(baseline) * share:
        return Assessment.PARTLY_MET
    return Assessment.NOT_MET


def against_trend(value: Decimal, baseline: Decimal, wanted: str) -> Assessment:
    if value == baseline:
        return Assessment.PARTLY_MET
    better = value > baseline if wanted == Polarity.HIGHER else value < baseline
    return Assessment.MET if better else Assessment.NOT_MET


def outcome_judged(
    *,
    target,
    value: Decimal | None,
    value_kind: str,
    period: str,
    unit: str,
    baseline: Decimal | None,
    polarity: str,
    margin: Decimal,
) -> Assessment:
    """Return the verdict on an outcome: the one rule every page, export and roll-up judges by.

    An outcome without a value, or with one that cannot be held against an annual target (a
    value for the period, a count so far before year end), is not assessed; any other is
    assessed against its target.
    """
    if value is None or not comparable(value_kind, period, unit or ""):
        return Assessment.NOT_ASSESSED
    return assess(target, value, baseline=baseline, polarity=polarity, margin=margin)


def entry_judged(outcome, *, target, baseline, period: str, polarity: str, margin) -> Assessment:
    """Return the computed verdict on a saved outcome (None: not assessed), in the target's
    unit, else the outcome's own."""
    if outcome is None:
        return Assessment.NOT_ASSESSED
    return outcome_judged(
        target=target,
        value=outcome.value,
        value_kind=outcome.value_kind,
        period=period,
        unit=(target.unit if target else outcome.unit) or "",
        baseline=baseline,
        polarity=polarity,
        margin=margin,
    )
