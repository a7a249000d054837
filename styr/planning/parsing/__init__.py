"""Read plan documents (text, PDF, Word or the project's JSON) into a `PlanDocument`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from styr.decisions.document import DecisionDocument
from styr.planning.document import PlanDocument, Problem
from styr.planning.parsing.lines import Joiner, Line, NotText, clean_lines, decode, megabytes
from styr.planning.parsing.pages import page_lines
from styr.planning.parsing.pdf import pdf_pages
from styr.planning.parsing.plan_json import JsonReader
from styr.planning.parsing.plan_text import PlanReader
from styr.planning.parsing.word import word_lines
from styr.uploads import OLE, ZIP


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


# The setting that limits the size of a document of each kind; text and JSON have TEXT_LIMIT.
LIMITS = {"pdf": "STYR_IMPORT_MAX_PDF_BYTES", "word": "STYR_IMPORT_MAX_WORD_BYTES"}
TEXT_LIMIT = "STYR_IMPORT_MAX_TEXT_BYTES"


def kind_of(start: bytes, name: str) -> str:
    """Return the kind of a document, "pdf", "word", "old word" or "text" (text or JSON), by
    its first bytes, else by its name."""
    name = name.lower()
    if start.startswith(b"%PDF"):
        return "pdf"
    if start.startswith(ZIP):
        return "word"
    if start.startswith(OLE):
        return "old word"
    if name.endswith(".pdf"):
        return "pdf"
    if name.endswith((".docx", ".docm")):
        return "word"
    if name.endswith(".doc"):
        return "old word"
    return "text"


def size_problem(size: int, *, start: bytes = b"", name: str = "") -> Problem | None:
    """Return the refusal of a document of `size` bytes, if it is larger than a plan may be.

    Ask before reading the document: an upload's `size`, a file's `stat()`, and its first bytes.
    """
    kind = kind_of(start, name)
    setting = LIMITS.get(kind, TEXT_LIMIT)
    limit = getattr(settings, setting)
    if size <= limit:
        return None
    what = {"pdf": "PDF", "word": "Word"}.get(kind) or _("text or JSON")
    return Problem(
        "",
        _("the file is %(size)s MB; a plan in %(format)s may be at most %(most)s MB (%(setting)s)")
        % {"size": megabytes(size), "format": what, "most": megabytes(limit), "setting": setting},
    )


def read_plan(
    data: bytes, *, name: str = "", organisation: str | None = None, year: int | None = None
) -> Reading:
    """Read a plan from the bytes of a document; its first bytes and its `name` tell text, JSON,
    PDF and Word apart."""
    if too_large := size_problem(len(data), start=data[:4], name=name):
        return Reading(None, [too_large])
    if not data.strip():
        return Reading(None, [Problem("", _("the file is empty"))])
    kind = kind_of(data[:4], name)
    try:
        if kind == "old word":
            raise NotText(
                _("the file is an old Word document (.doc): save it as a Word document (.docx)")
            )
        if kind == "pdf":
            pages = pdf_pages(data)
            if too_long := lines_problem("\n".join(pages)):
                return Reading(None, [too_long])
            return read_lines(clean_lines(page_lines(pages)), organisation, year)
        if kind == "word":
            lines = word_lines(data, name=name)
            if too_long := lines_problem(lines):
                return Reading(None, [too_long])
            return read_lines(lines, organisation, year)
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
    return read_lines(clean_lines(text), organisation, year)


def read_lines(lines: list[Line], organisation: str | None, year: int | None) -> Reading:
    """Read the plan, and the decision that wraps it, from the cleaned lines of a document."""
    reader = PlanReader(lines, Joiner(lines))
    reading = Reading(reader.read(organisation, year), reader.problems, lines, reader.warnings)
    # Imported here: the decision's reader uses this package's line readers.
    from styr.decisions.parsing import read_decision

    decision = read_decision(lines)
    reading.decision = decision.decision
    reading.problems += decision.problems
    reading.warnings += decision.warnings
    return reading


def lines_problem(text: str | list[Line]) -> Problem | None:
    """Return the refusal of a text of more lines than a plan has: each line costs time to read."""
    if isinstance(text, str):
        count = sum(1 for line in text.splitlines() if line and not line.isspace())
    else:
        count = len(text)
    if count <= settings.STYR_IMPORT_MAX_LINES:
        return None
    return Problem(
        "",
        _(
            "the document has %(count)d lines of text; a plan may have at most %(most)d "
            "(STYR_IMPORT_MAX_LINES)"
        )
        % {"count": count, "most": settings.STYR_IMPORT_MAX_LINES},
    )


def read_plan_file(path: Path, **options) -> Reading:
    """Read a plan from a file, refusing one larger than a plan may be before reading it."""
    with path.open("rb") as file:
        start = file.read(4)
        if too_large := size_problem(path.stat().st_size, start=start, name=path.name):
            return Reading(None, [too_large])
        file.seek(0)
        # A device or a growing file says nothing true of its size: read no more than the
        # limit of its kind (a read of n bytes takes n bytes of memory first).
        most = getattr(settings, LIMITS.get(kind_of(start, path.name), TEXT_LIMIT))
        data = file.read(most + 1)
    return read_plan(data, name=path.name, **options)
