"""Admin for accounts and their roles.

Someone named in the record (responsible for a part of an adopted plan, or the one who
submitted, approved or last changed a value of an approved report) is made inactive, not
deleted: deleting the account would blank their name in a record nothing else may change.
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import Q
from django.utils.translation import gettext as _

from styr.accounts.models import Membership, User
from styr.followup.choices import ReportStatus
from styr.followup.models import GoalAssessment, Outcome, Progress, Report
from styr.lifecycle import Refused
from styr.planning.admin import Guarded, in_adopted_plan

APPROVED = ReportStatus.APPROVED


def in_record(user: User) -> bool:
    """Say whether an adopted plan or an approved report names the user."""
    if in_adopted_plan(responsible=user):
        return True
    signed = Q(submitted_by=user) | Q(approved_by=user)
    if Report.objects.filter(signed, status=APPROVED).exists():
        return True
    return any(
        model.objects.filter(updated_by=user, report__status=APPROVED).exists()
        for model in (Outcome, Progress, GoalAssessment)
    )


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(User)
class UserAdmin(Guarded, BaseUserAdmin):
    inlines = [MembershipInline]
    fieldsets = [
        *BaseUserAdmin.fieldsets,
        (None, {"fields": ["external_id"]}),
    ]

    def check_delete(self, obj) -> None:
        if in_record(obj):
            raise Refused(
                _(
                    "%(user)s is named in an adopted plan or an approved report: make the account "
                    "inactive instead of deleting it."
                )
                % {"user": obj},
                event="user.deleted",
                target=obj,
            )


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role"]
    list_filter = ["role", "organisation"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "organisation__name"]
    list_select_related = ["user", "organisation"]
