"""The open-data tables of a plan or a report as one Excel workbook, a sheet per table.

Numbers are numbers and dates are dates, shown the Swedish way by Excel's own formats (1 385,60
and 2013-06-30 in a Swedish Excel), so that they can be summed and sorted; every text goes
through `styr.spreadsheets.cell_put`, so that no text is ever run as a formula.
"""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from styr.documents.exporters import Exporter, Rendered, register
from styr.documents.tables import DATE, NUMBER, Column, DataTable, tables_of
from styr.followup.workbook.writing import DATE_FORMAT, NUMBER_FORMAT, row_put

AMOUNT_FORMAT = "#,##0.00"  # 1 385,60 and −46,60 in a Swedish Excel
WHOLE_FORMAT = "#,##0"  # 1 600
NARROWEST, WIDEST = 8, 60  # characters; a longer text wraps in its column


def workbook_bytes(tables: list[DataTable], metadata) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for table in tables:
        sheet_write(book.create_sheet(table.title[:31]), table)
    book.properties.title = metadata.title
    book.properties.creator = metadata.municipality
    book.properties.keywords = ", ".join(metadata.keywords)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def sheet_write(sheet, table: DataTable) -> None:
    row_put(sheet, [column.heading for column in table.columns])
    for row in table.rows:
        row_put(sheet, row)
    for index, column in enumerate(table.columns, start=1):
        column_style(sheet, index, column, table)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions


def column_style(sheet, index: int, column: Column, table: DataTable) -> None:
    heading = sheet.cell(1, index)
    heading.font = Font(bold=True)
    heading.alignment = Alignment(wrap_text=True, vertical="top")
    width = column_width(column, table, index - 1)
    sheet.column_dimensions[get_column_letter(index)].width = width
    for row, values in enumerate(table.rows, start=2):
        cell = sheet.cell(row, index)
        cell.alignment = Alignment(vertical="top", wrap_text=width == WIDEST)
        if column.type == NUMBER:
            cell.number_format = number_format(column, values[index - 1])
        elif column.type == DATE:
            cell.number_format = DATE_FORMAT


def number_format(column: Column, value: Decimal | None) -> str:
    """Amounts with two decimals; other numbers with the decimals they have, if any."""
    if column.places == 2:
        return AMOUNT_FORMAT
    if value is not None and value == value.to_integral_value():
        return WHOLE_FORMAT
    return NUMBER_FORMAT


def column_width(column: Column, table: DataTable, index: int) -> int:
    """Fit the column to its longest value (a heading may wrap), within reason."""
    longest = max((len(str(row[index])) for row in table.rows if row[index] is not None), default=0)
    fitted = max(longest, *(len(word) for word in column.heading.split())) + 2
    return min(max(fitted, NARROWEST), WIDEST)


@register("plan", "report")
class ExcelExporter(Exporter):
    identifier = "xlsx"
    name = "Excel"
    extension = "xlsx"
    media_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    def render(self, subject, **options) -> Rendered:
        return self.rendered(subject, workbook_bytes(tables_of(subject), subject.metadata))
