"""Admin for staff who correct imported plans: each part of a plan with its children inline."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from styr.planning.choices import PlanStatus
from styr.planning.kinds import plan_of
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


class AdoptedIsReadOnly:
    """An adopted plan changes only through a decision: in the admin too, nobody edits it."""

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not adopted(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not adopted(obj)


def adopted(obj) -> bool:
    plan = plan_of(obj) if obj is not None else None
    return plan is not None and plan.status == PlanStatus.ADOPTED


class ModelAdmin(AdoptedIsReadOnly, SimpleHistoryAdmin):
    """Each part of a plan, with its history one click away."""


class Inline(AdoptedIsReadOnly, admin.TabularInline):
    extra = 0
    show_change_link = True

    def has_add_permission(self, request, obj):
        return super().has_add_permission(request, obj) and not adopted(obj)


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


@admin.register(Section)
class SectionAdmin(ModelAdmin):
    list_display = ["title", "parent", "plan"]
    list_filter = ["plan"]
    search_fields = ["title", "text"]
    list_select_related = ["parent", "plan"]
    inlines = [SubsectionInline]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(PlanVersion)
class PlanVersionAdmin(admin.ModelAdmin):
    """Versions are the record of what was proposed and decided: they are read, never changed."""

    list_display = ["plan", "number", "status", "created_at"]
    list_filter = ["status"]
    list_select_related = ["plan"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
