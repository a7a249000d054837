"""Fixtures for the audit events: a browser in English, and a record with events of every kind."""

import pytest
from django.conf import settings
from django.utils import translation

from styr.audit.services import event_log
from styr.decisions.services import plan_adopt
from styr.followup.choices import Period
from styr.followup.services import report_open
from styr.followup.synthetic import report_fill


@pytest.fixture
def english(client):
    """The test client, reading pages in English, as the source writes them."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield client


@pytest.fixture
def central(english, administrator):
    """The central office's browser."""
    english.force_login(administrator)
    return english


@pytest.fixture
def record(sample_plan, administrator):
    """The sample plan adopted by its decision, its T1 report filled in and approved, and a
    refusal: events on plans, decisions, reports and values, as the services log them."""
    plan_adopt(plan=sample_plan, actor=administrator)
    sample_plan.refresh_from_db()
    report = report_fill(report_open(plan=sample_plan, period=Period.T1), approved=True)
    event_log(
        "report.approved", actor=administrator, target=report, reason="Redan godkänd", refused=True
    )
    return sample_plan
