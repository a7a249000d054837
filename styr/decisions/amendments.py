"""Apply a decision's amendments to a proposal, as operations on the items they name.

An amendment names its place as the document does: a section (the area goal's number), a
board goal's title, an activity's title. Titles are compared as a reader would: without the
kind of quotation marks, a final full stop or extra spaces.
"""

from __future__ import annotations

import copy
import re
from datetime import date

from styr.decisions.document import AmendmentDoc
from styr.planning.document import ActivityDoc, AreaGoalDoc, BoardGoalDoc, PlanDocument
from styr.planning.targets import parse_target


class AmendmentError(Exception):
    """An amendment names something the plan does not have."""


def same(a: str, b: str) -> bool:
    def plain(text: str) -> str:
        return re.sub(r"\s+", " ", re.sub(r"[”“\"'’]", "", text)).strip().rstrip(".").lower()

    return plain(a) == plain(b)


def amended(document: PlanDocument, amendments: list[AmendmentDoc]) -> PlanDocument:
    """Return a copy of the document with the amendments applied; the original is left as is."""
    result = copy.deepcopy(document)
    for amendment in amendments:
        OPERATIONS[amendment.operation](result, amendment)
    return result


def area_goal(document: PlanDocument, amendment: AmendmentDoc) -> AreaGoalDoc:
    for goal in document.area_goals():
        if goal.number == amendment.section:
            return goal
    raise AmendmentError(f"point {amendment.point}: the plan has no section {amendment.section}")


def owners(goal: AreaGoalDoc) -> list[AreaGoalDoc | BoardGoalDoc]:
    return [goal, *goal.board_goals]


def find_activity(document: PlanDocument, amendment: AmendmentDoc):
    goal = area_goal(document, amendment)
    for owner in owners(goal):
        for activity in owner.activities:
            if same(activity.title, amendment.activity):
                return owner, activity
    raise AmendmentError(
        f"point {amendment.point}: section {amendment.section} has no activity "
        f"“{amendment.activity}”"
    )


def change_activity(document: PlanDocument, amendment: AmendmentDoc) -> None:
    _owner, activity = find_activity(document, amendment)
    activity.start = amendment.start or activity.start
    activity.end = amendment.end or activity.end
    if activity.start > activity.end:
        raise AmendmentError(
            f"point {amendment.point}: “{activity.title}” would end "
            f"{activity.end.isoformat()}, before it starts {activity.start.isoformat()}"
        )


def add_activity(document: PlanDocument, amendment: AmendmentDoc) -> None:
    """Add an activity; without dates of its own, it runs through the plan's year."""
    goal = area_goal(document, amendment)
    owner: AreaGoalDoc | BoardGoalDoc = goal
    if amendment.board_goal:
        owner = next((b for b in goal.board_goals if same(b.title, amendment.board_goal)), None)
        if owner is None:
            raise AmendmentError(
                f"point {amendment.point}: section {amendment.section} has no board goal "
                f"“{amendment.board_goal}”"
            )
    owner.activities.append(
        ActivityDoc(
            amendment.title,
            amendment.start or date(document.year, 1, 1),
            amendment.end or date(document.year, 12, 31),
        )
    )


def remove_activity(document: PlanDocument, amendment: AmendmentDoc) -> None:
    owner, activity = find_activity(document, amendment)
    owner.activities.remove(activity)


def find_indicator(document: PlanDocument, amendment: AmendmentDoc):
    for owner in owners(area_goal(document, amendment)):
        for indicator in owner.indicators:
            if same(indicator.name, amendment.indicator):
                return owner, indicator
    raise AmendmentError(
        f"point {amendment.point}: section {amendment.section} has no indicator "
        f"“{amendment.indicator}”"
    )


def change_target(document: PlanDocument, amendment: AmendmentDoc) -> None:
    """Set an indicator's target for the year, the board's or the council's, as written."""
    _owner, indicator = find_indicator(document, amendment)
    target = parse_target(amendment.title) if amendment.title else None
    if amendment.title and target is None:
        raise AmendmentError(f"point {amendment.point}: “{amendment.title}” is not a target")
    setattr(indicator, f"{amendment.level or 'board'}_target", target)


def remove_indicator(document: PlanDocument, amendment: AmendmentDoc) -> None:
    owner, indicator = find_indicator(document, amendment)
    owner.indicators.remove(indicator)


def remove_board_goal(document: PlanDocument, amendment: AmendmentDoc) -> None:
    goal = area_goal(document, amendment)
    found = next((b for b in goal.board_goals if same(b.title, amendment.board_goal)), None)
    if found is None:
        raise AmendmentError(
            f"point {amendment.point}: section {amendment.section} has no board goal "
            f"“{amendment.board_goal}”"
        )
    goal.board_goals.remove(found)


def add_board_goal(document: PlanDocument, amendment: AmendmentDoc) -> None:
    area_goal(document, amendment).board_goals.append(BoardGoalDoc(amendment.board_goal))


OPERATIONS = {
    "change_activity": change_activity,
    "add_activity": add_activity,
    "remove_activity": remove_activity,
    "change_target": change_target,
    "remove_indicator": remove_indicator,
    "add_board_goal": add_board_goal,
    "remove_board_goal": remove_board_goal,
}
