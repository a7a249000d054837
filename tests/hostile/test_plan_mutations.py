"""Plan documents in the Stockholm layout (the sample and the corpus of other bodies' plans),
changed the way copying, editing and cutting break them: lines deleted, duplicated, swapped,
cut short or joined, a number changed, a heading dropped, the document cut off.

Each is read and imported as `styr import-plan` does. It is saved whole or refused, never half
saved, never with a traceback; and a document that imports never lacks a part that its text
still holds whole unless the reading says so: an activity row, an indicator row or a budget row
that survived the change is in the plan, or a problem or warning names a line of it. A document
cut off before its budget's total never imports without a problem or a warning.
"""

import copy
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import transaction
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from styr.decisions.services import DecisionError, case_import
from styr.planning.document import BudgetLineDoc, PlanDocument
from styr.planning.parsing import read_plan
from styr.planning.services import InvalidPlan, PlanExists, plan_import
from tests.hostile.test_documents import assert_saved_whole, rows

# Places are compared as the English messages write them ("line 212").
pytestmark = pytest.mark.usefixtures("in_english")

CORPUS = Path(__file__).resolve().parent.parent / "planning" / "corpus"
PLAN_START = "ÄRENDET"
ACTIVITY_END = re.compile(r"^(.*?)\s*(\d{4}-\d{2}-\d{2})\s+(\d{4}-\d{2}-\d{2})$")
INDICATOR_END = re.compile(r"^(.*?)\s*\b(År|Tertial)$")
AMOUNT = r"[-−]?\d{1,3}(?:[ \u00a0]\d{3})*(?:,\d+)?"
BUDGET_ROW = re.compile(rf"^(\D.*?)((?:\s+{AMOUNT})+)$")
# The rest of a budget row: amounts that wrapped onto a line of their own.
AMOUNTS = re.compile(rf"^{AMOUNT}(?:\s+{AMOUNT})*$")
BUDGET_START = re.compile(r"\bKostnader\b")
BUDGET_END = re.compile(r"^Investeringar$")
# Lines after which a table row starts: table headings, the budget's unit line and headings.
ROW_START = re.compile(
    r"^(KF:s|Nämndens) (indikatorer|aktiviteter)|Periodicitet$|Slutdatum$|^Driftverksamhet"
    r"|^NÄMNDMÅL|^KF:S",
    re.IGNORECASE,
)
HEADING = re.compile(
    r"^(KF:S INRIKTNINGSMÅL|KF:S MÅL FÖR|NÄMNDMÅL|KF:s indikatorer|KF:s aktiviteter"
    r"|Nämndens (indikatorer|aktiviteter|ekonomiska)|ÄRENDET|BEREDNING|Investeringar"
    r"|Resultatenheter|Bilagor|Reservation anfördes)",
)
WHERE_LINE = re.compile(r"\bline (\d+)\b")
# Each example reads and imports a whole plan (the sample has 2 716 lines): a failure is
# reported as drawn, without shrinking, which would read hundreds of plans more.
UNSHRUNK = settings(phases=[Phase.explicit, Phase.reuse, Phase.generate])


def documents() -> dict[str, str]:
    sample = Path(__file__).resolve().parent.parent.parent / "styr/samples"
    paths = [sample / "stockholm-ks-verksamhetsplan-2013.txt", *sorted(CORPUS.glob("*.txt"))]
    return {path.stem: path.read_text(encoding="utf-8") for path in paths}


DOCUMENTS = documents()


@dataclass(frozen=True)
class Row:
    """A table row of the original document: its kind, the indexes of its non-blank lines and
    their texts, and the non-blank line before it (its place in the document)."""

    kind: str  # "activity", "indicator" or "budget"
    numbers: tuple[int, ...]
    texts: tuple[str, ...]
    before: str


def table_rows(lines: list[str]) -> list[Row]:
    """Return the activity, indicator and budget rows of a document's plan part."""
    start = next((i for i, line in enumerate(lines) if line.strip() == PLAN_START), len(lines))
    found: list[Row] = []
    boundary = None  # the last non-blank line a row cannot go on from
    in_budget = False
    for index in range(start, len(lines)):
        text = " ".join(lines[index].split())
        if not text:
            continue
        in_budget = (in_budget or bool(BUDGET_START.search(text))) and not BUDGET_END.match(text)
        kind = row_kind(text, in_budget)
        if kind is not None and boundary is not None:
            span = tuple(i for i in range(boundary + 1, index + 1) if lines[i].strip())
            texts = tuple(" ".join(lines[i].split()) for i in span)
            found.append(Row(kind, span, texts, lines[boundary]))
        amounts_only = in_budget and AMOUNTS.match(text)
        if kind or amounts_only or ROW_START.search(text) or HEADING.match(text):
            boundary = index
    return found


