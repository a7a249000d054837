"""Admin for cases and their decisions: an open case may be corrected; a carried-out one is a
record and is only read (decisions.lifecycle.CASE).

A case is carried out on its page or with `styr adopt`: which version it adopted is never set
by hand, and a correction of its amendments must still apply to the plan.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from styr.decisions.lifecycle import CASE
from styr.decisions.models import Amendment, Attachment, Case, DecisionPoint, Reservation
from styr.decisions.services import case_amendments, case_recordable, check_amendments
from styr.planning.admin import Guarded, GuardedInline


def case_of(obj) -> Case:
    return obj if isinstance(obj, Case) else obj.case


class CaseRules:
    def check_stored(self, obj) -> None:
        CASE.check(case_of(obj), "change", None)


class CasePart(CaseRules, GuardedInline):
    """A point, attachment, reservation or amendment: it changes while its case is open."""


class DecisionPointInline(CasePart, admin.TabularInline):
    model = DecisionPoint
    extra = 0
    fields = ["number", "text", "reservation"]


class AttachmentInline(CasePart, admin.TabularInline):
    model = Attachment
    extra = 0


class ReservationInline(CasePart, admin.StackedInline):
    model = Reservation
    extra = 0
    fields = ["forum", "party", "members", "titles", "refers_to", "text"]


class AmendmentInline(CasePart, admin.StackedInline):
    model = Amendment
    extra = 0


@admin.register(Case)
class CaseAdmin(CaseRules, Guarded, SimpleHistoryAdmin):
    list_display = ["memorandum", "diary_number", "title", "organisation", "meeting_date"]
    list_filter = ["organisation"]
    search_fields = ["memorandum", "diary_number", "title"]
    list_select_related = ["organisation"]
    raw_id_fields = ["plan"]
    inlines = [DecisionPointInline, AttachmentInline, ReservationInline, AmendmentInline]
    # The version is set when the decision is carried out, and marks it as carried out.
    lifecycle_fields = ("version",)

    def check_saved(self, obj, stored) -> None:
        """Refuse a case on a plan that cannot take a decision now (as `case_open` does)."""
        if obj.plan_id and (stored is None or stored.plan_id != obj.plan_id):
            case_recordable(obj.plan, None)

    def save_related(self, request, form, formsets, change):
        """Save the points and amendments; refuse amendments that name what the plan lacks."""
        super().save_related(request, form, formsets, change)
        case = form.instance
        if case.plan_id:
            check_amendments(case.plan, case_amendments(case))
