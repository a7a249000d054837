"""What a decision point says about changes to the plan, read from its words.

A point may announce amendments ("godkänns med ändringarna som omnämns i punkt 2, 3 och 4",
"med följande ändringar", "med de ändringar som framgår av …") or read like one (it names an
activity, an indicator or a board goal that "utgår", "får slutdatum", "läggs till",
"ändras"). The reader uses this to refuse a decision whose amendments it could not read, and
adoption to refuse a decision whose points speak of changes when none is recorded.
"""

from __future__ import annotations

import re

ANNOUNCES = re.compile(
    r"\bmed (?:de |följande )?(?:ändringar|ändringarna|ändringen|ändring)\b", re.IGNORECASE
)
# The points an announcement names: "i punkt 2, 3 och 4", "av punkterna 2–4".
NAMED_POINTS = re.compile(
    r"\bpunkt(?:erna)? (?P<list>\d+(?:\s*(?:,|och|–|-|till)\s*\d+)*)", re.IGNORECASE
)
RANGE = re.compile(r"(\d+)\s*(?:–|-|till)\s*(\d+)")
PLAN_ITEM = re.compile(r"(?:aktivitet|indikator|nämndmål)", re.IGNORECASE)
CHANGE_VERB = re.compile(
    r"\b(?:utgår|stryks|får (?:slut|start)datum|läggs till|ändras)\b", re.IGNORECASE
)
# Beyond this many, a list of point numbers is no list a decision writes ("punkt 1–99999").
MOST_POINTS = 100


def announcement(text: str) -> str | None:
    """Return the words with which a point announces amendments, or None."""
    match = ANNOUNCES.search(text)
    return match.group(0) if match else None


def announced_points(text: str) -> list[int]:
    """Return the numbers of the points an announcement names, in order; [] if it names none."""
    match = ANNOUNCES.search(text)
    if match is None:
        return []
    named = NAMED_POINTS.search(text, match.end())
    if named is None:
        return []
    numbers: list[int] = []
    for piece in re.split(r"\s*(?:,|\boch\b)\s*", named.group("list")):
        if span := RANGE.fullmatch(piece):
            first, last = int(span.group(1)), int(span.group(2))
            numbers += range(first, min(last, first + MOST_POINTS) + 1)
        elif piece.isdigit():
            numbers.append(int(piece))
    return numbers


def reads_like_amendment(text: str) -> bool:
    """Tell whether a point names an item of the plan together with a change to it."""
    return bool(PLAN_ITEM.search(text) and CHANGE_VERB.search(text))


def speaks_of_changes(text: str) -> bool:
    """Tell whether a point announces amendments or reads like one."""
    return announcement(text) is not None or reads_like_amendment(text)
