"""Open an uploaded workbook without trusting it: checked before it is read (styr/uploads.py),
then read as a stream, sheet by sheet, never further than the report's rows and a margin."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook

from styr.followup.workbook.layout import FIRST_ROW, IDENTITY
from styr.uploads import UploadRefused, damaged, upload_bytes, xlsx_checked

SPARE_ROWS = 50  # rows a sheet may have below its items: notes, blank lines
WIDEST = 64  # the columns read of a row; a sheet of the workbook has fifteen
IDENTITY_ROWS = 20
EXCEL_ROWS = 1_048_576  # Excel's last row: no workbook Excel saved goes further


class Unreadable(Exception):
    """The workbook as a whole cannot be read; the message says why, for the user."""


class TooLong(Exception):
    """A sheet has values further down than the report has rows; the message says where."""


@dataclass
class Table:
    """A data sheet as read: each column's key and heading, and its rows from the first item."""

    keys: dict[str, int]
    headings: tuple
    rows: list[tuple]


def file_name(file) -> str:
    """Return the name to call the file by in messages."""
    if isinstance(file, str | Path):
        return Path(file).name
    return getattr(file, "name", "") or _("The file")


def opened(file, name: str) -> Workbook:
    """Return the workbook, read-only, once its size and zip show a sane Excel workbook."""
    try:
        data = upload_bytes(file, name=name)
        xlsx_checked(data, name=name)
    except UploadRefused as refused:
        raise Unreadable(str(refused)) from refused
    with parsing(name):
        return load_workbook(BytesIO(data), read_only=True, data_only=True, keep_links=False)


@contextmanager
def parsing(name: str):
    """Say that a workbook openpyxl cannot parse is damaged, whatever the parser raised."""
    try:
        yield
    except (Unreadable, TooLong):
        raise
    except Exception as error:  # zipfile, zlib, the XML parser and openpyxl raise many kinds
        raise Unreadable(str(damaged(name))) from error


def identity_facts(book: Workbook, name: str) -> dict:
    """Return what the identity sheet says: the plan's id, the period, each sheet's title."""
    if IDENTITY not in book.sheetnames:
        return {}
    facts = {}
    with parsing(name):
        rows = book[IDENTITY].iter_rows(
            min_col=1, max_col=2, max_row=IDENTITY_ROWS, values_only=True
        )
        for key, value in rows:
            if isinstance(key, str):
                facts[key] = value
    return facts


def table(book: Workbook, title: str, *, items: int, name: str) -> Table:
    """Return a data sheet's keys, headings and rows; a sheet with values below the report's
    items and a margin is refused (TooLong), so that a huge sheet is never read to its end."""
    with parsing(name):
        worksheet = book[title]
        worksheet.reset_dimensions()  # the size a file states is not to be trusted
        top = list(worksheet.iter_rows(min_row=1, max_row=2, max_col=WIDEST, values_only=True))
        top += [()] * (2 - len(top))
        keys = {key: index for index, key in enumerate(top[0]) if isinstance(key, str)}
        width = max(keys.values(), default=0) + 1
        last = FIRST_ROW + items - 1 + SPARE_ROWS
        rows = []
        cells = worksheet.iter_rows(min_row=FIRST_ROW, max_col=width, values_only=True)
        for number, row in enumerate(cells, start=FIRST_ROW):
            if number <= last:
                rows.append(row)
            elif number > EXCEL_ROWS or row.count(None) < len(row):  # count: fast in C
                raise TooLong(
                    _(
                        "The sheet has values on row %(row)d or further down, but only %(items)d "
                        "rows to fill in: delete the rows below row %(last)d."
                    )
                    % {"row": min(number, EXCEL_ROWS), "items": items, "last": last}
                )
    return Table(keys, top[1], rows)
