"""The open-data tables of a plan and of a report, as plain data: what the CSV files, the Excel
workbook and the data packages write, each in its own format.

A plan's tables are read from its `PlanDocument` (so that a kept version exports as it was
kept), a report's from its open-data JSON (so that an approved report exports as approved).
Cells hold typed values: `str`, `Decimal`, `int`, `date`, `bool`, or None for a blank; codes
(periodicity, level, assessment) are the JSON's, and a code users read also has its word.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from styr.documents.exporters import NotExportable
from styr.followup.choices import ActivityStatus, Assessment
from styr.planning.choices import Level
from styr.planning.document import BudgetLineDoc, IndicatorDoc, PlanDocument, Target
from styr.swedish import date_read, plain_read

# The kinds of a column, as Table Schema names them (frictionless).
STRING, NUMBER, INTEGER, DATE, BOOLEAN = "string", "number", "integer", "date", "boolean"


# Each table's title, by its name (the file name's suffix, the `table` option's value).
TABLE_TITLES = {
    "mal": gettext_lazy("Goals"),
    "indikatorer": gettext_lazy("Indicators"),
    "aktiviteter": gettext_lazy("Activities"),
    "budget": gettext_lazy("Budget"),
    "utfall": gettext_lazy("Outcomes"),
    "malbedomningar": gettext_lazy("Goal assessments"),
}


@dataclass(frozen=True)
class Column:
    """A column: its identifier (the plain CSV's header, a data package's field name), its
    title as users read it, its kind, the unit of its numbers, and for amounts of money the
    decimals they are written with."""

    name: str
    title: str
    type: str = STRING
    unit: str = ""
    places: int | None = None

    @property
    def heading(self) -> str:
        return f"{self.title} ({self.unit})" if self.unit else self.title


@dataclass
class DataTable:
    name: str  # ASCII, in file names: kommunstyrelsen-2013-verksamhetsplan-antagen-budget.csv
    title: str
    description: str
    columns: list[Column]
    rows: list[list] = field(default_factory=list)


def plan_tables(subject) -> list[DataTable]:
    """Return the tables of a plan (a PlanSubject): goals, indicators, activities, budget."""
    return [build(subject.document) for build in PLAN_TABLES.values()]


def report_tables(subject) -> list[DataTable]:
    """Return the tables of a report (a ReportSubject): outcomes, activities, goal assessments
    and budget."""
    return [build(subject.data) for build in REPORT_TABLES.values()]


def table_of(subject, name: str) -> DataTable:
    """Return one table of a plan or a report by its name."""
    builders = PLAN_TABLES if subject.kind == "plan" else REPORT_TABLES
    if name not in builders:
        raise NotExportable(
            _("there is no table %(name)s; the tables are %(names)s")
            % {"name": name, "names": ", ".join(builders)}
        )
    source = subject.document if subject.kind == "plan" else subject.data
    return builders[name](source)


def tables_of(subject) -> list[DataTable]:
    return plan_tables(subject) if subject.kind == "plan" else report_tables(subject)


# The plan's tables.


def goals_table(document: PlanDocument) -> DataTable:
    table = DataTable(
        "mal",
        str(TABLE_TITLES["mal"]),
        _("The council's direction goals, its goals for the area and the board's own goals."),
        [
            Column("level", _("Level")),
            Column("number", _("Number")),
            Column("title", _("Title")),
            Column("parent_number", _("Parent's number")),
            Column("parent_title", _("Parent's title")),
        ],
    )
    for direction in document.directions:
        table.rows.append(["direction", direction.number, direction.title, None, None])
        for goal in direction.goals:
            table.rows.append(
                ["area_goal", goal.number, goal.title, direction.number, direction.title]
            )
            for board_goal in goal.board_goals:
                table.rows.append(["board_goal", None, board_goal.title, goal.number, goal.title])
    return table


def goal_columns() -> list[Column]:
    """The columns that place an indicator or activity: its area goal, and board goal if any."""
    return [
        Column("goal_number", _("Goal number")),
        Column("goal_title", _("Goal")),
        Column("board_goal_title", _("Board goal")),
        Column("level", _("Level")),
    ]


def owners(document: PlanDocument):
    """Yield each goal that owns indicators and activities, with its place in the table:
    the area goal (the council's) and each of its board goals (the board's)."""
    for goal in document.area_goals():
        yield goal, [goal.number, goal.title, None, Level.COUNCIL.value]
        for board_goal in goal.board_goals:
            yield board_goal, [goal.number, goal.title, board_goal.title, Level.BOARD.value]


def target_columns(prefix: str, title: str) -> list[Column]:
    return [
        Column(f"{prefix}_text", _("%(target)s as written") % {"target": title}),
        Column(f"{prefix}_value", _("%(target)s, value") % {"target": title}, NUMBER),
        Column(f"{prefix}_unit", _("%(target)s, unit") % {"target": title}),
        Column(f"{prefix}_upper", _("%(target)s, upper bound") % {"target": title}, NUMBER),
    ]


def target_cells(target: Target | None) -> list:
    if target is None:
        return [None, None, None, None]
    return [target.text, target.value, target.unit, target.upper]


def indicators_table(document: PlanDocument) -> DataTable:
    table = DataTable(
        "indikatorer",
        str(TABLE_TITLES["indikatorer"]),
        _("One row per indicator, with the board's and the council's targets for the year."),
        [
            *goal_columns(),
            Column("name", _("Indicator")),
            Column("periodicity", _("Periodicity")),
            Column("all_boards", _("All boards"), BOOLEAN),
            Column("polarity", _("Polarity")),
            *target_columns("board_target", _("Board's target")),
            *target_columns("council_target", _("Council's target")),
        ],
    )
    for owner, place in owners(document):
        table.rows += [[*place, *indicator_cells(indicator)] for indicator in owner.indicators]
    return table


def indicator_cells(indicator: IndicatorDoc) -> list:
    return [
        indicator.name,
        indicator.periodicity,
        indicator.all_boards,
        indicator.polarity,
        *target_cells(indicator.board_target),
        *target_cells(indicator.council_target),
    ]


def activities_table(document: PlanDocument) -> DataTable:
    table = DataTable(
        "aktiviteter",
        str(TABLE_TITLES["aktiviteter"]),
        _("The activities of the plan, with the goal each serves."),
        [
            *goal_columns(),
            Column("title", _("Activity")),
            Column("start", _("Start"), DATE),
            Column("end", _("End"), DATE),
        ],
    )
    for owner, place in owners(document):
        table.rows += [[*place, a.title, a.start, a.end] for a in owner.activities]
    return table


def plan_budget_table(document: PlanDocument) -> DataTable:
    budget = document.budget
    table = DataTable(
        "budget",
        str(TABLE_TITLES["budget"]),
        _("The operating budget per line, revenues negative; the last row is the total."),
        [
            Column("name", _("Budget line")),
            *amount_columns(("costs", _("Costs")), ("revenues", _("Revenues")), unit=budget.unit),
            Column("net", _("Net"), NUMBER, budget.unit, 2),
            Column("total", _("Total row"), BOOLEAN),
            Column("unit", _("Unit")),
        ],
    )
    lines = [(line, False) for line in budget.lines]
    if budget.total is not None:
        lines.append((budget.total, True))
    table.rows = [plan_line_cells(line, total, budget.unit) for line, total in lines]
    return table


def amount_columns(*names: tuple[str, str], unit: str) -> list[Column]:
    return [Column(name, title, NUMBER, unit, 2) for name, title in names]


def plan_line_cells(line: BudgetLineDoc, total: bool, unit: str) -> list:
    return [line.name, line.costs, line.revenues, line.net, total, unit]


PLAN_TABLES = {
    "mal": goals_table,
    "indikatorer": indicators_table,
    "aktiviteter": activities_table,
    "budget": plan_budget_table,
}


# The report's tables, read from its JSON (docs/report-json.md): numbers are strings there.


def number(text: str | None) -> Decimal | None:
    return None if text is None else plain_read(text)


def day(text: str | None) -> date | None:
    return None if text is None else date_read(text, words=False)


def word(choices, code: str | None) -> str | None:
    """Return the word users read for a code (the assessment "met": "Uppfyllt")."""
    return str(choices(code).label) if code else None


def report_goals(data: dict):
    """Yield each goal of a report with its area goal's number, the board goal's title (None
    for an area goal) and its level, area goals before their board goals."""
    for goal in data["goals"]:
        yield goal, goal["number"], None, "area_goal"
        for board_goal in goal["board_goals"]:
            yield board_goal, goal["number"], board_goal["title"], "board_goal"


def outcomes_table(data: dict) -> DataTable:
    table = DataTable(
        "utfall",
        str(TABLE_TITLES["utfall"]),
        _("The outcome of each indicator due in the period, judged against its target."),
        [
            Column("goal_number", _("Goal number")),
            Column("board_goal_title", _("Board goal")),
            Column("name", _("Indicator")),
            Column("period", _("Period")),
            Column("target_text", _("Target as written")),
            Column("target_value", _("Target value"), NUMBER),
            Column("outcome", _("Outcome"), NUMBER),
            Column("women", _("Women"), NUMBER),
            Column("men", _("Men"), NUMBER),
            Column("unit", _("Unit")),
            Column("assessment", _("Assessment code")),
            Column("assessment_name", _("Assessment")),
            Column("comment", _("Comment")),
        ],
    )
    for goal, goal_number, board_goal, _level in report_goals(data):
        table.rows += [
            [goal_number, board_goal, *outcome_cells(indicator, data["period"])]
            for indicator in goal["indicators"]
        ]
    return table


def outcome_cells(indicator: dict, period: str) -> list:
    target = indicator["target"] or {}
    outcome = indicator["outcome"] or {}
    return [
        indicator["name"],
        period,
        target.get("text"),
        number(target.get("value")),
        number(outcome.get("value")),
        number(outcome.get("women")),
        number(outcome.get("men")),
        outcome.get("unit") or target.get("unit") or None,
        indicator["assessment"],
        word(Assessment, indicator["assessment"]),
        outcome.get("comment") or None,
    ]


def report_activities_table(data: dict) -> DataTable:
    table = DataTable(
        "aktiviteter",
        str(TABLE_TITLES["aktiviteter"]),
        _("How each activity of the plan stands at the end of the period."),
        [
            Column("goal_number", _("Goal number")),
            Column("board_goal_title", _("Board goal")),
            Column("title", _("Activity")),
            Column("start", _("Start"), DATE),
            Column("end", _("End"), DATE),
            Column("status", _("Status code")),
            Column("status_name", _("Status")),
            Column("completed_on", _("Completed on"), DATE),
            Column("overdue", pgettext("an activity", "Overdue"), BOOLEAN),
            Column("comment", _("Comment")),
        ],
    )
    for goal, goal_number, board_goal, _level in report_goals(data):
        table.rows += [[goal_number, board_goal, *progress_cells(a)] for a in goal["activities"]]
    return table


def progress_cells(activity: dict) -> list:
    return [
        activity["title"],
        day(activity["start"]),
        day(activity["end"]),
        activity["status"],
        word(ActivityStatus, activity["status"]),
        day(activity["completed_on"]),
        activity["overdue"],
        activity["comment"] or None,
    ]


def assessments_table(data: dict) -> DataTable:
    table = DataTable(
        "malbedomningar",
        str(TABLE_TITLES["malbedomningar"]),
        _("The board's assessment of each goal, with its motivation."),
        [
            Column("goal_number", _("Goal number")),
            Column("level", _("Level")),
            Column("title", _("Goal")),
            Column("assessment", _("Assessment code")),
            Column("assessment_name", _("Assessment")),
            Column("motivation", _("Motivation")),
        ],
    )
    table.rows = [
        [
            goal_number,
            level,
            goal["title"],
            goal["assessment"],
            word(Assessment, goal["assessment"]),
            goal["motivation"] or None,
        ]
        for goal, goal_number, _board_goal, level in report_goals(data)
    ]
    return table


def report_budget_table(data: dict) -> DataTable:
    budget = data["budget"]
    unit = budget["unit"]
    table = DataTable(
        "budget",
        str(TABLE_TITLES["budget"]),
        _(
            "The net budget, outcome so far and forecast for the year per budget line; the "
            "deviation is the adjusted budget less the forecast (positive is a surplus)."
        ),
        [
            Column("name", _("Budget line")),
            *amount_columns(
                ("budget", _("Budget, net")),
                ("adjusted_budget", _("Adjusted budget, net")),
                ("outcome", _("Outcome, net")),
                ("forecast", _("Forecast, net")),
                ("deviation", _("Deviation")),
                unit=unit,
            ),
            Column("total", _("Total row"), BOOLEAN),
            Column("unit", _("Unit")),
        ],
    )
    lines = [(line, False) for line in budget["lines"]]
    if budget["not_on_a_line"] is not None:
        lines.append((budget["not_on_a_line"], False))
    lines.append((budget["total"], True))
    table.rows = [report_line_cells(line, total, unit) for line, total in lines]
    return table


def report_line_cells(line: dict, total: bool, unit: str) -> list:
    nets = [
        number(line[key]["net"]) for key in ("budget", "adjusted_budget", "outcome", "forecast")
    ]
    return [line["name"], *nets, number(line["deviation"]), total, unit]


REPORT_TABLES = {
    "utfall": outcomes_table,
    "aktiviteter": report_activities_table,
    "malbedomningar": assessments_table,
    "budget": report_budget_table,
}
