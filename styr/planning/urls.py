from django.urls import path

from styr.planning import views

app_name = "planning"

urlpatterns = [
    path("", views.start, name="start"),
    path("planer/<int:plan_id>/", views.plan_detail, name="plan"),
]
