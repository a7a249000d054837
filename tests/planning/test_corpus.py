"""The corpus: plans of other bodies than the sample's, written in the Stockholm layout (a
district council, a specialist board with a name of several words, a committee), each with its
expected result written by hand in tests/planning/corpus/<name>.json.

Each document must read to exactly its expected plan and decision, as text, as a PDF with a
running header and page numbers, and as a Word document; and, imported as `styr import-plan`
does and adopted, it must give the plan with the decision's amendments applied.
"""

import copy
import json
from pathlib import Path

import pytest

from styr.decisions.services import case_import, plan_adopt
from styr.planning.parsing import read_plan
from styr.planning.selectors import plan_document
from styr.planning.services import plan_import
from tests.planning.pdfs import pdf_of
from tests.planning.words import docx_of

# The expected warnings name their places in English ("line 113").
pytestmark = pytest.mark.usefixtures("in_english")

CORPUS = Path(__file__).parent / "corpus"
NAMES = sorted(path.stem for path in CORPUS.glob("*.txt"))
MUNICIPALITY = "Stockholms stad"
# Page layouts of the PDFs: the page number's form, and lines per page chosen so that page
# breaks fall inside paragraphs, table rows and the budget table.
PDF_LAYOUTS = [
    ("Sida {page} av {pages}", 23),
    ("{page}", 31),
    ("{page} ({pages})", 17),
]


def corpus_text(name: str) -> str:
    return (CORPUS / f"{name}.txt").read_text(encoding="utf-8")


def expected(name: str) -> dict:
    return json.loads((CORPUS / f"{name}.json").read_text(encoding="utf-8"))


def read(data: bytes, filename: str):
    """Read a document as the importer does; the municipality comes from the command line."""
    reading = read_plan(data, name=filename)
    assert not reading.problems, [str(problem) for problem in reading.problems]
    reading.document.municipality = reading.document.municipality or MUNICIPALITY
    return reading


def assert_reads_as_expected(reading, wanted: dict) -> None:
    assert reading.document.to_json() == wanted["plan"]
    assert reading.decision is not None, "the decision part was not read"
    assert reading.decision.to_json() == wanted["decision"]


def header(name: str) -> str:
    return f"{expected(name)['plan']['organisation']} – Verksamhetsplan 2013"


@pytest.mark.parametrize("name", NAMES)
def test_a_text_plan_of_the_corpus_reads_to_exactly_its_expected_result(name):
    reading = read(corpus_text(name).encode(), f"{name}.txt")

    assert_reads_as_expected(reading, expected(name))
    assert [warning.where for warning in reading.warnings] == expected(name)["warnings"]


@pytest.mark.parametrize(("page_numbers", "lines_per_page"), PDF_LAYOUTS)
@pytest.mark.parametrize("name", NAMES)
def test_a_pdf_of_a_corpus_plan_with_header_and_page_numbers_reads_the_same(
    name, page_numbers, lines_per_page
):
    pdf = pdf_of(
        corpus_text(name),
        header=header(name),
        page_numbers=page_numbers,
        lines_per_page=lines_per_page,
    )

    reading = read(pdf, f"{name}.pdf")

    assert_reads_as_expected(reading, expected(name))
    assert len(reading.warnings) == len(expected(name)["warnings"]), reading.warnings


@pytest.mark.parametrize("name", NAMES)
def test_a_word_document_of_a_corpus_plan_reads_the_same(name):
    reading = read(docx_of(corpus_text(name)), f"{name}.docx")

    assert_reads_as_expected(reading, expected(name))
    assert len(reading.warnings) == len(expected(name)["warnings"]), reading.warnings


def adopted(wanted: dict) -> dict:
    """Return the expected plan as its decision's amendments leave it, written independently
    of the importer: an end date changed, an activity added (for the plan's year) to a board
    goal, an activity removed."""
    plan = copy.deepcopy(wanted["plan"])
    plan["status"] = "adopted"
    goals = {goal["number"]: goal for part in plan["directions"] for goal in part["goals"]}
    for amendment in wanted["decision"]["amendments"]:
        goal = goals[amendment["section"]]
        if amendment["operation"] == "add_activity":
            (owner,) = [b for b in goal["board_goals"] if b["title"] == amendment["board_goal"]]
            activity = {"title": amendment["title"], "start": "2013-01-01", "end": "2013-12-31"}
            owner["activities"].append(activity)
            continue
        (owner, index) = named_activity([goal, *goal["board_goals"]], amendment["activity"])
        if amendment["operation"] == "remove_activity":
            del owner["activities"][index]
        else:
            owner["activities"][index]["end"] = amendment["end"]
    return plan


def named_activity(owners: list[dict], title: str) -> tuple[dict, int]:
    """Return the one goal that has an activity of the title, and the activity's place."""
    (found,) = [
        (owner, index)
        for owner in owners
        for index, activity in enumerate(owner["activities"])
        if activity["title"] == title
    ]
    return found


@pytest.mark.parametrize("name", NAMES)
def test_a_corpus_plan_imports_whole_and_its_adoption_applies_the_decided_changes(db, name):
    reading = read(corpus_text(name).encode(), f"{name}.txt")
    wanted = expected(name)

    plan = plan_import(document=reading.document)
    case = case_import(plan=plan, decision=reading.decision)

    assert plan_document(plan.pk).to_json() == wanted["plan"]
    decision = wanted["decision"]
    points = len(decision["decision_points"]) + sum(
        len(reservation["decision_points"]) for reservation in decision["reservations"]
    )
    assert case.decision_points.count() == points
    assert case.reservations.count() == len(decision["reservations"])
    assert case.amendments.count() == len(decision["amendments"]) == 3

    plan_adopt(plan=plan)

    assert plan_document(plan.pk).to_json() == adopted(wanted)
