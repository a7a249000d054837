"""Where a planner reviews the values others entered: approve them, or return them with a
reason. Only approved values count in the city's roll-ups."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from styr.audit.middleware import refusal_log
from styr.followup import services
from styr.followup.access import report_for
from styr.followup.choices import EntryStatus
from styr.followup.forms import ReasonForm
from styr.followup.lifecycle import REPORT
from styr.followup.models import GoalAssessment, Outcome, Progress
from styr.followup.selectors import report_sheet
from styr.numbers import whole_number

ENTRY_KINDS = {"o": Outcome, "p": Progress, "g": GoalAssessment}


def entry_key(entry) -> str:
    kind = next(key for key, model in ENTRY_KINDS.items() if isinstance(entry, model))
    return f"{kind}-{entry.pk}"


@dataclass
class ReviewRow:
    """A value to review with its item, and the texts given with it (comment, motivation)."""

    key: str
    kind: str  # a key of ENTRY_KINDS
    entry: object
    item: object
    notes: list[tuple[str, str]]


def review_row(entry, items: dict) -> ReviewRow:
    key = entry_key(entry)
    return ReviewRow(key, key.partition("-")[0], entry, items[key], notes_of(entry))


def notes_of(entry) -> list[tuple[str, str]]:
    """Return what was written with the value: an outcome's or progress's comment, a goal's
    motivation, and an outcome's assessment set by the planner with its reason."""
    notes = []
    if isinstance(entry, GoalAssessment):
        notes.append((_("Motivation"), entry.motivation))
    else:
        notes.append((_("Comment"), entry.comment))
    if isinstance(entry, Outcome) and entry.override:
        notes.append(
            (
                _("Assessment set by the planner"),
                f"{entry.get_override_display()}: {entry.override_reason}",
            )
        )
    return [(label, text) for label, text in notes if text]


def review(request, slug: str, year: int, period: str):
    """List the report's values by status, the submitted ones first, with their items."""
    found = report_for(request, slug, year, period, review=True)
    sheet = report_sheet(found)
    items = {}
    for indicator in sheet.due_indicators():
        if indicator.outcome:
            items[entry_key(indicator.outcome)] = indicator
    for item in [*sheet.activities(), *sheet.assignments, *sheet.goals()]:
        if item.entry:
            items[entry_key(item.entry)] = item
    entries = sorted(sheet.entries(), key=lambda entry: ORDER.index(entry.status))
    rows = [review_row(entry, items) for entry in entries]
    context = {
        "report": found,
        "plan": found.plan,
        "rows": rows,
        # The services move values only while their report is open (a draft, or returned).
        "can_move": REPORT.allows(found, "edit", None),
        "reason_form": ReasonForm(),
    }
    return render(request, "followup/review.html", context)


ORDER = [EntryStatus.SUBMITTED, EntryStatus.RETURNED, EntryStatus.DRAFT, EntryStatus.APPROVED]


def entry_named(report, key: str):
    kind, _dash, pk_text = key.partition("-")
    pk = whole_number(pk_text)
    if kind not in ENTRY_KINDS or pk is None:
        raise Http404("no such value")
    entry = ENTRY_KINDS[kind].objects.filter(report=report, pk=pk).first()
    if entry is None:
        raise Http404(key)
    return entry


@require_POST
def entries_approve(request, slug: str, year: int, period: str):
    """Approve the chosen submitted values, or all of them."""
    found = report_for(request, slug, year, period, review=True)
    try:
        if "alla" in request.POST:
            sheet = report_sheet(found)
            entries = [e for e in sheet.entries() if e.status == EntryStatus.SUBMITTED]
        else:
            entries = [entry_named(found, key) for key in request.POST.getlist("valda")]
        services.entries_approve(entries=entries, user=request.user)
    except services.Refused as refused:
        refusal_log(refused, request.user, path=request.path)
        messages.error(request, str(refused))
    else:
        messages.success(
            request,
            ngettext("Approved %(count)d value.", "Approved %(count)d values.", len(entries))
            % {"count": len(entries)},
        )
    return redirect("followup:review", slug, year, period)


@require_POST
def entry_return(request, slug: str, year: int, period: str, key: str):
    found = report_for(request, slug, year, period, review=True)
    entry = entry_named(found, key)
    try:
        services.entry_return(entry=entry, reason=request.POST.get("reason", ""), user=request.user)
    except services.Refused as refused:
        refusal_log(refused, request.user, path=request.path)
        messages.error(request, str(refused))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The value was returned with your reason."))
    return redirect("followup:review", slug, year, period)
