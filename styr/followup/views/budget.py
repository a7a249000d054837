"""The report's budget page: each line's budget, adjustments, outcome, forecast and deviation.

Everyone who may read the report sees the tables; those who may review it also get a form to
enter every line's figures at once and forms to record budget adjustments and gross changes.
Each form posts to the page itself, saying in `action` what it does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import rules
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from styr.followup.access import report_for
from styr.followup.budget import (
    budget_adjustment_add,
    budget_adjustment_remove,
    budget_outcomes_save,
    gross_change_add,
    gross_change_remove,
    report_budget,
)
from styr.followup.forms import AdjustmentForm, ChangeForm, GrossChangeForm
from styr.followup.models import BudgetAdjustment, BudgetOutcome, GrossChange, Report
from styr.followup.services import Refused
from styr.numbers import LARGEST_INTEGER, whole_number
from styr.planning.forms import refusal_shown
from styr.swedish import decimal_write

CELL = re.compile(
    r"^line-([0-9]+)-(costs|revenues|forecast_costs|forecast_revenues|comment|version)$"
)


@dataclass
class Cell:
    name: str
    label: str
    value: str
    errors: list[str]
    number: bool = True


def budget(request, slug: str, year: int, period: str) -> HttpResponse:
    posting = request.method == "POST"
    report = report_for(request, slug, year, period, review=posting)
    if not posting:
        return page(request, report)
    action = ACTIONS.get(request.POST.get("action", ""))
    if action is None:
        return HttpResponseBadRequest(_("Unknown action."))
    answer = action(request, report)
    if isinstance(answer, HttpResponse):
        return answer
    return page(request, report, **answer)


def post_outcomes(request, report: Report):
    try:
        budget_outcomes_save(report=report, rows=posted_rows(request.POST), user=request.user)
    except ValidationError as error:
        return {"posted": request.POST, "errors": error.message_dict}
    except Refused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("The budget figures are saved."))
    return redirect(request.path)


def posted_rows(post) -> list[dict]:
    """Gather the posted inputs (`line-<id>-<field>`) into one row per budget line."""
    rows: dict[int, dict] = {}
    for key, value in post.items():
        found = CELL.match(key)
        if found:
            pk, field = int(found[1]), found[2]
            rows.setdefault(pk, {"budget_line": pk})[field] = value
    for row in rows.values():
        row["version"] = whole_number(row.get("version", ""), largest=LARGEST_INTEGER)
    return list(rows.values())


def post_adjustment(request, report: Report):
    form = AdjustmentForm(request.POST, report=report, prefix="adjustment")
    if change_added(request, form, budget_adjustment_add, report):
        messages.success(request, _("The budget adjustment is recorded."))
        return redirect(request.path + "#adjustments")
    return {"adjustment_form": form}


def post_gross_change(request, report: Report):
    form = GrossChangeForm(request.POST, report=report, prefix="gross")
    if change_added(request, form, gross_change_add, report):
        messages.success(request, _("The gross change is recorded."))
        return redirect(request.path + "#gross-changes")
    return {"gross_form": form}


def change_added(request, form: ChangeForm, service, report: Report) -> bool:
    if not form.is_valid():
        return False
    try:
        service(plan=report.plan, data=form.changes(), user=request.user)
    except ValidationError as error:
        refusal_shown(form, error)
        return False
    except Refused as refused:
        form.add_error(None, str(refused))
        return False
    return True


def post_adjustment_removal(request, report: Report):
    adjustment = get_object_or_404(BudgetAdjustment, plan=report.plan, pk=posted_id(request))
    removal(request, budget_adjustment_remove, adjustment=adjustment)
    return redirect(request.path + "#adjustments")


def post_gross_change_removal(request, report: Report):
    change = get_object_or_404(GrossChange, plan=report.plan, pk=posted_id(request))
    removal(request, gross_change_remove, change=change)
    return redirect(request.path + "#gross-changes")


def removal(request, service, **item) -> None:
    try:
        service(user=request.user, **item)
    except Refused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("Removed."))


def posted_id(request) -> int:
    found = whole_number(request.POST.get("id", ""))
    if found is None:
        raise Http404("no such id")
    return found


ACTIONS = {
    "outcomes": post_outcomes,
    "adjustment": post_adjustment,
    "gross_change": post_gross_change,
    "remove_adjustment": post_adjustment_removal,
    "remove_gross_change": post_gross_change_removal,
}


def page(request, report: Report, *, posted=None, errors=None, **forms_given) -> HttpResponse:
    sheet = report_budget(report)
    can_review = rules.test_rule("followup.review", request.user, report)
    context = {"report": report, "plan": report.plan, "sheet": sheet, "can_review": can_review}
    if can_review:
        errors = errors or {}
        context |= {
            "columns": [label for _field, label in entered(sheet)],
            "grid": [grid_row(line, entered(sheet), posted, errors) for line in sheet.lines],
            "errors": [(target(key), text) for key, found in errors.items() for text in found],
            "adjustment_form": forms_given.get("adjustment_form")
            or AdjustmentForm(report=report, prefix="adjustment"),
            "gross_form": forms_given.get("gross_form")
            or GrossChangeForm(report=report, prefix="gross"),
        }
    return render(request, "followup/budget.html", context)


def target(key: str) -> str:
    """Return the input an error is about: a row's error points at its first input."""
    return key if CELL.match(key) else f"{key}-costs"


def entered(sheet) -> list[tuple[str, str]]:
    """Return the fields entered in the period, with their labels: no forecast at year end."""
    names = ["costs", "revenues", "forecast_costs", "forecast_revenues", "comment"]
    if sheet.year_end:
        names = ["costs", "revenues", "comment"]
    return [(name, capfirst(BudgetOutcome._meta.get_field(name).verbose_name)) for name in names]


@dataclass
class GridRow:
    line: object
    prefix: str
    version: int | str
    cells: list[Cell]
    errors: list[str]


def grid_row(line, fields: list[tuple[str, str]], posted, errors: dict) -> GridRow:
    """Return a line's inputs: what was posted after a refusal, else what is saved."""
    prefix = f"line-{line.budget_line.pk}"
    outcome = line.outcome
    cells = []
    for field, label in fields:
        name = f"{prefix}-{field}"
        if posted is not None:
            value = posted.get(name, "")
        elif outcome is None:
            value = ""
        else:
            value = getattr(outcome, field)
            value = value if field == "comment" else decimal_write(value)
        found = errors.get(name, [])
        cells.append(Cell(name, f"{label}, {line.name}", value, found, field != "comment"))
    if posted is not None:
        version = posted.get(f"{prefix}-version", "")
    else:
        version = outcome.version if outcome else 0
    return GridRow(line, prefix, version, cells, errors.get(prefix, []))
