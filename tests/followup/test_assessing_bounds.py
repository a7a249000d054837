"""Bounds and ranges ("minst 90 %", "högst 5 %", "> 85 %", "< 5 %", "80–90 %") are judged with
the municipality's margin, whatever the indicator's polarity says."""

from decimal import Decimal

import pytest

from styr.followup.assessing import assess
from styr.followup.choices import Assessment
from styr.planning.choices import Polarity, TargetKind
from styr.planning.models import Target

MET, PARTLY, NOT = Assessment.MET, Assessment.PARTLY_MET, Assessment.NOT_MET


def judged(kind, value, outcome, *, upper=None, polarity=Polarity.HIGHER, margin=20):
    target = Target(
        kind=kind, value=Decimal(value), upper=None if upper is None else Decimal(upper)
    )
    return assess(
        target, Decimal(outcome), baseline=None, polarity=polarity, margin=Decimal(margin)
    )


@pytest.mark.parametrize(
    ("outcome", "verdict"), [("95", MET), ("90", MET), ("72", PARTLY), ("71.9", NOT)]
)
def test_an_at_least_target_is_met_from_its_bound_and_partly_within_the_margin(outcome, verdict):
    # minst 90 %: even on an indicator whose polarity says lower is better.
    assert judged(TargetKind.AT_LEAST, "90", outcome, polarity=Polarity.LOWER) == verdict


@pytest.mark.parametrize(
    ("outcome", "verdict"), [("2", MET), ("5", MET), ("6", PARTLY), ("6.1", NOT)]
)
def test_an_at_most_target_is_met_up_to_its_bound_and_partly_within_the_margin(outcome, verdict):
    # högst 5 %
    assert judged(TargetKind.AT_MOST, "5", outcome) == verdict


@pytest.mark.parametrize(
    ("outcome", "verdict"), [("85.1", MET), ("85", PARTLY), ("68", PARTLY), ("67.9", NOT)]
)
def test_an_above_target_is_not_met_by_its_bound_itself(outcome, verdict):
    # > 85 %
    assert judged(TargetKind.ABOVE, "85", outcome, polarity=Polarity.LOWER) == verdict


@pytest.mark.parametrize(
    ("outcome", "verdict"), [("4.9", MET), ("5", PARTLY), ("6", PARTLY), ("6.1", NOT)]
)
def test_a_below_target_is_not_met_by_its_bound_itself(outcome, verdict):
    # < 5 %
    assert judged(TargetKind.BELOW, "5", outcome) == verdict


@pytest.mark.parametrize(
    ("outcome", "verdict"),
    [
        ("80", MET),
        ("85", MET),
        ("90", MET),
        ("64", PARTLY),
        ("63.9", NOT),
        ("108", PARTLY),
        ("108.1", NOT),
    ],
)
def test_a_range_is_met_inside_and_partly_within_the_margin_of_the_missed_bound(outcome, verdict):
    # 80–90 %
    assert judged(TargetKind.RANGE, "80", outcome, upper="90") == verdict
