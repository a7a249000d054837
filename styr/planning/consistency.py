"""Check that a plan document is consistent before it is saved."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from styr.planning.choices import VALUED_KINDS, TargetKind
from styr.planning.document import BudgetLineDoc, PlanDocument, Problem
from styr.swedish import amount_write

VALUED = set(VALUED_KINDS)
# The budget's columns as a message names them.
COLUMNS = {
    "costs": gettext_lazy("costs"),
    "revenues": gettext_lazy("revenues"),
    "net": gettext_lazy("net"),
}


def check_document(document: PlanDocument) -> list[Problem]:
    """Return every inconsistency in a plan: sums that don't add up, activities that end early."""
    return [
        *check_heading(document),
        *check_numbering(document),
        *check_targets(document),
        *check_activities(document),
        *check_budget(document),
    ]


def check_heading(document: PlanDocument) -> list[Problem]:
    named = {
        "municipality": document.municipality,
        "organisation": document.organisation,
        "title": document.title,
    }
    problems = [Problem(key, _("is missing")) for key, value in named.items() if not value.strip()]
    if not 1900 <= document.year <= 2100:
        problems.append(Problem("year", _("%(year)s is not a plan year") % {"year": document.year}))
    return problems


def check_numbering(document: PlanDocument) -> list[Problem]:
    problems = []
    seen: dict[str, str] = {}
    for direction in document.directions:
        for number, source in [(direction.number, direction.source)] + [
            (goal.number, goal.source) for goal in direction.goals
        ]:
            if number in seen:
                problems.append(
                    Problem(source, _("the number %(number)s is used twice") % {"number": number})
                )
            seen[number] = source
        for goal in direction.goals:
            if goal.number.split(".")[0] != direction.number:
                problems.append(
                    Problem(
                        goal.source,
                        _("the area goal %(goal)s stands under direction goal %(direction)s")
                        % {"goal": goal.number, "direction": direction.number},
                    )
                )
    return problems


def check_targets(document: PlanDocument) -> list[Problem]:
    problems = []
    for indicator in document.indicators():
        for target in (indicator.board_target, indicator.council_target):
            if target is None:
                continue
            if (target.kind in VALUED) != (target.value is not None):
                message = (
                    _(
                        "the target “%(target)s” of “%(indicator)s” "
                        "is of kind %(kind)s, which needs a value"
                    )
                    if target.kind in VALUED
                    else _(
                        "the target “%(target)s” of “%(indicator)s” "
                        "is of kind %(kind)s, which takes no value"
                    )
                )
                values = {"target": target.text, "indicator": indicator.name, "kind": target.kind}
                problems.append(Problem(indicator.source, message % values))
            elif message := range_problem(target):
                problems.append(
                    Problem(
                        indicator.source,
                        message % {"target": target.text, "indicator": indicator.name},
                    )
                )
    return problems


def range_problem(target) -> str | None:
    """Return what is wrong with a target's upper bound, with placeholders, if anything."""
    if target.kind != TargetKind.RANGE:
        if target.upper is None:
            return None
        return _("the target “%(target)s” of “%(indicator)s” is no range but has an upper bound")
    if target.upper is None:
        return _("the range “%(target)s” of “%(indicator)s” has no upper bound")
    if target.upper < target.value:
        return _("the range “%(target)s” of “%(indicator)s” ends below its start")
    return None


def check_activities(document: PlanDocument) -> list[Problem]:
    return [
        Problem(
            activity.source,
            _("the activity “%(title)s” starts %(start)s, after it ends %(end)s")
            % {
                "title": activity.title,
                "start": activity.start.isoformat(),
                "end": activity.end.isoformat(),
            },
        )
        for activity in document.activities()
        if activity.start > activity.end
    ]


def check_budget(document: PlanDocument) -> list[Problem]:
    budget = document.budget
    problems = [problem for line in budget.lines if (problem := check_net(line))]
    if budget.total is None:
        return problems
    if problem := check_net(budget.total):
        problems.append(problem)
    for column in ("costs", "revenues", "net"):
        stated = getattr(budget.total, column)
        if stated is None and any(getattr(line, column) is not None for line in budget.lines):
            problems.append(missing_in_total(budget.total, column))
            continue
        added = sum((amount(line, column) for line in budget.lines), Decimal(0))
        if stated is not None and stated != added:
            problems.append(
                Problem(
                    budget.total.source,
                    _(
                        "the lines' %(column)s add up to %(added)s, "
                        "but the total “%(total)s” says %(stated)s"
                    )
                    % {
                        "column": COLUMNS[column],
                        "added": amount_write(added),
                        "total": budget.total.name,
                        "stated": amount_write(stated),
                    },
                )
            )
    return problems


def missing_in_total(total: BudgetLineDoc, column: str) -> Problem:
    """Return the refusal of a total that lacks a column its lines have: a row cut off."""
    return Problem(
        total.source,
        _("the total “%(total)s” has no %(column)s, but the lines have: is the row cut off?")
        % {"total": total.name, "column": COLUMNS[column]},
    )


def amount(line: BudgetLineDoc, column: str) -> Decimal:
    """Return a line's amount in a column; a line without a net has costs plus revenues."""
    if column == "net" and line.net is None:
        return (line.costs or Decimal(0)) + (line.revenues or Decimal(0))
    return getattr(line, column) or Decimal(0)


def check_net(line: BudgetLineDoc) -> Problem | None:
    if line.revenues is not None and line.revenues > 0:
        return Problem(
            line.source,
            _(
                "the budget line “%(line)s” has revenues %(revenues)s: "
                "write revenues as negative numbers"
            )
            % {"line": line.name, "revenues": amount_write(line.revenues)},
        )
    if line.net is None:
        return None
    if line.costs is None and line.revenues is None:
        return Problem(
            line.source,
            _(
                "the budget line “%(line)s” has a net but no "
                "costs or revenues, and the net is their sum"
            )
            % {"line": line.name},
        )
    costs, revenues = line.costs or Decimal(0), line.revenues or Decimal(0)
    if costs + revenues == line.net:
        return None
    return Problem(
        line.source,
        _(
            "the budget line “%(line)s” has net %(net)s, but costs "
            "%(costs)s plus revenues %(revenues)s make %(made)s"
        )
        % {
            "line": line.name,
            "net": amount_write(line.net),
            "costs": amount_write(costs),
            "revenues": amount_write(revenues),
            "made": amount_write(costs + revenues),
        },
    )
