"""A slow export (a plan's PDF) made once, in a task, and kept for whoever asks next."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Rendition(models.Model):
    """A file an exporter made of a subject as its content then stood.

    `key` covers the subject's content (its JSON), the exporter, its options and Styr's
    version, so that a changed plan or report, or a new Styr, makes a new file rather than
    serving a stale one; `slot` is the same without the content, so that a new file of a slot
    replaces the old. Until the task has made it, `content` is empty; `error` says why a task
    could not.
    """

    key = models.CharField(_("key"), max_length=64, unique=True)
    slot = models.CharField(_("slot"), max_length=64, db_index=True)
    name = models.CharField(_("file name"), max_length=300)
    media_type = models.CharField(_("media type"), max_length=100)
    content = models.BinaryField(_("content"), null=True, editable=False)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    ready_at = models.DateTimeField(_("ready"), null=True, blank=True)

    class Meta:
        verbose_name = _("rendition")
        verbose_name_plural = _("renditions")

    def __str__(self) -> str:
        return self.name
