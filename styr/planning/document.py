"""The plan document: a plan as plain data, independent of the database.

Every reader (the text and PDF importer, the JSON importer) produces a `PlanDocument`, and
the JSON export is one. Each part carries `source`, the place it was read from ("line 812",
"directions[0].goals[2]"), so that a problem can be reported where the user can find it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date
from decimal import Decimal
from functools import partial

from styr.swedish import plain_write

CENT = Decimal("0.01")


@dataclass
class Problem:
    """Something wrong with a document, at a place the user can find."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


# Field metadata: how to write a value to JSON.
MONEY = {"json": partial(plain_write, places=2)}
DECIMAL = {"json": plain_write}


class Part:
    """A part of a plan document. Its JSON holds its fields, in order, all but `source`."""

    def to_json(self) -> dict:
        return {
            item.name: json_value(getattr(self, item.name), item.metadata.get("json"))
            for item in fields(self)
            if item.name != "source"
        }


def json_value(value, convert=None):
    if convert is not None:
        return convert(value)
    if isinstance(value, Part):
        return value.to_json()
    if isinstance(value, list):
        return [json_value(item) for item in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


@dataclass
class Target(Part):
    text: str
    kind: str  # one of styr.planning.choices.TargetKind
    value: Decimal | None = field(default=None, metadata=DECIMAL)
    unit: str = ""
    # A range's upper bound ("80–90 %"); `value` is then its lower bound.
    upper: Decimal | None = field(default=None, metadata=DECIMAL)


@dataclass
class IndicatorDoc(Part):
    name: str
    periodicity: str  # "year" or "tertial"
    all_boards: bool = False
    polarity: str = "higher"  # one of styr.planning.choices.Polarity
    # One of styr.planning.choices.Aggregation; a document that does not say lets the unit decide.
    aggregation: str = "by_unit"
    board_target: Target | None = None
    council_target: Target | None = None
    source: str = ""


@dataclass
class ActivityDoc(Part):
    title: str
    start: date
    end: date
    source: str = ""


@dataclass
class BoardGoalDoc(Part):
    title: str
    description: str = ""
    indicators: list[IndicatorDoc] = field(default_factory=list)
    activities: list[ActivityDoc] = field(default_factory=list)
    source: str = ""


@dataclass
class AreaGoalDoc(Part):
    number: str
    title: str
    description: str = ""
    indicators: list[IndicatorDoc] = field(default_factory=list)
    activities: list[ActivityDoc] = field(default_factory=list)
    board_goals: list[BoardGoalDoc] = field(default_factory=list)
    source: str = ""


@dataclass
class DirectionDoc(Part):
    number: str
    title: str
    description: str = ""
    goals: list[AreaGoalDoc] = field(default_factory=list)
    source: str = ""


@dataclass
class BudgetLineDoc(Part):
    name: str
    costs: Decimal | None = field(default=None, metadata=MONEY)
    revenues: Decimal | None = field(default=None, metadata=MONEY)
    net: Decimal | None = field(default=None, metadata=MONEY)
    source: str = ""


@dataclass
class InvestmentDoc(Part):
    text: str
    amount: Decimal | None = field(default=None, metadata=MONEY)
    source: str = ""


@dataclass
class ResultUnitDoc(Part):
    name: str
    text: str = ""
    source: str = ""


@dataclass
class BudgetDoc(Part):
    title: str = ""
    unit: str = "mnkr"
    lines: list[BudgetLineDoc] = field(default_factory=list)
    total: BudgetLineDoc | None = None
    investments: list[InvestmentDoc] = field(default_factory=list)
    result_units: list[ResultUnitDoc] = field(default_factory=list)
    source: str = ""


@dataclass
class SectionDoc(Part):
    title: str
    text: str = ""
    sections: list[SectionDoc] = field(default_factory=list)
    source: str = ""


@dataclass
class AssignmentDoc(Part):
    """A task the council gives the board (uppdrag)."""

    title: str
    description: str = ""
    due: date | None = None
    source: str = ""


@dataclass(kw_only=True)
class PlanDocument(Part):
    municipality: str = ""
    organisation: str
    office: str = ""
    year: int
    status: str = "proposal"
    title: str
    directions: list[DirectionDoc] = field(default_factory=list)
    budget: BudgetDoc = field(default_factory=BudgetDoc)
    sections: list[SectionDoc] = field(default_factory=list)
    assignments: list[AssignmentDoc] = field(default_factory=list)

    def area_goals(self) -> list[AreaGoalDoc]:
        return [goal for direction in self.directions for goal in direction.goals]

    def board_goals(self) -> list[BoardGoalDoc]:
        return [board_goal for goal in self.area_goals() for board_goal in goal.board_goals]

    def indicators(self) -> list[IndicatorDoc]:
        owners = [*self.area_goals(), *self.board_goals()]
        return [indicator for owner in owners for indicator in owner.indicators]

    def activities(self) -> list[ActivityDoc]:
        owners = [*self.area_goals(), *self.board_goals()]
        return [activity for owner in owners for activity in owner.activities]

    def counts(self) -> dict[str, int]:
        return {
            "directions": len(self.directions),
            "area_goals": len(self.area_goals()),
            "board_goals": len(self.board_goals()),
            "indicators": len(self.indicators()),
            "activities": len(self.activities()),
            "budget_lines": len(self.budget.lines),
            "sections": len(self.sections),
        }
