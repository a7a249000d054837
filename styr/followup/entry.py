"""The report's entry page: one goal at a time, with a navigation that counts what is left.

`goal_statuses` says, for every goal (and the council assignments), how many of its items are
reported; `chosen_key` picks the goal shown. `entry_block` builds the forms of that goal only,
so the page costs the same whatever the size of the report; `rows_save` saves what changed in
them through `saving.entries_save`, all or nothing. A row is editable only while its report is
open (a draft, or returned) and by someone who may enter its item; the page shows the others'
values as text. An activity's or assignment's status and comment in the previous report are
carried forward as the initial values of a row not yet reported in this one.
`report_steps` says which steps of the report's lifecycle the page offers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from styr.followup.access import enters, may_enter
from styr.followup.budget_indicators import BudgetCheck, budget_indicator_checks, budget_measure
from styr.followup.choices import Assessment
from styr.followup.forms import GoalAssessmentForm, OutcomeForm, ProgressForm
from styr.followup.lifecycle import REPORT
from styr.followup.models import EntryStatus
from styr.followup.saving import Change, Saving, entries_save
from styr.followup.selectors import Sheet, report_sheet
from styr.language import number
from styr.lifecycle import Refused
from styr.planning.models import AreaGoal, Indicator

ASSIGNMENTS = "uppdrag"  # the council assignments' place in the goal navigation
CARRIED = ("progress", "comment")  # what a new report takes over from the previous one


@dataclass
class Row:
    """An item with its form; the form is read-only for those who may not enter it."""

    item: object
    form: object
    editable: bool
    carried: bool = False  # the initial values are the previous report's, not yet saved here
    budget_check: BudgetCheck | None = None  # a budget indicator's value from the budget

    @property
    def previous(self):
        """The item's entry in the previous report (T1 for T2, T2 for the year), or None."""
        return self.item.previous

    @property
    def previous_line(self) -> str:
        return previous_text(self.previous)

    def shown(self) -> list[tuple[str, str]]:
        """Return the filled-in fields as label and text, for a row that is only read."""
        if self.form.instance.pk is None:
            return []  # nothing entered: the form's defaults are no one's value
        pairs = []
        for bound in self.form.visible_fields():
            value = bound.value()
            if value in (None, ""):
                continue
            choices = dict(getattr(bound.field, "choices", ()))
            text = choices.get(value, value) if choices else bound.field.prepare_value(value)
            pairs.append((bound.label, str(text)))
        return pairs


@dataclass
class Block:
    """A goal with its assessment, its indicators due and its activities; or, without a goal,
    the council assignments."""

    goal: object
    key: str
    assessment: Row | None = None
    indicators: list[Row] = field(default_factory=list)
    activities: list[Row] = field(default_factory=list)

    def rows(self) -> list[Row]:
        return [r for r in (self.assessment, *self.indicators, *self.activities) if r]


@dataclass
class GoalStatus:
    """A goal's place in the navigation: how many of its items are reported, of how many."""

    key: str
    goal: object  # None for the council assignments
    done: int
    total: int

    @property
    def left(self) -> int:
        return self.total - self.done

    @property
    def verdict(self) -> Assessment | None:
        return verdict(self.goal) if self.goal is not None else None


def verdict(goal) -> Assessment:
    """The goal's verdict as a choice, for its label: the planner's, else the suggestion."""
    return Assessment(goal.verdict or Assessment.NOT_ASSESSED)


def goal_key(goal) -> str:
    """The goal in a web address and form prefixes: mal-3 or namndmal-12."""
    return f"{'mal' if isinstance(goal, AreaGoal) else 'namndmal'}-{goal.pk}"


def reported(item) -> bool:
    """Say whether the item has its value in the report, as submitting asks, not returned."""
    if isinstance(item, Indicator):
        entry, value = item.outcome, item.outcome
    else:
        entry = item.entry
        value = entry and (entry.progress if hasattr(entry, "progress") else entry.assessment)
    return bool(value) and entry.status != EntryStatus.RETURNED


