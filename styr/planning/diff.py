"""What changed between two versions of a plan: parts added, removed, and changed field by field.

Parts are matched as a reader would match them: direction and area goals by number, board
goals by title within their area goal, indicators and activities by name within their goal,
budget lines and texts by name.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from styr.planning.document import PlanDocument

CHILDREN = {"goals", "board_goals", "indicators", "activities", "sections"}
KIND_LABELS = {
    "direction": _("direction goal"),
    "area_goal": _("area goal"),
    "board_goal": _("board goal"),
    "indicator": _("indicator"),
    "activity": _("activity"),
    "budget_line": _("budget line"),
    "section": _("section"),
}


@dataclass
class Difference:
    change: str  # "added", "removed" or "changed"
    kind: str
    where: str
    name: str
    fields: list[tuple[str, object, object]] = field(default_factory=list)

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def shown_fields(self) -> list[tuple[str, object, object]]:
        """Return the changed fields as a reader sees them: labelled, targets as written."""
        return [
            (FIELD_LABELS.get(name, name), shown(old), shown(new)) for name, old, new in self.fields
        ]

    def to_json(self) -> dict:
        return {
            "change": self.change,
            "kind": self.kind,
            "where": self.where,
            "name": self.name,
            "fields": [{"field": f, "old": old, "new": new} for f, old, new in self.fields],
        }


FIELD_LABELS = {
    "number": _("number"),
    "title": _("title"),
    "name": _("name"),
    "description": _("description"),
    "text": _("text"),
    "start": _("start date"),
    "end": _("end date"),
    "periodicity": _("periodicity"),
    "all_boards": _("all boards"),
    "polarity": _("better when"),
    "aggregation": _("city-wide value"),
    "board_target": _("Board's target"),
    "council_target": _("Council's target"),
    "costs": _("costs"),
    "revenues": _("revenues"),
    "net": _("net"),
}


def shown(value):
    """Return a value of the JSON as a reader sees it: a target as written."""
    return value["text"] if isinstance(value, dict) and "text" in value else value


def parts(document: PlanDocument) -> dict[tuple, tuple[str, str, str, dict]]:
    """Return every part of a plan by its key: (kind, where, name, its own fields as JSON)."""
    found = {}

    def own(part) -> dict:
        return {k: v for k, v in part.to_json().items() if k not in CHILDREN}

    def add(key, kind, where, name, part) -> None:
        found[key] = (kind, where, name, own(part))

    for direction in document.directions:
        add(
            ("direction", direction.number),
            "direction",
            "",
            f"{direction.number}. {direction.title}",
            direction,
        )
        for goal in direction.goals:
            add(
                ("goal", goal.number),
                "area_goal",
                direction.number,
                f"{goal.number} {goal.title}",
                goal,
            )
            for owner_key, owner, where in [(goal.number, goal, goal.number)] + [
                ((goal.number, b.title), b, f"{goal.number} › {b.title}") for b in goal.board_goals
            ]:
                if owner is not goal:
                    add(("board_goal", owner_key), "board_goal", goal.number, owner.title, owner)
                for indicator in owner.indicators:
                    add(
                        ("indicator", owner_key, indicator.name),
                        "indicator",
                        where,
                        indicator.name,
                        indicator,
                    )
                for activity in owner.activities:
                    add(
                        ("activity", owner_key, activity.title),
                        "activity",
                        where,
                        activity.title,
                        activity,
                    )
    for line in document.budget.lines:
        add(("budget_line", line.name), "budget_line", "", line.name, line)

    def sections(items, path: str) -> None:
        for section in items:
            add(("section", path, section.title), "section", path, section.title, section)
            sections(section.sections, f"{path} › {section.title}" if path else section.title)

    sections(document.sections, "")
    return found


def plan_diff(old: PlanDocument, new: PlanDocument) -> list[Difference]:
    """Return what was added, removed and changed from the old version to the new."""
    before, after = parts(old), parts(new)
    differences = []
    for key, (kind, where, name, fields) in before.items():
        if key not in after:
            differences.append(Difference("removed", kind, where, name))
            continue
        changed = [
            (f, value, after[key][3][f]) for f, value in fields.items() if after[key][3][f] != value
        ]
        if changed:
            differences.append(Difference("changed", kind, where, name, changed))
    differences.extend(
        Difference("added", kind, where, name)
        for key, (kind, where, name, _fields) in after.items()
        if key not in before
    )
    return differences
