"""Check that a plan document is consistent before it is saved."""

from __future__ import annotations

from decimal import Decimal

from styr.planning.document import BudgetLineDoc, PlanDocument, Problem, swedish


def check_document(document: PlanDocument) -> list[Problem]:
    """Return every inconsistency in a plan: sums that don't add up, activities that end early."""
    return [*check_numbering(document), *check_activities(document), *check_budget(document)]


def check_numbering(document: PlanDocument) -> list[Problem]:
    problems = []
    for direction in document.directions:
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
    if line.net is None or (line.costs is None and line.revenues is None):
        return None
    costs, revenues = line.costs or Decimal(0), line.revenues or Decimal(0)
    if costs + revenues == line.net:
        return None
    return Problem(
        line.source,
        f"the budget line “{line.name}” has net {swedish(line.net)}, but costs "
        f"{swedish(costs)} plus revenues {swedish(revenues)} make {swedish(costs + revenues)}",
    )
