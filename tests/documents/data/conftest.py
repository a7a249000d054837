"""Fixtures for the open-data tables: the subjects of the sample plan and of its approved
reports (tests/conftest.py)."""

import pytest

from styr.documents.subjects import PlanSubject, ReportSubject


@pytest.fixture
def plan_subject(sample_plan):
    return PlanSubject(sample_plan)


@pytest.fixture
def adopted_subject(adopted_plan):
    return PlanSubject(adopted_plan)


@pytest.fixture
def report_subjects(year_of_reports):
    return {period: ReportSubject(report) for period, report in year_of_reports.items()}
