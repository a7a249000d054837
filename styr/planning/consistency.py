"""Check that a plan document is consistent before it is saved."""

from __future__ import annotations

from decimal import Decimal

from styr.planning.choices import TargetKind
from styr.planning.document import BudgetLineDoc, PlanDocument, Problem, swedish

VALUED = {TargetKind.VALUE, TargetKind.WITHIN}


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
    problems = [Problem(key, "is missing") for key, value in named.items() if not value.strip()]
    if not 1900 <= document.year <= 2100:
        problems.append(Problem("year", f"{document.year} is not a plan year"))
    return problems


def check_numbering(document: PlanDocument) -> list[Problem]:
    problems = []
    seen: dict[str, str] = {}
    for direction in document.directions:
        for number, source in [(direction.number, direction.source)] + [
            (goal.number, goal.source) for goal in direction.goals
        ]:
            if number in seen:
                problems.append(Problem(source, f"the number {number} is used twice"))
            seen[number] = source
        for goal in direction.goals:
            if goal.number.split(".")[0] != direction.number:
                problems.append(
                    Problem(
                        goal.source,
                        f"the area goal {goal.number} stands under direction goal "
                        f"{direction.number}",
                    )
                )
    return problems


def check_targets(document: PlanDocument) -> list[Problem]:
    problems = []
    for indicator in document.indicators():
        for target in (indicator.board_target, indicator.council_target):
            if target is not None and (target.kind in VALUED) != (target.value is not None):
                needs = "needs a value" if target.kind in VALUED else "takes no value"
                problems.append(
                    Problem(
                        indicator.source,
                        f"the target “{target.text}” of “{indicator.name}” is of kind "
                        f"{target.kind}, which {needs}",
                    )
                )
    return problems


def check_activities(document: PlanDocument) -> list[Problem]:
    return [
        Problem(
            activity.source,
            f"the activity “{activity.title}” starts {activity.start.isoformat()}, "
            f"after it ends {activity.end.isoformat()}",
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
        added = sum((amount(line, column) for line in budget.lines), Decimal(0))
        if stated is not None and stated != added:
            problems.append(
                Problem(
                    budget.total.source,
                    f"the lines' {column} add up to {swedish(added)}, "
                    f"but the total “{budget.total.name}” says {swedish(stated)}",
                )
            )
    return problems


def amount(line: BudgetLineDoc, column: str) -> Decimal:
    """Return a line's amount in a column; a line without a net has costs plus revenues."""
    if column == "net" and line.net is None:
        return (line.costs or Decimal(0)) + (line.revenues or Decimal(0))
    return getattr(line, column) or Decimal(0)


def check_net(line: BudgetLineDoc) -> Problem | None:
    if line.revenues is not None and line.revenues > 0:
        return Problem(
            line.source,
            f"the budget line “{line.name}” has revenues {swedish(line.revenues)}: "
            "write revenues as negative numbers",
        )
    if line.net is None:
        return None
    if line.costs is None and line.revenues is None:
        return Problem(
            line.source,
            f"the budget line “{line.name}” has a net but no costs or revenues, "
            "and the net is their sum",
        )
    costs, revenues = line.costs or Decimal(0), line.revenues or Decimal(0)
    if costs + revenues == line.net:
        return None
    return Problem(
        line.source,
        f"the budget line “{line.name}” has net {swedish(line.net)}, but costs "
        f"{swedish(costs)} plus revenues {swedish(revenues)} make {swedish(costs + revenues)}",
    )
