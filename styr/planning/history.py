"""The audit trail of a part of a plan: who changed what, when, from what to what.

Tags are kept with each version (PlanItem._history_m2m_fields), and people and other
linked objects are shown by name, not by their number.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import pairwise

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.utils import get_m2m_reverse_field_name

KINDS_OF_CHANGE = {"+": _("Created"), "~": _("Changed"), "-": _("Removed")}
# Bookkeeping, not content.
UNSHOWN = {"version", "position"}
# Saving an item and then setting its tags makes a historical record for each step; records
# by the same person this close together that only change tags are one change to the reader.
ONE_SAVE = timedelta(seconds=5)


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
    """Return the item's history, newest first, in a few queries however long it is."""
    records = list(
        instance.history.select_related("history_user").order_by("history_date", "history_id")
    )
    many = many_to_many_of(records)
    groups = saves(records, many)
    diffs = [[]] + [differences(before[-1], after[-1], many) for before, after in pairwise(groups)]
    names = linked_names(instance, diffs)
    entries = [
        Entry(
            when=group[0].history_date,
            who=group[0].history_user,
            what=KINDS_OF_CHANGE[group[0].history_type],
            reason=next((r.history_change_reason for r in group if r.history_change_reason), ""),
            changes=[
                Change(
                    label(instance, name), shown(old, names.get(name)), shown(new, names.get(name))
                )
                for name, old, new in diff
            ],
        )
        for group, diff in zip(groups, diffs, strict=True)
    ]
    return entries[::-1]


def many_to_many_of(records: list) -> dict[int, dict[str, list[str]]]:
    """Return the names of each record's many-to-many values (tags), one query a field."""
    found: dict[int, dict[str, list[str]]] = defaultdict(dict)
    if not records:
        return found
    for many in records[0]._history_m2m_fields:
        history_model = getattr(type(records[0]), many.name).model
        target = get_m2m_reverse_field_name(many)
        rows = history_model.objects.filter(
            history_id__in=[record.history_id for record in records]
        ).select_related(target)
        for record in records:
            found[record.history_id][many.name] = []
        for row in rows:
            value = getattr(row, target)
            found[row.history_id][many.name].append(str(value) if value else _("(removed)"))
    for values in found.values():
        for names in values.values():
            names.sort(key=str)
    return found


def differences(old, new, many: dict) -> list[tuple[str, object, object]]:
    """Return (field, before, after) for each shown field that differs between two records."""
    names = [f.name for f in old._history_m2m_fields]
    changed = [
        (change.field, change.old, change.new)
        for change in new.diff_against(old, excluded_fields=[*UNSHOWN, *names]).changes
    ]
    for name in names:
        before, after = many[old.history_id][name], many[new.history_id][name]
        if before != after:
            changed.append((name, before, after))
    return changed


def saves(records: list, many: dict) -> list[list]:
    """Group the records into the saves a person made: a save and its tag changes together."""
    groups: list[list] = []
    for record in records:
        if groups and part_of_save(groups[-1][-1], record, many):
            groups[-1].append(record)
        else:
            groups.append([record])
    return groups


def part_of_save(previous, record, many: dict) -> bool:
    """Say whether a record only sets the tags of the save just before it."""
    if record.history_type != "~" or record.history_user_id != previous.history_user_id:
        return False
    if record.history_date - previous.history_date > ONE_SAVE:
        return False
    m2m = {f.name for f in record._history_m2m_fields}
    return all(name in m2m for name, _old, _new in differences(previous, record, many))


def linked_names(instance: models.Model, diffs: list[list]) -> dict[str, dict]:
    """Return the objects that changed links point to, by field and id: one query a model."""
    wanted: dict[str, set] = defaultdict(set)
    for diff in diffs:
        for name, old, new in diff:
            if is_link(instance, name):
                wanted[name].update(value for value in (old, new) if value is not None)
    return {
        name: instance._meta.get_field(name).related_model._base_manager.in_bulk(ids)
        for name, ids in wanted.items()
    }


def is_link(instance: models.Model, name: str) -> bool:
    try:
        return isinstance(instance._meta.get_field(name), models.ForeignKey)
    except FieldDoesNotExist:
        return False


def shown(value, linked: dict | None = None):
    """Return a value as the history shows it: dates as ISO dates, people and tags by name."""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or None
    if linked is not None and value is not None:
        found = linked.get(value)
        return str(found) if found is not None else _("(removed)")
    return value.isoformat() if isinstance(value, date) else value


def label(instance: models.Model, name: str) -> str:
    return str(instance._meta.get_field(name).verbose_name)
