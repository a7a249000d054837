"""The kinds of things a plan holds, as the web pages name them.

Each kind has the word that stands for it in web addresses, its model, and how to find its
objects within one plan, so that one set of views can show, add, change, move and remove
any of them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Model, Q
from django.http import Http404
from django.urls import reverse

from styr.planning import models


@dataclass(frozen=True)
class Kind:
    slug: str
    model: type[Model]
    # Paths from the model to its plan; an indicator or activity has two, one per goal level.
    plan_paths: tuple[str, ...]
    # The fields that hold the parent, in the order a new object may be placed under one.
    parents: tuple[str, ...] = ()

    def in_plan(self, plan) -> Q:
        query = Q(pk__in=[])
        for path in self.plan_paths:
            query |= Q(**{path: plan})
        return query

    def siblings(self, instance):
        """Return the objects that share the instance's parent, in order."""
        filters = {f"{field}_id": getattr(instance, f"{field}_id") for field in self.parents}
        if hasattr(instance, "plan_id"):
            filters["plan_id"] = instance.plan_id
        return self.model.objects.filter(**filters).order_by("position", "pk")

    @property
    def verbose_name(self):
        return self.model._meta.verbose_name


KINDS = {
    kind.slug: kind
    for kind in [
        Kind("inriktningsmal", models.Direction, ("plan",)),
        Kind("mal", models.AreaGoal, ("direction__plan",), ("direction",)),
        Kind("namndmal", models.BoardGoal, ("area_goal__direction__plan",), ("area_goal",)),
        Kind(
            "indikatorer",
            models.Indicator,
            ("area_goal__direction__plan", "board_goal__area_goal__direction__plan"),
            ("area_goal", "board_goal"),
        ),
        Kind(
            "aktiviteter",
            models.Activity,
            ("area_goal__direction__plan", "board_goal__area_goal__direction__plan"),
            ("area_goal", "board_goal"),
        ),
        Kind("uppdrag", models.Assignment, ("plan",)),
        Kind("budgetrader", models.BudgetLine, ("plan",)),
        Kind("avsnitt", models.Section, ("plan",), ("parent",)),
    ]
}
KIND_OF_MODEL = {kind.model: kind for kind in KINDS.values()}


def kind_named(slug: str) -> Kind:
    try:
        return KINDS[slug]
    except KeyError as error:
        raise Http404(slug) from error


def item_url(plan, item) -> str:
    """Return the address of a part of a plan (or of the plan itself)."""
    kind = KIND_OF_MODEL.get(type(item))
    if kind is None:
        return plan.get_absolute_url()
    return reverse("planning:item", args=[plan.organisation.slug, plan.year, kind.slug, item.pk])


def plan_of(instance):
    """Return the plan an object belongs to (a plan is its own), following its parents."""
    if isinstance(instance, models.Plan):
        return instance
    for field in ("plan", "direction", "area_goal", "board_goal", "indicator"):
        if getattr(instance, f"{field}_id", None):
            return plan_of(getattr(instance, field))
    return None
