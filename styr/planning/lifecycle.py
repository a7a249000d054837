"""The plan's lifecycle: draft → proposal → adopted, and revised by later decisions.

A planner proposes a draft (or takes a proposal back to draft); only a decision, carried out
by the central office, adopts a proposal or revises an adopted plan. An adopted plan is
frozen: `plan_writable` refuses every change to it, whoever asks, except the changes a
decision makes while it is carried out (`by_decision`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from styr.lifecycle import Lifecycle, Refused, Transition
from styr.planning.choices import PlanStatus
from styr.planning.models import Plan

DRAFT, PROPOSAL, ADOPTED = PlanStatus.DRAFT, PlanStatus.PROPOSAL, PlanStatus.ADOPTED


def plan_refusal(plan: Plan, step: Transition, state: str) -> str:
    """Say, in a whole sentence, why the plan's state does not allow the step."""
    if state == ADOPTED:
        return _("%(plan)s is adopted: only a decision changes it.") % {"plan": plan}
    messages = {
        "propose": _("%(plan)s is proposed already."),
        "withdraw": _("%(plan)s is a draft already."),
        "adopt": _("%(plan)s is a draft: propose it before a decision adopts it."),
        "revise": _("%(plan)s is not adopted yet: a decision adopts it first."),
    }
    return messages[step.name] % {"plan": plan}


PLAN = Lifecycle(
    "plan",
    PlanStatus,
    [
        Transition(
            "propose",
            (DRAFT,),
            PROPOSAL,
            "planning.plan",
            "plan.proposed",
            gettext_lazy("Proposed"),
        ),
        Transition(
            "withdraw",
            (PROPOSAL,),
            DRAFT,
            "planning.plan",
            "plan.withdrawn",
            gettext_lazy("Withdrawn"),
        ),
        Transition(
            "adopt",
            (PROPOSAL,),
            ADOPTED,
            "decisions.decide",
            "plan.adopted",
            gettext_lazy("Adopted"),
        ),
        Transition(
            "revise",
            (ADOPTED,),
            ADOPTED,
            "decisions.decide",
            "plan.revised",
            gettext_lazy("Revised"),
        ),
    ],
    refusal=plan_refusal,
)

# The plan a decision is being carried out on, whose changes the freeze lets through.
deciding: ContextVar[int | None] = ContextVar("deciding", default=None)


@contextmanager
def by_decision(plan: Plan) -> Iterator[None]:
    """Let a decision change the plan while it is carried out, adopted or not."""
    token = deciding.set(plan.pk)
    try:
        yield
    finally:
        deciding.reset(token)


def plan_writable(plan: Plan | None) -> None:
    """Refuse a change to an adopted plan, unless a decision is making it."""
    if plan is None or plan.status != ADOPTED or deciding.get() == plan.pk:
        return
    raise Refused(
        _("%(plan)s is adopted: only a decision changes it.") % {"plan": plan},
        event="plan.changed",
        target=plan,
    )


def plan_editable(plan: Plan) -> bool:
    return plan.status != ADOPTED


@transaction.atomic
def plan_step(*, plan: Plan, step: str, actor, reason: str = "") -> Plan:
    """Take a step of the plan's lifecycle: check it, set the status, log the event."""
    current = Plan.objects.select_for_update().get(pk=plan.pk)
    transition = PLAN.check(current, step, actor)
    if transition.target != current.status:
        current.status = transition.target
        current.version += 1
        current.save(update_fields=["status", "version", "updated_at"])
    PLAN.record(current, step, actor, reason=reason)
    return current
