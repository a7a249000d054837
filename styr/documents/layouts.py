"""The outline of each kind of subject: a plan with its decision, or a follow-up report."""

from __future__ import annotations

from styr.documents.outline import Outline
from styr.documents.plan_outline import plan_outline
from styr.documents.report_outline import report_outline

LAYOUTS = {"plan": plan_outline, "report": report_outline}


def outline_of(subject) -> Outline:
    if subject.kind not in LAYOUTS:
        raise TypeError(f"no document of a {subject.kind}")
    return LAYOUTS[subject.kind](subject)
