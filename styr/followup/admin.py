"""Admin for staff who correct follow-up: reports, their values and the budget's, the
reporting calendar and the city's central values, each with its history one click away."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from styr.followup.models import (
    BudgetAdjustment,
    BudgetOutcome,
    CityOutcome,
    GoalAssessment,
    GrossChange,
    Outcome,
    Progress,
    Report,
    ReportingDeadline,
)


class FrozenIsReadOnly:
    """An approved report is frozen: in the admin too, nobody changes it or its values."""

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not frozen(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not frozen(obj)


def frozen(obj) -> bool:
    report = obj if isinstance(obj, Report) or obj is None else obj.report
    return report is not None and report.frozen


class EntryAdmin(FrozenIsReadOnly, SimpleHistoryAdmin):
    """A value reported in a report, found by its report's plan and period, and its status."""

    list_filter = ["status", "report__period", "report__plan__year"]
    list_select_related = ["report__plan"]
    raw_id_fields = ["report"]
    readonly_fields = ["updated_by", "updated_at", "version"]


@admin.register(ReportingDeadline)
class ReportingDeadlineAdmin(SimpleHistoryAdmin):
    list_display = ["year", "period", "due", "municipality"]
    list_filter = ["year", "period", "municipality"]
    list_select_related = ["municipality"]


@admin.register(Report)
class ReportAdmin(FrozenIsReadOnly, SimpleHistoryAdmin):
    list_display = ["plan", "period", "status", "submitted_at", "approved_at"]
    list_filter = ["status", "period", "plan__year"]
    search_fields = ["plan__title", "plan__organisation__name"]
    list_select_related = ["plan"]
    raw_id_fields = ["plan"]
    readonly_fields = ["submitted_at", "submitted_by", "approved_at", "approved_by", "version"]


@admin.register(Outcome)
class OutcomeAdmin(EntryAdmin):
    list_display = ["indicator", "value", "unit", "value_kind", "status", "report"]
    search_fields = ["indicator__name", "comment", "source"]
    list_select_related = ["indicator", "report__plan"]
    raw_id_fields = ["report", "indicator"]


@admin.register(Progress)
class ProgressAdmin(EntryAdmin):
    list_display = ["__str__", "progress", "completed_on", "status", "report"]
    list_filter = ["progress", *EntryAdmin.list_filter]
    search_fields = ["activity__title", "assignment__title", "comment"]
    list_select_related = ["activity", "assignment", "report__plan"]
    raw_id_fields = ["report", "activity", "assignment"]


@admin.register(GoalAssessment)
class GoalAssessmentAdmin(EntryAdmin):
    list_display = ["__str__", "assessment", "status", "report"]
    list_filter = ["assessment", *EntryAdmin.list_filter]
    search_fields = ["area_goal__title", "board_goal__title", "motivation"]
    list_select_related = ["area_goal", "board_goal", "report__plan"]
    raw_id_fields = ["report", "area_goal", "board_goal"]


@admin.register(BudgetOutcome)
class BudgetOutcomeAdmin(FrozenIsReadOnly, SimpleHistoryAdmin):
    list_display = [
        "budget_line",
        "costs",
        "revenues",
        "forecast_costs",
        "forecast_revenues",
        "report",
    ]
    list_filter = ["report__period", "report__plan__year"]
    search_fields = ["budget_line__name", "comment"]
    list_select_related = ["budget_line", "report__plan"]
    raw_id_fields = ["report", "budget_line"]


@admin.register(BudgetAdjustment)
class BudgetAdjustmentAdmin(SimpleHistoryAdmin):
    list_display = ["plan", "budget_line", "kind", "amount", "funding_source", "decided_on"]
    list_filter = ["kind", "recommendation", "plan__year"]
    search_fields = ["funding_source", "decision", "plan__title"]
    date_hierarchy = "decided_on"
    list_select_related = ["plan", "budget_line"]
    raw_id_fields = ["plan", "budget_line"]


@admin.register(GrossChange)
class GrossChangeAdmin(SimpleHistoryAdmin):
    list_display = ["plan", "budget_line", "amount", "decision", "decided_on"]
    list_filter = ["plan__year"]
    search_fields = ["description", "decision", "plan__title"]
    date_hierarchy = "decided_on"
    list_select_related = ["plan", "budget_line"]
    raw_id_fields = ["plan", "budget_line"]


@admin.register(CityOutcome)
class CityOutcomeAdmin(SimpleHistoryAdmin):
    list_display = ["indicator_name", "value", "year", "period", "municipality"]
    list_filter = ["year", "period", "municipality"]
    search_fields = ["indicator_name", "comment", "source"]
    list_select_related = ["municipality"]
