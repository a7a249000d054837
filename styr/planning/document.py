"""The plan document: a plan as plain data, independent of the database.

Every reader (the text and PDF importer, the JSON importer) produces a `PlanDocument`, and
the JSON export is one. Each part carries `source`, the place it was read from ("line 812",
"directions[0].goals[2]"), so that a problem can be reported where the user can find it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

CENT = Decimal("0.01")


def decimal_text(value: Decimal | None) -> str | None:
    """Return a decimal as plain text without exponent or trailing zeros ("4.4", "1600")."""
    if value is None:
        return None
    return format(value.normalize(), "f")


def money_text(value: Decimal | None) -> str | None:
    """Return an amount in mnkr with two decimals ("53.10")."""
    return None if value is None else str(value.quantize(CENT))


def swedish(value: Decimal) -> str:
    """Return an amount as a Swedish reader writes it ("1 385,60", "−46,60")."""
    text = f"{value:,.2f}".replace(",", "\u00a0").replace(".", ",")
    return text.replace("-", "−")


@dataclass
class Problem:
    """Something wrong with a document, at a place the user can find."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


@dataclass
class Target:
    text: str
    kind: str  # one of planning.models.TargetKind
    value: Decimal | None = None
    unit: str = ""

    def to_json(self) -> dict:
        return {
            "text": self.text,
            "kind": self.kind,
            "value": decimal_text(self.value),
            "unit": self.unit,
        }


@dataclass
class IndicatorDoc:
    name: str
    periodicity: str  # "year" or "tertial"
    all_boards: bool = False
    board_target: Target | None = None
    council_target: Target | None = None
    source: str = ""

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "periodicity": self.periodicity,
            "all_boards": self.all_boards,
            "board_target": self.board_target.to_json() if self.board_target else None,
            "council_target": self.council_target.to_json() if self.council_target else None,
        }


@dataclass
class ActivityDoc:
    title: str
    start: date
    end: date
    source: str = ""

    def to_json(self) -> dict:
        return {"title": self.title, "start": self.start.isoformat(), "end": self.end.isoformat()}


@dataclass
class BoardGoalDoc:
    title: str
    description: str = ""
    indicators: list[IndicatorDoc] = field(default_factory=list)
    activities: list[ActivityDoc] = field(default_factory=list)
    source: str = ""

    def to_json(self) -> dict:
        return {
            "title": self.title,
            "description": self.description,
            "indicators": [i.to_json() for i in self.indicators],
            "activities": [a.to_json() for a in self.activities],
        }


@dataclass
class AreaGoalDoc:
    number: str
    title: str
    description: str = ""
    indicators: list[IndicatorDoc] = field(default_factory=list)
    activities: list[ActivityDoc] = field(default_factory=list)
    board_goals: list[BoardGoalDoc] = field(default_factory=list)
    source: str = ""

    def to_json(self) -> dict:
        return {
            "number": self.number,
            "title": self.title,
            "description": self.description,
            "indicators": [i.to_json() for i in self.indicators],
            "activities": [a.to_json() for a in self.activities],
            "board_goals": [g.to_json() for g in self.board_goals],
        }


@dataclass
class DirectionDoc:
    number: str
    title: str
    description: str = ""
    goals: list[AreaGoalDoc] = field(default_factory=list)
    source: str = ""

    def to_json(self) -> dict:
        return {
            "number": self.number,
            "title": self.title,
            "description": self.description,
            "goals": [g.to_json() for g in self.goals],
        }


@dataclass
class BudgetLineDoc:
    name: str
    costs: Decimal | None = None
    revenues: Decimal | None = None
    net: Decimal | None = None
    source: str = ""

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "costs": money_text(self.costs),
            "revenues": money_text(self.revenues),
            "net": money_text(self.net),
        }


@dataclass
class InvestmentDoc:
    text: str
    amount: Decimal | None = None
    source: str = ""

    def to_json(self) -> dict:
        return {"text": self.text, "amount": money_text(self.amount)}


@dataclass
class ResultUnitDoc:
    name: str
    text: str = ""
    source: str = ""

    def to_json(self) -> dict:
        return {"name": self.name, "text": self.text}


@dataclass
class BudgetDoc:
    title: str = ""
    unit: str = "mnkr"
    lines: list[BudgetLineDoc] = field(default_factory=list)
    total: BudgetLineDoc | None = None
    investments: list[InvestmentDoc] = field(default_factory=list)
    result_units: list[ResultUnitDoc] = field(default_factory=list)
    source: str = ""

    def to_json(self) -> dict:
        return {
            "title": self.title,
            "unit": self.unit,
            "lines": [line.to_json() for line in self.lines],
            "total": self.total.to_json() if self.total else None,
            "investments": [i.to_json() for i in self.investments],
            "result_units": [r.to_json() for r in self.result_units],
        }


@dataclass
class SectionDoc:
    title: str
    text: str = ""
    sections: list[SectionDoc] = field(default_factory=list)
    source: str = ""

    def to_json(self) -> dict:
        return {
            "title": self.title,
            "text": self.text,
            "sections": [s.to_json() for s in self.sections],
        }


@dataclass
class PlanDocument:
    organisation: str
    year: int
    title: str
    status: str = "proposal"
    municipality: str = ""
    office: str = ""
    directions: list[DirectionDoc] = field(default_factory=list)
    budget: BudgetDoc = field(default_factory=BudgetDoc)
    sections: list[SectionDoc] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "municipality": self.municipality,
            "organisation": self.organisation,
            "office": self.office,
            "year": self.year,
            "status": self.status,
            "title": self.title,
            "directions": [d.to_json() for d in self.directions],
            "budget": self.budget.to_json(),
            "sections": [s.to_json() for s in self.sections],
        }

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