def row_kind(text: str, in_budget: bool) -> str | None:
    if in_budget:
        return "budget" if BUDGET_ROW.match(text) else None
    if ACTIVITY_END.match(text):
        return "activity"
    if INDICATOR_END.match(text):
        return "indicator"
    return None


@dataclass
class Mutated:
    """A changed document: each line with the number of the original line it is, if unchanged."""

    lines: list[tuple[int | None, str]]

    def text(self) -> str:
        return "\n".join(text for _, text in self.lines)


MUTATIONS = ["delete", "duplicate", "swap", "cut line", "number", "drop heading", "join", "cut"]


def mutated(data, original: list[str]) -> Mutated:
    """Apply one to four changes, as drawn, to the lines of a document."""
    document = Mutated(list(enumerate(original)))
    for _ in range(data.draw(st.integers(1, 4), label="changes")):
        lines = document.lines
        if len(lines) < 2:
            break
        at = data.draw(st.integers(0, len(lines) - 1), label="line")
        kind = data.draw(st.sampled_from(MUTATIONS), label="change")
        text = lines[at][1]
        if kind == "delete":
            del lines[at : at + data.draw(st.integers(1, 3), label="count")]
        elif kind == "duplicate":
            lines.insert(at, lines[at])
        elif kind == "swap":
            other = data.draw(st.integers(0, len(lines) - 1), label="other")
            lines[at], lines[other] = lines[other], lines[at]
        elif kind == "cut line" and text:
            lines[at] = (None, text[: data.draw(st.integers(0, len(text) - 1), label="length")])
        elif kind == "number" and re.search(r"\d+", text):
            found = data.draw(st.sampled_from(list(re.finditer(r"\d+", text))), label="number")
            value = data.draw(st.sampled_from(["0", "7", "13", "2012", "999 999"]), label="value")
            lines[at] = (None, text[: found.start()] + value + text[found.end() :])
        elif kind == "drop heading":
            headings = [i for i, (_, line) in enumerate(lines) if HEADING.match(line.strip())]
            if headings:
                del lines[data.draw(st.sampled_from(headings), label="heading")]
        elif kind == "join" and at + 1 < len(lines):
            lines[at : at + 2] = [(None, f"{text.rstrip()} {lines[at + 1][1].lstrip()}")]
        elif kind == "cut":
            length = data.draw(st.integers(0, max(len(text) - 1, 0)), label="length")
            document.lines = [*lines[:at], (None, text[:length])]
    return document


def imported(document: Mutated, name: str):
    """Read and import a document as `styr import-plan` does, in a transaction undone after;
    return the reading and the plan read, if it was saved. Asserts it was saved whole or
    refused with nothing saved."""
    with transaction.atomic():
        before = rows()
        reading = read_plan(document.text().encode(), name=name)
        plan = None
        if reading.ok:
            reading.document.municipality = reading.document.municipality or "Stockholms stad"
            try:
                with transaction.atomic():
                    saved = plan_import(document=reading.document)
                    case = (
                        case_import(plan=saved, decision=reading.decision)
                        if reading.decision
                        else None
                    )
                assert_saved_whole(saved, as_exported(reading.document), reading.decision, case)
                plan = reading.document
            except (InvalidPlan, DecisionError, PlanExists) as refusal:
                assert all(str(p).strip() for p in getattr(refusal, "problems", [refusal]))
        else:
            assert reading.problems and all(str(p).strip() for p in reading.problems)
        if plan is None:
            assert rows() == before, "a refused document changed the database"
        transaction.set_rollback(True)
    return reading, plan


def as_exported(document: PlanDocument) -> PlanDocument:
    """Return the document as the export writes the plan saved from it (docs/plan-json.md):
    each budget line's net filled in as costs + revenues, the total's columns as the sums of
    the lines' (a row whose net was cut off is saved, and exported, with it)."""
    exported = copy.deepcopy(document)
    budget = exported.budget
    for line in budget.lines:
        line.net = (line.costs or Decimal(0)) + (line.revenues or Decimal(0))
    if budget.total is not None:
        budget.total = BudgetLineDoc(
            budget.total.name,
            costs=column([line.costs for line in budget.lines]),
            revenues=column([line.revenues for line in budget.lines]),
            net=sum((line.net for line in budget.lines), Decimal(0)),
        )
    return exported


def column(values: list[Decimal | None]) -> Decimal | None:
    filled = [value for value in values if value is not None]
    return sum(filled, Decimal(0)) if filled else None


