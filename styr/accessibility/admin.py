from django.contrib import admin

from styr.accessibility.models import Report


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["__str__", "page", "created_at", "handled"]
    list_filter = ["handled"]
    list_editable = ["handled"]
