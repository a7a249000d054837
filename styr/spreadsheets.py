"""What users typed, written to a spreadsheet as text: never a formula a spreadsheet runs.

A name such as `=HYPERLINK("http://evil","x")` is a formula to Excel if written as one, and
a CSV field that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is taken for one
when the file is opened (OWASP, "CSV injection"). The rule lives here alone, in
`formula_like`: workbooks write text cells through `cell_put`, CSV files through
`styr.documents.csv_files.safe_text`, which sets an apostrophe before a formula-like text.
"""

from __future__ import annotations

# The first characters that make a spreadsheet read a text as a formula.
LEADERS = ("=", "+", "-", "@", "\t", "\r")


def formula_like(value) -> bool:
    """Say whether a spreadsheet would take the value for a formula if it were typed in."""
    return isinstance(value, str) and value.startswith(LEADERS)


def cell_put(cell, value) -> None:
    """Write a value to an openpyxl cell; a text stays text, however it starts.

    The cell is typed as a string, so that it is stored as text rather than as a formula, and
    a text that looks like one is marked with Excel's quote prefix, so that editing the cell
    keeps it text too. The text itself is unchanged: it reads back as written.
    """
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        if formula_like(value):
            cell.quotePrefix = True
