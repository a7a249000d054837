"""Read a filled-in workbook back: check every cell, and save the rows that changed through
the services in one transaction, or nothing if any row has a problem."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import cache

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from openpyxl import Workbook

from styr.followup import services
from styr.followup.choices import Period, ValueKind
from styr.followup.lifecycle import REPORT
from styr.followup.models import Report
from styr.followup.saving import Change as SavingChange
from styr.followup.saving import entries_save
from styr.followup.selectors import Sheet, report_sheet
from styr.followup.workbook.layout import (
    CHOICE,
    DATE,
    FIRST_ROW,
    INDICATORS,
    LAYOUTS,
    NUMBER,
    Column,
    Item,
    Layout,
    items,
)
from styr.followup.workbook.opening import (
    TooLong,
    Unreadable,
    file_name,
    identity_facts,
    opened,
    table,
)
from styr.language import number as number_text
from styr.lifecycle import Refused
from styr.numbers import whole_number
from styr.planning.models import Plan
from styr.swedish import NotADate, NotANumber, date_read, decimal_read

LISTED = 50  # the problems listed; the rest are counted
PLACES = Decimal("0.000001")  # the outcomes' six decimal places
LARGEST = Decimal(10) ** 14  # and their fourteen before the decimal comma


@dataclass
class Problem:
    """Something wrong in a workbook, at the place the user finds it."""

    message: str
    sheet: str = ""
    row: int | None = None
    column: str = ""

    def __str__(self) -> str:
        parts = [self.sheet] if self.sheet else []
        if self.row is not None:
            parts.append(_("row %(row)d") % {"row": self.row})
        if self.column:
            parts.append(_("column %(column)s") % {"column": self.column})
        return f"{', '.join(parts)}: {self.message}" if parts else self.message


@dataclass
class Reading:
    """What an import found: the report, its problems, and what was (or would be) saved."""

    report: Report | None
    problems: list[Problem] = field(default_factory=list)
    saved: Counter = field(default_factory=Counter)
    unchanged: int = 0
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def listed(self) -> list[Problem]:
        """Return the problems to list; a workbook wrong throughout gets a page, not a book."""
        return self.problems[:LISTED]

    def unlisted(self) -> str:
        """Say how many problems are not listed, or return "" if all are."""
        count = len(self.problems) - len(self.listed)
        if not count:
            return ""
        return ngettext(
            "… and %(count)s more problem.", "… and %(count)s more problems.", count
        ) % {"count": number_text(Decimal(count))}

    def summary(self) -> str:
        """Say what was saved, for the message after an upload or the command's last line."""
        outcomes, progress, goals = (self.saved[layout.key] for layout in LAYOUTS)
        counts = ", ".join(
            [
                ngettext("%(count)d outcome", "%(count)d outcomes", outcomes) % {"count": outcomes},
                ngettext(
                    "%(count)d status of an activity or assignment",
                    "%(count)d statuses of activities and assignments",
                    progress,
                )
                % {"count": progress},
                ngettext("%(count)d goal assessment", "%(count)d goal assessments", goals)
                % {"count": goals},
            ]
        )
        saved = _("Would save %(counts)s.") if self.dry_run else _("Saved %(counts)s.")
        unchanged = ngettext(
            "%(count)d row was as already saved.",
            "%(count)d rows were as already saved.",
            self.unchanged,
        )
        return f"{saved % {'counts': counts}} {unchanged % {'count': self.unchanged}}"


@dataclass
class Change:
    """A row to save: its sheet and place, the item, and the values as the service takes them."""

    layout: Layout
    title: str
    row: int
    item: Item
    data: dict
    headings: dict


