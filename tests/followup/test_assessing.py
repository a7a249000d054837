"""An outcome is judged against its target the way the municipality's rules say."""

from decimal import Decimal

import pytest

from styr.followup.assessing import assess, comparable, governing_target, outcome_judged
from styr.followup.choices import Assessment, Period, ValueKind
from styr.planning.choices import Level, Polarity, TargetKind
from styr.planning.models import Target

MET, PARTLY, NOT, NONE = (
    Assessment.MET,
    Assessment.PARTLY_MET,
    Assessment.NOT_MET,
    Assessment.NOT_ASSESSED,
)


def target(kind, value=None, unit=""):
    return Target(kind=kind, value=None if value is None else Decimal(value), unit=unit)


def judged(kind, value, outcome, *, polarity=Polarity.HIGHER, baseline=None, margin=20):
    return assess(
        target(kind, value),
        None if outcome is None else Decimal(outcome),
        baseline=None if baseline is None else Decimal(baseline),
        polarity=polarity,
        margin=Decimal(margin),
    )


@pytest.mark.parametrize(
    ("outcome", "verdict"),
    [("84", MET), ("90", MET), ("70", PARTLY), ("67.2", PARTLY), ("67.1", NOT)],
)
def test_higher_is_better_value_targets(outcome, verdict):
    # Aktivt medskapandeindex, target 84: partly met within 20 % of the target.
    assert judged(TargetKind.VALUE, "84", outcome) == verdict


@pytest.mark.parametrize(
    ("outcome", "verdict"),
    [("3", MET), ("2.1", MET), ("3.6", PARTLY), ("3.61", NOT)],
)
def test_lower_is_better_value_targets(outcome, verdict):
    # Sjukfrånvaro, target 3 %.
    assert judged(TargetKind.VALUE, "3", outcome, polarity=Polarity.LOWER) == verdict


def test_the_municipality_sets_what_partly_met_means():
    assert judged(TargetKind.VALUE, "100", "92", margin=5) == NOT
    assert judged(TargetKind.VALUE, "100", "96", margin=5) == PARTLY


@pytest.mark.parametrize(
    ("outcome", "verdict"), [("0.8", MET), ("-1", MET), ("1.2", PARTLY), ("-1.5", NOT)]
)
def test_a_tolerance_band(outcome, verdict):
    # Nämndens prognossäkerhet T2, +/- 1 %.
    assert judged(TargetKind.WITHIN, "1", outcome) == verdict


@pytest.mark.parametrize(
    ("kind", "outcome", "verdict"),
    [
        (TargetKind.INCREASE, "51", MET),
        (TargetKind.INCREASE, "50", PARTLY),
        (TargetKind.INCREASE, "49", NOT),
        (TargetKind.DECREASE, "49", MET),
        (TargetKind.DECREASE, "50", PARTLY),
        (TargetKind.DECREASE, "52", NOT),
        (TargetKind.UNCHANGED, "50", MET),
        (TargetKind.UNCHANGED, "45", PARTLY),
        (TargetKind.UNCHANGED, "30", NOT),
    ],
)
def test_direction_targets_compare_with_last_year(kind, outcome, verdict):
    assert judged(kind, None, outcome, baseline="50") == verdict


def test_a_direction_target_without_last_years_outcome_is_not_assessed():
    assert judged(TargetKind.INCREASE, None, "51") == NONE


def test_no_outcome_or_no_target_is_not_assessed():
    assert judged(TargetKind.VALUE, "84", None) == NONE
    assert assess(None, Decimal(1), baseline=None, polarity="higher", margin=Decimal(20)) == NONE


def test_the_boards_target_governs_else_the_councils():
    board, council = target(TargetKind.VALUE, "3"), target(TargetKind.VALUE, "4.4")
    assert governing_target({Level.BOARD: board, Level.COUNCIL: council}) is board
    assert governing_target({Level.COUNCIL: council}) is council


def test_a_target_the_council_left_to_the_board_needs_the_boards_value():
    left = target(TargetKind.SET_BY_BOARD)
    assert governing_target({Level.COUNCIL: left}) is None
    board = target(TargetKind.VALUE, "0")
    assert governing_target({Level.BOARD: board, Level.COUNCIL: left}) is board


def test_only_values_for_the_year_or_a_forecast_meet_an_annual_target():
    assert not comparable(ValueKind.PERIOD, Period.T1, "%")
    assert comparable(ValueKind.YEAR_TO_DATE, Period.T1, "%")
    assert not comparable(ValueKind.YEAR_TO_DATE, Period.T1, "st")
    assert comparable(ValueKind.YEAR_TO_DATE, Period.YEAR, "st")
    assert comparable(ValueKind.FORECAST, Period.T2, "mnkr")
    assert comparable(ValueKind.ROLLING_12, Period.T1, "st")


def outcome(value, value_kind=ValueKind.FORECAST, period=Period.T1, unit="%", baseline=None):
    return outcome_judged(
        target=target(TargetKind.VALUE, "84", unit),
        value=None if value is None else Decimal(value),
        value_kind=value_kind,
        period=period,
        unit=unit,
        baseline=baseline,
        polarity=Polarity.HIGHER,
        margin=Decimal(20),
    )


def test_one_rule_judges_an_outcome_against_its_target():
    assert outcome("90") == MET
    assert outcome("70") == PARTLY
    assert outcome("10") == NOT


def test_an_outcome_without_a_value_or_not_comparable_with_the_year_is_not_assessed():
    assert outcome(None) == NONE
    assert outcome("90", value_kind=ValueKind.PERIOD) == NONE
    # A count so far is not held against the year's target before the year ends …
    assert outcome("90", value_kind=ValueKind.YEAR_TO_DATE, unit="st") == NONE
    # … but a share so far is, and a count at year end.
    assert outcome("90", value_kind=ValueKind.YEAR_TO_DATE) == MET
    assert outcome("90", value_kind=ValueKind.YEAR_TO_DATE, period=Period.YEAR, unit="st") == MET
