"""Admin for staff who correct follow-up: reports, their values and the budget's, the
reporting calendar and the city's central values, each with its history one click away.

The admin meets the report's lifecycle as the web pages do: values are added and changed only
in a report that is a draft or returned, and no status is set by hand.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from styr.followup.budget import still_open
from styr.followup.lifecycle import ENTRY, REPORT
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
from styr.planning.admin import Guarded, HistoryAddresses


class ReportRules(Guarded):
    """A report takes values while it is a draft or returned; submitted or approved, it is
    read-only here too, as the report's lifecycle says (followup.lifecycle.REPORT)."""

    counter = "version"

    def check_stored(self, obj) -> None:
        REPORT.check(obj.report, "edit", None)

    def check_saved(self, obj, stored) -> None:
        # A value moved to another report must find that one open too.
        if obj.report_id is not None:
            REPORT.check(obj.report, "edit", None)


class BudgetChangeRules(Guarded):
    """A budget adjustment or gross change counts in every report of its plan whose period it
    falls in: one an approved report counts is not added, changed or removed here either, as
    the budget's services say (followup.budget.still_open)."""

    def check_stored(self, obj) -> None:
        # Asked by the pages too, outside a transaction: nothing to lock then.
        still_open(obj.plan, obj.decided_on, lock=False)

    def check_saved(self, obj, stored) -> None:
        if obj.plan_id is not None and obj.decided_on is not None:
            still_open(obj.plan, obj.decided_on)


class EntryAdmin(ReportRules, SimpleHistoryAdmin):
    """A value reported in a report, found by its report's plan and period, and its status.

    As on the web, an approved value changes only once it is returned, and a change makes
    the value a draft again (followup.lifecycle.ENTRY).
    """

    list_filter = ["status", "report__period", "report__plan__year"]
    list_select_related = ["report__plan"]
    raw_id_fields = ["report"]
    readonly_fields = ["updated_by", "updated_at"]
    lifecycle_fields = ("status", "return_reason")

    def check_stored(self, obj) -> None:
        super().check_stored(obj)
        ENTRY.check(obj, "edit", None)

    def prepare(self, obj):
        stored = super().prepare(obj)
        obj.status = ENTRY["edit"].target
        return stored

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(ReportingDeadline)
class ReportingDeadlineAdmin(HistoryAddresses, SimpleHistoryAdmin):
    list_display = ["year", "period", "due", "municipality"]
    list_filter = ["year", "period", "municipality"]
    list_select_related = ["municipality"]


@admin.register(Report)
class ReportAdmin(ReportRules, SimpleHistoryAdmin):
    """A report's summary and carry-over may be corrected while it is open; its steps
    (submit, approve, return, reopen) are taken on its page or the command line."""

    list_display = ["plan", "period", "status", "submitted_at", "approved_at"]
    list_filter = ["status", "period", "plan__year"]
    search_fields = ["plan__title", "plan__organisation__name"]
    list_select_related = ["plan"]
    readonly_fields = ["plan", "period"]
    lifecycle_fields = (
        "status",
        "return_reason",
        "submitted_at",
        "submitted_by",
        "approved_at",
        "approved_by",
    )

    def check_stored(self, obj) -> None:
        REPORT.check(obj, "edit", None)

    def check_saved(self, obj, stored) -> None:
        pass

    def has_add_permission(self, request):
        # A plan's reports are opened when it is adopted (followup.services.reports_open).
        return False


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
class BudgetOutcomeAdmin(ReportRules, SimpleHistoryAdmin):
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
class BudgetAdjustmentAdmin(BudgetChangeRules, SimpleHistoryAdmin):
    list_display = ["plan", "budget_line", "kind", "amount", "funding_source", "decided_on"]
    list_filter = ["kind", "recommendation", "plan__year"]
    search_fields = ["funding_source", "decision", "plan__title"]
    date_hierarchy = "decided_on"
    list_select_related = ["plan", "budget_line"]
    raw_id_fields = ["plan", "budget_line"]


@admin.register(GrossChange)
class GrossChangeAdmin(BudgetChangeRules, SimpleHistoryAdmin):
    list_display = ["plan", "budget_line", "amount", "decision", "decided_on"]
    list_filter = ["plan__year"]
    search_fields = ["description", "decision", "plan__title"]
    date_hierarchy = "decided_on"
    list_select_related = ["plan", "budget_line"]
    raw_id_fields = ["plan", "budget_line"]


@admin.register(CityOutcome)
class CityOutcomeAdmin(HistoryAddresses, SimpleHistoryAdmin):
    list_display = ["indicator_name", "value", "year", "period", "municipality"]
    list_filter = ["year", "period", "municipality"]
    search_fields = ["indicator_name", "comment", "source"]
    list_select_related = ["municipality"]
