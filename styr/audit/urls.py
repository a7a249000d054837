from django.urls import path

from styr.audit import views

app_name = "audit"

urlpatterns = [
    path("handelser/", views.events, name="events"),
]
