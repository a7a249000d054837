"""Read plan documents (text, PDF or the project's JSON) into a `PlanDocument`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from styr.planning.document import PlanDocument, Problem
from styr.planning.parsing.lines import Joiner, Line, NotText, clean_lines, decode
from styr.planning.parsing.pdf import pdf_text
from styr.planning.parsing.plan_json import JsonReader
from styr.planning.parsing.plan_text import PlanReader


@dataclass
class Reading:
    """What was read from a document: the plan, if any, and every problem found in it."""

    document: PlanDocument | None
    problems: list[Problem] = field(default_factory=list)
    # The cleaned lines of a text or PDF document, for readers of its other parts.
    lines: list[Line] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.document is not None and not self.problems


def read_plan(
    data: bytes, *, name: str = "", organisation: str | None = None, year: int | None = None
) -> Reading:
    """Read a plan from the bytes of a document; `name` tells JSON and PDF apart."""
    if not data.strip():
        return Reading(None, [Problem("", "the file is empty")])
    try:
        if data.startswith(b"%PDF") or name.lower().endswith(".pdf"):
            return read_text(pdf_text(data), organisation, year)
        text = decode(data)
    except NotText as error:
        return Reading(None, [Problem("", str(error))])
    if name.lower().endswith(".json") or text.lstrip().startswith("{"):
        reader = JsonReader()
        return Reading(reader.read(text), reader.problems)
    return read_text(text, organisation, year)


def read_text(text: str, organisation: str | None, year: int | None) -> Reading:
    lines = clean_lines(text)
    reader = PlanReader(lines, Joiner(lines))
    return Reading(reader.read(organisation, year), reader.problems, lines)


def read_plan_file(path: Path, **options) -> Reading:
    return read_plan(path.read_bytes(), name=path.name, **options)
