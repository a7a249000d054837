from django.urls import path

from styr.followup.views import entry

app_name = "followup"

REPORT = "planer/<slug:slug>/<int:year>/uppfoljning/<str:period>/"

urlpatterns = [
    path(REPORT, entry.report, name="report"),
]
