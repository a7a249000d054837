"""Read plan documents (text, PDF or the project's JSON) into a `PlanDocument`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from styr.decisions.document import DecisionDocument
from styr.planning.document import PlanDocument, Problem
from styr.planning.parsing.lines import Joiner, Line, NotText, clean_lines, decode, megabytes
from styr.planning.parsing.pdf import pdf_text
from styr.planning.parsing.plan_json import JsonReader
from styr.planning.parsing.plan_text import PlanReader


@dataclass
class Reading:
    """What was read from a document: the plan, if any, the decision that wraps it, every
    problem (a reason to refuse the document) and every warning (a guess, shown and imported)."""

    document: PlanDocument | None
    problems: list[Problem] = field(default_factory=list)
    # The cleaned lines of a text or PDF document, for readers of its other parts.
    lines: list[Line] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    decision: DecisionDocument | None = None

    @property
    def ok(self) -> bool:
        return self.document is not None and not self.problems


def is_pdf(start: bytes, name: str) -> bool:
    return start.startswith(b"%PDF") or name.lower().endswith(".pdf")


def size_problem(size: int, *, start: bytes = b"", name: str = "") -> Problem | None:
    """Return the refusal of a document of `size` bytes, if it is larger than a plan may be.

    Ask before reading the document: an upload's `size`, a file's `stat()`, and its first bytes.
    """
    if is_pdf(start, name):
        limit, what, setting = settings.STYR_IMPORT_MAX_PDF_BYTES, "PDF", "PDF_BYTES"
    else:
        limit, what, setting = settings.STYR_IMPORT_MAX_TEXT_BYTES, "text or JSON", "TEXT_BYTES"
    if size <= limit:
        return None
    return Problem(
        "",
        f"the file is {megabytes(size)} MB; a plan in {what} may be at most "
        f"{megabytes(limit)} MB (STYR_IMPORT_MAX_{setting})",
    )


def read_plan(
    data: bytes, *, name: str = "", organisation: str | None = None, year: int | None = None
) -> Reading:
    """Read a plan from the bytes of a document; `name` tells JSON and PDF apart."""
    if too_large := size_problem(len(data), start=data[:4], name=name):
        return Reading(None, [too_large])
    if not data.strip():
        return Reading(None, [Problem("", "the file is empty")])
    try:
        if is_pdf(data, name):
            return read_text(pdf_text(data), organisation, year)
        text = decode(data)
    except NotText as error:
        return Reading(None, [error.problem])
    if name.lower().endswith(".json") or text.lstrip().startswith("{"):
        reader = JsonReader()
        return Reading(reader.read(text), reader.problems)
    return read_text(text, organisation, year)


def read_text(text: str, organisation: str | None, year: int | None) -> Reading:
    if too_long := lines_problem(text):
        return Reading(None, [too_long])
    lines = clean_lines(text)
    reader = PlanReader(lines, Joiner(lines))
    reading = Reading(reader.read(organisation, year), reader.problems, lines, reader.warnings)
    # Imported here: the decision's reader uses this package's line readers.
    from styr.decisions.parsing import read_decision

    decision = read_decision(lines)
    reading.decision = decision.decision
    reading.problems += decision.problems
    reading.warnings += decision.warnings
    return reading


def lines_problem(text: str) -> Problem | None:
    """Return the refusal of a text of more lines than a plan has: each line costs time to read."""
    count = sum(1 for line in text.splitlines() if line and not line.isspace())
    if count <= settings.STYR_IMPORT_MAX_LINES:
        return None
    return Problem(
        "",
        f"the document has {count} lines of text; a plan may have at most "
        f"{settings.STYR_IMPORT_MAX_LINES} (STYR_IMPORT_MAX_LINES)",
    )


def read_plan_file(path: Path, **options) -> Reading:
    """Read a plan from a file, refusing one larger than a plan may be before reading it."""
    with path.open("rb") as file:
        if too_large := size_problem(path.stat().st_size, start=file.read(4), name=path.name):
            return Reading(None, [too_large])
        file.seek(0)
        # A device or a growing file says nothing true of its size: read no more than a limit.
        most = max(settings.STYR_IMPORT_MAX_TEXT_BYTES, settings.STYR_IMPORT_MAX_PDF_BYTES)
        data = file.read(most + 1)
    return read_plan(data, name=path.name, **options)
