"""Save a report's values in bulk: one service for the entry page and the workbook alike.

`entries_save` takes the changes a user made (each an item of the report with the values of
its kind, and the version it was read at) and saves them all in one transaction, or none of
them: it returns what was saved and the problems of each row that was refused, by field.

However many values are saved, it costs the same few queries: the report is locked once, the
saved values of each kind (followup.kinds) are read in one query, each row is checked in
Python (its version, who may enter it, its kind's rules and its model's fields), and the
values of each kind are written with one insert and one update, with their history, each
history row naming the user.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from styr.followup import services
from styr.followup.access import enters
from styr.followup.choices import EntryStatus
from styr.followup.kinds import ROW_CHECKS, Kind, kind_of
from styr.followup.lifecycle import ENTRY
from styr.followup.models import Entry, Report
from styr.lifecycle import Refused
from styr.planning.editing import Conflict
from styr.planning.kinds import KIND_OF_MODEL as PLAN_KINDS
from styr.planning.models import Activity, AreaGoal, Assignment, BoardGoal, Indicator

# Kept by the service, not entered: not checked field by field (a key is checked by a query
# a row, and is set by the service anyway).
SET_BY_SERVICE = ("report", "updated_by", "updated_at", "status", "version", "return_reason")


@dataclass(frozen=True)
class Change:
    """A row the user changed: the item reported on, its values as its form cleans them, the
    version of its saved value the user saw (0: none was saved; None: do not check), and where
    the user finds the row, for messages (a form prefix, or a sheet and row)."""

    item: Indicator | Activity | Assignment | AreaGoal | BoardGoal
    data: dict
    version: int | None
    place: object = None


@dataclass
class RowProblem:
    """Why a row was refused: messages by field name ("" for the row as a whole).

    `error` is the refusal as the one-value services raise it (a ValidationError, Conflict,
    PermissionDenied or Refused), for callers that handle one value at a time.
    """

    change: Change
    messages: dict[str, list[str]]
    conflict: bool = False
    error: Exception | None = field(default=None, repr=False, compare=False)

    def raised(self) -> Exception:
        """Return the exception the one-value services raise for this problem."""
        if self.error is not None:
            return self.error
        return ValidationError(
            {(key or "__all__"): messages for key, messages in self.messages.items()}
        )


@dataclass
class Saving:
    saved: list[Entry] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def conflict_message() -> str:
    return _(
        "Someone else saved this value while you were editing it, so nothing was saved. "
        "Reload the page to see their value."
    )


def entries_save(report: Report, changes: list[Change], user) -> Saving:
    """Save every change, or none if any is refused; say which rows were, and why.

    A report not open for values is refused whole (Refused), as is a user who may not enter
    values in it at all (PermissionDenied); everything else is a row's problem.
    """
    saving = Saving()
    if not changes:
        return saving  # nothing to save: the report is not even locked
    with transaction.atomic():
        current = services.writable(report, user)
        now, saved = timezone.now(), []
        for kind, group in by_kind(changes):
            saved += kind_saved(current, kind, group, user, now, saving.problems)
        saving.saved = [entry for _index, entry in sorted(saved, key=lambda pair: pair[0])]
        if saving.problems:
            transaction.set_rollback(True)
            saving.saved = []
    return saving


def by_kind(changes: list[Change]) -> list[tuple[Kind, list[tuple[int, Change]]]]:
    """Group the changes by kind, each with its place in the list, kinds in the registry's
    order (so that two saves of a report lock their rows in the same order)."""
    groups: dict[Kind, list[tuple[int, Change]]] = {}
    for index, change in enumerate(changes):
        groups.setdefault(kind_of(change.item), []).append((index, change))
    return list(groups.items())


def kind_saved(report, kind: Kind, group, user, now, problems: list[RowProblem]) -> list:
    """Check and save one kind's rows; return each saved value with its change's place in the
    list, and note each refused row's problems in `problems`.

    Nothing is written if any row (of any kind so far) was refused.
    """
    saved_now = existing(report, kind, [change.item for _index, change in group])
    strangers = outside_plan(report, [change.item for _index, change in group])
    facts = kind.facts(report, [change.item for _index, change in group]) if kind.facts else {}
    created, updated, seen, placed = [], [], set(), []
    fields = {"status", "updated_by", "updated_at", "version"}
    for index, change in group:
        key = (kind.key_of(change.item), change.item.pk)
        if key in seen:
            problems.append(RowProblem(change, {"": [_("This item is given twice.")]}))
            continue
        seen.add(key)
        if (type(change.item), change.item.pk) in strangers:
            problems.append(RowProblem(change, {"": [_("This item is not in the report's plan.")]}))
            continue
        entry = saved_now.get(key)
        problem = refusal(report, kind, change, entry, user)
        if problem is not None:
            problems.append(problem)
            continue
        if entry is None:
            entry = kind.model(report=report, **{key[0]: change.item})
            created.append(entry)
        else:
            entry.version += 1
            updated.append(entry)
        placed.append((index, entry))
        data = {**change.data}
        messages = kind.check(data, facts.get(change.item.pk))
        for name, value in data.items():
            setattr(entry, name, value)
        fields |= set(data) & concrete(kind.model)
        entry.status, entry.updated_by, entry.updated_at = EntryStatus.DRAFT, user, now
        merge(messages, cleaned(entry, kind))
        if messages:
            problems.append(RowProblem(change, messages))
    if problems:
        return []
    if created:
        bulk_create_with_history(created, kind.model, default_user=user)
    if updated:
        bulk_update_with_history(updated, kind.model, sorted(fields), default_user=user)
    return placed


def concrete(model) -> set[str]:
    """Return the names of the model's columns: a key of the data that is none is not saved."""
    return {field.name for field in model._meta.concrete_fields}


