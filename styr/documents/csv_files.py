"""The open-data tables as CSV, in two dialects: one Swedish Excel opens as it is, one for
machines (and the data packages).

"For Excel": UTF-8 with a byte order mark (or Excel reads it as Windows-1252), semicolons (a
comma is the decimal sign), a decimal comma, no thousand separators, an ASCII minus, ISO dates,
"ja"/"nej", and the columns' titles as the header. "Plain": UTF-8 without a mark, commas, a
decimal point, "true"/"false" and the columns' identifiers as the header (RFC 4180, as a
Frictionless data package expects). Both end lines with CRLF.

A text a spreadsheet would take for a formula (it starts with =, +, -, @, a tab or a carriage
return: `styr.spreadsheets.formula_like`) is written with an apostrophe before it, as OWASP
advises against CSV injection; numbers are never changed (-46,60 is a number, written as one).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from styr.documents.exporters import Exporter, Option, Rendered, register
from styr.documents.tables import (
    BOOLEAN,
    DATE,
    NUMBER,
    PLAN_TABLES,
    REPORT_TABLES,
    TABLE_TITLES,
    Column,
    DataTable,
    table_of,
)
from styr.spreadsheets import formula_like
from styr.swedish import date_write, plain_write

# What makes a text safe in a CSV file: Excel then shows it as text, apostrophe hidden.
SAFE_PREFIX = "'"


@dataclass(frozen=True)
class Dialect:
    delimiter: str
    decimal: str
    bom: bool
    headings: bool  # the columns' titles (for people) rather than their identifiers
    true: str
    false: str


FOR_EXCEL = Dialect(delimiter=";", decimal=",", bom=True, headings=True, true="ja", false="nej")
PLAIN = Dialect(delimiter=",", decimal=".", bom=False, headings=False, true="true", false="false")


def safe_text(text: str) -> str:
    """Return a text as a CSV field no spreadsheet runs: an apostrophe before a formula."""
    return SAFE_PREFIX + text if formula_like(text) else text


def field_write(column: Column, value, dialect: Dialect) -> str:
    """Write one cell's value as the dialect writes its column's kind; a blank is empty."""
    if value is None:
        return ""
    if column.type == NUMBER:
        return plain_write(value, places=column.places).replace(".", dialect.decimal)
    if column.type == DATE:
        return date_write(value)
    if column.type == BOOLEAN:
        return dialect.true if value else dialect.false
    return safe_text(str(value))


def csv_bytes(table: DataTable, dialect: Dialect) -> bytes:
    """Write a table as a CSV file in the dialect."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=dialect.delimiter, lineterminator="\r\n")
    writer.writerow([safe_text(c.heading if dialect.headings else c.name) for c in table.columns])
    for row in table.rows:
        writer.writerow(
            [field_write(c, value, dialect) for c, value in zip(table.columns, row, strict=True)]
        )
    return buffer.getvalue().encode("utf-8-sig" if dialect.bom else "utf-8")


def table_option(names) -> Option:
    choices = tuple((name, TABLE_TITLES[name]) for name in names)
    return Option("table", _("Which of the tables to write."), choices[0][0], choices=choices)


class CsvExporter(Exporter):
    extension = "csv"
    media_type = "text/csv"
    dialect: Dialect

    @classmethod
    def options_for(cls, subject: str) -> tuple[Option, ...]:
        return (table_option(PLAN_TABLES if subject == "plan" else REPORT_TABLES),)

    def render(self, subject, **options) -> Rendered:
        name = options.get("table") or self.options[0].default
        table = table_of(subject, name)
        return self.rendered(subject, csv_bytes(table, self.dialect), suffix=f"-{table.name}")


@register("plan", "report")
class ExcelCsv(CsvExporter):
    identifier = "csv"
    name = _("CSV for Excel (semicolon)")
    dialect = FOR_EXCEL


@register("plan", "report")
class PlainCsv(CsvExporter):
    identifier = "csv-plain"
    name = _("CSV (comma)")
    dialect = PLAIN
