"""Reads of plans, each in a fixed number of queries whatever the plan's size."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Q, QuerySet

from styr.accounts.predicates import roles
from styr.planning.choices import PlanStatus
from styr.planning.document import (
    ActivityDoc,
    AreaGoalDoc,
    AssignmentDoc,
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
from styr.planning.tree import plan_tree


def plans_visible_to(user) -> QuerySet[Plan]:
    """Return the plans a user may read: adopted ones, and their organisations' drafts."""
    plans = plan_list()
    if user.is_authenticated and user.is_superuser:
        return plans
    return plans.filter(Q(status=PlanStatus.ADOPTED) | Q(organisation_id__in=roles(user)))


def plan_list() -> QuerySet[Plan]:
    return Plan.objects.select_related("organisation__municipality").order_by(
        "organisation__municipality__name", "organisation__name", "-year"
    )


def plan_document(plan_id: int) -> PlanDocument:
    """Return a plan as a document, the form the JSON export takes."""
    plan = Plan.objects.select_related("organisation__municipality", "organisation__office").get(
        pk=plan_id
    )
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
                d.number, d.title, d.description, [area_goal_document(g) for g in d.goal_list]
            )
            for d in plan_tree(plan)
        ],
        budget=budget_document(plan),
        sections=section_documents(list(plan.sections.all())),
        assignments=[AssignmentDoc(a.title, a.description, a.due) for a in plan.assignments.all()],
    )


def area_goal_document(goal: AreaGoal) -> AreaGoalDoc:
    return AreaGoalDoc(
        number=goal.number,
        title=goal.title,
        description=goal.description,
        indicators=[indicator_document(i) for i in goal.indicator_list],
        activities=[activity_document(a) for a in goal.activity_list],
        board_goals=[board_goal_document(b) for b in goal.board_goal_list],
    )


def board_goal_document(goal: BoardGoal) -> BoardGoalDoc:
    return BoardGoalDoc(
        title=goal.title,
        description=goal.description,
        indicators=[indicator_document(i) for i in goal.indicator_list],
        activities=[activity_document(a) for a in goal.activity_list],
    )


def indicator_document(indicator: Indicator) -> IndicatorDoc:
    return IndicatorDoc(
        name=indicator.name,
        periodicity=indicator.periodicity,
        all_boards=indicator.all_boards,
        polarity=indicator.polarity,
        aggregation=indicator.aggregation,
        board_target=target_document(indicator.board_target),
        council_target=target_document(indicator.council_target),
    )


def target_document(target: Target | None) -> TargetDoc | None:
    if target is None:
        return None
    return TargetDoc(target.text, target.kind, target.value, target.unit, target.upper)


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