def existing(report: Report, kind: Kind, items: list) -> dict[tuple[str, int], Entry]:
    """Return the report's saved values about the items, locked, by key field and item id."""
    ids: dict[str, list[int]] = {}
    for item in items:
        ids.setdefault(kind.key_of(item), []).append(item.pk)
    about = Q()
    for key, pks in ids.items():
        about |= Q(**{f"{key}__in": pks})
    found = kind.model.objects.select_for_update().filter(about, report=report).order_by("pk")
    return {kind.item_id(entry): entry for entry in found}


def outside_plan(report: Report, items: list) -> set[tuple[type, int]]:
    """Return the items that are not the report's plan's, as (model, id): a value is about an
    item of the plan it reports on, whichever way it was sent. One query a kind of item."""
    ids: dict[type, list[int]] = {}
    for item in items:
        ids.setdefault(type(item), []).append(item.pk)
    outside = set()
    for model, pks in ids.items():
        in_plan = PLAN_KINDS[model].in_plan(report.plan_id)
        inside = set(model.objects.filter(in_plan, pk__in=pks).values_list("pk", flat=True))
        outside |= {(model, pk) for pk in pks if pk not in inside}
    return outside


def refusal(report: Report, kind: Kind, change: Change, entry, user) -> RowProblem | None:
    """Return why the row may not be saved at all, before its values are looked at: the user
    may not enter its item, someone saved it since it was read, or it is approved."""
    if user is not None and not enters(user, report, change.item):
        message = _("You may not enter a value for this row.")
        return RowProblem(change, {"": [message]}, error=PermissionDenied(ENTRY["edit"].event))
    # A value saved since the row was read; read as none (version 0), one saved meanwhile.
    if change.version is not None and entry is not None and entry.version != change.version:
        return RowProblem(change, {"": [conflict_message()]}, True, error=Conflict(entry))
    if entry is not None:
        try:
            ENTRY.check(entry, "edit", None)
        except Refused as refused:
            return RowProblem(change, {"": [str(refused)]}, error=refused)
    return None


def cleaned(entry: Entry, kind: Kind) -> dict[str, list[str]]:
    """Check the entry's fields as the model does, without the per-row queries of full_clean:
    the keys are the service's own, and the constraints hold by construction or are checked
    in Python (kinds.ROW_CHECKS)."""
    exclude = [*SET_BY_SERVICE, *kind.keys.values()]
    messages: dict[str, list[str]] = {}
    try:
        entry.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        messages = messages_of(error)
    check = ROW_CHECKS.get(kind.model)
    if check is not None:
        merge(messages, check(entry))
    return messages


def merge(messages: dict[str, list[str]], more: dict[str, list[str]]) -> None:
    for key, found in more.items():
        kept = messages.setdefault(key, [])
        kept += [message for message in found if message not in kept]


def messages_of(error: ValidationError) -> dict[str, list[str]]:
    """Return a refusal's messages by the field they are about ("" for the row as a whole)."""
    if not hasattr(error, "error_dict"):
        return {"": error.messages}
    return {
        ("" if key == "__all__" else key): messages for key, messages in error.message_dict.items()
    }


def entry_save(report: Report, item, data: dict, user, version: int | None) -> Entry:
    """Save one item's value, raising the refusal as the services always have (a
    ValidationError, Conflict, PermissionDenied or Refused)."""
    saving = entries_save(report, [Change(item, data, version)], user)
    if saving.problems:
        raise saving.problems[0].raised()
    return saving.saved[0]