def workbook_read(
    report: Report | None, file, *, user, dry_run: bool = False, name: str = ""
) -> Reading:
    """Read a filled-in workbook and save every row that changed, or nothing if any is wrong.

    `report` is the report the workbook must be for (the web page's), or None to take the
    report the workbook names (the command line). `file` is a path, bytes or an open file;
    `name` is what messages call it (by default the file's own name).
    """
    reading = Reading(report, dry_run=dry_run)
    name = name or file_name(file)
    try:
        book = opened(file, name)
    except Unreadable as unreadable:
        reading.problems.append(Problem(str(unreadable)))
        return reading
    try:
        changes = book_changes(book, reading, user, name)
        order = list(book.sheetnames)
    except Unreadable as unreadable:
        reading.problems = [Problem(str(unreadable))]
        return reading
    finally:
        book.close()
    # Saved even when other rows have problems, to find what the services refuse as well;
    # then undone.
    with transaction.atomic():
        all_saved(changes, reading, user)
        if reading.problems or dry_run:
            transaction.set_rollback(True)
    if reading.problems:
        reading.saved.clear()
        in_order(reading.problems, order)
    return reading


def book_changes(book: Workbook, reading: Reading, user, name: str) -> list[Change]:
    """Return the rows to save from every data sheet, noting the problems of each."""
    facts = identity_facts(book, name)
    reading.report = report_of(facts, reading.report)
    sheet = report_sheet(reading.report)
    changes = []
    for layout in LAYOUTS:
        changes += sheet_changes(book, facts, layout, sheet, reading, user, name)
    return changes


def in_order(problems: list[Problem], sheetnames: list[str]) -> None:
    """Sort the problems as the user meets them: sheet by sheet, row by row."""
    sheets = {title: index for index, title in enumerate(sheetnames)}
    problems.sort(key=lambda problem: (sheets.get(problem.sheet, -1), problem.row or 0))


def report_of(facts: dict, expected: Report | None) -> Report:
    """Return the report the workbook was made for, if it is the one expected and not frozen."""
    if facts.get("styr-followup") is None:
        raise Unreadable(
            _(
                "This workbook was not made by Styr: download the workbook from the report's "
                "Excel page and fill in that."
            )
        )
    plan_id = whole_number(id_text(facts.get("plan")))
    plan = None
    if plan_id is not None:
        plan = Plan.objects.select_related("organisation").filter(pk=plan_id).first()
    if plan is None or facts.get("period") not in Period.values:
        raise Unreadable(_("The workbook is for a plan or period that Styr does not have."))
    period = Period(facts["period"])
    if expected is not None and (expected.plan_id, expected.period) != (plan.pk, period):
        raise Unreadable(
            _("This workbook is for %(report)s %(year)s of %(organisation)s, not this report.")
            % {"report": period.label, "year": plan.year, "organisation": plan.organisation}
        )
    try:
        report = expected or services.report_open(plan=plan, period=period)
        REPORT.check(report, "edit", None)
    except Refused as refused:
        raise Unreadable(str(refused)) from refused
    return report


def sheet_changes(book, facts, layout: Layout, sheet: Sheet, reading: Reading, user, name):
    title = facts.get(layout.key)
    title = title if isinstance(title, str) and title else str(layout.title)
    if title not in book.sheetnames:
        reading.problems.append(
            Problem(_("The sheet is missing; download a new workbook."), sheet=title)
        )
        return []
    known = items(layout, sheet)
    try:
        found = table(book, title, items=len(known), name=name)
    except TooLong as too_long:
        reading.problems.append(Problem(str(too_long), sheet=title))
        return []
    columns = found.keys
    missing = [c for c in layout.columns if c.key not in columns and c.key != "version"]
    if missing:
        reading.problems += [
            Problem(
                _("The column is missing; download a new workbook."), title, None, str(c.heading)
            )
            for c in missing
        ]
        return []
    headings = {c.key: heading_of(found.headings, columns, c) for c in layout.columns}
    seen, changes = {}, []
    for row_number, cells in enumerate(found.rows, start=FIRST_ROW):
        values = {key: cells[i] if i < len(cells) else None for key, i in columns.items()}
        row = RowReader(layout, title, row_number, values, headings, reading)
        change = row.change(known, seen, user)
        if change is not None:
            changes.append(change)
    return changes


