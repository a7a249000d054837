"""Writes to plans. Every change to a plan goes through these functions."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models, transaction

from styr.organisations.services import organisation_get_or_create
from styr.planning.choices import Level, PlanStatus
from styr.planning.consistency import check_document
from styr.planning.document import IndicatorDoc, PlanDocument, Problem, SectionDoc
from styr.planning.models import (
    Activity,
    AreaGoal,
    BoardGoal,
    BudgetLine,
    Direction,
    Indicator,
    Investment,
    Ordered,
    Plan,
    ResultUnit,
    Section,
    Target,
)


class PlanExists(Exception):
    def __init__(self, plan: Plan):
        super().__init__(f"{plan.organisation} already has a plan for {plan.year}: plan {plan.pk}")
        self.plan = plan


class InvalidPlan(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


@transaction.atomic
def plan_import(*, document: PlanDocument, replace: bool = False) -> Plan:
    """Save a plan document as a plan; replace the content of an existing one if asked to.

    Nothing is saved unless all of it is: a problem anywhere raises InvalidPlan.
    """
    if problems := check_document(document):
        raise InvalidPlan(problems)
    organisation = organisation_get_or_create(
        municipality_name=document.municipality,
        name=document.organisation,
        office_name=document.office,
    )
    plan = Plan.objects.filter(organisation=organisation, year=document.year).first()
    if plan is not None and not replace:
        raise PlanExists(plan)
    if plan is not None and plan.status == PlanStatus.ADOPTED:
        raise InvalidPlan([Problem("", f"plan {plan.pk} is adopted: only a decision changes it")])
    if plan is None:
        plan = Plan(organisation=organisation, year=document.year)
    else:
        plan_clear(plan=plan)
    plan.title = document.title
    plan.status = document.status
    plan.budget_title = document.budget.title
    plan.budget_unit = document.budget.unit
    plan.budget_total_name = document.budget.total.name if document.budget.total else ""
    PlanWriter(plan, document).write()
    return plan


def plan_clear(*, plan: Plan) -> None:
    """Delete everything a plan holds, keeping the plan itself."""
    for related in (plan.directions, plan.budget_lines, plan.investments, plan.result_units):
        related.all().delete()
    plan.sections.filter(parent=None).delete()


class PlanWriter:
    """Write a plan document into the database, one query per kind of object.

    Each object is checked field by field first, so that a problem names the place in the
    document; then the objects are created level by level, parents before children.
    """

    def __init__(self, plan: Plan, document: PlanDocument):
        self.plan = plan
        self.document = document
        self.problems: list[Problem] = []
        self.position = 0

    def write(self) -> None:
        self.check(self.plan, "", exclude=["organisation"])
        directions, goals, board_goals = [], [], []
        indicators, targets, activities = [], [], []
        for direction_doc in self.document.directions:
            direction = self.make(
                Direction,
                direction_doc.source,
                plan=self.plan,
                number=direction_doc.number,
                title=direction_doc.title,
                description=direction_doc.description,
            )
            directions.append(direction)
            for goal_doc in direction_doc.goals:
                goal = self.make(
                    AreaGoal,
                    goal_doc.source,
                    direction=direction,
                    number=goal_doc.number,
                    title=goal_doc.title,
                    description=goal_doc.description,
                )
                goals.append(goal)
                self.items(goal_doc, indicators, targets, activities, area_goal=goal)
                for board_doc in goal_doc.board_goals:
                    board_goal = self.make(
                        BoardGoal,
                        board_doc.source,
                        area_goal=goal,
                        title=board_doc.title,
                        description=board_doc.description,
                    )
                    board_goals.append(board_goal)
                    self.items(board_doc, indicators, targets, activities, board_goal=board_goal)
        budget = self.document.budget
        lines = [
            self.make(
                BudgetLine,
                line.source,
                plan=self.plan,
                name=line.name,
                costs=line.costs,
                revenues=line.revenues,
            )
            for line in budget.lines
        ]
        investments = [
            self.make(Investment, item.source, plan=self.plan, text=item.text, amount=item.amount)
            for item in budget.investments
        ]
        result_units = [
            self.make(ResultUnit, unit.source, plan=self.plan, name=unit.name, text=unit.text)
            for unit in budget.result_units
        ]
        sections = self.sections(self.document.sections, parent=None)
        if self.problems:
            raise InvalidPlan(self.problems)
        self.plan.save()
        for batch in (
            directions,
            goals,
            board_goals,
            indicators,
            targets,
            activities,
            lines,
            investments,
            result_units,
            *sections,
        ):
            if batch:
                type(batch[0]).objects.bulk_create(batch)

    def items(self, goal_doc, indicators, targets, activities, **goal) -> None:
        for indicator_doc in goal_doc.indicators:
            indicator = self.make(
                Indicator,
                indicator_doc.source,
                name=indicator_doc.name,
                periodicity=indicator_doc.periodicity,
                all_boards=indicator_doc.all_boards,
                **goal,
            )
            indicators.append(indicator)
            targets.extend(self.targets(indicator, indicator_doc))
        for activity_doc in goal_doc.activities:
            activities.append(
                self.make(
                    Activity,
                    activity_doc.source,
                    title=activity_doc.title,
                    start=activity_doc.start,
                    end=activity_doc.end,
                    **goal,
                )
            )

    def targets(self, indicator: Indicator, doc: IndicatorDoc) -> list[Target]:
        found = []
        for level, target in ((Level.BOARD, doc.board_target), (Level.COUNCIL, doc.council_target)):
            if target is not None:
                found.append(
                    self.make(
                        Target,
                        doc.source,
                        indicator=indicator,
                        year=self.document.year,
                        level=level,
                        text=target.text,
                        kind=target.kind,
                        value=target.value,
                        unit=target.unit,
                    )
                )
        return found

    def sections(self, docs: list[SectionDoc], parent: Section | None) -> list[list[Section]]:
        """Return the sections level by level, so that parents are created first."""
        levels: list[list[Section]] = [[]]
        for doc in docs:
            section = self.make(
                Section, doc.source, plan=self.plan, parent=parent, title=doc.title, text=doc.text
            )
            levels[0].append(section)
            for depth, level in enumerate(self.sections(doc.sections, parent=section), start=1):
                if len(levels) <= depth:
                    levels.append([])
                levels[depth].extend(level)
        return levels

    def make(self, model: type[models.Model], source: str, **fields) -> models.Model:
        self.position += 1
        if issubclass(model, Ordered):
            fields["position"] = self.position
        instance = model(**fields)
        relations = [f.name for f in model._meta.concrete_fields if f.is_relation]
        self.check(instance, source, exclude=relations)
        return instance

    def check(self, instance: models.Model, source: str, exclude: list[str]) -> None:
        try:
            instance.clean_fields(exclude=exclude)
            instance.clean()
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                for message in messages:
                    self.problems.append(Problem(source, f"{field}: {message}"))
