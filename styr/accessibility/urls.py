from django.urls import path

from styr.accessibility import views

app_name = "accessibility"

urlpatterns = [path("", views.statement, name="statement")]
