from django.urls import path

from styr.decisions import views

app_name = "decisions"

PLAN = "planer/<slug:slug>/<int:year>/beslut/"

urlpatterns = [
    path(PLAN, views.decision, name="decision"),
    path(PLAN + "nytt/", views.open_case, name="open_case"),
    path(PLAN + "andringar/ny/", views.amendment_add, name="amendment_add"),
    path(PLAN + "verkstall/", views.adopt, name="adopt"),
    path(PLAN + "versioner/", views.versions, name="versions"),
    path(PLAN + "reservationer/<int:pk>/", views.reservation, name="reservation"),
]
