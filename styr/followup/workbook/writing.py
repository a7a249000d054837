"""Write a report's workbook: instructions, then a sheet each for indicators, activities and
goals, styled the way officials expect (bold frozen headings, grey locked cells, drop-downs)."""

from __future__ import annotations

from io import BytesIO

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from styr.followup.calendar import deadline
from styr.followup.choices import Period
from styr.followup.models import Report
from styr.followup.selectors import Sheet, report_sheet
from styr.followup.workbook.layout import (
    DATE,
    FIRST_ROW,
    FORMAT,
    IDENTITY,
    LAYOUTS,
    LIST_COLUMNS,
    NUMBER,
    Column,
    Item,
    Layout,
    items,
)
from styr.spreadsheets import cell_put

# Swedish Excel shows this as 1 385,6: grouped thousands, a decimal comma, one to six decimals.
NUMBER_FORMAT = "#,##0.0#####"
DATE_FORMAT = "yyyy-mm-dd"
SHADED = PatternFill("solid", fgColor="EDEDED")
HEADING_FILL = PatternFill("solid", fgColor="D9E5F2")
HEADING_BORDER = Border(bottom=Side(style="thin", color="5A6B7D"))


def workbook_write(report: Report) -> Workbook:
    """Return the report's workbook, with the values entered so far filled in."""
    sheet = report_sheet(report)
    book = Workbook()
    instructions(book.active, sheet)
    titles = {}
    for layout in LAYOUTS:
        worksheet = book.create_sheet(str(layout.title))
        table(worksheet, layout, [i for i in items(layout, sheet).values() if i.due])
        titles[layout.key] = worksheet.title
    identity(book, report, titles)
    return book


def workbook_bytes(report: Report) -> bytes:
    buffer = BytesIO()
    workbook_write(report).save(buffer)
    return buffer.getvalue()


def row_put(worksheet, values: list) -> None:
    """Add a row below the last, each text written as text (never as a formula)."""
    cells = [Cell(worksheet) for _value in values]
    for cell, value in zip(cells, values, strict=True):
        cell_put(cell, value)
    worksheet.append(cells)


def instructions(worksheet, sheet: Sheet) -> None:
    report, plan = sheet.report, sheet.plan
    worksheet.title = _("Instructions")
    row_put(worksheet, [_("Follow-up in Excel")])
    worksheet["A1"].font = Font(bold=True, size=14)
    facts = [
        (_("Plan"), plan.title),
        (_("Organisation"), plan.organisation.name),
        (_("Report"), f"{report.get_period_display()} {plan.year}"),
        (_("Per"), sheet.closing_day),
        (_("Due"), deadline(plan, report.period_choice)),
        (_("Made"), timezone.localdate()),
    ]
    row_put(worksheet, [])
    for label, value in facts:
        row_put(worksheet, [label, value])
        worksheet.cell(worksheet.max_row, 1).font = Font(bold=True)
        worksheet.cell(worksheet.max_row, 2).number_format = DATE_FORMAT
        worksheet.cell(worksheet.max_row, 2).alignment = Alignment(horizontal="left")
    row_put(worksheet, [])
    row_put(worksheet, [_("How to fill it in")])
    worksheet.cell(worksheet.max_row, 1).font = Font(bold=True)
    for count, line in enumerate(guidance(report), start=1):
        row_put(worksheet, [count, line])
        worksheet.cell(worksheet.max_row, 1).alignment = Alignment(
            horizontal="right", vertical="top"
        )
        worksheet.cell(worksheet.max_row, 2).alignment = Alignment(wrap_text=True)
    worksheet.column_dimensions["A"].width = 18
    worksheet.column_dimensions["B"].width = 100
    worksheet.protection.sheet = True


def guidance(report: Report) -> list[str]:
    lines = [
        _(
            "Type in the white cells only. The grey cells come from the plan; they are not read "
            "back, and the sheets are protected so they are not changed by mistake."
        ),
        _(
            "Indicators: write the outcome as a number, such as 4,4 (not 4,4 %), in the unit "
            "the target is in, and choose what kind of value it is. Split it by women and men "
            "where the indicator counts people; for a share, give its numerator and denominator."
        ),
        _(
            "Activities and council assignments: choose the status, and give the date an "
            "activity was completed."
        ),
        _(
            "Goals: choose your assessment and give its motivation. The suggested assessment "
            "is worked out from the goal's indicators and activities."
        ),
        _(
            "A row left blank is skipped, and a row as it was is not saved again. Do not rename "
            "the sheets, move the columns or change the ids: they tell which item a row is."
        ),
        _(
            "Upload the workbook on the report's Excel page. If any row has a problem nothing "
            "is saved, and each problem is listed with its sheet, row and column."
        ),
        _("The values saved from the workbook are drafts: submit them on the report's page."),
    ]
    if report.period != Period.YEAR:
        lines.insert(4, _("At T1 and T2 the assessment of a goal is a forecast for the year."))
    return lines