def surviving(document: Mutated, row: Row, places: dict[int, list[int]]) -> list[int]:
    """Return the line numbers (1-based, in the changed document) of the row where it is
    still whole and in its place, after the line it followed; else []. `places` gives the
    positions among the non-blank lines of each original line."""
    filled = [i for i, (_, text) in enumerate(document.lines) if text.strip()]
    for position in places.get(row.numbers[0], []):
        span = filled[position : position + len(row.numbers)]
        if tuple(document.lines[i][0] for i in span) != row.numbers:
            continue
        if position and document.lines[filled[position - 1]][1] == row.before:
            return [i + 1 for i in span]
    return []


def original_places(document: Mutated) -> dict[int, list[int]]:
    """Return, for each unchanged original line, its positions among the non-blank lines."""
    places: dict[int, list[int]] = {}
    filled = [number for number, text in document.lines if text.strip()]
    for position, number in enumerate(filled):
        if number is not None:
            places.setdefault(number, []).append(position)
    return places


def in_plan(plan: PlanDocument, row: Row) -> bool:
    """Tell whether the plan holds the row: a part that ends as the row's last line does."""
    last = row.texts[-1]
    if row.kind == "activity":
        head, start, end = ACTIVITY_END.match(last).groups()
        head = last_words(row, head)
        return any(
            " ".join(a.title.split()).endswith(head)
            and (a.start.isoformat(), a.end.isoformat()) == (start, end)
            for a in plan.activities()
        )
    if row.kind == "indicator":
        head, period = INDICATOR_END.match(last).groups()
        periodicity = "tertial" if period == "Tertial" else "year"
        head = last_words(row, head)
        return any(
            indicator.periodicity == periodicity and written(indicator).endswith(head)
            for indicator in plan.indicators()
        )
    name = BUDGET_ROW.match(last).group(1).strip()
    lines = [*plan.budget.lines, plan.budget.total]
    return any(line is not None and " ".join(line.name.split()).endswith(name) for line in lines)


def last_words(row: Row, head: str) -> str:
    """Return the row's last words before its dates or periodicity: the rest of its last line,
    or, where that holds only them, the line before (the end of a wrapped title or name)."""
    return next((text for text in reversed([*row.texts[:-1], head]) if text), "")


def written(indicator) -> str:
    """Return an indicator's row as the document writes it, without its periodicity."""
    targets = [indicator.board_target, indicator.council_target]
    parts = [indicator.name, *(target.text for target in targets if target is not None)]
    return " ".join(" ".join(parts).split())


def named_lines(reading) -> set[int]:
    return {
        int(match.group(1))
        for problem in [*reading.problems, *reading.warnings]
        if (match := WHERE_LINE.search(problem.where))
    }


@pytest.mark.hostile
@UNSHRUNK
@given(data=st.data())
def test_a_changed_plan_document_is_saved_whole_or_refused_and_never_drops_a_row_unsaid(db, data):
    name = data.draw(st.sampled_from(sorted(DOCUMENTS)), label="document")
    original = DOCUMENTS[name].splitlines()
    document = mutated(data, original)

    reading, plan = imported(document, f"{name}.txt")

    if plan is None:
        return
    mentioned = named_lines(reading)
    places = original_places(document)
    for row in table_rows(original):
        where = surviving(document, row, places)
        if where and not mentioned.intersection(where):
            assert in_plan(plan, row), f"{name}: the {row.kind} row at lines {where} is missing"


def budget_total_line(lines: list[str]) -> int:
    """Return the index of the budget's total row: the last row of the budget table."""
    return max(row.numbers[-1] for row in table_rows(lines) if row.kind == "budget")


@pytest.mark.hostile
@UNSHRUNK
@given(data=st.data())
def test_a_plan_cut_off_before_its_budget_total_never_imports_without_a_word(db, data):
    name = data.draw(st.sampled_from(sorted(DOCUMENTS)), label="document")
    original = DOCUMENTS[name].splitlines()
    start = next(i for i, line in enumerate(original) if line.strip() == PLAN_START)
    total = budget_total_line(original)
    at = data.draw(st.integers(start + 1, total), label="cut in line")
    length = data.draw(st.integers(0, max(len(original[at]) - 1, 0)), label="length")
    document = Mutated([*enumerate(original[:at]), (None, original[at][:length])])

    reading, plan = imported(document, f"{name}.txt")

    assert plan is None or reading.warnings, f"{name} cut in line {at + 1} imported without a word"


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_every_document_of_the_mutation_tests_has_its_rows_found(name):
    rows_found = table_rows(DOCUMENTS[name].splitlines())
    kinds = {row.kind for row in rows_found}

    assert kinds == {"activity", "indicator", "budget"}
    assert sum(row.kind == "budget" for row in rows_found) >= 4
