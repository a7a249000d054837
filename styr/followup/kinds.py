"""The kinds of value a report holds, in one registry: an indicator's outcome, the progress of
an activity or a council assignment, and the assessment of a goal.

Each `Kind` says which model holds its values, which items they are about and by which key
(an outcome's `indicator`, a progress's `activity` or `assignment`), which fields the user
enters, the form and the workbook sheet that take them, and the rules a value must meet
before it is saved. Code that handles every kind asks `kind_of(item)` instead of switching
on the item's class, so that a new kind is added here, once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from styr.followup.forms import GoalAssessmentForm, OutcomeForm, ProgressForm
from styr.followup.models import Entry, GoalAssessment, Outcome, Progress, Report
from styr.planning.choices import Level
from styr.planning.models import Activity, AreaGoal, Assignment, BoardGoal, Indicator, Target

Messages = dict[str, list[str]]


@dataclass(frozen=True, eq=False)  # one instance a kind: compared and hashed by identity
class Kind:
    """A kind of reported value: where it is kept, what it is about and what it must meet.

    `facts` reads, in one query for all the items of a save, what the rules need to know of
    each item (an indicator's unit); `rules` then completes a row's data in place and returns
    its problems by field. Both are optional.
    """

    name: str
    model: type[Entry]
    keys: dict[type, str]  # the item's model → the entry's key field to it
    fields: tuple[str, ...]  # what the user enters
    form: type
    layout_key: str  # the workbook's sheet (workbook.layout.LAYOUTS)
    facts: Callable[[Report, list], dict] | None = None
    rules: Callable[[dict, object], Messages] | None = None
    items: tuple[type, ...] = field(init=False)

    def __post_init__(self):
        object.__setattr__(self, "items", tuple(self.keys))

    def key_of(self, item) -> str:
        """Return the entry's key field to the item: "indicator", "area_goal" …"""
        return self.keys[type(item)]

    def item_id(self, entry: Entry) -> tuple[str, int | None]:
        """Return the key field the entry is about and its item's id (None once removed)."""
        for key in self.keys.values():
            found = getattr(entry, f"{key}_id")
            if found is not None:
                return key, found
        return "", None

    @property
    def layout(self):
        """The workbook's sheet of this kind (imported late: the layout imports the services)."""
        from styr.followup.workbook.layout import LAYOUTS

        return next(layout for layout in LAYOUTS if layout.key == self.layout_key)

    def check(self, data: dict, fact) -> Messages:
        """Complete the row's data by the kind's rules; return its problems by field."""
        return self.rules(data, fact) if self.rules else {}


# Outcomes ------------------------------------------------------------------------------------


def expected_unit(indicator: Indicator, year: int) -> str:
    """Return the unit of the indicator's target for the year: the board's, else the council's."""
    return unit_of([t for t in indicator.targets.all() if t.year == year])


def unit_of(targets: list[Target]) -> str:
    by_level = {t.level: t for t in targets}
    for level in (Level.BOARD, Level.COUNCIL):
        if level in by_level and by_level[level].unit:
            return by_level[level].unit
    return ""


def target_units(report: Report, indicators: list[Indicator]) -> dict[int, str]:
    """Return each indicator's expected unit in the report's year, in one query."""
    targets: dict[int, list[Target]] = {indicator.pk: [] for indicator in indicators}
    found = Target.objects.filter(indicator__in=list(targets), year=report.plan.year)
    for target in found.only("indicator_id", "level", "unit"):
        targets[target.indicator_id].append(target)
    return {pk: unit_of(kept) for pk, kept in targets.items()}


def outcome_rules(data: dict, expected: str) -> Messages:
    """The unit must be the target's, and is the target's if blank; a share given as
    numerator and denominator without a value gets the value from them; a verdict set by the
    planner needs its reason."""
    problems: Messages = {}
    unit = (data.get("unit") or "").strip()
    if expected and unit and unit.lower() != expected.lower():
        problems["unit"] = [
            _("The target is in %(expected)s, not %(unit)s.") % {"expected": expected, "unit": unit}
        ]
    data["unit"] = unit or expected
    if data.get("value") is None and data.get("numerator") is not None and data.get("denominator"):
        share = Decimal(data["numerator"]) / Decimal(data["denominator"])
        data["value"] = round(share * 100 if data["unit"] == "%" else share, 6)
    return problems


def override_reasoned(entry: Outcome) -> Messages:
    """The model's constraint that a verdict set by the planner has a reason, checked without a
    query (Django checks a CheckConstraint by asking the database)."""
    if entry.override and not (entry.override_reason or "").strip():
        return {"": [_("Give a reason when you set the assessment yourself.")]}
    return {}


# Goal assessments ----------------------------------------------------------------------------


def assessment_rules(data: dict, _fact) -> Messages:
    """An assessment needs its motivation."""
    if data.get("assessment") and not (data.get("motivation") or "").strip():
        return {"motivation": [_("Give the motivation for the assessment.")]}
    return {}


OUTCOME = Kind(
    "outcome",
    Outcome,
    {Indicator: "indicator"},
    tuple(OutcomeForm.Meta.fields),
    OutcomeForm,
    "indicators",
    facts=target_units,
    rules=outcome_rules,
)
PROGRESS = Kind(
    "progress",
    Progress,
    {Activity: "activity", Assignment: "assignment"},
    tuple(ProgressForm.Meta.fields),
    ProgressForm,
    "activities",
)
ASSESSMENT = Kind(
    "assessment",
    GoalAssessment,
    {AreaGoal: "area_goal", BoardGoal: "board_goal"},
    tuple(GoalAssessmentForm.Meta.fields),
    GoalAssessmentForm,
    "goals",
    rules=assessment_rules,
)
KINDS = (OUTCOME, PROGRESS, ASSESSMENT)
# The constraints on the values' rows that Python checks (the others hold by construction: one
# key set, one value an item and report, under the report's lock).
ROW_CHECKS: dict[type, Callable[[Entry], Messages]] = {Outcome: override_reasoned}

_BY_ITEM = {model: kind for kind in KINDS for model in kind.keys}
_BY_MODEL = {kind.model: kind for kind in KINDS}
_BY_LAYOUT = {kind.layout_key: kind for kind in KINDS}


def kind_of(item) -> Kind:
    """Return the kind of value reported on the item (an Indicator → OUTCOME …)."""
    try:
        return _BY_ITEM[type(item)]
    except KeyError:
        raise TypeError(f"No value is reported on a {type(item).__name__}") from None


def kind_of_entry(entry: Entry) -> Kind:
    """Return the kind of a saved value (an Outcome → OUTCOME …)."""
    return _BY_MODEL[type(entry)]


def kind_of_layout(key: str) -> Kind:
    """Return the kind a workbook sheet holds, by the sheet's key ("indicators" …)."""
    return _BY_LAYOUT[key]
