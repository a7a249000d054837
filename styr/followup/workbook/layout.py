"""The sheets of a report's workbook: their columns, and the row of each item to report."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from styr.followup.choices import ActivityStatus, Assessment, ValueKind
from styr.followup.entry import goal_key
from styr.followup.kinds import expected_unit
from styr.followup.selectors import Sheet
from styr.planning.models import AreaGoal

IDENTITY = "styr"  # the very hidden sheet's title; never shown, so never translated
FORMAT = 1
FIRST_ROW = 3  # row 1 holds the keys (hidden), row 2 the headings

TEXT, NUMBER, DATE, CHOICE = "text", "number", "date", "choice"


@dataclass(frozen=True)
class Column:
    key: str
    heading: str
    width: int
    kind: str = TEXT
    entered: bool = False
    choices: type | None = None
    hidden: bool = False

    @property
    def wrap(self) -> bool:
        return self.kind == TEXT and self.width >= 30


@dataclass(frozen=True)
class Layout:
    """One data sheet: its columns, and the entered columns that alone do not make a value."""

    key: str
    title: str
    columns: tuple[Column, ...]
    freeze: str
    qualifiers: tuple[str, ...] = ()

    def entered(self) -> list[Column]:
        return [column for column in self.columns if column.entered]


def info(key: str, heading, width: int, kind: str = TEXT) -> Column:
    return Column(key, heading, width, kind)


def entered(key: str, heading, width: int, kind: str = TEXT, choices=None) -> Column:
    return Column(key, heading, width, kind, entered=True, choices=choices)


ID = info("id", gettext_lazy("Id"), 14)
GOAL = info("goal", gettext_lazy("Goal"), 16)
VERSION = Column("version", "version", 8, hidden=True)

INDICATORS = Layout(
    "indicators",
    gettext_lazy("Indicators"),
    (
        ID,
        GOAL,
        info("name", gettext_lazy("Indicator"), 48),
        info("board_target", gettext_lazy("Board's target"), 14),
        info("council_target", gettext_lazy("Council's target"), 14),
        entered("unit", gettext_lazy("Unit"), 8),
        entered("value_kind", gettext_lazy("Kind of value"), 20, CHOICE, ValueKind),
        entered("value", gettext_lazy("Outcome"), 12, NUMBER),
        entered("women", gettext_lazy("Women"), 10, NUMBER),
        entered("men", gettext_lazy("Men"), 10, NUMBER),
        entered("numerator", gettext_lazy("Numerator"), 12, NUMBER),
        entered("denominator", gettext_lazy("Denominator"), 12, NUMBER),
        entered("comment", gettext_lazy("Comment"), 40),
        entered("source", gettext_lazy("Source"), 24),
        VERSION,
    ),
    freeze="D3",
    qualifiers=("unit", "value_kind"),
)
ACTIVITIES = Layout(
    "activities",
    gettext_lazy("Activities"),
    (
        ID,
        GOAL,
        info("title", gettext_lazy("Activity or assignment"), 48),
        info("start", gettext_lazy("Start date"), 12, DATE),
        info("end", gettext_lazy("End date"), 12, DATE),
        entered("progress", gettext_lazy("Status"), 16, CHOICE, ActivityStatus),
        entered("completed_on", gettext_lazy("Completed on"), 14, DATE),
        entered("comment", gettext_lazy("Comment"), 48),
        VERSION,
    ),
    freeze="D3",
)
GOALS = Layout(
    "goals",
    gettext_lazy("Goals"),
    (
        ID,
        info("level", gettext_lazy("Level"), 18),
        info("number", gettext_lazy("Number"), 8),
        info("title", gettext_lazy("Goal"), 48),
        info("suggestion", gettext_lazy("Suggested assessment"), 20),
        entered("assessment", gettext_lazy("Assessment"), 20, CHOICE, Assessment),
        entered("motivation", gettext_lazy("Motivation"), 60),
        VERSION,
    ),
    freeze="E3",
)
LAYOUTS = (INDICATORS, ACTIVITIES, GOALS)


@dataclass
class Item:
    """A row of a data sheet: the item reported on, its saved value, and what the row shows."""

    key: str
    item: object
    entry: object | None
    shown: dict
    due: bool = True


# The drop-downs' lists, in the identity sheet: column C for the kinds of value, and so on.
LIST_COLUMNS = {ValueKind: 3, ActivityStatus: 4, Assessment: 5}


def items(layout: Layout, sheet: Sheet) -> dict[str, Item]:
    """Return the sheet's rows by id; indicators not due in the period are kept, marked."""
    return {item.key: item for item in ROWS[layout.key](sheet)}


def goals_numbered(sheet: Sheet):
    """Yield every goal with its area goal's number (a board goal has none of its own)."""
    for direction in sheet.directions:
        for goal in direction.goal_list:
            yield goal, goal.number
            for board_goal in goal.board_goal_list:
                yield board_goal, goal.number


def goals_labelled(sheet: Sheet):
    """Yield every goal with the label that places it: 1.1, or 1.1 and a board goal's title."""
    for goal, number in goals_numbered(sheet):
        yield goal, number if isinstance(goal, AreaGoal) else f"{number} {goal.title}"


def indicator_rows(sheet: Sheet):
    year = sheet.plan.year
    for goal, label in goals_labelled(sheet):
        for indicator in goal.indicator_list:
            unit = expected_unit(indicator, year)
            yield Item(
                str(indicator.pk),
                indicator,
                indicator.outcome,
                {
                    "goal": label,
                    "name": indicator.name,
                    "board_target": target_text(indicator.board_target),
                    "council_target": target_text(indicator.council_target),
                    "unit": unit,
                    "value_kind": ValueKind.YEAR_TO_DATE,
                },
                due=indicator.due,
            )


def target_text(target) -> str:
    return target.text if target else ""


def activity_rows(sheet: Sheet):
    for goal, label in goals_labelled(sheet):
        for activity in goal.activity_list:
            shown = {"goal": label, "title": activity.title}
            shown.update(start=activity.start, end=activity.end)
            yield Item(f"aktivitet-{activity.pk}", activity, activity.entry, shown)
    for assignment in sheet.assignments:
        shown = {"goal": _("Council assignment"), "title": assignment.title, "end": assignment.due}
        yield Item(f"uppdrag-{assignment.pk}", assignment, assignment.entry, shown)


def goal_rows(sheet: Sheet):
    for goal, number in goals_numbered(sheet):
        area = isinstance(goal, AreaGoal)
        shown = {
            "level": _("Council's area goal") if area else _("Board goal"),
            "number": number,
            "title": goal.title,
            "suggestion": str(goal.suggestion.label),
        }
        yield Item(goal_key(goal), goal, goal.entry, shown)


ROWS = {"indicators": indicator_rows, "activities": activity_rows, "goals": goal_rows}
