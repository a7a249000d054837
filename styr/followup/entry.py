"""The forms of a report's entry page: one per item the period asks for, grouped by goal.

`entry_blocks` builds the forms for the goals shown; `entries_save` saves every changed form
at once, or none of them if any is refused. A row is editable only while its report is open
(a draft, or returned) and by someone who may enter its item; the page shows the others'
values as text. `report_steps` says which steps of the report's lifecycle the page offers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from styr.followup import services
from styr.followup.access import may_enter
from styr.followup.forms import GoalAssessmentForm, OutcomeForm, ProgressForm
from styr.followup.lifecycle import REPORT
from styr.followup.selectors import Sheet, report_sheet
from styr.planning.editing import Conflict
from styr.planning.models import AreaGoal, Indicator


@dataclass
class Row:
    """An item with its form; the form is read-only for those who may not enter it."""

    item: object
    form: object
    editable: bool

    def save(self, report, user):
        data, version = self.form.changes(), self.form.cleaned_data["version"]
        if isinstance(self.form, OutcomeForm):
            return services.outcome_save(
                report=report, indicator=self.item, data=data, user=user, version=version
            )
        if isinstance(self.form, ProgressForm):
            return services.progress_save(
                report=report, item=self.item, data=data, user=user, version=version
            )
        return services.goal_assessment_save(
            report=report, goal=self.item, data=data, user=user, version=version
        )

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
    """A goal with its assessment, its indicators due and its activities."""

    goal: object
    assessment: Row
    indicators: list[Row] = field(default_factory=list)
    activities: list[Row] = field(default_factory=list)

    def rows(self) -> list[Row]:
        return [self.assessment, *self.indicators, *self.activities]


def goal_key(goal) -> str:
    """The goal in a web address and form prefixes: mal-3 or namndmal-12."""
    return f"{'mal' if isinstance(goal, AreaGoal) else 'namndmal'}-{goal.pk}"


def row(item, form_class, prefix: str, entry, data, user, report) -> Row:
    editable = may_enter(user, report, item)
    form = form_class(
        data if editable else None,
        instance=entry or form_class._meta.model(),
        prefix=prefix,
    )
    if isinstance(form, OutcomeForm):
        form.fit(item)
    if not editable:
        for bound in form.fields.values():
            bound.disabled = True
    return Row(item, form, editable)


def report_steps(report, user) -> dict[str, bool]:
    """Return which steps of the report's lifecycle the user may take now, for its buttons.

    `open` says whether the report takes values at all, whoever asks.
    """
    steps = {name: REPORT.allows(report, name, user) for name in REPORT.transitions}
    return steps | {"open": REPORT.allows(report, "edit", None)}


def entry_blocks(sheet: Sheet, *, goal: str, data, user) -> list[Block]:
    """Return a block per goal (or only the goal asked for) with bound forms if `data`."""
    report = sheet.report
    blocks = []
    for item in sheet.goals():
        if goal and goal_key(item) != goal:
            continue
        block = Block(
            item, row(item, GoalAssessmentForm, goal_key(item), item.entry, data, user, report)
        )
        for indicator in item.indicator_list:
            if indicator.due:
                prefix, entry = f"o-{indicator.pk}", indicator.outcome
                block.indicators.append(
                    row(indicator, OutcomeForm, prefix, entry, data, user, report)
                )
        for activity in item.activity_list:
            block.activities.append(
                row(activity, ProgressForm, f"a-{activity.pk}", activity.entry, data, user, report)
            )
        blocks.append(block)
    return blocks


def assignment_rows(sheet: Sheet, *, data, user) -> list[Row]:
    return [
        row(item, ProgressForm, f"u-{item.pk}", item.entry, data, user, sheet.report)
        for item in sheet.assignments
    ]


def entries_save(rows: list[Row], *, report, user) -> list | None:
    """Save every changed row; return the saved values, or None if any was refused.

    A row is refused when its form is invalid, when someone saved it since it was opened, or
    when the service finds a problem; then nothing at all is saved.
    """
    editable = [r for r in rows if r.editable]
    if not all(r.form.is_valid() for r in editable):
        return None
    saved, failed = [], False
    with transaction.atomic():
        for r in editable:
            if not r.form.has_changed():
                continue
            try:
                saved.append(r.save(report, user))
            except Conflict:
                r.form.add_error(None, conflict_message())
                failed = True
            except ValidationError as error:
                # A problem with a field (a unit, a motivation) is shown beside the field.
                r.form.add_error(None, error)
                failed = True
        if failed:
            transaction.set_rollback(True)
            return None
    return saved


def shown_entries(rows: list[Row], report) -> list:
    """Return the values saved for the rows the user may enter, as they now stand."""
    keys = {(type(r.item), r.item.pk) for r in rows if r.editable}
    sheet = report_sheet(report)
    entries = [i.outcome for i in sheet.due_indicators() if (Indicator, i.pk) in keys]
    for item in [*sheet.activities(), *sheet.assignments, *sheet.goals()]:
        if (type(item), item.pk) in keys:
            entries.append(item.entry)
    return [entry for entry in entries if entry is not None]


def conflict_message() -> str:
    return _(
        "Someone else saved this value while you were editing it, so nothing was saved. "
        "Reload the page to see their value."
    )
