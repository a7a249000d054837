"""Reports of accessibility problems, which the law on digital public services asks for."""

from django.db import models
from django.utils.translation import gettext_lazy as _

DESCRIPTION_LENGTH = 5000  # a long account of a problem, not a file pasted in


class Report(models.Model):
    page = models.CharField(_("page"), max_length=500, blank=True)
    description = models.TextField(_("what does not work"), max_length=DESCRIPTION_LENGTH)
    contact = models.CharField(
        _("how we can reach you"), max_length=200, blank=True, help_text=_("Optional.")
    )
    created_at = models.DateTimeField(_("reported"), auto_now_add=True, db_index=True)
    handled = models.BooleanField(_("handled"), default=False)
    # Who sent it, as a keyed hash of their address: enough to count their reports, not to
    # tell the address.
    sender = models.CharField(max_length=64, blank=True, editable=False, db_index=True)

    class Meta:
        verbose_name = _("accessibility report")
        verbose_name_plural = _("accessibility reports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.description[:80]
