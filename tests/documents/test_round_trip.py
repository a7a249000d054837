"""A plan's PDF and Word document, made with the decision that proposes it, read back to the same
plan and the same decision: its points, attachments, reservations and amendments."""

import pytest

from styr.decisions.selectors import case_document
from styr.documents.exporters import exporter_for
from styr.documents.subjects import PlanSubject
from styr.planning.importing import plan_and_decision_import
from styr.planning.parsing import read_plan, read_plan_file
from styr.planning.selectors import plan_document


@pytest.fixture
def proposed_plan(db, sample_path):
    """The sample plan with the decision its document records, not yet carried out."""
    reading = read_plan_file(sample_path)
    reading.document.municipality = "Stockholms stad"
    return plan_and_decision_import(document=reading.document, decision=reading.decision)


@pytest.mark.parametrize("identifier", ["docx", "pdf"])
def test_the_document_reads_back_to_the_same_plan_and_decision(proposed_plan, identifier):
    subject = PlanSubject(proposed_plan)
    rendered = exporter_for("plan", identifier).render(subject)
    reading = read_plan(rendered.content, name=rendered.name)
    assert reading.ok, reading.problems
    reading.document.municipality = "Stockholms stad"
    assert reading.document.to_json() == plan_document(proposed_plan.pk).to_json()
    assert reading.decision.to_json() == case_document(subject.case).to_json()
    assert len(reading.decision.reservations) == len(subject.decision.reservations) > 0
