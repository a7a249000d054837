"""Import a plan document with its decision, rehearse the import, and sum up what it holds.

`styr import-plan` and the upload page both save through `plan_and_decision_import`, and
both show `import_summary`: the page as its preview, the command as its dry run. Nothing is
saved unless all of it is, and `import_rehearsed` runs the same services in a transaction
that is rolled back, so a refused document shows every problem the import would meet.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from styr.audit.services import event_log
from styr.decisions.document import DecisionDocument
from styr.decisions.services import case_import
from styr.lifecycle import Refused
from styr.organisations.models import Organisation
from styr.planning.choices import PlanStatus
from styr.planning.commands import COUNTED
from styr.planning.document import BudgetLineDoc, PlanDocument, Problem
from styr.planning.models import Plan
from styr.planning.parsing import Reading
from styr.planning.services import InvalidPlan, PlanExists, plan_import
from styr.swedish import amount_write

# A document may say it is adopted, but only a decision adopts a plan (plan_import).
SAYS_ADOPTED = gettext_lazy(
    "the document says the plan is adopted; it is imported as a proposal, which its decision adopts"
)


@transaction.atomic
def plan_and_decision_import(
    *,
    document: PlanDocument,
    decision: DecisionDocument | None,
    replace: bool = False,
    actor=None,
) -> Plan:
    """Save the plan and record its decision, all or nothing; log who did it (None: the
    command line). Raises what plan_import and case_import raise."""
    plan = plan_import(document=document, replace=replace)
    if decision is not None:
        case_import(plan=plan, decision=decision, actor=actor)
    event_log("plan.imported", actor=actor, target=plan, data={"replaced": replace})
    return plan


def document_placed(document: PlanDocument, organisation: Organisation) -> list[Problem]:
    """Give the document the chosen organisation; refuse one that names another body."""
    if document.organisation.casefold() != organisation.name.casefold():
        return [
            Problem(
                "",
                _("the document is the plan of %(named)s, not of %(chosen)s")
                % {"named": document.organisation, "chosen": organisation.name},
            )
        ]
    document.organisation = organisation.name
    document.municipality = organisation.municipality.name
    return []


# What an import refuses with: each becomes a problem for the user (`refusal_problems`).
REFUSALS = (InvalidPlan, PlanExists, Refused, PermissionDenied)


def refusal_problems(error: Exception) -> list[Problem]:
    """Return the problems an import's refusal names, as the page and the dry run list them."""
    if isinstance(error, InvalidPlan):
        return error.problems
    if isinstance(error, PlanExists):
        return [Problem("", str(error))]
    if isinstance(error, Refused):  # DecisionError too: the decision cannot be recorded
        return [Problem(_("the decision"), str(error))]
    return [Problem(_("the decision"), _("you may not record the decision"))]


def import_rehearsed(**arguments) -> list[Problem]:
    """Return the problems `plan_and_decision_import(**arguments)` would meet, saving nothing:
    the import is run and rolled back, its audit events with it."""
    try:
        with transaction.atomic():
            plan_and_decision_import(**arguments)
            transaction.set_rollback(True)
    except REFUSALS as error:
        return refusal_problems(error)
    return []


@dataclass
class BudgetRow:
    """A line of the budget as the preview shows it, its amounts in Swedish ("1 385,60")."""

    name: str
    costs: str
    revenues: str
    net: str
    source: str = ""


def amount(value: Decimal | None) -> str:
    return "–" if value is None else amount_write(value)


def budget_row(line: BudgetLineDoc) -> BudgetRow:
    return BudgetRow(
        line.name, amount(line.costs), amount(line.revenues), amount(line.net), line.source
    )


@dataclass
class ImportSummary:
    """What an import would save, and what stands in its way: the preview and the dry run."""

    document: PlanDocument | None
    decision: DecisionDocument | None
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    counts: list[tuple[str, int]] = field(default_factory=list)
    budget: list[BudgetRow] = field(default_factory=list)
    total: BudgetRow | None = None
    # The parties that reserved themselves, by the forum they did it in.
    reservations: dict[str, list[str]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.document is not None and not self.problems


def import_summary(reading: Reading, *, problems: list[Problem] = ()) -> ImportSummary:
    """Sum up a reading, with the problems found besides the reader's (the rehearsed import),
    each problem once."""
    document, decision = reading.document, reading.decision
    summary = ImportSummary(
        document,
        decision,
        problems=distinct([*reading.problems, *problems]),
        warnings=list(reading.warnings),
    )
    if document is not None and document.status == PlanStatus.ADOPTED:
        summary.warnings.append(Problem("", str(SAYS_ADOPTED)))
    if document is not None:
        summary.counts = [(str(COUNTED[name]), n) for name, n in document.counts().items()]
        summary.budget = [budget_row(line) for line in document.budget.lines]
        summary.total = budget_total(document)
    if decision is not None:
        for reservation in decision.reservations:
            summary.reservations.setdefault(reservation.forum, []).append(reservation.party)
    return summary


def budget_total(document: PlanDocument) -> BudgetRow | None:
    """Return the budget's total as the document gives it, else the sum of its lines' nets."""
    budget = document.budget
    if budget.total is not None:
        return budget_row(budget.total)
    nets = [line.net for line in budget.lines if line.net is not None]
    if not nets:
        return None
    return BudgetRow(_("Sum of the lines"), "–", "–", amount(sum(nets, Decimal(0))))


def distinct(problems: list[Problem]) -> list[Problem]:
    """Return the problems in order, each one once (the reader and the services may agree)."""
    seen, kept = set(), []
    for problem in problems:
        key = (problem.where, problem.message)
        if key not in seen:
            seen.add(key)
            kept.append(problem)
    return kept
