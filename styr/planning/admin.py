"""Admin for staff who correct imported plans: each part of a plan with its children inline.

The admin meets the same rules as every other way in (styr.lifecycle): nothing of an adopted
plan is added, changed, moved or removed here, and no status is set by hand; the lifecycle's
steps are taken on the web pages or the command line. `Guarded` and `GuardedInline` are what
the apps' admins share: an admin names its checks, and every save, revert and deletion runs
them. A refusal is a form error where there is a form, else an admin message, and is logged.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin

from styr.audit.middleware import refusal_log
from styr.lifecycle import Refused
from styr.planning.choices import PlanStatus
from styr.planning.forms import responsible_choices
from styr.planning.kinds import KINDS, plan_of
from styr.planning.lifecycle import plan_writable
from styr.planning.models import (
    Activity,
    AreaGoal,
    BoardGoal,
    BudgetLine,
    Direction,
    Indicator,
    Investment,
    Plan,
    PlanVersion,
    ResultUnit,
    Section,
    Tag,
    Target,
)

# --- What every app's admin shares ------------------------------------------------------------


def stored_row(obj: models.Model) -> models.Model | None:
    """Return the object as the database holds it, locked until the save; None if it is new."""
    if obj.pk is None:
        return None
    return type(obj)._default_manager.select_for_update().filter(pk=obj.pk).first()


def allows(check, obj) -> bool:
    """Say whether the check lets the object through (no object: the list, which it does)."""
    if obj is None:
        return True
    try:
        check(obj)
    except Refused:
        return False
    return True


def refused(request, refusal: Refused, url: str) -> HttpResponseRedirect:
    """Log the refusal, tell the administrator why, and go back to `url`."""
    refusal_log(refusal, request.user, path=request.path)
    messages.error(request, str(refusal))
    return HttpResponseRedirect(url)


def guarded_form(form_class, guard, request):
    """Return the form class, refusing as a form error what the lifecycles forbid."""

    class GuardedForm(form_class):
        def _post_clean(self):
            # The instance holds the form's values only from here on: check it as it would be.
            super()._post_clean()
            try:
                guard(self.instance)
            except Refused as refusal:
                refusal_log(refusal, request.user, path=request.path)
                self.add_error(None, str(refusal))

    GuardedForm.__name__ = form_class.__name__
    return GuardedForm


class Rules:
    """The checks an admin runs before it writes, as the services run them."""

    # Set only by the lifecycle's steps (web pages, command line): read-only in the admin.
    lifecycle_fields: tuple[str, ...] = ()
    # Counts the saves, so that a form opened before an admin's correction meets a Conflict.
    counter: str | None = None

    def check_stored(self, obj) -> None:
        """Raise Refused if the object, as it stands, may not change."""

    def check_saved(self, obj, stored) -> None:
        """Raise Refused if the object may not be saved with its values (stored: None if new)."""

    def check_delete(self, obj) -> None:
        """Raise Refused if the object may not be deleted."""
        self.check_stored(obj)

    def guard(self, obj) -> models.Model | None:
        """Check a save of the object as it stands and as it would be; return the stored row."""
        stored = stored_row(obj)
        if stored is not None:
            self.check_stored(stored)
        self.check_saved(obj, stored)
        return stored

    def prepare(self, obj) -> models.Model | None:
        """Check a save and keep what only the lifecycle sets; count the save."""
        stored = self.guard(obj)
        if stored is not None:
            for name in self.lifecycle_fields:
                attname = obj._meta.get_field(name).attname
                setattr(obj, attname, getattr(stored, attname))
            if self.counter:
                setattr(obj, self.counter, getattr(stored, self.counter) + 1)
        return stored

    def read_only(self) -> list[str]:
        return [*self.lifecycle_fields, *([self.counter] if self.counter else [])]

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and allows(self.check_stored, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and allows(self.check_delete, obj)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return fields + [name for name in self.read_only() if name not in fields]


def history_address_check(model, object_id: str, version_id: str | None = None) -> None:
    """Raise Http404 for an address of a history page whose ids are not ids (/x/history/²/)."""
    try:
        model._meta.pk.to_python(unquote(object_id))
        if version_id is not None:
            history = getattr(model, model._meta.simple_history_manager_attribute).model
            history._meta.pk.to_python(version_id)
    except ValidationError:
        raise Http404 from None


class HistoryAddresses:
    """A ModelAdmin mixin for simple-history's pages: an address without ids is not found."""

    def history_view(self, request, object_id, extra_context=None):
        history_address_check(self.model, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        history_address_check(self.model, object_id, version_id)
        return super().history_form_view(request, object_id, version_id, extra_context)


class Guarded(HistoryAddresses, Rules):
    """A ModelAdmin mixin: every save, revert and deletion meets the lifecycles' rules."""

    def get_form(self, request, obj=None, **kwargs):
        return guarded_form(super().get_form(request, obj, **kwargs), self.guard, request)

    def save_model(self, request, obj, form, change):
        self.prepare(obj)
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        """Check each inline row that is added, changed or deleted, as on its own page."""
        rules = getattr(formset, "rules", None)
        if rules is not None:
            deleted = formset.deleted_forms
            for row in deleted:
                rules.check_delete(stored_row(row.instance) or row.instance)
            for row in formset.forms:
                if row.has_changed() and row not in deleted:
                    rules.prepare(row.instance)
        super().save_formset(request, form, formset, change)

    def delete_model(self, request, obj):
        self.check_delete(stored_row(obj) or obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.check_delete(obj)
        super().delete_queryset(request, queryset)

    def change_url(self, obj) -> str:
        meta = self.model._meta
        name = f"admin:{meta.app_label}_{meta.model_name}_change"
        return reverse(name, args=[quote(obj.pk)], current_app=self.admin_site.name)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """Refuse a save the object's state forbids with the reason, not a bare 403."""
        try:
            if request.method == "POST" and object_id:
                obj = self.get_object(request, unquote(object_id))
                if obj is not None:
                    self.check_stored(obj)
            # Django's transaction is undone by a refusal raised within it.
            return super().changeform_view(request, object_id, form_url, extra_context)
        except Refused as refusal:
            return refused(request, refusal, request.get_full_path())

    def delete_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        try:
            if obj is not None:
                self.check_delete(obj)
            return super().delete_view(request, object_id, extra_context)
        except Refused as refusal:
            return refused(request, refusal, self.change_url(obj))

    def changelist_view(self, request, extra_context=None):
        """Refuse deleting, from the list, what may not be deleted, with the reason."""
        try:
            if request.method == "POST" and request.POST.get("action") == "delete_selected":
                for obj in self.selected(request):
                    self.check_delete(obj)
            with transaction.atomic():
                return super().changelist_view(request, extra_context)
        except Refused as refusal:
            return refused(request, refusal, request.get_full_path())

    def selected(self, request):
        """Return the objects an action is asked to act on: those ticked, or every one."""
        queryset = self.get_queryset(request)
        if request.POST.get("select_across") == "1":
            return queryset
        ticked = request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
        # Ids are numbers; anything else ticks nothing (a forged form), not a server error.
        return queryset.filter(pk__in=[pk for pk in ticked if pk.isdigit()])

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """Show an earlier version; revert to it only what may change now, its state kept."""
        obj = self.get_object(request, unquote(object_id))
        try:
            if obj is not None and request.method == "POST":
                self.check_stored(obj)
            if obj is not None and not allows(self.check_stored, obj):
                # The page is given the earlier version, whose state may have allowed it.
                extra_context = {**(extra_context or {}), "revert_disabled": True}
            with transaction.atomic():
                return super().history_form_view(request, object_id, version_id, extra_context)
        except Refused as refusal:
            return refused(request, refusal, request.get_full_path())


class GuardedInline(Rules):
    """An inline mixin: its rows are checked by the parent's `Guarded.save_formset`.

    An inline's rows share the state of the parent they are shown under (a goal's indicators
    are in its plan), so the page offers what the parent's state allows.
    """

    def has_add_permission(self, request, obj):
        return super().has_add_permission(request, obj) and allows(self.check_stored, obj)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form = guarded_form(formset.form, self.guard, request)
        formset.rules = self
        return formset


# --- Plans ------------------------------------------------------------------------------------


def placed_in(obj: models.Model) -> list:
    """Return the plans the object would belong to, by its plan and every parent it names.

    A section names its plan and its parent section; either may be another plan's.
    """
    plans = [plan_of(obj)]
    for field in obj._meta.concrete_fields:
        if not field.many_to_one or field.related_model._meta.app_label != "planning":
            continue
        # A parent added on the same page is not saved yet, and has no id to follow.
        if field.is_cached(obj) or getattr(obj, field.attname) is not None:
            parent = getattr(obj, field.name)
            plans.append(plan_of(parent) if parent is not None else None)
    return [plan for plan in plans if plan is not None]


class PlanRules(Rules):
    """An adopted plan changes only through a decision: in the admin too, nobody edits it."""

    counter = "version"

    def check_stored(self, obj) -> None:
        plan_writable(plan_of(obj))

    def check_saved(self, obj, stored) -> None:
        for plan in placed_in(obj):
            plan_writable(plan)


def in_adopted_plan(**lookup) -> bool:
    """Say whether a part of an adopted plan has the value, e.g. in_adopted_plan(tags=tag)."""
    field = next(iter(lookup)).split("__")[0]
    for kind in KINDS.values():
        if field not in {f.name for f in kind.model._meta.get_fields()}:
            continue
        for path in kind.plan_paths:
            adopted = {f"{path}__status": PlanStatus.ADOPTED}
            if kind.model.objects.filter(**lookup, **adopted).exists():
                return True
    return False


class ModelAdmin(PlanRules, Guarded, SimpleHistoryAdmin):
    """Each part of a plan, with its history one click away. Who answers for a part is chosen
    among its organisation's members, as on the plan's own pages, not among every user."""

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if "responsible" in form.base_fields:
            plan = plan_of(obj) if obj is not None else None
            form.base_fields["responsible"].queryset = responsible_choices(plan)
        return form


class Inline(PlanRules, GuardedInline, admin.TabularInline):
    extra = 0
    show_change_link = True


class DirectionInline(Inline):
    model = Direction
    fields = ["position", "number", "title"]


class BudgetLineInline(Inline):
    model = BudgetLine
    fields = ["position", "name", "department", "costs", "revenues"]


class InvestmentInline(Inline):
    model = Investment
    fields = ["position", "text", "amount"]


class ResultUnitInline(Inline):
    model = ResultUnit
    fields = ["position", "name", "text"]


@admin.register(Plan)
class PlanAdmin(ModelAdmin):
    list_display = ["title", "organisation", "year", "status", "updated_at"]
    list_filter = ["status", "year", "organisation"]
    search_fields = ["title", "organisation__name"]
    list_select_related = ["organisation"]
    inlines = [DirectionInline, BudgetLineInline, InvestmentInline, ResultUnitInline]
    # A plan is proposed on its page, and adopted or revised by a decision.
    lifecycle_fields = ("status",)


class AreaGoalInline(Inline):
    model = AreaGoal
    fields = ["position", "number", "title"]


@admin.register(Direction)
class DirectionAdmin(ModelAdmin):
    list_display = ["__str__", "plan"]
    list_filter = ["plan"]
    search_fields = ["title", "description"]
    list_select_related = ["plan"]
    inlines = [AreaGoalInline]


class BoardGoalInline(Inline):
    model = BoardGoal
    fields = ["position", "title"]


class IndicatorInline(Inline):
    model = Indicator
    fields = ["position", "name", "periodicity", "all_boards"]


class ActivityInline(Inline):
    model = Activity
    fields = ["position", "title", "start", "end"]


@admin.register(AreaGoal)
class AreaGoalAdmin(ModelAdmin):
    list_display = ["__str__", "direction"]
    list_filter = ["direction__plan"]
    search_fields = ["number", "title", "description"]
    list_select_related = ["direction"]
    inlines = [IndicatorInline, ActivityInline, BoardGoalInline]


@admin.register(BoardGoal)
class BoardGoalAdmin(ModelAdmin):
    list_display = ["title", "area_goal"]
    list_filter = ["area_goal__direction__plan"]
    search_fields = ["title", "description"]
    list_select_related = ["area_goal"]
    inlines = [IndicatorInline, ActivityInline]


class TargetInline(Inline):
    model = Target
    extra = 0
    fields = ["year", "level", "text", "kind", "value", "unit"]
    counter = None


@admin.register(Indicator)
class IndicatorAdmin(ModelAdmin):
    list_display = ["name", "periodicity", "all_boards", "area_goal", "board_goal"]
    list_filter = ["periodicity", "all_boards"]
    search_fields = ["name"]
    list_select_related = ["area_goal", "board_goal"]
    raw_id_fields = ["area_goal", "board_goal"]
    inlines = [TargetInline]


@admin.register(Target)
class TargetAdmin(ModelAdmin):
    list_display = ["text", "kind", "value", "unit", "level", "year", "indicator"]
    list_filter = ["kind", "level", "year"]
    search_fields = ["indicator__name", "text"]
    list_select_related = ["indicator"]
    raw_id_fields = ["indicator"]
    counter = None


@admin.register(Activity)
class ActivityAdmin(ModelAdmin):
    list_display = ["title", "start", "end", "area_goal", "board_goal"]
    list_filter = ["start", "end"]
    search_fields = ["title"]
    date_hierarchy = "end"
    list_select_related = ["area_goal", "board_goal"]
    raw_id_fields = ["area_goal", "board_goal"]


@admin.register(BudgetLine)
class BudgetLineAdmin(ModelAdmin):
    list_display = ["name", "costs", "revenues", "net", "plan"]
    list_filter = ["plan"]
    search_fields = ["name"]
    list_select_related = ["plan"]


@admin.register(Investment)
class InvestmentAdmin(ModelAdmin):
    list_display = ["__str__", "amount", "plan"]
    list_filter = ["plan"]
    list_select_related = ["plan"]


@admin.register(ResultUnit)
class ResultUnitAdmin(ModelAdmin):
    list_display = ["name", "plan"]
    list_filter = ["plan"]
    list_select_related = ["plan"]


class SubsectionInline(Inline):
    model = Section
    fields = ["position", "title"]
    fk_name = "parent"

    def prepare(self, obj):
        # A subsection is in its parent's plan; the inline does not ask for it.
        if obj.parent_id and not obj.plan_id:
            obj.plan_id = obj.parent.plan_id
        return super().prepare(obj)


@admin.register(Section)
class SectionAdmin(ModelAdmin):
    list_display = ["title", "parent", "plan"]
    list_filter = ["plan"]
    search_fields = ["title", "text"]
    list_select_related = ["parent", "plan"]
    inlines = [SubsectionInline]


@admin.register(Tag)
class TagAdmin(Guarded, admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def check_delete(self, obj) -> None:
        # Removing the tag would take it off the adopted plan's goals, indicators, activities.
        if in_adopted_plan(tags=obj):
            raise Refused(
                _("The tag %(tag)s is used in an adopted plan: only a decision changes it.")
                % {"tag": obj},
                event="plan.changed",
                target=obj,
            )


@admin.register(PlanVersion)
class PlanVersionAdmin(Guarded, admin.ModelAdmin):
    """Versions are the record of what was proposed and decided: they are read, never changed."""

    list_display = ["plan", "number", "status", "decided_on", "created_at"]
    list_filter = ["status"]
    list_select_related = ["plan"]

    def check_stored(self, obj) -> None:
        raise Refused(
            _("%(version)s is the record of what was proposed or decided: it never changes.")
            % {"version": obj},
            event="plan.version_changed",
            target=obj,
        )

    def has_add_permission(self, request):
        # A version is made by the plan's lifecycle: when it is proposed and when decided.
        return False
