from django.urls import path

from styr.planning import edit_views, import_views, views

app_name = "planning"

PLAN = "planer/<slug:slug>/<int:year>/"
ITEM = PLAN + "<slug:kind>/<int:pk>/"

urlpatterns = [
    path("", views.start, name="start"),
    path("planer/ny/", edit_views.plan_new, name="plan_new"),
    path("planer/importera/", import_views.plan_upload, name="plan_upload"),
    path("planer/importera/spara/", import_views.plan_upload_confirm, name="plan_upload_confirm"),
    path("planer/<int:plan_id>/", views.plan_by_id, name="plan_by_id"),
    path(PLAN, views.plan_overview, name="plan"),
    path(PLAN + "andra/", edit_views.plan_edit, name="plan_edit"),
    path(PLAN + "budget/", views.budget, name="budget"),
    path(PLAN + "texter/", views.texts, name="texts"),
    path(PLAN + "problem/", views.problems, name="problems"),
    path(PLAN + "<slug:kind>/ny/", edit_views.item_add, name="item_add"),
    path(ITEM, views.item, name="item"),
    path(ITEM + "andra/", edit_views.item_edit, name="item_edit"),
    path(ITEM + "ta-bort/", edit_views.item_delete, name="item_delete"),
    path(ITEM + "flytta/", edit_views.item_move, name="item_move"),
]
