"""Changes planners make to a plan on the web: add, change, move and remove its parts.

Every function runs in a transaction and records the change in the plan's history (through
the models' HistoricalRecords). A change based on an outdated version is refused with
Conflict, so that two planners never overwrite each other unknowingly.
"""

from __future__ import annotations

import calendar
from datetime import date

from django.db import models, transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from styr.lifecycle import Refused
from styr.organisations.models import Organisation
from styr.planning.choices import PlanStatus
from styr.planning.document import PlanDocument
from styr.planning.kinds import KIND_OF_MODEL, plan_of
from styr.planning.lifecycle import plan_writable
from styr.planning.models import Activity, AreaGoal, BoardGoal, Direction, Indicator, Plan, Target
from styr.planning.selectors import plan_document
from styr.planning.services import plan_import

# Who answers for an item and how it is tagged are not part of what a decision adopts (nor of
# the plan's document): they may change on an adopted plan, for its follow-up.
STEWARDSHIP = {"responsible", "tags"}


# Said of a change sent without the version it was read at, or with one that is no version.
OUT_OF_DATE = gettext_lazy(
    "This page is out of date, so nothing was saved: open it again to see what is saved now, "
    "then make your change."
)


class Conflict(Exception):
    """Someone else saved the object since it was opened; `current` is how it is now."""

    def __init__(self, current: models.Model):
        super().__init__(f"{current} was changed by someone else")
        self.current = current


def many_names(model) -> set[str]:
    """Return the names of the many-to-many fields, which are set after the object is saved."""
    return {field.name for field in model._meta.many_to_many}


def saved(item: models.Model, data: dict, targets: dict | None) -> models.Model:
    """Check and save an object, then set its many-to-many fields and an indicator's targets."""
    item.full_clean()
    item.save()
    for field in many_names(item) & data.keys():
        getattr(item, field).set(data[field])
    if targets is not None:
        indicator_targets_set(indicator=item, year=plan_of(item).year, targets=targets)
    return item


@transaction.atomic
def item_update(
    *, item: models.Model, data: dict, version: int | None, targets: dict | None = None
) -> models.Model:
    """Change a part of a plan, unless it changed since `version`; return it as saved.

    An indicator's targets for the plan's year come as `targets`, by level. A plan's status
    changes only by its lifecycle (planning.lifecycle.plan_step).
    """
    if isinstance(item, Plan) and "status" in data:
        raise ValueError("a plan's status changes by plan_step, not by an edit")
    # Locked until the save commits, so no save comes between the check and this one: the row
    # on PostgreSQL; on SQLite the transaction holds the database's write lock (IMMEDIATE).
    current = type(item).objects.select_for_update().filter(pk=item.pk).first()
    if current is None:
        raise Refused(_("This part was removed from the plan while you were changing it."))
    if not data.keys() <= STEWARDSHIP:
        plan_writable(plan_of(current))
    if version is not None and current.version != version:
        raise Conflict(current)
    for field, value in data.items():
        if field not in many_names(current):
            setattr(current, field, value)
    current.version += 1
    return saved(current, data, targets)


@transaction.atomic
def item_create(
    *, model: type[models.Model], parent: dict, data: dict, targets: dict | None = None
) -> models.Model:
    """Add a part to a plan under its parent (e.g. {"board_goal": goal}), last among siblings."""
    item = model(**parent, **{k: v for k, v in data.items() if k not in many_names(model)})
    plan_writable(plan_of(item))
    siblings = KIND_OF_MODEL[model].siblings(item)
    item.position = (siblings.aggregate(last=Max("position"))["last"] or 0) + 1
    return saved(item, data, targets)


@transaction.atomic
def item_delete(*, item: models.Model) -> None:
    plan_writable(plan_of(item))
    item.delete()


@transaction.atomic
def item_move(*, item: models.Model, offset: int) -> None:
    """Move a part one place up (-1) or down (+1) among its siblings."""
    plan_writable(plan_of(item))
    siblings = list(KIND_OF_MODEL[type(item)].siblings(item).select_for_update())
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == item.pk)
    other = index + offset
    if not 0 <= other < len(siblings):
        return
    siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, sibling in enumerate(siblings, start=1):
        if sibling.position != position:
            sibling.position = position
            sibling.save(update_fields=["position"])


@transaction.atomic
def indicator_targets_set(*, indicator: Indicator, year: int, targets: dict) -> None:
    """Set an indicator's targets for a year, by level; None removes a level's target."""
    plan_writable(plan_of(indicator))
    for level, target in targets.items():
        existing = indicator.targets.filter(year=year, level=level).first()
        if target is None:
            if existing:
                existing.delete()
            continue
        row = existing or Target(indicator=indicator, year=year, level=level)
        row.text, row.kind, row.value, row.unit, row.upper = (
            target.text,
            target.kind,
            target.value,
            target.unit,
            target.upper,
        )
        row.full_clean()
        row.save()


@transaction.atomic
def plan_create(*, organisation: Organisation, year: int, copy_from: Plan | None = None) -> Plan:
    """Create a draft plan: empty, or a copy of an earlier plan with its dates moved on."""
    if copy_from is None:
        document = PlanDocument(
            municipality=organisation.municipality.name,
            organisation=organisation.name,
            office=organisation.office.name if organisation.office else "",
            year=year,
            title=f"Verksamhetsplan {year} för {organisation.name.lower()}",
            status=PlanStatus.DRAFT,
        )
        return plan_import(document=document)
    document = moved(plan_document(copy_from.pk), year)
    plan = plan_import(document=document)
    copy_people_and_tags(copy_from, plan)
    return plan


def moved(document: PlanDocument, year: int) -> PlanDocument:
    """Return the document as next year's draft: its title and activity dates moved on."""
    years = year - document.year
    document.title = document.title.replace(str(document.year), str(year))
    document.year = year
    document.status = PlanStatus.DRAFT
    # The council gives its assignments in each year's budget; last year's are reported on
    # in last year's plan.
    document.assignments = []
    for activity in document.activities():
        activity.start = shifted(activity.start, years)
        activity.end = shifted(activity.end, years)
    return document


def shifted(day: date, years: int) -> date:
    """Return the same day some years on; 29 February becomes 28 February in common years."""
    year = day.year + years
    return day.replace(year=year, day=min(day.day, calendar.monthrange(year, day.month)[1]))


def copy_people_and_tags(source: Plan, copy: Plan) -> None:
    """Give each part of the copy the responsible person and tags of its original.

    A copy holds the same parts in the same order, so they pair up by position.
    """
    for model in (Direction, AreaGoal, BoardGoal, Indicator, Activity):
        kind = KIND_OF_MODEL[model]
        pairs = zip(
            model.objects.filter(kind.in_plan(source))
            .order_by("position")
            .prefetch_related("tags"),
            model.objects.filter(kind.in_plan(copy)).order_by("position"),
            strict=True,
        )
        for original, item in pairs:
            if original.responsible_id:
                item.responsible_id = original.responsible_id
                item.save(update_fields=["responsible"])
            if tags := list(original.tags.all()):
                item.tags.set(tags)
