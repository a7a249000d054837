"""Read a plan from its open-data JSON (docs/plan-json.md), naming the path of each problem."""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from styr.planning.choices import Aggregation, Periodicity, PlanStatus, Polarity, TargetKind
from styr.planning.document import (
    ActivityDoc,
    AreaGoalDoc,
    AssignmentDoc,
    BoardGoalDoc,
    BudgetDoc,
    BudgetLineDoc,
    DirectionDoc,
    IndicatorDoc,
    InvestmentDoc,
    PlanDocument,
    Problem,
    ResultUnitDoc,
    SectionDoc,
    Target,
)
from styr.planning.parsing.lines import shortened
from styr.swedish import NotADate, date_read

# No value in a plan has more digits than this; a longer number is an attack or a mistake, and
# Python refuses to turn one of more than 4300 digits into an int.
MOST_DIGITS = 40
# The largest and the finest amount or value a plan can hold (the models keep at most 20 digits).
MOST_ADJUSTED, FINEST_EXPONENT = 20, -20
# The text reader makes sections three levels deep; ten is more than any document needs.
MOST_SECTION_DEPTH = 10
# Characters the database cannot keep (NUL) or that are no characters (lone UTF-16 halves).
NOT_TEXT = re.compile(r"[\x00\ud800-\udfff]")


class Invalid(Exception):
    def __init__(self, path: str, message: str):
        super().__init__(message)
        self.problem = Problem(path, message)


