"""A report's follow-up in Excel: a workbook with one row per item the period asks for, and
back again, the way officials work today.

`workbook_write` makes the workbook: an instructions sheet, then one sheet each for the
indicators, the activities and assignments, and the goals, with what is already entered filled
in. `workbook_read` checks every cell of a filled-in workbook and saves the rows that changed
through the services, all in one transaction, or nothing at all if any row has a problem.

How the import finds its way, whatever the user's language or the sheet's look:
- a very hidden sheet ("styr") names the plan, the period and the title of each data sheet,
  and holds the lists the drop-downs offer;
- the first row of each data sheet, hidden, holds each column's key ("value", "progress"), so
  columns are found by key, never by heading: a workbook made in Swedish reads back the same
  as one made in English;
- a hidden last column holds the version of the value when the workbook was made, so that a
  row changed since by someone else is refused rather than overwritten.
"""

from styr.followup.workbook.reading import Problem, Reading, workbook_read
from styr.followup.workbook.writing import workbook_bytes, workbook_write

__all__ = ["Problem", "Reading", "workbook_bytes", "workbook_read", "workbook_write"]
