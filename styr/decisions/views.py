"""Pages of a plan's decisions: the case, its amendments, its versions and reservations."""

from __future__ import annotations

import dataclasses

import rules
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from styr.decisions import services
from styr.decisions.document import AmendmentDoc
from styr.decisions.forms import AmendmentForm
from styr.decisions.models import Case, Reservation
from styr.planning.access import plan_for
from styr.planning.diff import plan_diff
from styr.planning.parsing.plan_json import JsonReader
from styr.planning.versions import version_document


def deciding(request, slug: str, year: int):
    """Return the plan, if the user may record and carry out decisions on it."""
    plan = plan_for(request, slug, year)
    if not rules.test_rule("decisions.decide", request.user, plan):
        raise PermissionDenied
    return plan


def decision(request, slug: str, year: int):
    """Show the plan's latest decision, and what it changed in the plan."""
    plan = plan_for(request, slug, year)
    case = plan.cases.order_by("-created_at").first()
    context = {
        "plan": plan,
        "case": case,
        "changes": case_changes(case) if case else [],
        "can_decide": rules.test_rule("decisions.decide", request.user, plan),
    }
    if case:
        context.update(
            points=case.decision_points.filter(reservation=None),
            reservations=case.reservations.select_related("refers_to").prefetch_related("points"),
            amendments=case.amendments.all(),
            attachments=case.attachments.all(),
        )
    return render(request, "decisions/decision.html", context)


def case_changes(case: Case) -> list:
    """Return what the carried-out decision changed: its version against the one before."""
    if not case.version_id:
        return []
    before = case.plan.versions.filter(number__lt=case.version.number).order_by("-number").first()
    if before is None:
        return []
    return plan_diff(version_document(before), version_document(case.version))


def versions(request, slug: str, year: int):
    """Compare any two versions of the plan."""
    plan = plan_for(request, slug, year)
    kept = list(plan.versions.order_by("number"))
    by_number = {str(version.number): version for version in kept}
    old = by_number.get(request.GET.get("fran", ""))
    new = by_number.get(request.GET.get("till", ""))
    if kept and not (old and new):
        old, new = kept[0], kept[-1]
    changes = plan_diff(version_document(old), version_document(new)) if old and new else []
    context = {"plan": plan, "versions": kept, "old": old, "new": new, "changes": changes}
    return render(request, "decisions/versions.html", context)


@require_POST
def open_case(request, slug: str, year: int):
    plan = deciding(request, slug, year)
    services.case_open(plan=plan)
    return redirect("decisions:decision", slug, year)


def amendment_add(request, slug: str, year: int):
    """Record an amendment to the plan's open decision."""
    plan = deciding(request, slug, year)
    case = plan.cases.filter(version=None).order_by("-created_at").first()
    if case is None:
        case = services.case_open(plan=plan)
    form = AmendmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fields = {f.name for f in dataclasses.fields(AmendmentDoc)}
        amendment = AmendmentDoc(**{k: v for k, v in form.cleaned_data.items() if k in fields})
        try:
            services.amendment_add(case=case, amendment=amendment)
        except services.DecisionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The amendment was recorded."))
            return redirect("decisions:decision", slug, year)
    return render(request, "decisions/amendment_form.html", {"plan": plan, "form": form})


@require_POST
def adopt(request, slug: str, year: int):
    """Carry out the plan's open decision: adopt the plan, or revise the adopted plan."""
    plan = deciding(request, slug, year)
    case = plan.cases.filter(version=None).order_by("-created_at").first()
    try:
        if case is None:
            services.plan_adopt(plan=plan)
        else:
            services.decision_carry_out(case=case)
    except services.DecisionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The decision was carried out: the plan is adopted."))
    return redirect("decisions:decision", slug, year)


def reservation(request, slug: str, year: int, pk: int):
    """Show a reservation, and its party's alternative plan beside the adopted one."""
    plan = plan_for(request, slug, year)
    found = get_object_or_404(Reservation.objects.select_related("case"), pk=pk, case__plan=plan)
    rows = []
    if found.alternative:
        adopted = found.case.version or plan.versions.order_by("-number").first()
        if adopted:
            rows = plan_diff(version_document(adopted), JsonReader().plan(found.alternative))
    return render(
        request, "decisions/reservation.html", {"plan": plan, "reservation": found, "rows": rows}
    )
