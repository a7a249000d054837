"""Make Word documents (.docx) of plans for tests, as a person writes a plan in Word.

`docx_of(text)` takes a plan in the Stockholm layout as text (as `pdf_of` does) and writes its
headings as paragraphs in Heading styles, its bullets as list items, and its indicator, activity
and budget tables as real Word tables, one table row per row of the text's table however many
lines the row wraps over. Other lines become paragraphs as they stand.
"""

import re
from io import BytesIO

from docx import Document

from styr.planning.parsing.lines import Joiner, clean_lines

HEADINGS = [
    (re.compile(r"^KF:S INRIKTNINGSMÅL\s*\d+\s*:?$", re.IGNORECASE), 1),
    (re.compile(r"^ÄRENDET$"), 1),
    (re.compile(r"^KF:S MÅL FÖR VERKSAMHETSOMRÅDET\s*:?$", re.IGNORECASE), 2),
    (re.compile(r"^NÄMNDMÅL\s*:?$", re.IGNORECASE), 3),
    (re.compile(r"^Nämndens ekonomiska förutsättningar\b", re.IGNORECASE), 2),
    (re.compile(r"^(Investeringar|Resultatenheter)$", re.IGNORECASE), 3),
]
BUDGET = HEADINGS[4][0]
# A table's heading, the word that ends its (perhaps wrapped) header, and how its rows end.
TABLES = [
    (
        re.compile(r"^(KF:s|Nämndens) indikatorer\b", re.IGNORECASE),
        "Periodicitet",
        re.compile(r"^(.*?)\s*\b(År|Tertial)$"),
    ),
    (
        re.compile(r"^(KF:s|Nämndens) aktiviteter\b", re.IGNORECASE),
        "Slutdatum",
        re.compile(r"^(.*?)\s*(\d{4}-\d{2}-\d{2})\s+(\d{4}-\d{2}-\d{2})$"),
    ),
]
AMOUNT = re.compile(r"\s+([-−]?\d{1,3}(?:[ \u00a0]\d{3})*(?:,\d+)?)$")
PAGE_NUMBER = re.compile(r"^\d{1,3}$")
BULLETS = ("•", "\uf0b7", "\u25aa")


def docx_of(text: str) -> bytes:
    """Return a Word document of a plan written in the Stockholm layout as text."""
    lines = [line.rstrip() for line in text.splitlines() if line.strip()]
    joiner = Joiner(clean_lines(text))
    document = Document()
    index = 0
    while index < len(lines):
        line = lines[index].strip()
        table = next((table for table in TABLES if table[0].match(line)), None)
        if table:
            index = write_table(document, lines, index, table, joiner)
        elif BUDGET.match(line):
            document.add_heading(line, level=2)
            index = write_budget(document, lines, index + 1)
        else:
            write_paragraph(document, lines[index])
            index += 1
    data = BytesIO()
    document.save(data)
    return data.getvalue()


def heading_level(line: str) -> int | None:
    return next((level for pattern, level in HEADINGS if pattern.match(line)), None)


def ends_table(line: str) -> bool:
    """Tell whether a line starts what follows a table: a heading or another table."""
    return heading_level(line) is not None or any(table[0].match(line) for table in TABLES)


def write_paragraph(document, line: str) -> None:
    text = line.strip()
    if (level := heading_level(text)) is not None:
        document.add_heading(text, level=level)
    elif text.startswith(BULLETS):
        document.add_paragraph(text[1:].strip(), style="List Bullet")
    elif line[:1].isspace():
        paragraph = document.add_paragraph(text)
        paragraph.paragraph_format.left_indent = 360000  # 1 cm, in EMU
    else:
        document.add_paragraph(text)


def write_table(document, lines: list[str], index: int, table, joiner: Joiner) -> int:
    """Write a table whose heading is lines[index]; return the index of the line after it."""
    _, header_end, row_end = table
    header = [lines[index].strip()]
    while header_end not in header[-1] and index + 1 < len(lines):
        index += 1
        header.append(lines[index].strip())
    rows = [[joiner.join(header)]]
    pending: list[str] = []
    index += 1
    while index < len(lines) and not ends_table(lines[index].strip()):
        line = lines[index].strip()
        index += 1
        if not pending and PAGE_NUMBER.match(line):
            continue
        pending.append(line)
        if match := row_end.match(joiner.join(pending)):
            rows.append([cell for cell in match.groups() if cell])
            pending = []
    if pending:
        rows.append([joiner.join(pending)])
    add_table(document, rows)
    return index


def write_budget(document, lines: list[str], index: int) -> int:
    """Write the budget table that starts at lines[index]: a row starts with a letter, and its
    amounts may wrap onto lines of their own. Return the index of the line after it."""
    rows: list[list[str]] = []
    while index < len(lines) and not ends_table(lines[index].strip()):
        line = lines[index].strip()
        if line[:1].isalpha() or not rows:
            rows.append([line])
        else:
            rows[-1][0] += f" {line}"
        index += 1
    add_table(document, [cells_of_budget_row(row[0]) for row in rows])
    return index


def cells_of_budget_row(text: str) -> list[str]:
    """Split a budget row into its name and its amounts, one cell each."""
    amounts = []
    while match := AMOUNT.search(text):
        amounts.insert(0, match.group(1))
        text = text[: match.start()]
    return [text, *amounts]


def add_table(document, rows: list[list[str]]) -> None:
    columns = max(len(row) for row in rows)
    table = document.add_table(rows=len(rows), cols=columns)
    table.style = "Table Grid"
    for row, cells in zip(table.rows, rows, strict=True):
        for cell, text in zip(row.cells, cells, strict=False):
            cell.text = text
