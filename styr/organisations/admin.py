"""Admin for the municipality's organisation: its offices, departments and bodies.

A department named in an adopted plan's budget stays, as the plan does: deleting it would
take it off the plan's budget lines, which only a decision changes.
"""

from django.contrib import admin
from django.utils.translation import gettext as _

from styr.lifecycle import Refused
from styr.organisations.models import Department, Municipality, Office, Organisation
from styr.planning.admin import Guarded, GuardedInline, in_adopted_plan


def department_kept(department: Department) -> None:
    """Refuse to delete a department an adopted plan's budget names."""
    if in_adopted_plan(department=department):
        raise Refused(
            _("%(department)s is named in the budget of an adopted plan: it cannot be deleted.")
            % {"department": department},
            event="plan.changed",
            target=department,
        )


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]


class DepartmentInline(GuardedInline, admin.TabularInline):
    model = Department
    extra = 0

    def check_delete(self, obj) -> None:
        # Shown under its office, whose other departments may still be removed.
        if isinstance(obj, Department):
            department_kept(obj)


@admin.register(Office)
class OfficeAdmin(Guarded, admin.ModelAdmin):
    list_display = ["name", "municipality"]
    list_filter = ["municipality"]
    search_fields = ["name"]
    inlines = [DepartmentInline]

    def check_delete(self, obj) -> None:
        for department in obj.departments.all():
            department_kept(department)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "office", "municipality"]
    list_filter = ["kind", "municipality"]
    search_fields = ["name"]
    list_select_related = ["office", "municipality"]


@admin.register(Department)
class DepartmentAdmin(Guarded, admin.ModelAdmin):
    list_display = ["name", "office"]
    list_filter = ["office"]
    search_fields = ["name"]
    list_select_related = ["office"]

    def check_delete(self, obj) -> None:
        department_kept(obj)
