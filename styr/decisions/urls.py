from django.urls import path

from styr.decisions import views

app_name = "decisions"

PLAN = "planer/<slug:slug>/<int:year>/beslut/"
CASE = PLAN + "arenden/<int:pk>/"

urlpatterns = [
    path(PLAN, views.decision, name="decision"),
    path(PLAN + "nytt/", views.record, name="record"),
    path(PLAN + "versioner/", views.versions, name="versions"),
    path(PLAN + "reservationer/<int:pk>/", views.reservation, name="reservation"),
    path(CASE, views.case_detail, name="case"),
    path(CASE + "andra/", views.case_edit, name="case_edit"),
    path(CASE + "punkter/ny/", views.point_add, name="point_add"),
    path(CASE + "punkter/<int:point>/ta-bort/", views.point_remove, name="point_remove"),
    path(CASE + "andringar/ny/", views.amendment_add, name="amendment_add"),
    path(
        CASE + "andringar/<int:amendment>/ta-bort/",
        views.amendment_remove,
        name="amendment_remove",
    ),
    path(CASE + "reservationer/ny/", views.reservation_add, name="reservation_add"),
    path(
        CASE + "reservationer/<int:reservation>/ta-bort/",
        views.reservation_remove,
        name="reservation_remove",
    ),
    path(CASE + "verkstall/", views.carry_out, name="carry_out"),
]
