from django.urls import path

from styr.followup.views import budget, city, dashboard, entry, excel, review, workflow

app_name = "followup"

REPORT = "planer/<slug:slug>/<int:year>/uppfoljning/<str:period>/"

urlpatterns = [
    path("uppfoljning/<int:year>/<str:period>/stad/", city.city, name="city"),
    path("uppfoljning/<int:year>/kalender/", workflow.calendar, name="calendar"),
    path("uppfoljning/<int:year>/<str:period>/status/", workflow.completion, name="completion"),
    path("planer/<slug:slug>/<int:year>/uppfoljning/", entry.periods, name="periods"),
    path(REPORT, entry.report, name="report"),
    path(REPORT + "oversikt/", dashboard.dashboard, name="dashboard"),
    path(
        "planer/<slug:slug>/<int:year>/indikatorer/<int:pk>/utfall/",
        dashboard.indicator,
        name="indicator",
    ),
    path(REPORT + "budget/", budget.budget, name="budget"),
    path(REPORT + "excel/", excel.excel, name="excel"),
    path(REPORT + "sammanfattning/", entry.report_summary, name="report_summary"),
    path(REPORT + "skicka-in/", entry.report_submit, name="report_submit"),
    path(REPORT + "godkann/", entry.report_approve, name="report_approve"),
    path(REPORT + "returnera/", entry.report_return, name="report_return"),
    path(REPORT + "aterappna/", entry.report_reopen, name="report_reopen"),
    path(REPORT + "granska/", review.review, name="review"),
    path(REPORT + "granska/godkann/", review.entries_approve, name="entries_approve"),
    path(REPORT + "granska/<str:key>/returnera/", review.entry_return, name="entry_return"),
]
