"""Fetch plans and their parts for a request, refusing what the user may not see or change.

Every view gets what it shows through these functions, so that no page forgets a check.
"""

from __future__ import annotations

import rules
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from styr.planning.kinds import Kind
from styr.planning.lifecycle import plan_writable
from styr.planning.models import Plan


def plan_for(request, slug: str, year: int, *, change: bool = False) -> Plan:
    """Return the organisation's plan for the year, if the user may read it (or change it).

    Someone who may change the organisation's plans but asks to change an adopted one is
    told it is adopted (Refused), not that they lack permission.
    """
    plan = get_object_or_404(
        Plan.objects.select_related("organisation__municipality"),
        organisation__slug=slug,
        year=year,
    )
    rule = "planning.plan" if change else "planning.view_plan"
    if not rules.test_rule(rule, request.user, plan):
        raise PermissionDenied
    if change:
        plan_writable(plan)
    return plan


def item_for(request, plan: Plan, kind: Kind, pk: int):
    """Return the plan's object of a kind; a plan's address cannot reach another plan's parts."""
    return get_object_or_404(kind.model.objects.filter(kind.in_plan(plan)), pk=pk)
