"""Named events of the record: who did what to which object, when and why.

The row-level history (django-simple-history) says how each field changed; an event says what
happened in the words of the domain (`report.approved`, `plan.adopted`), including what was
tried and refused.
"""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

from styr.organisations.models import Organisation


class Event(models.Model):
    action = models.CharField(_("event"), max_length=100, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    # Kept as written, so the record outlives the account; blank is the command line.
    actor_name = models.CharField(_("who, as named then"), max_length=150, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    target_type = models.CharField(_("kind of object"), max_length=100, blank=True)
    target_id = models.PositiveBigIntegerField(_("object id"), null=True, blank=True)
    target_repr = models.CharField(_("object"), max_length=300, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    refused = models.BooleanField(_("refused"), default=False)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.action}: {self.target_repr}"