def goal_items(goal) -> list:
    """The items of a goal the report asks for: its assessment, indicators due, activities."""
    return [goal, *(i for i in goal.indicator_list if i.due), *goal.activity_list]


def mine(items, user, only_mine: bool) -> list:
    """The items, or with `only_mine` those the user is responsible for."""
    if not only_mine:
        return list(items)
    return [item for item in items if item.responsible_id == user.pk]


def goal_statuses(sheet: Sheet, user, *, only_mine: bool = False) -> list[GoalStatus]:
    """Every goal with the items it asks for, then the council assignments if there are any.

    With `only_mine` only the user's items count, and a goal without any is left out.
    """
    statuses = []
    for goal in sheet.goals():
        items = mine(goal_items(goal), user, only_mine)
        if items or not only_mine:
            statuses.append(GoalStatus(goal_key(goal), goal, sum(map(reported, items)), len(items)))
    assignments = mine(sheet.assignments, user, only_mine)
    if assignments:
        statuses.append(
            GoalStatus(ASSIGNMENTS, None, sum(map(reported, assignments)), len(assignments))
        )
    return statuses


def chosen_key(statuses: list[GoalStatus], asked: str) -> str:
    """The goal asked for; else the first with something left to report, else the first."""
    if asked:
        return asked
    for status in statuses:
        if status.left:
            return status.key
    return statuses[0].key if statuses else ""


def next_key(statuses: list[GoalStatus], key: str) -> str:
    """The goal after `key` in the navigation (the last stays the last)."""
    keys = [status.key for status in statuses]
    if key not in keys:
        return key
    return keys[min(keys.index(key) + 1, len(keys) - 1)]


def row(item, form_class, prefix: str, entry, data, user, report) -> Row:
    editable = may_enter(user, report, item)
    initial, carried = {}, False
    previous = item.previous
    if form_class is ProgressForm and entry is None and previous is not None:
        initial = {name: getattr(previous, name) for name in CARRIED if getattr(previous, name)}
        carried = bool(initial) and editable
    form = form_class(
        data if editable else None,
        # Bound, a carried row is compared with no value at all, so that saving the goal saves
        # what was carried: it was never this report's value.
        initial=initial if data is None or not editable else None,
        instance=entry or form_class._meta.model(),
        prefix=prefix,
    )
    if isinstance(form, OutcomeForm):
        form.fit(item)
    if not editable:
        for bound in form.fields.values():
            bound.disabled = True
    return Row(item, form, editable, carried)


def report_steps(report, user) -> dict[str, bool]:
    """Return which steps of the report's lifecycle the user may take now, for its buttons.

    `open` says whether the report takes values at all, whoever asks.
    """
    steps = {name: REPORT.allows(report, name, user) for name in REPORT.transitions}
    return steps | {"open": REPORT.allows(report, "edit", None)}


def entry_block(sheet: Sheet, key: str, *, data, user, only_mine: bool = False) -> Block | None:
    """Return the goal's block (or the assignments') with forms bound to `data` if given, or
    None if the report has no such goal."""
    report = sheet.report
    if key == ASSIGNMENTS:
        block = Block(None, key)
        for item in mine(sheet.assignments, user, only_mine):
            block.activities.append(
                row(item, ProgressForm, f"u-{item.pk}", item.entry, data, user, report)
            )
        return block if block.activities else None
    goal = next((g for g in sheet.goals() if goal_key(g) == key), None)
    if goal is None:
        return None
    block = Block(goal, key)
    if goal in mine([goal], user, only_mine):
        block.assessment = row(goal, GoalAssessmentForm, key, goal.entry, data, user, report)
    for indicator in mine((i for i in goal.indicator_list if i.due), user, only_mine):
        block.indicators.append(
            row(indicator, OutcomeForm, f"o-{indicator.pk}", indicator.outcome, data, user, report)
        )
    for activity in mine(goal.activity_list, user, only_mine):
        block.activities.append(
            row(activity, ProgressForm, f"a-{activity.pk}", activity.entry, data, user, report)
        )
    budget_checks_attach(block, sheet)
    return block