def heading_of(headings: tuple, columns: dict[str, int], column: Column) -> str:
    """Return the column's heading as the user's workbook has it, to name it in messages."""
    index = columns.get(column.key)
    if index is not None and index < len(headings) and headings[index]:
        return str(headings[index])
    return str(column.heading)


class CellError(Exception):
    """A cell's content is not what its column takes; the message says why."""


class RowReader:
    """Read one row of a data sheet into the change it asks for, noting its problems."""

    def __init__(self, layout, title, number, values, headings, reading: Reading):
        self.layout, self.title, self.number = layout, title, number
        self.values, self.headings, self.reading = values, headings, reading
        self.failed = False

    def problem(self, message: str, key: str = "") -> None:
        column = self.headings.get(key, "") if key else ""
        self.reading.problems.append(Problem(message, self.title, self.number, column))
        self.failed = True

    def change(self, known: dict[str, Item], seen: dict[str, int], user) -> Change | None:
        inputs = [c for c in self.layout.entered() if c.key not in self.layout.qualifiers]
        if all(blank(self.values.get(c.key)) for c in inputs):
            return None
        item = self.item(known, seen)
        data = self.data(item)
        if item is None or self.failed:
            return None
        if item.entry is not None and same(item.entry, data):
            self.reading.unchanged += 1
            return None
        if self.overwrites(item.entry, user):
            self.problem(
                _(
                    "Someone has saved this row since the workbook was made; download a new "
                    "workbook, or enter the value on the report's page."
                )
            )
            return None
        return Change(self.layout, self.title, self.number, item, data, self.headings)

    def item(self, known: dict[str, Item], seen: dict[str, int]) -> Item | None:
        key = id_text(self.values.get("id"))
        if not key:
            self.problem(_("The row has values but no id."), "id")
            return None
        if key in seen:
            self.problem(
                _("The id %(id)s is also on row %(row)d.") % {"id": key, "row": seen[key]}, "id"
            )
            return None
        seen[key] = self.number
        found = known.get(key)
        if found is None:
            self.problem(_("%(id)s is not an item of this report.") % {"id": key}, "id")
            return None
        if not found.due:
            self.problem(
                _("The indicator %(id)s is reported in the annual report only.") % {"id": key},
                "id",
            )
            return None
        return found

    def data(self, item: Item | None) -> dict:
        """Return the row's entered values as the service takes them; a blank unit is the
        target's, a blank kind of value the usual one."""
        expected = item.shown.get("unit", "") if item else ""
        unit = text(self.values.get("unit")) or expected
        data = {}
        for column in self.layout.entered():
            try:
                data[column.key] = parsed(column, self.values.get(column.key), unit)
            except CellError as error:
                self.problem(str(error), column.key)
        if self.layout is INDICATORS:
            data["unit"] = unit
            data["value_kind"] = data.get("value_kind") or ValueKind.YEAR_TO_DATE
            self.check_unit(unit, expected)
        return data

    def check_unit(self, unit: str, expected: str) -> None:
        """Name a unit other than the target's here, beside the row's other problems; the
        service refuses it too."""
        if expected and unit.lower() != expected.lower():
            self.problem(
                _("The target is in %(expected)s, not %(unit)s.")
                % {"expected": expected, "unit": unit},
                "unit",
            )

    def overwrites(self, entry, user) -> bool:
        """Say whether the row would overwrite what someone else saved after the workbook was
        made; what the same user saved since, from this workbook or the web, is theirs to change.
        """
        value = self.values.get("version")
        version = int(value) if isinstance(value, int | float) else None
        if entry is None or version == entry.version:
            return False
        return entry.updated_by_id != getattr(user, "pk", None)


def blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def id_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else str(value).strip()


def text(value) -> str:
    if blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date()
    return str(value).strip()


def parsed(column: Column, value, unit: str):
    """Return the cell's value as the model takes it, or raise CellError saying what is wrong."""
    if column.kind == NUMBER:
        return decimal_of(value, unit)
    if column.kind == DATE:
        return date_of(value)
    if column.kind == CHOICE:
        return choice_of(column.choices, value)
    return text(value)


