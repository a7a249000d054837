from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "styr.documents"
    verbose_name = _("Documents and open data")

    def ready(self):
        # Each module of exporters registers its own when imported.
        from styr.documents import registered  # noqa: F401
