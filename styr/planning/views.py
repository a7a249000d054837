"""Pages that show plans: the start page, a plan's overview, its budget and each of its parts."""

from __future__ import annotations

import rules
from django.shortcuts import get_object_or_404, redirect, render

from styr.followup.choices import Period
from styr.planning.access import item_for, plan_for
from styr.planning.history import history_of
from styr.planning.kinds import item_url, kind_named
from styr.planning.models import Plan, Tag
from styr.planning.problems import plan_problems
from styr.planning.selectors import budget_total, plans_visible_to
from styr.planning.tree import Filters, filter_tree, period, plan_tree, tree_nodes


def start(request):
    """List the organisations and their plans by year, as far as the user may see them."""
    organisations: dict = {}
    for plan in plans_visible_to(request.user):
        organisations.setdefault(plan.organisation, []).append(plan)
    newest = max(
        (plan for plans in organisations.values() for plan in plans),
        key=lambda plan: plan.year,
        default=None,
    )
    context = {
        "organisations": organisations,
        "can_add": rules.test_rule("planning.add_any_plan", request.user),
        "newest": newest,
        "directions": plan_tree(newest) if newest else [],
        "periods": list(Period),
    }
    return render(request, "planning/start.html", context)


def plan_by_id(request, plan_id: int):
    """Send an old address with the plan's number to its readable address."""
    plan = get_object_or_404(Plan.objects.select_related("organisation"), pk=plan_id)
    return redirect(plan, permanent=True)


def plan_overview(request, slug: str, year: int):
    """Show the goal tree, filtered as asked, with indicators, targets and activities."""
    plan = plan_for(request, slug, year)
    directions = plan_tree(plan)
    filters = filters_from(request.GET)
    hits = filter_tree(directions, filters)
    context = {
        "plan": plan,
        "directions": directions,
        "filters": filters,
        "hits": hits,
        "can_change": rules.test_rule("planning.change_plan", request.user, plan),
        "goals": [goal for direction in directions for goal in direction.goal_list],
        "people": people_in(directions),
        "tags": Tag.objects.order_by("pk"),
        "ends_text": request.GET.get("slutar", ""),
    }
    template = "planning/_tree.html" if request.htmx else "planning/plan.html"
    return render(request, template, context)


def filters_from(query) -> Filters:
    def number(name: str) -> int | None:
        value = query.get(name, "")
        return int(value) if value.isdigit() else None

    return Filters(
        q=query.get("q", "").strip(),
        goal=number("mal"),
        level=query.get("niva", "") if query.get("niva") in {"council", "board"} else "",
        ends=period(query.get("slutar", "")),
        without_indicators=query.get("utan_indikatorer") == "1",
        responsible=number("ansvarig"),
        tag=query.get("tagg", ""),
    )


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
