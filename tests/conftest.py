"""Shared fixtures: the sample plan (the Stockholm executive board's plan for 2013)."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from styr.planning.parsing import read_plan_file
from styr.planning.services import plan_import

SAMPLE = (
    Path(__file__).resolve().parent.parent / "styr/samples/stockholm-ks-verksamhetsplan-2013.txt"
)


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def sample_document():
    """The sample read into a PlanDocument; read once, not to be changed by tests."""
    reading = read_plan_file(SAMPLE)
    assert reading.ok, reading.problems
    reading.document.municipality = "Stockholms stad"
    return reading.document


@pytest.fixture
def sample_plan(db, sample_document):
    """The sample saved as a plan."""
    return plan_import(document=sample_document)


class Run:
    """The outcome of a management command: its output, or the error it stopped with."""

    def __init__(self, *args: str):
        self.stdout, self.stderr = StringIO(), StringIO()
        self.error = None
        try:
            call_command(*args, stdout=self.stdout, stderr=self.stderr)
        except Exception as error:  # the test looks at what was raised
            self.error = error
        self.out = self.stdout.getvalue()
        self.err = self.stderr.getvalue()


@pytest.fixture
def styr():
    """Run a styr command in the test database: styr("import-plan", path)."""
    return Run
