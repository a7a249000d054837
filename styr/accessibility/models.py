"""Reports of accessibility problems, which the law on digital public services asks for."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Report(models.Model):
    page = models.CharField(_("page"), max_length=500, blank=True)
    description = models.TextField(_("what does not work"))
    contact = models.CharField(
        _("how we can reach you"), max_length=200, blank=True, help_text=_("Optional.")
    )
    created_at = models.DateTimeField(_("reported"), auto_now_add=True)
    handled = models.BooleanField(_("handled"), default=False)

    class Meta:
        verbose_name = _("accessibility report")
        verbose_name_plural = _("accessibility reports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.description[:80]
