from django.urls import path

from styr.documents import catalogue_views, views

app_name = "documents"

PLAN = "planer/<slug:slug>/<int:year>/"

urlpatterns = [
    path("data/", catalogue_views.catalogue, name="catalogue"),
    path("data/katalog.jsonld", catalogue_views.catalogue_jsonld, name="catalogue_jsonld"),
    path("data/katalog.rdf", catalogue_views.catalogue_rdf, name="catalogue_rdf"),
    path(PLAN + "ladda-ned/<slug:identifier>/", views.plan_export, name="plan_export"),
    path(
        PLAN + "uppfoljning/<str:period>/ladda-ned/<slug:identifier>/",
        views.report_export,
        name="report_export",
    ),
    path(
        PLAN + "beslut/<int:pk>/ladda-ned/<slug:identifier>/",
        views.decision_export,
        name="decision_export",
    ),
]
