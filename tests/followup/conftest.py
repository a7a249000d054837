"""Fixtures for follow-up: the sample plan adopted, and its reports for the year."""

import pytest

from styr.decisions.services import plan_adopt
from styr.followup.choices import Period
from styr.followup.services import report_open
from styr.followup.synthetic import report_fill
from styr.planning.choices import PlanStatus


@pytest.fixture
def adopted_plan(sample_plan):
    """The sample plan as adopted, with its decision's amendments carried out."""
    sample_plan.refresh_from_db()
    if sample_plan.status != PlanStatus.ADOPTED:
        plan_adopt(plan=sample_plan)
        sample_plan.refresh_from_db()
    return sample_plan


@pytest.fixture
def t1_report(adopted_plan):
    """The plan's first tertial report, opened and empty."""
    return report_open(plan=adopted_plan, period=Period.T1)


@pytest.fixture
def year_of_reports(adopted_plan):
    """T1, T2 and the annual report, each filled with made-up values and approved."""
    return {
        period: report_fill(report_open(plan=adopted_plan, period=period), seed=n, approved=True)
        for n, period in enumerate(Period, start=1)
    }
