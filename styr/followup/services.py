"""Changes to follow-up: open a report, enter values, and move them through the workflow.

A value goes draft → submitted → returned (with a reason) or approved; a report goes
draft → submitted → approved, and an approved report is frozen. Every function runs in a
transaction; what it changes is in the audit trail (the models' HistoricalRecords).
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from styr.followup.choices import EntryStatus, Period, ReportStatus
from styr.followup.models import Entry, GoalAssessment, Outcome, Progress, Report
from styr.followup.selectors import Sheet, report_sheet
from styr.planning.choices import Level, PlanStatus
from styr.planning.editing import Conflict
from styr.planning.models import Activity, AreaGoal, Assignment, Indicator, Plan

OPEN = {EntryStatus.DRAFT, EntryStatus.RETURNED}


class Refused(Exception):
    """The workflow does not allow the step; the message says why, for the user."""


@transaction.atomic
def report_open(*, plan: Plan, period: str) -> Report:
    """Return the plan's report for the period, opening it if it is the first value."""
    if plan.status != PlanStatus.ADOPTED:
        raise Refused(_("Only an adopted plan is followed up."))
    report, _created = Report.objects.get_or_create(plan=plan, period=Period(period))
    return report


def writable(report: Report) -> Report:
    """Return the report locked for writing, unless it is approved and so frozen."""
    current = Report.objects.select_for_update().get(pk=report.pk)
    if current.frozen:
        raise Refused(_("The report is approved and can no longer be changed."))
    return current


def entry_saved(
    *, report: Report, model: type[Entry], key: dict, data: dict, user, version: int | None
) -> Entry:
    """Save a reported value as a draft, unless someone saved it since `version`."""
    writable(report)
    entry = model.objects.select_for_update().filter(report=report, **key).first()
    if entry is None:
        entry = model(report=report, **key)
    elif version is not None and entry.version != version:
        raise Conflict(entry)
    else:
        entry.version += 1
    for field, value in data.items():
        setattr(entry, field, value)
    entry.status = EntryStatus.DRAFT
    entry.updated_by = user
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def outcome_save(
    *, report: Report, indicator: Indicator, data: dict, user, version: int | None = None
) -> Outcome:
    """Save an indicator's outcome; its unit must be the target's, and is the target's if blank.

    A share given as numerator and denominator without a value gets the value from them.
    """
    data = {**data}
    expected = expected_unit(indicator, report.plan.year)
    unit = (data.get("unit") or "").strip()
    if expected and unit and unit.lower() != expected.lower():
        raise ValidationError(
            {
                "unit": _("The target is in %(expected)s, not %(unit)s.")
                % {"expected": expected, "unit": unit}
            }
        )
    data["unit"] = unit or expected
    if data.get("value") is None and data.get("numerator") is not None and data.get("denominator"):
        share = Decimal(data["numerator"]) / Decimal(data["denominator"])
        data["value"] = round(share * 100 if data["unit"] == "%" else share, 6)
    return entry_saved(
        report=report,
        model=Outcome,
        key={"indicator": indicator},
        data=data,
        user=user,
        version=version,
    )


def expected_unit(indicator: Indicator, year: int) -> str:
    """Return the unit of the indicator's target for the year: the board's, else the council's."""
    targets = {t.level: t for t in indicator.targets.all() if t.year == year}
    for level in (Level.BOARD, Level.COUNCIL):
        if level in targets and targets[level].unit:
            return targets[level].unit
    return ""


@transaction.atomic
def progress_save(
    *, report: Report, item: Activity | Assignment, data: dict, user, version: int | None = None
) -> Progress:
    """Save how an activity or assignment is going."""
    key = {"activity": item} if isinstance(item, Activity) else {"assignment": item}
    return entry_saved(
        report=report, model=Progress, key=key, data=data, user=user, version=version
    )


@transaction.atomic
def goal_assessment_save(
    *, report: Report, goal, data: dict, user, version: int | None = None
) -> GoalAssessment:
    """Save the planner's assessment of a goal; an assessment needs its motivation."""
    if data.get("assessment") and not (data.get("motivation") or "").strip():
        raise ValidationError({"motivation": _("Give the motivation for the assessment.")})
    key = {"area_goal": goal} if isinstance(goal, AreaGoal) else {"board_goal": goal}
    return entry_saved(
        report=report, model=GoalAssessment, key=key, data=data, user=user, version=version
    )


def entries_moved(entries: list[Entry], allowed: set, status: str, user, **fields) -> list:
    """Move values to a status together: one lock and one update for each kind of value,
    however many there are. If any value is not in an allowed status, none moves."""
    if not entries:
        return []
    writable(Report(pk=entries[0].report_id))
    now, moved = timezone.now(), []
    for model in (Outcome, Progress, GoalAssessment):
        keys = [entry.pk for entry in entries if type(entry) is model]
        if not keys:
            continue
        current = list(model.objects.select_for_update().filter(pk__in=keys).order_by("pk"))
        for entry in current:
            if entry.status not in allowed:
                raise Refused(
                    _("This value is %(status)s and cannot be %(step)s.")
                    % {
                        "status": entry.get_status_display().lower(),
                        "step": EntryStatus(status).label.lower(),
                    }
                )
            entry.status, entry.updated_by, entry.updated_at = status, user, now
            entry.version += 1
            for field, value in fields.items():
                setattr(entry, field, value)
        changed = ["status", "updated_by", "updated_at", "version", *fields]
        bulk_update_with_history(current, model, changed, default_user=user)
        moved += current
    return moved


