"""The decision's lifecycle: a case is recorded, amended while it is open, and carried out.

Carrying out a decision adopts the plan (a proposal) or revises it (an adopted plan): the
plan's own lifecycle takes the matching step. A carried-out decision is a record and never
changes again.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from styr.lifecycle import Lifecycle, Transition


class CaseState(models.TextChoices):
    RECORDED = "recorded", gettext_lazy("Recorded")
    CARRIED_OUT = "carried_out", gettext_lazy("Carried out")


RECORDED, CARRIED_OUT = CaseState.RECORDED, CaseState.CARRIED_OUT


def case_state(case) -> str:
    return CARRIED_OUT if case.version_id else RECORDED


def case_refusal(case, step: Transition, state: str) -> str:
    return _("The decision “%(case)s” has been carried out: it is a record and cannot change.") % {
        "case": case
    }


CASE = Lifecycle(
    "decision",
    CaseState,
    [
        Transition(
            "change",
            (RECORDED,),
            None,
            "decisions.decide",
            "decision.changed",
            gettext_lazy("Changed"),
        ),
        Transition(
            "amend",
            (RECORDED,),
            None,
            "decisions.decide",
            "decision.amended",
            gettext_lazy("Amended"),
        ),
        Transition(
            "carry_out",
            (RECORDED,),
            CARRIED_OUT,
            "decisions.decide",
            "decision.carried_out",
            gettext_lazy("Carried out"),
        ),
    ],
    state=case_state,
    refusal=case_refusal,
)
