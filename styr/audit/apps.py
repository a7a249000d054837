from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "styr.audit"
    verbose_name = _("audit events")

    def ready(self):
        """Log failed logins and lockouts as events."""
        from axes.signals import user_locked_out
        from django.contrib.auth.signals import user_login_failed

        from styr.audit import logins

        user_login_failed.connect(logins.login_failed, dispatch_uid="styr.audit.login_failed")
        user_locked_out.connect(logins.locked_out, dispatch_uid="styr.audit.locked_out")
