"""Pages of a plan's decisions: the decision in force, the one being recorded, the versions and
the reservations.

Whoever may read the plan reads the decision in force. Only the central office (administrators)
records a decision, part by part, and carries it out; while it records a revision, everyone else
keeps seeing the decision in force. Each page fetches what it shows with a permission-checked
helper and calls a service; a GET never writes.
"""

from __future__ import annotations

import rules
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from styr.audit.services import event_log
from styr.decisions import services
from styr.decisions.forms import (
    FIELDS,
    AmendmentForm,
    CaseForm,
    DecisionPointForm,
    OperationForm,
    ReservationForm,
)
from styr.decisions.lifecycle import CASE
from styr.decisions.models import Amendment, Case, DecisionPoint, Reservation
from styr.decisions.selectors import case_in_force, case_pending
from styr.lifecycle import Refused
from styr.planning.access import plan_for
from styr.planning.choices import PlanStatus
from styr.planning.diff import plan_diff
from styr.planning.forms import refusal_shown
from styr.planning.parsing.plan_json import JsonReader
from styr.planning.versions import version_document


def deciding(request, slug: str, year: int):
    """Return the plan, if the user may record and carry out decisions on it."""
    plan = plan_for(request, slug, year)
    if not rules.test_rule("decisions.decide", request.user, plan):
        raise PermissionDenied
    return plan


def case_for(request, slug: str, year: int, pk: int) -> Case:
    """Return a decision on the plan, if the user may record and carry out decisions on it."""
    plan = deciding(request, slug, year)
    found = get_object_or_404(Case.objects.select_related("version"), pk=pk, plan=plan)
    found.plan = plan  # as fetched, with its organisation
    return found


def case_url(case: Case, anchor: str = "") -> str:
    plan = case.plan
    url = reverse("decisions:case", args=[plan.organisation.slug, plan.year, case.pk])
    return f"{url}#{anchor}" if anchor else url


def refusal(check, *args) -> str:
    """Return why the check refuses, or "" if it allows: for pages that explain, not raise."""
    try:
        check(*args)
    except (Refused, PermissionDenied) as refused:
        return str(refused)
    return ""


def case_context(case: Case | None) -> dict:
    """Return what a decision's page shows of it: its points, amendments and reservations."""
    if case is None:
        return {}
    return {
        "points": case.decision_points.filter(reservation=None),
        "reservations": case.reservations.select_related("refers_to").prefetch_related("points"),
        "amendments": case.amendments.all(),
        "attachments": case.attachments.all(),
        "changes": case_changes(case),
    }


def case_changes(case: Case) -> list:
    """Return what the carried-out decision changed: its version against the one before."""
    if not case.version_id:
        return []
    before = case.plan.versions.filter(number__lt=case.version.number).order_by("-number").first()
    if before is None:
        return []
    return plan_diff(version_document(before), version_document(case.version))


def decision(request, slug: str, year: int):
    """Show the plan's decision in force and what it changed; before adoption, the proposed one.

    A revision being recorded is shown apart, and only to those who decide.
    """
    plan = plan_for(request, slug, year)
    can_decide = rules.test_rule("decisions.decide", request.user, plan)
    in_force, pending = case_in_force(plan), case_pending(plan)
    # Before adoption the decision being recorded is the proposed one, read with the proposal;
    # after it, a revision being recorded is no one's business but the central office's.
    shown = in_force or (pending if plan.status != PlanStatus.ADOPTED else None)
    earlier = (
        plan.cases.exclude(version=None).select_related("version").order_by("-version__number")
    )
    context = {
        "plan": plan,
        "case": shown,
        "pending": pending if can_decide else None,
        "can_decide": can_decide,
        "earlier": [case for case in earlier if case != in_force],
        **case_context(shown),
    }
    if can_decide and pending is None:
        context["record_refusal"] = refusal(services.case_recordable, plan, request.user)
    return render(request, "decisions/decision.html", context)


