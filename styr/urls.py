from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("konto/", include("styr.accounts.urls")),
    path("tillganglighet/", include("styr.accessibility.urls")),
    path("", include("styr.audit.urls")),
    path("", include("styr.decisions.urls")),
    path("", include("styr.documents.urls")),
    path("", include("styr.followup.urls")),
    path("", include("styr.planning.urls")),
]
