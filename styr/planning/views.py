from django.http import Http404
from django.shortcuts import render

from styr.planning.models import Plan
from styr.planning.selectors import budget_total, plan_list, plan_with_tree


def start(request):
    """List the plans, with the goal tree of the newest."""
    plans = list(plan_list())
    newest = max(plans, key=lambda plan: plan.year, default=None)
    plan = plan_with_tree(newest.pk) if newest else None
    return render(request, "planning/start.html", {"plans": plans, "plan": plan})


def plan_detail(request, plan_id: int):
    """Show a whole plan: its goal tree with indicators and activities, budget and texts."""
    try:
        plan = plan_with_tree(plan_id)
    except Plan.DoesNotExist as error:
        raise Http404 from error
    total = budget_total(plan.budget_total_name, list(plan.budget_lines.all()))
    return render(request, "planning/plan.html", {"plan": plan, "budget_total": total})