def case_detail(request, slug: str, year: int, pk: int):
    """Show a decision to those who decide: while it is recorded, with what to add and remove."""
    found = case_for(request, slug, year, pk)
    context = {
        "plan": found.plan,
        "case": found,
        "adopting": services.decision_step(found.plan) == "adopt",
        "can_change": CASE.allows(found, "change", request.user),
        "can_amend": CASE.allows(found, "amend", request.user),
        "can_carry_out": CASE.allows(found, "carry_out", request.user),
        "not_due": refusal(services.decision_due, found),
        "point_form": DecisionPointForm(case=found),
        **case_context(found),
    }
    return render(request, "decisions/case.html", context)


def record(request, slug: str, year: int):
    """Record a decision on the plan: its adoption, or a revision of the adopted plan."""
    plan = deciding(request, slug, year)
    pending = case_pending(plan)
    if request.method != "POST" and pending is not None:
        return redirect(case_url(pending))  # one decision is recorded at a time: go on with it
    form = CaseForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            found = services.case_record(plan=plan, fields=form.particulars(), actor=request.user)
        except ValidationError as error:
            refusal_shown(form, error)
        else:
            messages.success(request, _("The decision is recorded: now add its points."))
            return redirect(case_url(found))
    context = {
        "plan": plan,
        "form": form,
        "adopting": services.decision_step(plan) == "adopt",
        "refused": refusal(services.case_recordable, plan, request.user),
    }
    return render(request, "decisions/case_form.html", context)


