"""Pages where planners change a plan. Each checks the user may change the plan, then calls
a service in editing.py; the form shows any problem beside its field."""

from __future__ import annotations

import rules
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from styr.numbers import whole_number
from styr.organisations.models import Organisation
from styr.planning import editing
from styr.planning.access import item_for, plan_for
from styr.planning.choices import PlanStatus
from styr.planning.forms import FORMS, NewPlanForm, PlanHeadingForm, refusal_shown
from styr.planning.kinds import KINDS, Kind, item_url, kind_named
from styr.planning.lifecycle import plan_step
from styr.planning.models import Activity, AreaGoal, BoardGoal, Direction, Indicator, Plan, Section
from styr.planning.tree import tree_node

# Where a new part may go: the kinds of parent, and the field that points to each.
PARENTS = {
    AreaGoal: {Direction: "direction"},
    BoardGoal: {AreaGoal: "area_goal"},
    Indicator: {AreaGoal: "area_goal", BoardGoal: "board_goal"},
    Activity: {AreaGoal: "area_goal", BoardGoal: "board_goal"},
    Section: {Section: "parent"},
}


def item_edit(request, slug: str, year: int, kind: str, pk: int):
    """Change a part of a plan: on its own page, or in place in the overview (htmx)."""
    plan = plan_for(request, slug, year, change=True)
    found = kind_named(kind)
    item = item_for(request, plan, found, pk)
    in_row = request.GET.get("i") == "rad"
    form_class = FORMS[found.model]
    form = form_class(request.POST or None, instance=item, plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            item = editing.item_update(
                item=item,
                data=form.changes(),
                version=form.cleaned_data["version"],
                targets=form.targets(),
            )
        except editing.Conflict as conflict:
            form = conflicted(form_class, conflict, plan)
        except ValidationError as error:
            refusal_shown(form, error)
        else:
            if in_row and request.htmx:
                return render(request, "planning/_row.html", row_context(plan, found, item))
            messages.success(request, _("Saved."))
            return redirect(item_url(plan, item))
    context = {"plan": plan, "kind": found, "item": item, "form": form, "in_row": in_row}
    if in_row and request.htmx:
        # htmx moves focus to an autofocus field it swaps in: keyboard users land in the form.
        first = next(iter(form.visible_fields()))
        first.field.widget.attrs["autofocus"] = True
        return render(request, "planning/_row_form.html", context)
    return render(request, "planning/item_form.html", context)


def conflicted(form_class, conflict: editing.Conflict, plan: Plan):
    """Return a form with the current values, and a message that shows them."""
    form = form_class(instance=conflict.current, plan=plan)
    current = "; ".join(
        f"{form.fields[name].label}: {form.initial.get(name) or '–'}"
        for name in form.Meta.fields
        if name in form.fields and name not in {"tags", "responsible"}
    )
    form.conflict = _(
        "Someone else saved this while you were editing it, so your change was not saved. "
        "It now reads: %(current)s. Make your change again below."
    ) % {"current": current}
    return form


def row_context(plan: Plan, kind: Kind, item) -> dict:
    """Return what the overview needs to show one indicator or activity row."""
    # Focus goes back to the row's change button, where the keyboard user left it.
    return {
        "plan": plan,
        "node": tree_node(plan, item),
        "kind_slug": kind.slug,
        "can_change": True,
        "focus": True,
    }


def item_add(request, slug: str, year: int, kind: str):
    """Add a part to a plan, under the parent the address names (?under=mal-12)."""
    plan = plan_for(request, slug, year, change=True)
    found = kind_named(kind)
    parent = parent_from(request, plan, found)
    form_class = FORMS[found.model]
    form = form_class(request.POST or None, instance=found.model(**parent), plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            item = editing.item_create(
                model=found.model,
                parent=parent,
                data=form.changes(),
                targets=form.targets(),
            )
        except ValidationError as error:
            refusal_shown(form, error)
        else:
            messages.success(request, _("Added."))
            return redirect(item_url(plan, item))
    context = {"plan": plan, "kind": found, "item": None, "form": form, "parent": parent}
    return render(request, "planning/item_form.html", context)


def parent_from(request, plan: Plan, kind: Kind) -> dict:
    """Return the new part's parent fields, from ?under=<kind>-<id>; plan-level parts need none."""
    choices = PARENTS.get(kind.model, {})
    under = request.GET.get("under", "")
    if not under:
        if kind.model in (AreaGoal, BoardGoal, Indicator, Activity):
            raise Http404("a parent is needed")
        return {"plan": plan}
    parent_slug, _sep, pk_text = under.rpartition("-")
    parent_kind, pk = KINDS.get(parent_slug), whole_number(pk_text)
    if parent_kind is None or parent_kind.model not in choices or pk is None:
        raise Http404("no such parent")
    parent = item_for(request, plan, parent_kind, pk)
    fields = {choices[parent_kind.model]: parent}
    return {**fields, "plan": plan} if kind.model is Section else fields


def item_delete(request, slug: str, year: int, kind: str, pk: int):
    plan = plan_for(request, slug, year, change=True)
    found = kind_named(kind)
    item = item_for(request, plan, found, pk)
    if request.method == "POST":
        editing.item_delete(item=item)
        messages.success(request, _("“%(item)s” was removed.") % {"item": item})
        return redirect(plan)
    return render(
        request, "planning/confirm_delete.html", {"plan": plan, "kind": found, "item": item}
    )


@require_POST
def item_move(request, slug: str, year: int, kind: str, pk: int):
    plan = plan_for(request, slug, year, change=True)
    found = kind_named(kind)
    item = item_for(request, plan, found, pk)
    editing.item_move(item=item, offset=-1 if request.POST.get("riktning") == "upp" else 1)
    return redirect(item_url(plan, item))


def plan_edit(request, slug: str, year: int):
    """Change the plan's title, and propose it (or take it back to draft)."""
    plan = plan_for(request, slug, year, change=True)
    form = PlanHeadingForm(request.POST or None, instance=plan, plan=plan)
    if request.method == "POST" and form.is_valid():
        changes = form.changes()
        status = changes.pop("status", plan.status)
        try:
            with transaction.atomic():
                plan = editing.item_update(
                    item=plan, data=changes, version=form.cleaned_data["version"]
                )
                if status != plan.status:
                    step = "propose" if status == PlanStatus.PROPOSAL else "withdraw"
                    plan = plan_step(plan=plan, step=step, actor=request.user)
        except editing.Conflict as conflict:
            form = PlanHeadingForm(instance=conflict.current, plan=plan)
            form.conflict = _("Someone else saved the plan while you were editing it.")
        else:
            messages.success(request, _("Saved."))
            return redirect(plan)
    return render(request, "planning/plan_form.html", {"plan": plan, "form": form})


def plan_new(request):
    """Create a plan: empty, or a copy of an earlier plan of the organisation."""
    if not rules.test_rule("planning.add_any_plan", request.user):
        raise PermissionDenied
    organisations = [
        organisation
        for organisation in Organisation.objects.select_related("municipality", "office")
        if rules.test_rule("planning.add_plan", request.user, organisation)
    ]
    form = NewPlanForm(
        request.POST or None,
        organisations=Organisation.objects.filter(pk__in=[o.pk for o in organisations]),
        plans=Plan.objects.filter(organisation__in=organisations).select_related("organisation"),
        initial=new_plan_defaults(request, organisations),
    )
    if request.method == "POST" and form.is_valid():
        plan = editing.plan_create(
            organisation=form.cleaned_data["organisation"],
            year=form.cleaned_data["year"],
            copy_from=form.cleaned_data["copy_from"],
        )
        messages.success(request, _("The plan was created as a draft."))
        return redirect(plan)
    return render(request, "planning/plan_new.html", {"form": form})


def new_plan_defaults(request, organisations: list) -> dict:
    """Suggest next year's plan as a copy of the latest one, when the address names a plan."""
    source_id = whole_number(request.GET.get("fran", ""))
    if source_id is None:
        return {}
    source = Plan.objects.filter(pk=source_id, organisation__in=organisations)
    if plan := source.first():
        return {"organisation": plan.organisation, "year": plan.year + 1, "copy_from": plan}
    return {}
