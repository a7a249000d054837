"""Reads of plans, each in a fixed number of queries whatever the plan's size."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import QuerySet

from styr.planning.choices import Level
from styr.planning.document import (
    ActivityDoc,
    AreaGoalDoc,
    BoardGoalDoc,
    BudgetDoc,
    BudgetLineDoc,
    DirectionDoc,
    IndicatorDoc,
    InvestmentDoc,
    PlanDocument,
    ResultUnitDoc,
    SectionDoc,
)
from styr.planning.document import Target as TargetDoc
from styr.planning.models import (
    Activity,
    AreaGoal,
    BoardGoal,
    BudgetLine,
    Indicator,
    Plan,
    Section,
    Target,
)


def plan_list() -> QuerySet[Plan]:
    return Plan.objects.select_related("organisation__municipality").order_by(
        "organisation__municipality__name", "organisation__name", "-year"
    )


def plan_with_tree(plan_id: int) -> Plan:
    """Return a plan with its goal tree, indicators, targets, activities, budget and texts.

    Each indicator gets its targets for the plan's year as `board_target` and `council_target`.
    """
    items = ["indicators__targets", "activities"]
    plan = (
        Plan.objects.select_related("organisation__municipality", "organisation__office")
        .prefetch_related(
            "directions__goals",
            *[f"directions__goals__{item}" for item in items],
            "directions__goals__board_goals",
            *[f"directions__goals__board_goals__{item}" for item in items],
            "budget_lines",
            "investments",
            "result_units",
            "sections",
        )
        .get(pk=plan_id)
    )
    for direction in plan.directions.all():
        for goal in direction.goals.all():
            for owner in [goal, *goal.board_goals.all()]:
                for indicator in owner.indicators.all():
                    targets = {t.level: t for t in indicator.targets.all() if t.year == plan.year}
                    indicator.board_target = targets.get(Level.BOARD)
                    indicator.council_target = targets.get(Level.COUNCIL)
    return plan


def plan_document(plan_id: int) -> PlanDocument:
    """Return a plan as a document, the form the JSON export takes."""
    plan = plan_with_tree(plan_id)
    office = plan.organisation.office
    return PlanDocument(
        municipality=plan.organisation.municipality.name,
        organisation=plan.organisation.name,
        office=office.name if office else "",
        year=plan.year,
        status=plan.status,
        title=plan.title,
        directions=[
            DirectionDoc(
                d.number, d.title, d.description, [area_goal_document(g) for g in d.goals.all()]
            )
            for d in plan.directions.all()
        ],
        budget=budget_document(plan),
        sections=section_documents(list(plan.sections.all())),
    )


def area_goal_document(goal: AreaGoal) -> AreaGoalDoc:
    return AreaGoalDoc(
        number=goal.number,
        title=goal.title,
        description=goal.description,
        indicators=[indicator_document(i) for i in goal.indicators.all()],
        activities=[activity_document(a) for a in goal.activities.all()],
        board_goals=[board_goal_document(b) for b in goal.board_goals.all()],
    )


def board_goal_document(goal: BoardGoal) -> BoardGoalDoc:
    return BoardGoalDoc(
        title=goal.title,
        description=goal.description,
        indicators=[indicator_document(i) for i in goal.indicators.all()],
        activities=[activity_document(a) for a in goal.activities.all()],
    )


def indicator_document(indicator: Indicator) -> IndicatorDoc:
    return IndicatorDoc(
        name=indicator.name,
        periodicity=indicator.periodicity,
        all_boards=indicator.all_boards,
        board_target=target_document(indicator.board_target),
        council_target=target_document(indicator.council_target),
    )


def target_document(target: Target | None) -> TargetDoc | None:
    if target is None:
        return None
    return TargetDoc(target.text, target.kind, target.value, target.unit)


def activity_document(activity: Activity) -> ActivityDoc:
    return ActivityDoc(activity.title, activity.start, activity.end)


def budget_document(plan: Plan) -> BudgetDoc:
    lines = list(plan.budget_lines.all())
    return BudgetDoc(
        title=plan.budget_title,
        unit=plan.budget_unit,
        lines=[BudgetLineDoc(line.name, line.costs, line.revenues, line.net) for line in lines],
        total=budget_total(plan.budget_total_name, lines) if plan.budget_total_name else None,
        investments=[InvestmentDoc(i.text, i.amount) for i in plan.investments.all()],
        result_units=[ResultUnitDoc(r.name, r.text) for r in plan.result_units.all()],
    )


def budget_total(name: str, lines: list[BudgetLine]) -> BudgetLineDoc:
    """Return the sum of the budget lines; a column no line fills stays blank."""

    def column(values: list[Decimal | None]) -> Decimal | None:
        filled = [value for value in values if value is not None]
        return sum(filled, Decimal(0)) if filled else None

    return BudgetLineDoc(
        name,
        costs=column([line.costs for line in lines]),
        revenues=column([line.revenues for line in lines]),
        net=sum((line.net for line in lines), Decimal(0)),
    )


def section_documents(sections: list[Section]) -> list[SectionDoc]:
    """Return the sections as a tree; they come ordered, parents before children."""
    documents = {section.pk: SectionDoc(section.title, section.text) for section in sections}
    roots = []
    for section in sections:
        siblings = documents[section.parent_id].sections if section.parent_id else roots
        siblings.append(documents[section.pk])
    return roots