@transaction.atomic
def entries_submit(*, entries: list[Entry], user) -> int:
    """Submit the draft and returned values among `entries`; return how many were."""
    opened = [entry for entry in entries if entry.status in OPEN]
    return len(entries_moved(opened, OPEN, EntryStatus.SUBMITTED, user))


@transaction.atomic
def entries_approve(*, entries: list[Entry], user) -> int:
    """Approve submitted values; refuse them all if one is not submitted."""
    moved = entries_moved(
        entries, {EntryStatus.SUBMITTED}, EntryStatus.APPROVED, user, return_reason=""
    )
    return len(moved)


@transaction.atomic
def entry_return(*, entry: Entry, reason: str, user) -> Entry:
    if not reason.strip():
        raise ValidationError({"return_reason": _("Say why the value is returned.")})
    allowed = {EntryStatus.SUBMITTED, EntryStatus.APPROVED}
    return entries_moved(
        [entry], allowed, EntryStatus.RETURNED, user, return_reason=reason.strip()
    )[0]


@transaction.atomic
def entry_approve(*, entry: Entry, user) -> Entry:
    return entries_moved(
        [entry], {EntryStatus.SUBMITTED}, EntryStatus.APPROVED, user, return_reason=""
    )[0]


def missing(sheet: Sheet) -> list[str]:
    """Return what the report still lacks before it can be submitted, as readable lines."""
    lacking = []
    for indicator in sheet.due_indicators():
        if indicator.outcome is None:
            lacking.append(_("Indicator without an outcome: %s") % indicator.name)
    for activity in sheet.activities():
        if not (activity.entry and activity.entry.progress):
            lacking.append(_("Activity without a status: %s") % activity.title)
    for assignment in sheet.assignments:
        if not (assignment.entry and assignment.entry.progress):
            lacking.append(_("Assignment without a status: %s") % assignment.title)
    for goal in sheet.goals():
        if not (goal.entry and goal.entry.assessment):
            lacking.append(_("Goal without an assessment: %s") % goal)
    for entry in sheet.entries():
        if entry.status == EntryStatus.RETURNED:
            lacking.append(_("Returned and not yet corrected: %s") % entry)
    return lacking


@transaction.atomic
def report_submit(*, report: Report, user) -> Report:
    """Submit the report with all its values, if every item due has been reported."""
    current = writable(report)
    if current.status != ReportStatus.DRAFT:
        raise Refused(_("The report has already been submitted."))
    sheet = report_sheet(current)
    lacking = missing(sheet)
    if lacking:
        raise Refused(
            _("The report cannot be submitted yet: %(count)d items lack a value. %(first)s")
            % {"count": len(lacking), "first": "; ".join(lacking[:5])}
        )
    entries_submit(entries=list(sheet.entries()), user=user)
    return report_moved(
        current,
        ReportStatus.SUBMITTED,
        return_reason="",
        submitted_at=timezone.now(),
        submitted_by=user,
    )


@transaction.atomic
def report_return(*, report: Report, reason: str, user) -> Report:
    """Send a submitted report back to the board as a draft, saying why."""
    current = writable(report)
    if current.status != ReportStatus.SUBMITTED:
        raise Refused(_("Only a submitted report can be returned."))
    if not reason.strip():
        raise ValidationError({"return_reason": _("Say why the report is returned.")})
    return report_moved(
        current,
        ReportStatus.DRAFT,
        return_reason=reason.strip(),
        submitted_at=None,
        submitted_by=None,
    )


@transaction.atomic
def report_approve(*, report: Report, user) -> Report:
    """Approve a submitted report and every value in it; the report is frozen from then on."""
    current = writable(report)
    if current.status != ReportStatus.SUBMITTED:
        raise Refused(_("Only a submitted report can be approved."))
    entries = list(report_sheet(current).entries())
    for entry in entries:
        if entry.status not in (EntryStatus.SUBMITTED, EntryStatus.APPROVED):
            raise Refused(_("A value in the report is not submitted: %s") % entry)
    entries_approve(
        entries=[entry for entry in entries if entry.status == EntryStatus.SUBMITTED], user=user
    )
    return report_moved(
        current, ReportStatus.APPROVED, approved_at=timezone.now(), approved_by=user
    )


def report_moved(report: Report, status: str, **fields) -> Report:
    report.status = status
    for field, value in fields.items():
        setattr(report, field, value)
    report.version += 1
    report.save()
    return report


@transaction.atomic
def report_update(*, report: Report, data: dict, version: int | None) -> Report:
    """Change the report's own texts and figures (summary, carry-over)."""
    current = writable(report)
    if version is not None and current.version != version:
        raise Conflict(current)
    for field, value in data.items():
        setattr(current, field, value)
    current.version += 1
    current.full_clean()
    current.save()
    return current
