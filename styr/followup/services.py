"""Changes to follow-up: enter values, and move reports and values through their lifecycles.

The lifecycles (followup.lifecycle) say which steps exist and who may take them; these
functions check them, make the change in a transaction and log the step as an event. What
they change is in the audit trail too (the models' HistoricalRecords).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from styr.audit.services import event_log
from styr.followup.choices import EntryStatus, Period
from styr.followup.kinds import KINDS
from styr.followup.lifecycle import ENTRY, REPORT
from styr.followup.models import Entry, GoalAssessment, Outcome, Progress, Report
from styr.followup.record import record_keep
from styr.followup.selectors import Sheet, report_sheet
from styr.lifecycle import Refused
from styr.planning.choices import PlanStatus
from styr.planning.editing import Conflict
from styr.planning.models import Activity, AreaGoal, Assignment, BoardGoal, Indicator, Plan

OPEN = {EntryStatus.DRAFT, EntryStatus.RETURNED}


def reports_open(*, plan: Plan) -> list[Report]:
    """Open the adopted plan's reports for T1, T2 and the year, those not open already."""
    if plan.status != PlanStatus.ADOPTED:
        raise Refused(_("Only an adopted plan is followed up."), event="report.opened", target=plan)
    have = set(Report.objects.filter(plan=plan).values_list("period", flat=True))
    missing = [Report(plan=plan, period=period) for period in Period if period not in have]
    bulk_create_with_history(missing, Report)
    return list(Report.objects.filter(plan=plan))


def report_open(*, plan: Plan, period: str) -> Report:
    """Return the adopted plan's report for the period."""
    reports_open(plan=plan)
    report = Report.objects.get(plan=plan, period=Period(period))
    report.plan = plan
    return report


def writable(report: Report, actor=None) -> Report:
    """Return the report locked for writing, if it is open for values (a draft or returned).

    The lock (on SQLite, the transaction's write lock) lasts until the caller's transaction
    ends: two saves or steps of one report take turns, the second seeing what the first did.
    """
    current = (
        Report.objects.select_related("plan").select_for_update(of=("self",)).get(pk=report.pk)
    )
    REPORT.check(current, "edit", actor)
    return current


@transaction.atomic
def outcome_save(
    *, report: Report, indicator: Indicator, data: dict, user, version: int | None = None
) -> Outcome:
    """Save an indicator's outcome; its unit must be the target's, and is the target's if blank.

    A share given as numerator and denominator without a value gets the value from them
    (the rules are the kind's, followup.kinds; the saving is followup.saving's).
    """
    return entry_save(report, indicator, data, user, version)


@transaction.atomic
def progress_save(
    *, report: Report, item: Activity | Assignment, data: dict, user, version: int | None = None
) -> Progress:
    """Save how an activity or assignment is going."""
    return entry_save(report, item, data, user, version)


@transaction.atomic
def goal_assessment_save(
    *, report: Report, goal: AreaGoal | BoardGoal, data: dict, user, version: int | None = None
) -> GoalAssessment:
    """Save the planner's assessment of a goal; an assessment needs its motivation."""
    return entry_save(report, goal, data, user, version)


def entry_save(report: Report, item, data: dict, user, version: int | None):
    """Save one value through the bulk service, raising its refusal as these services always
    have. Imported late: saving builds on this module (writable)."""
    from styr.followup.saving import entry_save as saved

    return saved(report, item, data, user, version)


def entries_moved(entries: list[Entry], step: str, user, **fields) -> list:
    """Take a step of the values' lifecycle in a report open for values (a draft or returned)."""
    if not entries:
        return []
    report = writable(Report(pk=entries[0].report_id), user)
    ENTRY.permit(step, user, report)
    return values_moved(entries, step, user, **fields)


def values_moved(entries: list[Entry], step: str, user, *, read: bool = True, **fields) -> list:
    """Move values together: one lock and one update for each kind of value, however many
    there are. If any value may not take the step, none does. The caller holds the report.

    The values are read again, locked, unless `read` is False: the caller read them after it
    locked their report (report_approve), and every change of a value locks its report first.
    Every value gets the same state, so one UPDATE moves them all (a bulk_update would write a
    CASE for each value and field); their history rows are written from the instances.
    """
    now, moved, transition = timezone.now(), [], ENTRY[step]
    for kind in KINDS:
        model = kind.model
        given = [entry for entry in entries if type(entry) is model]
        if not given:
            continue
        keys = [entry.pk for entry in given]
        current = (
            list(model.objects.select_for_update().filter(pk__in=keys).order_by("pk"))
            if read
            else given
        )
        for entry in current:
            ENTRY.check(entry, step, None)
            entry.status, entry.updated_by, entry.updated_at = transition.target, user, now
            entry.version += 1
            for field, value in fields.items():
                setattr(entry, field, value)
        model.objects.filter(pk__in=keys).update(
            status=transition.target,
            updated_by=user,
            updated_at=now,
            version=F("version") + 1,
            **fields,
        )
        history_of(model).bulk_history_create(current, update=True, default_user=user)
        moved += current
    return moved


