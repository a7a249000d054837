"""The report's entry page, where planners and responsible persons enter the period's values,
and the steps of the report's workflow."""

from __future__ import annotations

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
    assignment_rows,
    entries_save,
    entry_blocks,
    goal_key,
    report_steps,
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
    """Show every item due in the period with its value; save what the user changed."""
    found = report_for(request, slug, year, period)
    sheet = report_sheet(found)
    goal = request.GET.get("mal", "")
    data = request.POST if request.method == "POST" else None
    blocks = entry_blocks(sheet, goal=goal, data=data, user=request.user)
    assignments = [] if goal else assignment_rows(sheet, data=data, user=request.user)
    rows = [r for block in blocks for r in block.rows()] + assignments
    if data is not None:
        # Whoever may enter values here is told why a report not open for them is refused
        # (409); anyone else, that they may not (403).
        if not any(enters(request.user, found, r.item) for r in rows):
            raise PermissionDenied
        REPORT.check(found, "edit", None)
        saved = entries_save(rows, report=found, user=request.user)
        if saved is not None:
            return after_save(request, found, rows, saved)
        messages.error(request, _("Nothing was saved: correct the values marked below."))
    context = {
        "report": found,
        "plan": found.plan,
        "sheet": sheet,
        "blocks": blocks,
        "assignments": assignments,
        "goal": goal,
        "goals": [(goal_key(g), g) for g in sheet.goals()],
        "deadline": deadline(found.plan, found.period_choice),
        "can_edit": any(r.editable for r in rows),
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
    return render(request, "followup/report.html", context)


def after_save(request, report, rows, saved):
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
    return redirect(request.get_full_path())


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
