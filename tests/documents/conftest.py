"""Fixtures for documents and open data: the sample plan's approved annual report."""

import pytest

from styr.followup.choices import Period
from styr.followup.services import report_open
from styr.followup.synthetic import report_fill


@pytest.fixture
def annual_report(adopted_plan):
    """The annual report, filled with made-up values and approved."""
    return report_fill(report_open(plan=adopted_plan, period=Period.YEAR), seed=3, approved=True)
