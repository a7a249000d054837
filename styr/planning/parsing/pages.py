"""Take the furniture off the pages of a PDF: running headers and footers, and page numbers.

A running header or footer is a line that stands at the top or at the bottom of most pages
("Stadsdelsnämnden Farsta – Verksamhetsplan 2013", a date), perhaps with the page number in
it; a page number is a line of its own at a page's top or bottom ("3", "Sida 3 av 22",
"3 (22)", "- 3 -", "3/22") that counts up with the pages. Both are removed only there, at the
edges of a page, and each at most once per edge: the same text inside a page is the plan's.
"""

from __future__ import annotations

import re
from collections import Counter

from styr.planning.parsing.lines import RawLine

# How many lines at each edge of a page a header or footer may take.
EDGE = 3
DIGITS = re.compile(r"\d+")
PAGE_NUMBER = re.compile(
    r"^(?:(?:sida|sidan|page|s\.|p\.)\s*)?[-–—]?\s*(?P<page>\d{1,4})\s*[-–—]?"
    r"(?:\s*(?:av|of|/|\()\s*(?P<pages>\d{1,4})\s*\)?)?$",
    re.IGNORECASE,
)


def page_lines(pages: list[str]) -> list[RawLine]:
    """Return the lines of the pages without their headers, footers and page numbers.

    Lines are numbered through the whole extracted text, the removed ones counted too, so that
    a line's number is its place in the text of the PDF.
    """
    numbered: list[list[RawLine]] = []
    number = 0
    for page, text in enumerate(pages, start=1):
        lines = []
        for line in text.splitlines():
            number += 1
            if line.strip():
                lines.append(RawLine(number, line, page))
        numbered.append(lines)
    tops = running(page[:EDGE] for page in numbered)
    bottoms = running(page[-EDGE:] for page in numbered)
    offset = page_number_offset(numbered)
    kept: list[RawLine] = []
    for lines in numbered:
        start = trimmed(lines, tops, offset)
        end = len(lines) - trimmed(lines[start:][::-1], bottoms, offset)
        kept += lines[start:end]
    return kept


def signature(text: str) -> str:
    """Return what a running line keeps from page to page: its words, not its numbers."""
    return DIGITS.sub("#", " ".join(text.split()).lower())


def running(edges) -> set[str]:
    """Return the signatures of lines at this edge of at least half of the pages (and two)."""
    counts: Counter[str] = Counter()
    pages = 0
    for edge in edges:
        pages += 1
        counts.update({signature(line.text) for line in edge})
    least = max(2, (pages + 1) // 2)
    return {text for text, count in counts.items() if count >= least}


def page_number(line: RawLine) -> int | None:
    """Return the number a line of its own gives as the page's, if it is one."""
    match = PAGE_NUMBER.match(line.text.strip())
    if not match:
        return None
    page, pages = int(match["page"]), match["pages"]
    return page if pages is None or page <= int(pages) else None


def page_number_offset(numbered: list[list[RawLine]]) -> int | None:
    """Return how the printed page numbers differ from the pages' places, or None if they do
    not: the difference found at the edges of at least half of the pages (a cover page may go
    unnumbered, and a plan in an appendix starts at its own number). A single page must be 1."""
    offsets: Counter[int] = Counter()
    for lines in numbered:
        edges = {id(line): line for line in lines[:EDGE] + lines[-EDGE:]}.values()
        offsets.update({n - line.page for line in edges if (n := page_number(line)) is not None})
    if not offsets:
        return None
    offset, count = offsets.most_common(1)[0]
    if count < (len(numbered) + 1) // 2 or (len(numbered) == 1 and offset != 0):
        return None
    return offset


def trimmed(lines: list[RawLine], running_lines: set[str], offset: int | None) -> int:
    """Return how many lines from this edge of a page are header, footer or page number."""
    seen: set[str] = set()
    numbered = False
    count = 0
    for line in lines[:EDGE]:
        text = signature(line.text)
        if text in running_lines and text not in seen:
            seen.add(text)
        elif offset is None or numbered or page_number(line) != line.page + offset:
            break
        else:
            numbered = True
        count += 1
    return count
