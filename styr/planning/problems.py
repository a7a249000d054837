"""What a planner should look at before a plan goes to decision.

Each problem names the part of the plan it is about, so that the list can link to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import models
from django.utils.translation import gettext as _

from styr.planning.choices import VALUED_KINDS
from styr.planning.models import BudgetLine, Plan


@dataclass
class PlanProblem:
    message: str
    item: models.Model


def plan_problems(plan: Plan, directions: list) -> list[PlanProblem]:
    """Return the problems of a plan whose tree `plan_tree` has loaded."""
    problems = []
    year_start, year_end = date(plan.year, 1, 1), date(plan.year, 12, 31)
    for direction in directions:
        for goal in direction.goal_list:
            for owner in [goal, *goal.board_goal_list]:
                problems.extend(item_problems(owner, year_start, year_end))
            for board_goal in goal.board_goal_list:
                if not board_goal.indicator_list and not board_goal.activity_list:
                    problems.append(
                        PlanProblem(
                            _("The board goal has neither indicators nor activities."), board_goal
                        )
                    )
    problems.extend(budget_problems(plan))
    return problems


def item_problems(owner, year_start: date, year_end: date) -> list[PlanProblem]:
    problems = []
    for activity in owner.activity_list:
        if activity.end < year_start or activity.start > year_end:
            problems.append(PlanProblem(_("The activity lies outside the plan's year."), activity))
    for indicator in owner.indicator_list:
        for target in (indicator.board_target, indicator.council_target):
            if target and target.kind in VALUED_KINDS and not target.unit:
                problems.append(
                    PlanProblem(
                        _("The target “%(text)s” has no unit.") % {"text": target.text}, indicator
                    )
                )
    return problems


def budget_problems(plan: Plan) -> list[PlanProblem]:
    """Net and total are computed from costs and revenues; what can be wrong is a line that
    has neither, or a budget without a name for its total."""
    lines = list(BudgetLine.objects.filter(plan=plan))
    problems = [
        PlanProblem(_("The budget line has neither costs nor revenues."), line)
        for line in lines
        if line.costs is None and line.revenues is None
    ]
    if lines and not plan.budget_total_name:
        problems.append(PlanProblem(_("The budget's total has no name."), plan))
    return problems
