"""Lifecycles of the record: which steps a plan, a decision, a report or a value can take.

Each app declares its lifecycle as a table of `Transition`s in its `lifecycle.py`: the
states a step leaves, the state it reaches, the rule (django-rules) that says who may take it
and the audit event it records. Services call `Lifecycle.check` before they change anything
and `Lifecycle.record` after, so that every caller (web, Excel, command line, admin,
importers) meets the same rules. A step the record's state does not allow raises `Refused`;
one the person may not take raises `PermissionDenied`. `actor=None` is the command line,
run by the central office's operator.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import rules
from django.core.exceptions import PermissionDenied
from django.utils.functional import Promise

from styr.audit.services import event_log


class Refused(Exception):
    """The record's state does not allow the step; the message says why, for the user.

    `event` names what was tried, so that the refusal can be logged where it is caught
    (after the transaction that tried it has been rolled back).
    """

    def __init__(self, message, *, event: str = "", target=None):
        super().__init__(str(message))
        self.event = event
        self.target = target


@dataclass(frozen=True)
class Transition:
    name: str
    sources: tuple[str, ...]
    target: str | None  # None: the step leaves the state as it is
    rule: str
    event: str
    label: str | Promise


class Lifecycle:
    def __init__(
        self,
        name: str,
        states,
        transitions: list[Transition],
        *,
        state: Callable = lambda record: record.status,
        refusal: Callable,
    ):
        self.name = name
        self.states = states
        self.transitions = {t.name: t for t in transitions}
        self.state = state
        self.refusal = refusal

    def __getitem__(self, name: str) -> Transition:
        return self.transitions[name]

    def check(self, record, name: str, actor, *, on=None) -> Transition:
        """Return the transition if the record's state and the actor allow it; else raise.

        The rule is tested on `on` if given (a value's report), else on the record.
        """
        step = self[name]
        state = self.state(record)
        if state not in step.sources:
            raise Refused(self.refusal(record, step, state), event=step.event, target=record)
        self.permit(name, actor, record if on is None else on)
        return step

    def permit(self, name: str, actor, on) -> None:
        """Refuse the actor a step their role does not allow on the object (a 403)."""
        if actor is not None and not rules.test_rule(self[name].rule, actor, on):
            raise PermissionDenied(self[name].event)

    def allows(self, record, name: str, actor) -> bool:
        """Say whether the step could be taken now, for pages that offer it as a button."""
        try:
            self.check(record, name, actor)
        except (Refused, PermissionDenied):
            return False
        return True

    def record(self, record, name: str, actor, *, reason: str = "", data=None) -> None:
        """Log that the step was taken; the service has made the change."""
        event_log(self[name].event, actor=actor, target=record, reason=reason, data=data)

    def diagram(self) -> str:
        """Return the lifecycle as a Mermaid state diagram, for docs/lifecycles.md."""
        lines = ["stateDiagram-v2"]
        for step in self.transitions.values():
            for source in step.sources:
                lines.append(f"    {source} --> {step.target or source}: {step.name}")
        return "\n".join(lines)