def history_of(model):
    """Return the model's history manager (simple_history's HistoricalRecords)."""
    return model.history


@transaction.atomic
def entries_submit(*, entries: list[Entry], user) -> int:
    """Submit the draft and returned values among `entries`; return how many were."""
    opened = [entry for entry in entries if entry.status in OPEN]
    moved = entries_moved(opened, "submit", user)
    values_logged("value.submitted", moved, user)
    return len(moved)


@transaction.atomic
def entries_approve(*, entries: list[Entry], user) -> int:
    """Approve submitted values; refuse them all if one is not submitted."""
    moved = entries_moved(entries, "approve", user, return_reason="")
    values_logged("value.approved", moved, user)
    return len(moved)


def values_logged(action: str, moved: list[Entry], user) -> None:
    """Log a step many values took together as one event on their report."""
    if moved:
        report = Report.objects.select_related("plan").get(pk=moved[0].report_id)
        event_log(action, actor=user, target=report, data={"count": len(moved)})


@transaction.atomic
def entry_return(*, entry: Entry, reason: str, user) -> Entry:
    reason = reasoned(reason, _("Say why the value is returned."))
    returned = entries_moved([entry], "return", user, return_reason=reason)[0]
    ENTRY.record(returned, "return", user, reason=reason)
    return returned


@transaction.atomic
def entry_approve(*, entry: Entry, user) -> Entry:
    approved = entries_moved([entry], "approve", user, return_reason="")[0]
    ENTRY.record(approved, "approve", user)
    return approved


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


def report_locked(report: Report) -> Report:
    return Report.objects.select_related("plan").select_for_update(of=("self",)).get(pk=report.pk)


@transaction.atomic
def report_submit(*, report: Report, user) -> Report:
    """Submit the report with all its values, if every item due has been reported."""
    current = report_locked(report)
    REPORT.check(current, "submit", user)
    sheet = report_sheet(current)
    lacking = missing(sheet)
    if lacking:
        raise Refused(
            _("The report cannot be submitted yet: %(count)d items lack a value. %(first)s")
            % {"count": len(lacking), "first": "; ".join(lacking[:5])},
            event="report.submitted",
            target=current,
        )
    entries_submit(entries=list(sheet.entries()), user=user)
    return report_moved(
        current,
        "submit",
        user,
        return_reason="",
        submitted_at=timezone.now(),
        submitted_by=user,
    )


@transaction.atomic
def report_return(*, report: Report, reason: str, user) -> Report:
    """Send a submitted report back to the board, saying why."""
    current = report_locked(report)
    REPORT.check(current, "return", user)
    return report_moved(
        current,
        "return",
        user,
        return_reason=reasoned(reason, _("Say why the report is returned.")),
    )


def reasoned(reason: str, missing: str) -> str:
    if not reason.strip():
        raise ValidationError({"return_reason": missing})
    return reason.strip()


@transaction.atomic
def report_approve(*, report: Report, user) -> Report:
    """Approve a submitted report and every value in it; the report is a record from then on."""
    current = report_locked(report)
    REPORT.check(current, "approve", user)
    sheet = report_sheet(current)
    entries = list(sheet.entries())
    for entry in entries:
        if entry.status not in (EntryStatus.SUBMITTED, EntryStatus.APPROVED):
            raise Refused(
                _("A value in the report is not submitted: %s") % entry,
                event="report.approved",
                target=current,
            )
    pending = [entry for entry in entries if entry.status == EntryStatus.SUBMITTED]
    # Read just now, under the report's lock: moved as they are, so that the sheet, which holds
    # them, is the approved report's as it now stands and is kept as its record.
    moved = values_moved(pending, "approve", user, read=False, return_reason="")
    values_logged("value.approved", moved, user)
    record_keep(current, sheet)
    return report_moved(current, "approve", user, approved_at=timezone.now(), approved_by=user)


@transaction.atomic
def report_reopen(*, report: Report, reason: str, user) -> Report:
    """Reopen an approved report for the board to correct, saying why (the central office)."""
    current = report_locked(report)
    REPORT.check(current, "reopen", user)
    return report_moved(
        current,
        "reopen",
        user,
        return_reason=reasoned(reason, _("Say why the report is reopened.")),
        approved_at=None,
        approved_by=None,
        plan_version=None,
        record=None,  # judged against the plan as it stands again, until approved again
    )


def report_moved(report: Report, step: str, user, **fields) -> Report:
    """Move the report to the state the step reaches, and log the step."""
    report.status = REPORT[step].target
    for field, value in fields.items():
        setattr(report, field, value)
    report.version += 1
    report._history_user = user
    report.save()
    REPORT.record(report, step, user, reason=fields.get("return_reason", ""))
    return report


@transaction.atomic
def report_update(*, report: Report, data: dict, version: int | None, user=None) -> Report:
    """Change the report's own texts and figures (summary, carry-over)."""
    current = writable(report, user)
    if version is not None and current.version != version:
        raise Conflict(current)
    for field, value in data.items():
        setattr(current, field, value)
    current.version += 1
    current.full_clean()
    current.save()
    return current
