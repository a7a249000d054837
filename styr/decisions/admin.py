from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from styr.decisions.models import Amendment, Attachment, Case, DecisionPoint, Reservation


class DecisionPointInline(admin.TabularInline):
    model = DecisionPoint
    extra = 0
    fields = ["number", "text", "reservation"]


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0


class ReservationInline(admin.StackedInline):
    model = Reservation
    extra = 0
    fields = ["forum", "party", "members", "refers_to", "text"]


class AmendmentInline(admin.StackedInline):
    model = Amendment
    extra = 0


@admin.register(Case)
class CaseAdmin(SimpleHistoryAdmin):
    list_display = ["memorandum", "diary_number", "title", "organisation", "meeting_date"]
    list_filter = ["organisation"]
    search_fields = ["memorandum", "diary_number", "title"]
    list_select_related = ["organisation"]
    raw_id_fields = ["plan", "version"]
    inlines = [DecisionPointInline, AttachmentInline, ReservationInline, AmendmentInline]

    def has_change_permission(self, request, obj=None):
        # A case whose decision has been carried out is part of the record.
        return super().has_change_permission(request, obj) and not (obj and obj.version_id)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj and obj.version_id)
