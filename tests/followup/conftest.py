"""Fixtures for follow-up: the first tertial report of the adopted sample plan."""

import pytest

from styr.followup.choices import Period
from styr.followup.services import report_open


@pytest.fixture
def t1_report(adopted_plan):
    """The plan's first tertial report, opened and empty."""
    return report_open(plan=adopted_plan, period=Period.T1)