def case_edit(request, slug: str, year: int, pk: int):
    """Change the particulars of a decision that is not carried out yet."""
    found = case_for(request, slug, year, pk)
    if request.method != "POST" and not CASE.allows(found, "change", request.user):
        return redirect(case_url(found))
    form = CaseForm(request.POST or None, instance=found, plan=found.plan)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_update(case=found, fields=form.particulars(), actor=request.user)
        except ValidationError as error:
            refusal_shown(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(case_url(found))
    context = {"plan": found.plan, "form": form, "case": found}
    return render(request, "decisions/case_form.html", context)


def point_add(request, slug: str, year: int, pk: int):
    """Add a numbered point to a decision that is not carried out yet."""
    found = case_for(request, slug, year, pk)
    if request.method != "POST" and not CASE.allows(found, "change", request.user):
        return redirect(case_url(found))
    form = DecisionPointForm(request.POST or None, case=found)
    if request.method == "POST" and form.is_valid():
        try:
            point = services.decision_point_add(
                case=found,
                number=form.cleaned_data["number"],
                text=form.cleaned_data["text"],
                actor=request.user,
            )
        except ValidationError as error:
            refusal_shown(form, error)
        else:
            messages.success(request, _("Point %(number)s is added.") % {"number": point.number})
            return redirect(case_url(found, "punkter"))
    return render(
        request, "decisions/point_form.html", {"plan": found.plan, "case": found, "form": form}
    )


@require_POST
def point_remove(request, slug: str, year: int, pk: int, point: int):
    found = case_for(request, slug, year, pk)
    removed = get_object_or_404(DecisionPoint, case=found, reservation=None, pk=point)
    if removing(request, services.decision_point_remove, found, point=removed):
        messages.success(request, _("Point %(number)s is removed.") % {"number": removed.number})
    return redirect(case_url(found, "punkter"))


def removing(request, service, case: Case, step: str = "change", **part) -> bool:
    """Call a removing service; show why it refused, if it did, and log the refusal."""
    try:
        service(actor=request.user, **part)
    except services.DecisionError as refused:
        refusal_logged(request, refused, CASE[step].event, case)
        messages.error(request, str(refused))
        return False
    return True


def refusal_logged(request, refused: Refused, event: str, case: Case) -> None:
    """Log a refusal the page shows itself, as the event of the step that was tried."""
    event_log(
        refused.event or event,
        actor=request.user,
        target=refused.target or case,
        reason=str(refused),
        data={"path": request.path},
        refused=True,
    )


def amendment_add(request, slug: str, year: int, pk: int):
    """Record an amendment: first what kind of change (?typ=), then the parts it changes."""
    found = case_for(request, slug, year, pk)
    if request.method != "POST" and not CASE.allows(found, "amend", request.user):
        return redirect(case_url(found))
    operation = request.GET.get("typ", "")
    context = {"plan": found.plan, "case": found}
    if operation not in FIELDS:
        chooser = OperationForm(request.GET if "typ" in request.GET else None, plan=found.plan)
        chooser.is_valid()  # shows a choice left out, or not offered
        return render(request, "decisions/amendment_type.html", {**context, "form": chooser})
    form = AmendmentForm(request.POST or None, case=found, operation=operation)
    if request.method == "POST" and form.is_valid():
        try:
            services.amendment_add(case=found, amendment=form.amendment(), actor=request.user)
        except services.DecisionError as refused:
            refusal_logged(request, refused, CASE["amend"].event, found)
            form.add_error(None, str(refused))
        else:
            messages.success(request, _("The amendment was recorded."))
            return redirect(case_url(found, "andringar"))
    context.update(form=form, operation=form.operation)
    return render(request, "decisions/amendment_form.html", context)


@require_POST
def amendment_remove(request, slug: str, year: int, pk: int, amendment: int):
    found = case_for(request, slug, year, pk)
    removed = get_object_or_404(Amendment, case=found, pk=amendment)
    if removing(request, services.amendment_remove, found, "amend", amendment=removed):
        messages.success(request, _("The amendment is removed."))
    return redirect(case_url(found, "andringar"))


def reservation_add(request, slug: str, year: int, pk: int):
    """Add a reservation to a decision that is not carried out yet."""
    found = case_for(request, slug, year, pk)
    if request.method != "POST" and not CASE.allows(found, "change", request.user):
        return redirect(case_url(found))
    form = ReservationForm(request.POST or None, case=found)
    if request.method == "POST" and form.is_valid():
        try:
            services.reservation_add(case=found, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            refusal_shown(form, error)
        else:
            messages.success(request, _("The reservation is added."))
            return redirect(case_url(found, "reservationer"))
    return render(
        request,
        "decisions/reservation_form.html",
        {"plan": found.plan, "case": found, "form": form},
    )


@require_POST
def reservation_remove(request, slug: str, year: int, pk: int, reservation: int):
    found = case_for(request, slug, year, pk)
    removed = get_object_or_404(Reservation, case=found, pk=reservation)
    if removing(request, services.reservation_remove, found, reservation=removed):
        messages.success(request, _("The reservation is removed."))
    return redirect(case_url(found, "reservationer"))


@require_POST
def carry_out(request, slug: str, year: int, pk: int):
    """Carry out the decision: adopt the proposal, or revise the adopted plan."""
    found = case_for(request, slug, year, pk)
    adopting = services.decision_step(found.plan) == "adopt"
    try:
        services.decision_due(found)
        version = services.decision_carry_out(case=found, actor=request.user)
    except services.DecisionError as refused:
        refusal_logged(request, refused, CASE["carry_out"].event, found)
        messages.error(request, str(refused))
        return redirect(case_url(found))
    if adopting:
        message = _("The decision is carried out: the plan is adopted as version %(number)s.")
    else:
        message = _("The decision is carried out: the plan is revised as version %(number)s.")
    messages.success(request, message % {"number": version.number})
    return redirect("decisions:decision", slug, year)


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


def reservation(request, slug: str, year: int, pk: int):
    """Show a reservation of a decision in force or before, and the party's alternative plan.

    A reservation of a revision being recorded is shown only to those who decide.
    """
    plan = plan_for(request, slug, year)
    found = get_object_or_404(Reservation.objects.select_related("case"), pk=pk, case__plan=plan)
    pending = found.case.version_id is None and plan.status == PlanStatus.ADOPTED
    if pending and not rules.test_rule("decisions.decide", request.user, plan):
        raise PermissionDenied
    rows = []
    if found.alternative:
        adopted = found.case.version or plan.versions.order_by("-number").first()
        if adopted:
            rows = plan_diff(version_document(adopted), JsonReader().plan(found.alternative))
    return render(
        request, "decisions/reservation.html", {"plan": plan, "reservation": found, "rows": rows}
    )
