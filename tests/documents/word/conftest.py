"""Fixtures for the Word exporter: the sample plan as a subject."""

import pytest

import styr.documents.word  # noqa: F401  (registers the exporters)
from styr.documents.subjects import PlanSubject


@pytest.fixture
def plan_subject(sample_plan):
    return PlanSubject(sample_plan)
