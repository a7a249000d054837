"""Writes to plans. Every change to a plan goes through these functions."""

from __future__ import annotations

import itertools
from collections import defaultdict

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from styr.organisations.models import Municipality, Office, Organisation
from styr.organisations.services import organisation_get_or_create
from styr.planning.choices import Level, PlanStatus
from styr.planning.consistency import check_document
from styr.planning.document import (
    AreaGoalDoc,
    BoardGoalDoc,
    DirectionDoc,
    PlanDocument,
    Problem,
    SectionDoc,
)
from styr.planning.models import (
    Activity,
    AreaGoal,
    Assignment,
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
        super().__init__(
            _("%(organisation)s already has a plan for %(year)s: plan %(id)s")
            % {"organisation": plan.organisation, "year": plan.year, "id": plan.pk}
        )
        self.plan = plan


class InvalidPlan(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


@transaction.atomic
def plan_import(*, document: PlanDocument, replace: bool = False) -> Plan:
    """Save a plan document as a plan; replace the content of an existing one if asked to.

    Nothing is saved unless all of it is: a problem anywhere raises InvalidPlan. A document
    that says it is adopted is saved as a proposal: only a decision adopts a plan
    (decisions.services.plan_adopt), so an import never reaches a later state than that.
    """
    if too_many := parts_problem(document):
        raise InvalidPlan([too_many])
    if problems := check_document(document) or register_problems(document):
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
    plan.status = imported_status(document)
    plan.budget_title = document.budget.title
    plan.budget_unit = document.budget.unit
    plan.budget_total_name = document.budget.total.name if document.budget.total else ""
    PlanWriter(plan, document).write()
    return plan


def parts_problem(document: PlanDocument) -> Problem | None:
    """Return the refusal of a document with more parts than a plan has, before it is checked."""
    count = plan_parts(document)
    if count <= settings.STYR_IMPORT_MAX_PARTS:
        return None
    return Problem(
        "",
        f"the plan has {count} parts (goals, indicators, activities, budget lines, sections …); "
        f"a plan may have at most {settings.STYR_IMPORT_MAX_PARTS} (STYR_IMPORT_MAX_PARTS)",
    )


def plan_parts(document: PlanDocument) -> int:
    """Return how many parts a document has: everything the import saves as a row of its own."""
    sections, count = list(document.sections), 0
    while sections:
        count += len(sections)
        sections = [child for section in sections for child in section.sections]
    budget = document.budget
    for owner in (*document.area_goals(), *document.board_goals()):
        count += len(owner.indicators) + len(owner.activities)
        count += sum(
            (i.board_target is not None) + (i.council_target is not None) for i in owner.indicators
        )
    return (
        count
        + len(document.directions)
        + len(document.area_goals())
        + len(document.board_goals())
        + len(budget.lines)
        + len(budget.investments)
        + len(budget.result_units)
        + len(document.assignments)
    )


def register_problems(document: PlanDocument) -> list[Problem]:
    """Return the names a document gives that the register of bodies cannot keep."""
    problems = []
    for key, model, value in (
        ("municipality", Municipality, document.municipality),
        ("organisation", Organisation, document.organisation),
        ("office", Office, document.office),
    ):
        try:
            model._meta.get_field("name").clean(value, None)
        except ValidationError as error:
            if value:
                problems.extend(Problem(key, message) for message in error.messages)
    return problems


def imported_status(document: PlanDocument) -> str:
    """Return the state a document is imported in: its own, but a proposal for adopted."""
    return PlanStatus.PROPOSAL if document.status == PlanStatus.ADOPTED else document.status


def plan_clear(*, plan: Plan) -> None:
    """Delete everything a plan holds, keeping the plan itself."""
    related_sets = (plan.directions, plan.budget_lines, plan.investments, plan.result_units)
    for related in (*related_sets, plan.assignments):
        related.all().delete()
    plan.sections.filter(parent=None).delete()


class PlanWriter:
    """Write a plan document into the database, one query per kind of object.

    Each object is checked field by field first, so that a problem names the place in the
    document; then the objects are created kind by kind, parents before children.
    """

    # Parents before children; sections come last, a level of nesting at a time.
    ORDER = [
        Direction,
        AreaGoal,
        BoardGoal,
        Indicator,
        Target,
        Activity,
        BudgetLine,
        Investment,
        ResultUnit,
        Assignment,
    ]

    def __init__(self, plan: Plan, document: PlanDocument):
        self.plan = plan
        self.document = document
        self.problems: list[Problem] = []
        self.batches: dict[object, list[models.Model]] = defaultdict(list)
        self.positions = itertools.count(1)

    def write(self) -> None:
        self.check(self.plan, "", exclude=["organisation"])
        for direction_doc in self.document.directions:
            self.direction(direction_doc)
        budget = self.document.budget
        for line in budget.lines:
            self.make(
                BudgetLine,
                line.source,
                plan=self.plan,
                name=line.name,
                costs=line.costs,
                revenues=line.revenues,
            )
        for item in budget.investments:
            self.make(Investment, item.source, plan=self.plan, text=item.text, amount=item.amount)
        for unit in budget.result_units:
            self.make(ResultUnit, unit.source, plan=self.plan, name=unit.name, text=unit.text)
        for doc in self.document.assignments:
            self.make(
                Assignment,
                doc.source,
                plan=self.plan,
                title=doc.title,
                description=doc.description,
                due=doc.due,
            )
        self.sections(self.document.sections, parent=None, depth=0)
        if self.problems:
            raise InvalidPlan(self.problems)
        try:
            self.save()
        except IntegrityError as error:
            # The checks above should have caught it; say what the database said, not a traceback.
            raise InvalidPlan([Problem("", f"the database refused the plan: {error}")]) from error

    def save(self) -> None:
        self.plan.save()
        depths = sorted(key for key in self.batches if isinstance(key, int))
        for key in [*self.ORDER, *depths]:
            if batch := self.batches[key]:
                bulk_create_with_history(batch, type(batch[0]), default_change_reason="import")

    def direction(self, doc: DirectionDoc) -> None:
        direction = self.make(
            Direction,
            doc.source,
            plan=self.plan,
            number=doc.number,
            title=doc.title,
            description=doc.description,
        )
        for goal_doc in doc.goals:
            goal = self.make(
                AreaGoal,
                goal_doc.source,
                direction=direction,
                number=goal_doc.number,
                title=goal_doc.title,
                description=goal_doc.description,
            )
            self.items(goal_doc, area_goal=goal)
            for board_doc in goal_doc.board_goals:
                board_goal = self.make(
                    BoardGoal,
                    board_doc.source,
                    area_goal=goal,
                    title=board_doc.title,
                    description=board_doc.description,
                )
                self.items(board_doc, board_goal=board_goal)

    def items(self, goal_doc: AreaGoalDoc | BoardGoalDoc, **goal: models.Model) -> None:
        for doc in goal_doc.indicators:
            indicator = self.make(
                Indicator,
                doc.source,
                name=doc.name,
                periodicity=doc.periodicity,
                all_boards=doc.all_boards,
                polarity=doc.polarity,
                aggregation=doc.aggregation,
                **goal,
            )
            for level, target in (
                (Level.BOARD, doc.board_target),
                (Level.COUNCIL, doc.council_target),
            ):
                if target is not None:
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
                        upper=target.upper,
                    )
        for doc in goal_doc.activities:
            self.make(Activity, doc.source, title=doc.title, start=doc.start, end=doc.end, **goal)

    def sections(self, docs: list[SectionDoc], parent: Section | None, depth: int) -> None:
        for doc in docs:
            section = self.make(
                Section,
                doc.source,
                batch=depth,
                plan=self.plan,
                parent=parent,
                title=doc.title,
                text=doc.text,
            )
            self.sections(doc.sections, parent=section, depth=depth + 1)

    def make(self, model: type[models.Model], source: str, batch=None, **fields) -> models.Model:
        """Make an object, check it, and put it in its batch (its model, or a section depth)."""
        key = model if batch is None else batch
        if issubclass(model, Ordered):
            # Positions run through the whole plan, so any part sorts in document order.
            fields["position"] = next(self.positions)
        instance = model(**fields)
        relations = [f.name for f in model._meta.concrete_fields if f.is_relation]
        self.check(instance, source, exclude=relations)
        self.batches[key].append(instance)
        return instance

    def check(self, instance: models.Model, source: str, exclude: list[str]) -> None:
        try:
            instance.clean_fields(exclude=exclude)
            instance.clean()
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                for message in messages:
                    self.problems.append(Problem(source, f"{field}: {message}"))
