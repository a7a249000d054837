from django.contrib import admin

from styr.organisations.models import Department, Municipality, Office, Organisation


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]


class DepartmentInline(admin.TabularInline):
    model = Department
    extra = 0


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    list_display = ["name", "municipality"]
    list_filter = ["municipality"]
    search_fields = ["name"]
    inlines = [DepartmentInline]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "office", "municipality"]
    list_filter = ["kind", "municipality"]
    search_fields = ["name"]
    list_select_related = ["office", "municipality"]


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "office"]
    list_filter = ["office"]
    search_fields = ["name"]
    list_select_related = ["office"]
