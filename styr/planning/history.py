"""The audit trail of a part of a plan: who changed what, when, from what to what."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

KINDS_OF_CHANGE = {"+": _("Created"), "~": _("Changed"), "-": _("Removed")}
# Bookkeeping, not content.
UNSHOWN = {"version", "position"}


@dataclass
class Change:
    field: str
    old: object
    new: object


@dataclass
class Entry:
    when: datetime
    who: object
    what: str
    reason: str
    changes: list[Change] = field(default_factory=list)


def history_of(instance: models.Model) -> list[Entry]:
    """Return the item's history, newest first, in two queries however long it is."""
    records = list(instance.history.select_related("history_user").order_by("history_date"))
    entries = []
    previous = None
    for record in records:
        changes = []
        if previous is not None:
            delta = record.diff_against(previous)
            changes = [
                Change(label(instance, c.field), shown(c.old), shown(c.new))
                for c in delta.changes
                if c.field not in UNSHOWN
            ]
        entries.append(
            Entry(
                when=record.history_date,
                who=record.history_user,
                what=KINDS_OF_CHANGE[record.history_type],
                reason=record.history_change_reason or "",
                changes=changes,
            )
        )
        previous = record
    return entries[::-1]


def shown(value):
    """Return a value as the history shows it: dates as ISO dates, as everywhere in Styr."""
    return value.isoformat() if isinstance(value, date) else value


def label(instance: models.Model, name: str) -> str:
    return str(instance._meta.get_field(name).verbose_name)