def table(worksheet, layout: Layout, rows: list[Item]) -> None:
    row_put(worksheet, [column.key for column in layout.columns])
    row_put(worksheet, [str(column.heading) for column in layout.columns])
    worksheet.row_dimensions[1].hidden = True
    worksheet.row_dimensions[2].height = 30
    for row in rows:
        row_put(worksheet, [written(column, row) for column in layout.columns])
    last = FIRST_ROW + len(rows) - 1
    for index, column in enumerate(layout.columns, start=1):
        letter = get_column_letter(index)
        style_column(worksheet, column, index, last)
        worksheet.column_dimensions[letter].width = column.width
        worksheet.column_dimensions[letter].hidden = column.hidden
    worksheet.freeze_panes = layout.freeze
    end = get_column_letter(len(layout.columns))
    worksheet.auto_filter.ref = f"A2:{end}{max(last, 2)}"
    worksheet.print_title_rows = "2:2"
    worksheet.page_setup.orientation = "landscape"
    protect(worksheet)


def written(column: Column, row: Item):
    """Return the cell's value: shown facts for the plan's columns, the saved value for others."""
    if column.key == "id":
        return int(row.key) if row.key.isdigit() else row.key
    if column.key == "version":
        return row.entry.version if row.entry else None
    if not column.entered or row.entry is None:
        value = row.shown.get(column.key)
    else:
        value = getattr(row.entry, column.key)
    if column.choices and value:
        return str(column.choices(value).label)
    return value if value != "" else None


def style_column(worksheet, column: Column, index: int, last: int) -> None:
    heading = worksheet.cell(2, index)
    heading.font = Font(bold=True)
    heading.fill = HEADING_FILL
    heading.border = HEADING_BORDER
    heading.alignment = Alignment(wrap_text=True, vertical="top")
    for row in range(FIRST_ROW, last + 1):
        cell = worksheet.cell(row, index)
        cell.alignment = Alignment(wrap_text=column.wrap, vertical="top")
        if column.kind == NUMBER:
            cell.number_format = NUMBER_FORMAT
        elif column.kind == DATE:
            cell.number_format = DATE_FORMAT
        if column.entered:
            cell.protection = Protection(locked=False)
        else:
            cell.fill = SHADED
    if column.entered and last >= FIRST_ROW:
        validation = validation_of(column)
        if validation is not None:
            letter = get_column_letter(index)
            worksheet.add_data_validation(validation)
            validation.add(f"{letter}{FIRST_ROW}:{letter}{last}")


def validation_of(column: Column) -> DataValidation | None:
    """Return the check Excel makes as the cell is typed in; the import checks again anyway."""
    if column.choices:
        letter = get_column_letter(LIST_COLUMNS[column.choices])
        count = len(column.choices.choices)
        validation = DataValidation(
            type="list", formula1=f"{IDENTITY}!${letter}$1:${letter}${count}"
        )
        validation.error = _("Choose a value from the list.")
    elif column.kind == NUMBER:
        validation = DataValidation(
            type="decimal", operator="between", formula1="-1E+14", formula2="1E+14"
        )
        validation.error = _("Write a number, such as 4,4 or 1 385,60.")
    elif column.kind == DATE:
        validation = DataValidation(type="date", operator="greaterThan", formula1="1")
        validation.error = _("Write a date, such as 2013-04-30.")
    else:
        return None
    validation.allow_blank = True
    validation.showErrorMessage = True
    return validation


def protect(worksheet) -> None:
    """Lock the grey cells; no password, since it guards against slips, not people."""
    protection = worksheet.protection
    protection.sheet = True
    protection.formatColumns = False
    protection.formatRows = False
    protection.autoFilter = False


def identity(book: Workbook, report: Report, titles: dict[str, str]) -> None:
    """Write what the import needs to find the report and its sheets, out of the user's way."""
    worksheet = book.create_sheet(IDENTITY)
    worksheet.sheet_state = "veryHidden"
    rows = [("styr-followup", FORMAT), ("plan", report.plan_id), ("period", report.period)]
    rows += list(titles.items())
    for row, (key, value) in enumerate(rows, start=1):
        cell_put(worksheet.cell(row, 1), key)
        cell_put(worksheet.cell(row, 2), value)
    for choices, index in LIST_COLUMNS.items():
        for row, label in enumerate(choices.labels, start=1):
            cell_put(worksheet.cell(row, index), str(label))
