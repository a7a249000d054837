"""Pages that show plans: the start page, a plan's overview, its budget and each of its parts."""

from __future__ import annotations

import rules
from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from styr.followup.choices import Period
from styr.planning.access import item_for, plan_for
from styr.planning.choices import PlanStatus
from styr.planning.history import history_of
from styr.planning.kinds import item_url, kind_named
from styr.planning.models import Plan, Tag
from styr.planning.problems import plan_problems
from styr.planning.selectors import budget_total, plans_visible_to
from styr.planning.tree import attach_rows, filter_tree, filters_read, plan_tree, tree_nodes


def start(request):
    """List the organisations and their plans by year, and the goals of the current plan."""
    plans = list(plans_visible_to(request.user))
    organisations: dict = {}
    for plan in plans:
        organisations.setdefault(plan.organisation, []).append(plan)
    current = current_plan(plans, timezone.localdate().year)
    context = {
        "organisations": organisations,
        "can_add": rules.test_rule("planning.add_any_plan", request.user),
        "current": current,
        "directions": plan_tree(current) if current else [],
        "periods": list(Period),
    }
    return render(request, "planning/start.html", context)


def current_plan(plans: list[Plan], this_year: int) -> Plan | None:
    """Return the plan the start page opens on: the current year's, an adopted one first.

    The current year is this year if there is a plan for it; else the latest year with an
    adopted plan, so that a draft for next year does not hide the plan being followed up;
    else the latest year of any plan.
    """
    years = {plan.year for plan in plans}
    adopted = {plan.year for plan in plans if plan.status == PlanStatus.ADOPTED}
    year = this_year if this_year in years else max(adopted or years, default=None)
    of_year = [plan for plan in plans if plan.year == year]
    return min(of_year, key=lambda plan: plan.status != PlanStatus.ADOPTED, default=None)


def plan_by_id(request, plan_id: int):
    """Send an old address with the plan's number to its readable address.

    A plan the visitor may not read is not found, as if there were none: the readable address
    would tell them its organisation and year.
    """
    plan = get_object_or_404(Plan.objects.select_related("organisation"), pk=plan_id)
    if not rules.test_rule("planning.view_plan", request.user, plan):
        raise Http404("no such plan")
    return redirect(plan, permanent=True)


def plan_overview(request, slug: str, year: int):
    """Show the goal tree, filtered as asked, with indicators, targets and activities."""
    plan = plan_for(request, slug, year)
    directions = plan_tree(plan)
    goals = [goal for direction in directions for goal in direction.goal_list]
    people = people_in(directions)
    tags = list(Tag.objects.order_by("pk"))
    filters, problems = filters_read(request.GET, goals=goals, people=people, tags=tags)
    hits = filter_tree(directions, filters)
    # A large plan opens folded (settings.STYR_OVERVIEW_FOLD_FROM); a filtered one never does.
    folded = not filters.active and rows_in(directions) > settings.STYR_OVERVIEW_FOLD_FROM
    if not folded:
        attach_rows(directions)
    context = {
        "plan": plan,
        "directions": directions,
        "filters": filters,
        "problems": problems,
        "invalid": {problem.field for problem in problems},
        "hits": hits,
        "folded": folded,
        "can_change": rules.test_rule("planning.change_plan", request.user, plan),
        "goals": goals,
        "people": people,
        "tags": tags,
        "ends_text": request.GET.get("slutar", ""),
        # Only a row swapped back in after "Change" takes the focus. Said here, since looking up
        # a name the context lacks costs each of a large plan's hundreds of rows an exception.
        "focus": False,
    }
    template = "planning/_tree.html" if request.htmx else "planning/plan.html"
    return render(request, template, context)


def rows_in(directions) -> int:
    """Count the indicators and activities of the tree: the rows the overview would show."""
    owners = [
        owner
        for direction in directions
        for goal in direction.goal_list
        for owner in [goal, *goal.board_goal_list]
    ]
    return sum(len(owner.indicator_list) + len(owner.activity_list) for owner in owners)


def people_in(directions) -> list:
    """Return the people responsible for some part of the tree, for the filter's choices."""
    people = {node.responsible_person for node in tree_nodes(directions)} - {None}
    return sorted(people, key=str)


def budget(request, slug: str, year: int):
    plan = plan_for(request, slug, year)
    lines = list(plan.budget_lines.all())
    context = {
        "plan": plan,
        "lines": lines,
        "total": budget_total(plan.budget_total_name, lines),
        "investments": plan.investments.all(),
        "result_units": plan.result_units.all(),
        "can_change": rules.test_rule("planning.change_plan", request.user, plan),
    }
    return render(request, "planning/budget.html", context)


def texts(request, slug: str, year: int):
    plan = plan_for(request, slug, year)
    context = {
        "plan": plan,
        "sections": plan.sections.all(),
        "assignments": plan.assignments.select_related("responsible"),
        "can_change": rules.test_rule("planning.change_plan", request.user, plan),
    }
    return render(request, "planning/texts.html", context)


def problems(request, slug: str, year: int):
    plan = plan_for(request, slug, year)
    found = plan_problems(plan, plan_tree(plan))
    for problem in found:
        problem.url = item_url(plan, problem.item)
    can_change = rules.test_rule("planning.change_plan", request.user, plan)
    context = {"plan": plan, "problems": found, "can_change": can_change}
    return render(request, "planning/problems.html", context)


def item(request, slug: str, year: int, kind: str, pk: int):
    """Show one part of a plan with its history."""
    plan = plan_for(request, slug, year)
    found = kind_named(kind)
    instance = item_for(request, plan, found, pk)
    context = {
        "plan": plan,
        "kind": found,
        "item": instance,
        "history": history_of(instance),
        "can_change": rules.test_rule("planning.change_plan", request.user, plan),
    }
    return render(request, "planning/item.html", context)