class JsonReader:
    """Read one JSON plan; collect a problem for every part that is wrong, then carry on."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def read(self, text: str) -> PlanDocument | None:
        try:
            data = json.loads(text, parse_int=number(int), parse_float=number(float))
        except json.JSONDecodeError as error:
            self.problems.append(
                Problem(
                    f"line {error.lineno}", f"not valid JSON: {error.msg} (column {error.colno})"
                )
            )
            return None
        except RecursionError:
            self.problems.append(Problem("", "the JSON is nested too deeply"))
            return None
        except Invalid as error:
            self.problems.append(error.problem)
            return None
        try:
            return self.plan(data)
        except Invalid as error:
            self.problems.append(error.problem)
            return None

    def plan(self, data: Any) -> PlanDocument:
        if not isinstance(data, dict):
            raise Invalid("", "a plan must be a JSON object")
        status = self.value(data, "status", "", str, PlanStatus.PROPOSAL)
        if status not in PlanStatus.values:
            raise Invalid(
                "status", f"“{shortened(status)}” is not one of {', '.join(PlanStatus.values)}"
            )
        return PlanDocument(
            organisation=self.value(data, "organisation", "", str),
            year=self.value(data, "year", "", int),
            title=self.value(data, "title", "", str),
            status=status,
            municipality=self.value(data, "municipality", "", str, ""),
            office=self.value(data, "office", "", str, ""),
            directions=self.each(data, "directions", "", self.direction),
            budget=self.budget(self.value(data, "budget", "", dict, {}), "budget"),
            sections=self.each(data, "sections", "", self.section),
            assignments=self.each(data, "assignments", "", self.assignment),
        )

    def direction(self, data: dict, path: str) -> DirectionDoc:
        return DirectionDoc(
            number=self.value(data, "number", path, str),
            title=self.value(data, "title", path, str),
            description=self.value(data, "description", path, str, ""),
            goals=self.each(data, "goals", path, self.area_goal),
            source=path,
        )

    def area_goal(self, data: dict, path: str) -> AreaGoalDoc:
        return AreaGoalDoc(
            number=self.value(data, "number", path, str),
            title=self.value(data, "title", path, str),
            description=self.value(data, "description", path, str, ""),
            indicators=self.each(data, "indicators", path, self.indicator),
            activities=self.each(data, "activities", path, self.activity),
            board_goals=self.each(data, "board_goals", path, self.board_goal),
            source=path,
        )

    def board_goal(self, data: dict, path: str) -> BoardGoalDoc:
        return BoardGoalDoc(
            title=self.value(data, "title", path, str),
            description=self.value(data, "description", path, str, ""),
            indicators=self.each(data, "indicators", path, self.indicator),
            activities=self.each(data, "activities", path, self.activity),
            source=path,
        )

    def indicator(self, data: dict, path: str) -> IndicatorDoc:
        periodicity = self.value(data, "periodicity", path, str)
        if periodicity not in Periodicity.values:
            raise Invalid(
                f"{path}.periodicity", f"“{shortened(periodicity)}” is not “year” or “tertial”"
            )
        return IndicatorDoc(
            name=self.value(data, "name", path, str),
            periodicity=periodicity,
            all_boards=self.value(data, "all_boards", path, bool, False),
            polarity=self.choice(data, "polarity", path, Polarity, Polarity.HIGHER),
            aggregation=self.choice(data, "aggregation", path, Aggregation, Aggregation.BY_UNIT),
            board_target=self.target(data.get("board_target"), f"{path}.board_target"),
            council_target=self.target(data.get("council_target"), f"{path}.council_target"),
            source=path,
        )

    def choice(self, data: dict, key: str, path: str, choices, default: str) -> str:
        value = self.value(data, key, path, str, default)
        if value not in choices.values:
            raise Invalid(
                f"{path}.{key}", f"“{shortened(value)}” is not one of {', '.join(choices.values)}"
            )
        return value

    def target(self, data: Any, path: str) -> Target | None:
        if data is None:
            return None
        if not isinstance(data, dict):
            raise Invalid(path, "a target must be an object or null")
        kind = self.value(data, "kind", path, str)
        if kind not in TargetKind.values:
            raise Invalid(
                f"{path}.kind", f"“{shortened(kind)}” is not one of {', '.join(TargetKind.values)}"
            )
        return Target(
            text=self.value(data, "text", path, str),
            kind=kind,
            value=self.decimal(data, "value", path),
            unit=self.value(data, "unit", path, str, ""),
            upper=self.decimal(data, "upper", path),
        )

    def activity(self, data: dict, path: str) -> ActivityDoc:
        return ActivityDoc(
            title=self.value(data, "title", path, str),
            start=self.date(data, "start", path),
            end=self.date(data, "end", path),
            source=path,
        )

    def budget(self, data: dict, path: str) -> BudgetDoc:
        total = data.get("total")
        return BudgetDoc(
            title=self.value(data, "title", path, str, ""),
            unit=self.value(data, "unit", path, str, "mnkr"),
            lines=self.each(data, "lines", path, self.budget_line),
            total=self.budget_line(total, f"{path}.total") if total is not None else None,
            investments=self.each(data, "investments", path, self.investment),
            result_units=self.each(data, "result_units", path, self.result_unit),
            source=path,
        )

    def budget_line(self, data: Any, path: str) -> BudgetLineDoc:
        if not isinstance(data, dict):
            raise Invalid(path, "a budget line must be an object")
        return BudgetLineDoc(
            name=self.value(data, "name", path, str),
            costs=self.decimal(data, "costs", path),
            revenues=self.decimal(data, "revenues", path),
            net=self.decimal(data, "net", path),
            source=path,
        )

    def investment(self, data: dict, path: str) -> InvestmentDoc:
        return InvestmentDoc(
            text=self.value(data, "text", path, str),
            amount=self.decimal(data, "amount", path),
            source=path,
        )

    def result_unit(self, data: dict, path: str) -> ResultUnitDoc:
        return ResultUnitDoc(
            name=self.value(data, "name", path, str),
            text=self.value(data, "text", path, str, ""),
            source=path,
        )

    def assignment(self, data: dict, path: str) -> AssignmentDoc:
        return AssignmentDoc(
            title=self.value(data, "title", path, str),
            description=self.value(data, "description", path, str, ""),
            due=self.date(data, "due", path) if data.get("due") is not None else None,
            source=path,
        )

    def section(self, data: dict, path: str) -> SectionDoc:
        if path.count(".sections[") >= MOST_SECTION_DEPTH:
            raise Invalid(path, f"sections are nested more than {MOST_SECTION_DEPTH} levels deep")
        return SectionDoc(
            title=self.value(data, "title", path, str),
            text=self.value(data, "text", path, str, ""),
            sections=self.each(data, "sections", path, self.section),
            source=path,
        )

    def each(self, data: dict, key: str, path: str, read) -> list:
        """Read every item of a list; a bad item is reported and left out."""
        items = self.value(data, key, path, list, [])
        where = f"{path}.{key}" if path else key
        found = []
        for index, item in enumerate(items):
            item_path = f"{where}[{index}]"
            try:
                if not isinstance(item, dict):
                    raise Invalid(item_path, "must be an object")
                found.append(read(item, item_path))
            except Invalid as error:
                self.problems.append(error.problem)
        return found

    MISSING = object()

    def value(self, data: dict, key: str, path: str, kind: type, default: Any = MISSING) -> Any:
        where = f"{path}.{key}" if path else key
        if key not in data or data[key] is None:
            if default is self.MISSING:
                raise Invalid(where, "is missing")
            return default
        found = data[key]
        # bool is an int in Python, but a year of `true` is no year.
        if not isinstance(found, kind) or (kind is int and isinstance(found, bool)):
            raise Invalid(where, f"must be {kind.__name__}, not {described(found)}")
        if kind is str and (bad := NOT_TEXT.search(found)):
            raise Invalid(where, f"holds a character that is not text (U+{ord(bad.group()):04X})")
        return found

    def decimal(self, data: dict, key: str, path: str) -> Decimal | None:
        found = data.get(key)
        if found is None:
            return None
        try:
            value = Decimal(str(found))
        except InvalidOperation:
            value = None
        if isinstance(found, bool) or value is None or not value.is_finite():
            raise Invalid(f"{path}.{key}", f"“{shortened(str(found))}” is not a number")
        if value and (
            value.adjusted() > MOST_ADJUSTED or value.as_tuple().exponent < FINEST_EXPONENT
        ):
            raise Invalid(
                f"{path}.{key}", f"“{shortened(str(found))}” is not an amount Styr can keep"
            )
        return value

    def date(self, data: dict, key: str, path: str) -> date:
        found = self.value(data, key, path, str)
        try:
            return date_read(found, words=False)
        except NotADate as error:
            raise Invalid(
                f"{path}.{key}", f"“{shortened(found)}” is not a date (YYYY-MM-DD)"
            ) from error


def described(found: Any) -> str:
    """Return a value as a message shows it: short, and a list or object only by its kind."""
    if isinstance(found, list):
        return "a list"
    if isinstance(found, dict):
        return "an object"
    return shortened(json.dumps(found))


def number(convert):
    """Return a JSON number reader that refuses a number longer than any in a plan."""

    def read(text: str):
        if len(text) > MOST_DIGITS:
            raise Invalid(
                "",
                f"the JSON holds a number of {len(text)} digits; "
                f"no value in a plan has more than {MOST_DIGITS}",
            )
        return convert(text)

    return read
