"""The report's entry page, where planners and responsible persons enter the period's values,
and the steps of the report's workflow."""

from __future__ import annotations

from urllib.parse import urlencode

import rules
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from styr.audit.middleware import refusal_log
from styr.followup import services
from styr.followup.access import enters, report_for
from styr.followup.calendar import deadline
from styr.followup.choices import Period
from styr.followup.entry import (
    chosen_key,
    document_goals,
    entry_block,
    goal_statuses,
    may_enter_any,
    next_key,
    report_steps,
    rows_save,
    shown_entries,
)
from styr.followup.forms import ReportForm
from styr.followup.lifecycle import REPORT
from styr.followup.models import Report
from styr.followup.selectors import report_sheet
from styr.planning.access import plan_for
from styr.planning.choices import PlanStatus
from styr.planning.editing import Conflict


def periods(request, slug: str, year: int):
    """List the plan's reports for the year: each period's status and deadline."""
    plan = plan_for(request, slug, year)
    reports = {report.period: report for report in Report.objects.filter(plan=plan)}
    rows = [
        {
            "period": period,
            "report": reports.get(period),
            "closes": period.closing_day(plan.year),
            "deadline": deadline(plan, period),
            "visible": rules.test_rule(
                "followup.view_report", request.user, reports.get(period) or Report(plan=plan)
            ),
        }
        for period in Period
    ]
    context = {"plan": plan, "rows": rows, "adopted": plan.status == PlanStatus.ADOPTED}
    return render(request, "followup/periods.html", context)


def report(request, slug: str, year: int, period: str):
    """Show the report: to whoever may enter values, one goal at a time with its forms, saving
    what the user changed; to anyone else, and once it is approved, as a document."""
    found = report_for(request, slug, year, period)
    sheet = report_sheet(found)
    if found.frozen or not may_enter_any(sheet, request.user):
        if request.method == "POST":
            refuse_entry(request, found, sheet)
        return render(request, "followup/report.html", document_context(request, found, sheet))
    only_mine = request.GET.get("mina") == "1"
    statuses = goal_statuses(sheet, request.user, only_mine=only_mine)
    key = chosen_key(statuses, request.GET.get("mal", ""))
    data = request.POST if request.method == "POST" else None
    block = entry_block(sheet, key, data=data, user=request.user, only_mine=only_mine)
    rows = block.rows() if block else []
    if data is not None:
        # Whoever may enter values here is told why a report not open for them is refused
        # (409); anyone else, that they may not (403).
        if not any(enters(request.user, found, r.item) for r in rows):
            raise PermissionDenied
        REPORT.check(found, "edit", None)
        saving = rows_save(rows, report=found, user=request.user)
        if saving is not None:
            following = next_key(statuses, key) if "nasta" in request.POST else key
            return after_save(request, found, rows, saving.saved, goal_url(following, only_mine))
        messages.error(request, _("Nothing was saved: correct the values marked below."))
    done = sum(status.done for status in statuses)
    total = sum(status.total for status in statuses)
    context = report_context(request, found, sheet) | {
        "entering": True,
        "goal_block": block,
        "key": key,
        "statuses": statuses,
        "only_mine": only_mine,
        "done": done,
        "total": total,
        "left": total - done,
        "next_key": next_key(statuses, key),
        "previous_period": sheet.previous_period,
        "can_edit": any(r.editable for r in rows),
    }
    return render(request, "followup/report.html", context)


def refuse_entry(request, found, sheet) -> None:
    """Refuse values sent for a report the user may not enter: as not open to whoever could
    enter them were it open (409), else as not theirs to enter (403)."""
    items = [*sheet.goals(), *sheet.due_indicators(), *sheet.activities(), *sheet.assignments]
    if not any(enters(request.user, found, item) for item in items):
        raise PermissionDenied
    REPORT.check(found, "edit", None)
    raise PermissionDenied  # open, yet nothing in it is the user's