def budget_checks_attach(block: Block, sheet: Sheet) -> None:
    """Give each budget indicator shown the value its budget follow-up gives, to hold the
    reported value against; the budget is read only for a goal that has one."""
    shown = [r for r in block.indicators if budget_measure(r.item.name)]
    if shown:
        checks = budget_indicator_checks(sheet)
        for budget_row in shown:
            budget_row.budget_check = checks.get(budget_row.item.pk)


def document_goals(sheet: Sheet, *, fold_from: int = 8) -> list:
    """Every goal of the report, for reading: with its verdict, its indicators due, and whether
    its items are many enough to fold."""
    goals = list(sheet.goals())
    for goal in goals:
        goal.shown_verdict = verdict(goal)
        goal.due_list = [i for i in goal.indicator_list if i.due]
        goal.folded = len(goal.due_list) + len(goal.activity_list) > fold_from
    return goals


def may_enter_any(sheet: Sheet, user) -> bool:
    """Say whether the user may enter any value of the report as it stands."""
    report = sheet.report
    if not REPORT.allows(report, "edit", None):
        return False
    items = [*sheet.goals(), *sheet.due_indicators(), *sheet.activities(), *sheet.assignments]
    # A planner or the central office may enter every item: asking for one item answers.
    return any(enters(user, report, item) for item in items[:1]) or any(
        item.responsible_id == user.pk for item in items if user.is_authenticated
    )


def rows_save(rows: list[Row], *, report, user) -> Saving | None:
    """Save every changed row; return what was saved, or None if any row was refused.

    A row is refused when its form is invalid, or when `entries_save` refuses it (someone saved
    it since it was opened, or the service finds a problem); then nothing at all is saved and
    each refused row's form carries its messages.
    """
    editable = [r for r in rows if r.editable]
    if not all(r.form.is_valid() for r in editable):
        return None
    changed = [r for r in editable if r.form.has_changed()]
    by_place = {r.form.prefix: r for r in changed}
    changes = [
        Change(r.item, r.form.changes(), r.form.cleaned_data["version"], place=r.form.prefix)
        for r in changed
    ]
    saving = entries_save(report, changes, user)
    for problem in saving.problems:
        if isinstance(problem.error, Refused):
            # A value its lifecycle holds (approved) is refused by the state, as a step is:
            # the page answers why (409), and nothing was saved.
            raise problem.error
        form = by_place[problem.change.place].form
        for name, messages in problem.messages.items():
            form.add_error(name if name in form.fields else None, messages)
    return saving if saving.ok else None


def shown_entries(rows: list[Row], report) -> list:
    """Return the values saved for the rows the user may enter, as they now stand."""
    keys = {(type(r.item), r.item.pk) for r in rows if r.editable}
    sheet = report_sheet(report)
    entries = [i.outcome for i in sheet.due_indicators() if (Indicator, i.pk) in keys]
    for item in [*sheet.activities(), *sheet.assignments, *sheet.goals()]:
        if (type(item), item.pk) in keys:
            entries.append(item.entry)
    return [entry for entry in entries if entry is not None]


def previous_text(entry) -> str:
    """The previous report's value in a line: "4,2 % · Ongoing · comment" (what there is)."""
    if entry is None:
        return ""
    parts = []
    if getattr(entry, "value", None) is not None:
        parts.append(f"{number(entry.value)} {entry.unit}".rstrip())
    for name in ("progress", "assessment"):
        if getattr(entry, name, ""):
            parts.append(str(getattr(entry, f"get_{name}_display")()))
    for name in ("comment", "motivation"):
        text = getattr(entry, name, "")
        if text:
            parts.append(text if len(text) <= 160 else text[:159] + "…")
    return " · ".join(parts)
