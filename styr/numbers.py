"""Read the whole numbers that addresses and forms carry: ids, versions, years.

`int()` and `str.isdigit()` take the digits of every script and superscripts ("²"), which
then fail further on or reach the database; a column holds no more than its type allows.
"""

from __future__ import annotations

LARGEST_ID = 2**63 - 1  # a big integer column, the largest any id or count is kept in
LARGEST_INTEGER = 2**31 - 1  # an integer column: versions, years, numbers of points


def whole_number(text: str, *, largest: int = LARGEST_ID) -> int | None:
    """Return the number a text of ASCII digits writes, or None for any other text."""
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(largest)):
        return None
    found = int(text)
    return found if found <= largest else None
