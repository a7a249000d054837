"""`styr import-plan --dry-run` shows what would be saved, and no import keeps a warning quiet."""

import dataclasses

import pytest

from styr.audit.models import Event
from styr.decisions.models import Case
from styr.planning.document import Problem
from styr.planning.importing import SAYS_ADOPTED, import_summary
from styr.planning.models import Plan
from styr.planning.parsing import Reading

pytestmark = pytest.mark.usefixtures("in_english")


def test_a_dry_run_prints_the_goal_tree_the_budget_total_and_the_decision(
    db, styr, sample_path, sample_document
):
    run = styr("import-plan", str(sample_path), "--dry-run")
    assert run.error is None, run.err
    assert "would import as a new plan: 3 direction goals, 13 area goals" in run.out
    for direction in sample_document.directions:
        assert f"  {direction.number}. {direction.title}" in run.out
        for goal in direction.goals:
            assert f"    {goal.number} {goal.title} (" in run.out
    assert "  budget total (KS förslag till budget): 1\u00a0339,00 mnkr" in run.out
    assert "  decision: 7 decision points, 3 amendments" in run.out
    assert not Plan.objects.exists() and not Case.objects.exists()
    assert not Event.objects.exists()


TOTAL = "KS förslag till budget 1 385,60 -46,60 1 339,00 \n"
NO_TOTAL = "line 2172: warning: the budget has no total"


def test_a_dry_run_and_an_import_write_the_readers_warnings_with_their_lines(
    db, styr, tmp_path, sample_text
):
    path = tmp_path / "plan.txt"
    assert TOTAL in sample_text
    path.write_text(sample_text.replace(TOTAL, "", 1), encoding="utf-8")
    dry = styr("import-plan", str(path), "--dry-run")
    assert f"{path}: {NO_TOTAL}" in dry.err
    assert "budget total (Sum of the lines): 1\u00a0339,00 mnkr" in dry.out
    assert not Plan.objects.exists()
    run = styr("import-plan", str(path))
    assert f"{path}: {NO_TOTAL}" in run.err
    assert Plan.objects.exists()


def test_a_document_that_says_adopted_is_a_warning_of_the_summary(sample_document):
    adopted = dataclasses.replace(sample_document, status="adopted")
    summary = import_summary(Reading(adopted))
    assert [w.message for w in summary.warnings] == [str(SAYS_ADOPTED)]


def test_the_summary_keeps_each_warning_of_the_reading_with_its_line(sample_document):
    guess = Problem("line 212", "the target “ökad” was read as an increase")
    summary = import_summary(Reading(sample_document, warnings=[guess]))
    assert summary.warnings == [guess]
    assert summary.ok
    assert ("indicators", 30) in summary.counts


def test_the_summary_lists_each_problem_once(sample_document):
    twice = Problem("line 3", "a problem")
    summary = import_summary(Reading(sample_document, [twice]), problems=[twice])
    assert summary.problems == [twice]
    assert not summary.ok


def test_an_import_records_who_imported_it_as_the_command_line(db, styr, sample_path):
    styr("import-plan", str(sample_path))
    event = Event.objects.get(action="plan.imported")
    assert event.actor is None and event.target_id == Plan.objects.get().pk
