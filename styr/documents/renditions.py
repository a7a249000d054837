"""Slow exports (a PDF of a plan, an archival package) are made in a task, not while the
visitor's request waits, in the way of pretix's exports: the visitor asks for the file (a POST:
no GET writes), a task makes it and keeps it as a `Rendition`, the download page says "being
made" and asks again until it is kept, and every later download of the same content is served
from it.

With the immediate task backend (the embedded default, and tests) the task runs at once and the
asking request is sent straight to the file; in production a worker (`styr db_worker`) runs them.
"""

from __future__ import annotations

import hashlib
import json
import logging
from datetime import timedelta
from importlib.metadata import version

from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django_tasks import task

from styr.documents.exporters import Exporter, exporter_for
from styr.documents.json_exports import json_bytes
from styr.documents.models import Rendition
from styr.documents.subjects import PlanSubject, ReportSubject, subject_from, subject_ref

log = logging.getLogger(__name__)

# A rendition asked for longer ago than this and still not made is asked for again: its task
# was lost (a worker stopped).
LOST_AFTER = timedelta(minutes=10)


def content_of(subject) -> bytes:
    """Return what a subject's files are made from, as JSON: a new content, a new file."""
    if isinstance(subject, ReportSubject):
        return json_bytes(subject.data) + content_of(subject.plan)
    if isinstance(subject, PlanSubject):
        decision = subject.decision.to_json() if subject.decision else None
        return json_bytes({"plan": subject.data, "decision": decision})
    return json_bytes(subject.data)


def digest(*parts) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


def keys(subject, exporter: Exporter, options: dict) -> tuple[str, str]:
    """Return a rendition's key and slot (see models.Rendition)."""
    slot = digest(subject_ref(subject), exporter.subject, exporter.identifier, options)
    key = digest(slot, version("styr"), hashlib.sha256(content_of(subject)).hexdigest())
    return key, slot


def rendition_kept(subject, exporter: Exporter, options: dict) -> Rendition | None:
    """Return the rendition of the subject as it stands in the exporter's format, made or being
    made; None if none was asked for, or its task was lost."""
    key, _slot = keys(subject, exporter, options)
    rendition = Rendition.objects.defer("content").filter(key=key).first()
    return None if rendition is None or lost(rendition) else rendition


def rendition_ask(subject, exporter: Exporter, options: dict) -> Rendition:
    """Ask a task to make the subject's file in the exporter's format, unless it is made or
    being made; a failed or lost one is asked for anew."""
    key, slot = keys(subject, exporter, options)
    rendition = Rendition.objects.defer("content").filter(key=key).first()
    if rendition is not None and not (rendition.error or lost(rendition)):
        return rendition
    if rendition is not None:
        rendition.delete()
    try:
        with transaction.atomic():
            rendition = Rendition.objects.create(
                key=key, slot=slot, name="", media_type=exporter.media_type
            )
    except IntegrityError:
        # Another request asked for the same file at the same moment: its task makes it.
        return Rendition.objects.defer("content").get(key=key)
    rendition_make.enqueue(
        rendition.pk, subject_ref(subject), exporter.subject, exporter.identifier, options
    )
    rendition.refresh_from_db()
    return rendition


def lost(rendition: Rendition) -> bool:
    return rendition.ready_at is None and rendition.created_at < timezone.now() - LOST_AFTER


@task()
def rendition_make(rendition_id: int, ref: dict, kind: str, identifier: str, options: dict):
    """Make a rendition's file and keep it, replacing the older files of its slot."""
    rendition = Rendition.objects.filter(pk=rendition_id).first()
    if rendition is None:
        return
    try:
        with translation.override("sv"):
            rendered = exporter_for(kind, identifier).render(subject_from(ref), **options)
    except Exception as error:
        log.exception("could not make %s of %s", identifier, ref)
        rendition.error = str(error) or type(error).__name__
        rendition.save(update_fields=["error"])
        return
    rendition.content = rendered.content
    rendition.name, rendition.media_type = rendered.name, rendered.media_type
    rendition.ready_at = timezone.now()
    rendition.save(update_fields=["content", "name", "media_type", "ready_at"])
    Rendition.objects.filter(slot=rendition.slot).exclude(pk=rendition.pk).delete()