def decimal_of(value, unit: str) -> Decimal | None:
    """Return the cell's number: a number, or a text written the Swedish way (1 385,6), with or
    without the row's unit after it (4,4 %)."""
    if blank(value):
        return None
    not_a_number = CellError(_("“%(text)s” is not a number.") % {"text": text(value)})
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal | str):
        raise not_a_number
    written = str(value).strip()
    if unit and written.lower().endswith(unit.lower()):
        written = written[: -len(unit)].strip()
    try:
        found = decimal_read(written) if isinstance(value, str) else Decimal(written)
    except NotANumber as error:
        raise not_a_number from error
    if not found.is_finite():
        raise not_a_number
    if abs(found) >= LARGEST:
        raise CellError(_("“%(text)s” is too large a number.") % {"text": text(value)})
    return found.quantize(PLACES)


def date_of(value) -> date | None:
    """Return the cell's date: a date, or a text "2013-04-30" (or "30 april 2013")."""
    if blank(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date_read(str(value))
    except NotADate as error:
        raise CellError(
            _("“%(text)s” is not a date; write it as 2013-04-30.") % {"text": text(value)}
        ) from error


def choice_of(choices, value) -> str:
    if blank(value):
        return ""
    found = choice_names(choices).get(folded(text(value)))
    if found is None:
        raise CellError(
            _("“%(text)s” is not one of the choices: %(choices)s.")
            % {"text": text(value), "choices": ", ".join(str(label) for label in choices.labels)}
        )
    return found


@cache
def choice_names(choices) -> dict[str, str]:
    """Return each choice by its label in every language of the site, and by its value.

    Kept once made: the labels of a set of choices in each language do not change while the
    site runs, and every cell of a choice column would otherwise switch language to read them.
    """
    names = {folded(value): value for value in choices.values}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            names.update({folded(str(label)): value for value, label in choices.choices})
    return names


def folded(name: str) -> str:
    return " ".join(name.lower().split())


def same(entry, data: dict) -> bool:
    """Say whether the row holds what is saved, so that saving it again would change nothing."""
    for key, value in data.items():
        saved_value = getattr(entry, key)
        if isinstance(value, str) or isinstance(saved_value, str):
            if (saved_value or "").strip() != (value or "").strip():
                return False
        elif saved_value != value:
            return False
    return True


def all_saved(changes: list[Change], reading: Reading, user) -> None:
    """Save the rows through followup.saving in one go, noting what it refuses at each row's
    place; the caller rolls back if anything was refused."""
    if not changes:
        return
    by_place = {(change.title, change.row): change for change in changes}
    try:
        saving = entries_save(reading.report, [row_change(change) for change in changes], user)
    except Refused as refused:
        reading.problems += [Problem(str(refused), **place_of(c)) for c in changes]
        return
    except PermissionDenied:
        message = _("You may not enter a value for this row.")
        reading.problems += [Problem(message, **place_of(c)) for c in changes]
        return
    for problem in saving.problems:
        change = by_place[problem.change.place]
        if problem.conflict:
            message = _("Someone saved this row while the workbook was read; try again.")
            reading.problems.append(Problem(message, **place_of(change)))
            continue
        for key, messages in problem.messages.items():
            column = change.headings.get(key, "") if key else ""
            reading.problems += [
                Problem(message, column=column, **place_of(change)) for message in messages
            ]
    if saving.ok:
        reading.saved.update(change.layout.key for change in changes)


def place_of(change: Change) -> dict:
    return {"sheet": change.title, "row": change.row}


def row_change(change: Change) -> SavingChange:
    """The row as followup.saving takes it, with the version its value was checked against
    (0 if none was saved), so that a save in between is refused."""
    entry = change.item.entry
    return SavingChange(
        change.item.item, change.data, entry.version if entry else 0, (change.title, change.row)
    )