def report_context(request, found, sheet) -> dict:
    return {
        "report": found,
        "plan": found.plan,
        "sheet": sheet,
        "deadline": found.deadline,
        "can_review": rules.test_rule("followup.review", request.user, found),
        "can_approve": rules.test_rule("followup.approve_report", request.user, found)
        and not found.frozen,
        "steps": report_steps(found, request.user),
        "summary_form": ReportForm(instance=found),
        "rules": {
            "margin": found.plan.organisation.municipality.partly_met_margin,
            "met": settings.STYR_GOAL_MET_SCORE,
            "partly": settings.STYR_GOAL_PARTLY_SCORE,
        },
    }


def document_context(request, found, sheet) -> dict:
    """The report as a document: every goal with its verdict, indicators and activities."""
    return report_context(request, found, sheet) | {
        "entering": False,
        "goals": document_goals(sheet),
        "assignments": sheet.assignments,
    }


def goal_url(key: str, only_mine: bool) -> str:
    query = {"mal": key} | ({"mina": "1"} if only_mine else {})
    return "?" + urlencode(query)


def after_save(request, report, rows, saved, following: str):
    messages.success(
        request,
        ngettext("Saved %(count)d value.", "Saved %(count)d values.", len(saved))
        % {"count": len(saved)},
    )
    if "skicka" in request.POST:
        entries = shown_entries(rows, report)
        count = services.entries_submit(entries=entries, user=request.user)
        messages.success(
            request,
            ngettext("Submitted %(count)d value.", "Submitted %(count)d values.", count)
            % {"count": count},
        )
    return redirect(request.path + following)


@require_POST
def report_submit(request, slug: str, year: int, period: str):
    found = report_for(request, slug, year, period, review=True)
    return workflow_step(
        request,
        found,
        lambda: services.report_submit(report=found, user=request.user),
        _("The report was submitted to the central office."),
    )


def central_office_report(request, slug: str, year: int, period: str):
    """Return the report, if the user is of the central office, which approves reports."""
    found = report_for(request, slug, year, period)
    if not rules.test_rule("followup.approve_report", request.user, found):
        raise PermissionDenied
    return found


@require_POST
def report_approve(request, slug: str, year: int, period: str):
    found = central_office_report(request, slug, year, period)
    return workflow_step(
        request,
        found,
        lambda: services.report_approve(report=found, user=request.user),
        _("The report was approved; it can no longer be changed."),
    )


@require_POST
def report_return(request, slug: str, year: int, period: str):
    found = central_office_report(request, slug, year, period)
    reason = request.POST.get("reason", "")
    return workflow_step(
        request,
        found,
        lambda: services.report_return(report=found, reason=reason, user=request.user),
        _("The report was returned to the board."),
    )


@require_POST
def report_reopen(request, slug: str, year: int, period: str):
    """Reopen an approved report for the board to correct, with the central office's reason."""
    found = central_office_report(request, slug, year, period)
    reason = request.POST.get("reason", "")
    return workflow_step(
        request,
        found,
        lambda: services.report_reopen(report=found, reason=reason, user=request.user),
        _("The report was reopened and returned to the board."),
    )


@require_POST
def report_summary(request, slug: str, year: int, period: str):
    """Save the report's own summary and the result units' carry-over."""
    found = report_for(request, slug, year, period, review=True)
    form = ReportForm(request.POST, instance=found)
    if not form.is_valid():
        problems = [
            f"{form.fields[name].label}: {' '.join(errors)}"
            if name in form.fields
            else " ".join(errors)
            for name, errors in form.errors.items()
        ]
        messages.error(request, _("The summary was not saved. %s") % " ".join(problems))
        return redirect(found)
    try:
        services.report_update(
            report=found,
            data=form.changes(),
            version=form.cleaned_data["version"],
            user=request.user,
        )
    except Conflict:
        messages.error(request, _("Someone else saved the summary meanwhile; yours was not saved."))
    else:
        messages.success(request, _("The summary was saved."))
    return redirect(found)


def workflow_step(request, report, step, success: str):
    try:
        step()
    except services.Refused as refused:
        refusal_log(refused, request.user, path=request.path)
        messages.error(request, str(refused))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)
    return redirect(report)
