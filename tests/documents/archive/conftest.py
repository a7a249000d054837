"""Fixtures for the open-data catalogue and the archival package: the sample plan adopted by the
sample's own decision (with its diary number), its approved T1 report, and another board's
adopted plan."""

import dataclasses

import pytest
from django.test import RequestFactory

from styr.decisions.services import case_import, plan_adopt
from styr.followup.choices import Period
from styr.followup.services import report_open
from styr.followup.synthetic import report_fill
from styr.planning.parsing import read_plan_file
from styr.planning.services import plan_import
from styr.planning.versions import latest_version


@pytest.fixture
def decided_plan(sample_plan, sample_path):
    """The sample plan adopted by the decision the sample document records."""
    case_import(plan=sample_plan, decision=read_plan_file(sample_path).decision)
    plan_adopt(plan=sample_plan)
    sample_plan.refresh_from_db()
    return sample_plan


@pytest.fixture
def adopted_version(decided_plan):
    return latest_version(decided_plan, "adopted")


@pytest.fixture
def approved_report(decided_plan):
    """The first tertial report, filled and approved."""
    return report_fill(report_open(plan=decided_plan, period=Period.T1), seed=1, approved=True)


@pytest.fixture
def other_board_plan(db, sample_document):
    """The sample's plan as another board's, adopted, with its T2 report approved."""
    document = dataclasses.replace(sample_document, organisation="Utbildningsnämnden")
    plan = plan_import(document=document)
    plan_adopt(plan=plan)
    plan.refresh_from_db()
    report_fill(report_open(plan=plan, period=Period.T2), seed=2, approved=True)
    return plan


@pytest.fixture
def public_request():
    """A visitor's request, not logged in."""
    return RequestFactory().get("/data/")
