"""Apply a decision's amendments to a plan, as operations on the items they name.

An amendment names its place as the document does: a section (the area goal's number), a
board goal's title, an activity's or indicator's name. Names are compared as a reader would:
without the kind of quotation marks, a final full stop or extra spaces.

The operations change the plan's own rows through the editing services, so that each part
keeps its address, its history, its responsible person and its tags; every change lands in
the audit trail.
"""

from __future__ import annotations

import re
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from styr.decisions.document import AmendmentDoc
from styr.planning import editing
from styr.planning.lifecycle import by_decision
from styr.planning.models import Activity, AreaGoal, BoardGoal, Indicator, Plan, Section
from styr.planning.targets import parse_target


class AmendmentError(Exception):
    """An amendment names something the plan does not have."""


class Rehearsal(Exception):
    """Raised to undo a rehearsal of amendments."""


def same(a: str, b: str) -> bool:
    def plain(text: str) -> str:
        return re.sub(r"\s+", " ", re.sub(r"[”“\"'’]", "", text)).strip().rstrip(".").lower()

    return plain(a) == plain(b)


def amend(plan: Plan, amendments: list[AmendmentDoc]) -> None:
    """Apply the amendments to the plan, in order; the caller's transaction keeps or undoes it.

    A decision is the one thing that changes an adopted plan: the freeze lets it through.
    """
    with by_decision(plan):
        for amendment in amendments:
            OPERATIONS[amendment.operation](plan, amendment)


def rehearse(plan: Plan, amendments: list[AmendmentDoc]) -> None:
    """Apply the amendments and undo them: raise AmendmentError if one cannot be applied."""
    try:
        with transaction.atomic():
            amend(plan, amendments)
            raise Rehearsal
    except Rehearsal:
        pass


def area_goal(plan: Plan, amendment: AmendmentDoc) -> AreaGoal:
    goal = AreaGoal.objects.filter(direction__plan=plan, number=amendment.section).first()
    if goal is None:
        raise AmendmentError(
            _("point %(point)s: the plan has no section %(section)s")
            % {"point": amendment.point, "section": amendment.section}
        )
    return goal


# What an amendment may name, as its messages call it.
WHAT = {
    "board goal": gettext_lazy("board goal"),
    "activity": gettext_lazy("activity"),
    "indicator": gettext_lazy("indicator"),
    "text": gettext_lazy("text"),
}


def named(items, name: str, what: str, amendment: AmendmentDoc):
    """Return the item whose name or title is `name`, or say that the section lacks it."""
    for item in items:
        if same(getattr(item, "title", None) or item.name, name):
            return item
    values = {"point": amendment.point, "what": WHAT[what], "name": name}
    if amendment.section:
        message = _("point %(point)s: section %(section)s has no %(what)s “%(name)s”")
        values["section"] = amendment.section
    else:
        message = _("point %(point)s: the plan has no %(what)s “%(name)s”")
    raise AmendmentError(message % values)


def under(model, goal: AreaGoal):
    """Return the goal's own items of a kind, and those of its board goals."""
    return model.objects.filter(area_goal=goal) | model.objects.filter(board_goal__area_goal=goal)


def board_goal(goal: AreaGoal, amendment: AmendmentDoc) -> BoardGoal:
    return named(goal.board_goals.all(), amendment.board_goal, "board goal", amendment)


def new_items_parent(plan: Plan, amendment: AmendmentDoc) -> dict:
    """Return where a new indicator or activity goes: the named board goal, or the area goal."""
    goal = area_goal(plan, amendment)
    if amendment.board_goal:
        return {"board_goal": board_goal(goal, amendment)}
    return {"area_goal": goal}


def change_activity(plan: Plan, amendment: AmendmentDoc) -> None:
    activity = named(
        under(Activity, area_goal(plan, amendment)), amendment.activity, "activity", amendment
    )
    start, end = amendment.start or activity.start, amendment.end or activity.end
    if start > end:
        raise AmendmentError(
            _("point %(point)s: “%(activity)s” would end %(end)s, before it starts %(start)s")
            % {
                "point": amendment.point,
                "activity": activity.title,
                "end": end.isoformat(),
                "start": start.isoformat(),
            }
        )
    editing.item_update(item=activity, data={"start": start, "end": end}, version=None)


def add_activity(plan: Plan, amendment: AmendmentDoc) -> None:
    """Add an activity; without dates of its own, it runs through the plan's year."""
    parent = new_items_parent(plan, amendment)
    data = {
        "title": amendment.title,
        "start": amendment.start or date(plan.year, 1, 1),
        "end": amendment.end or date(plan.year, 12, 31),
    }
    editing.item_create(model=Activity, parent=parent, data=data)


def remove_activity(plan: Plan, amendment: AmendmentDoc) -> None:
    goal = area_goal(plan, amendment)
    editing.item_delete(
        item=named(under(Activity, goal), amendment.activity, "activity", amendment)
    )


def change_target(plan: Plan, amendment: AmendmentDoc) -> None:
    """Set an indicator's target for the year, the board's or the council's, as written."""
    goal = area_goal(plan, amendment)
    indicator = named(under(Indicator, goal), amendment.indicator, "indicator", amendment)
    target = parse_target(amendment.title) if amendment.title else None
    if amendment.title and target is None:
        raise AmendmentError(
            _("point %(point)s: “%(target)s” is not a target")
            % {"point": amendment.point, "target": amendment.title}
        )
    editing.indicator_targets_set(
        indicator=indicator, year=plan.year, targets={amendment.level or "board": target}
    )


def add_indicator(plan: Plan, amendment: AmendmentDoc) -> None:
    """Add an indicator, with its target for the year as written (`title`) at its level."""
    parent = new_items_parent(plan, amendment)
    editing.item_create(model=Indicator, parent=parent, data={"name": amendment.indicator})
    if amendment.title:
        change_target(plan, amendment)


def change_text(plan: Plan, amendment: AmendmentDoc) -> None:
    """Give one of the plan's texts, named by its title, a new wording."""
    section = named(Section.objects.filter(plan=plan), amendment.title, "text", amendment)
    editing.item_update(item=section, data={"text": amendment.text}, version=None)


def remove_indicator(plan: Plan, amendment: AmendmentDoc) -> None:
    goal = area_goal(plan, amendment)
    editing.item_delete(
        item=named(under(Indicator, goal), amendment.indicator, "indicator", amendment)
    )


def add_board_goal(plan: Plan, amendment: AmendmentDoc) -> None:
    goal = area_goal(plan, amendment)
    editing.item_create(
        model=BoardGoal, parent={"area_goal": goal}, data={"title": amendment.board_goal}
    )


def remove_board_goal(plan: Plan, amendment: AmendmentDoc) -> None:
    editing.item_delete(item=board_goal(area_goal(plan, amendment), amendment))


OPERATIONS = {
    "change_activity": change_activity,
    "add_activity": add_activity,
    "remove_activity": remove_activity,
    "change_target": change_target,
    "add_indicator": add_indicator,
    "remove_indicator": remove_indicator,
    "change_text": change_text,
    "add_board_goal": add_board_goal,
    "remove_board_goal": remove_board_goal,
}
