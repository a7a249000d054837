"""Read annual targets as written in a plan ("4,4 %", "+/- 1 %", "öka", "tas fram av nämnden").

The written text is kept as it stands, so that a document can be reproduced exactly; the kind,
value and unit are read from it.
"""

from __future__ import annotations

import re
from decimal import Decimal

from styr.planning.choices import TargetKind
from styr.planning.document import Target

WORDS = {
    "öka": TargetKind.INCREASE,
    "minska": TargetKind.DECREASE,
    "oförändrad": TargetKind.UNCHANGED,
}
SET_BY_BOARD = ["tas", "fram", "av", "nämnden"]
TOLERANCE = {"+/-", "±", "+-"}
NUMBER = re.compile(r"^[-−]?\d+(?:[.,]\d+)?$")
UNIT = re.compile(r"^[^\d\s()]{1,12}$")


def number(text: str) -> Decimal:
    """Return a number written the Swedish way ("4,4", "−2", "1 385,60") as a Decimal."""
    cleaned = re.sub(r"[\s\u00a0]", "", text).replace(",", ".").replace("−", "-")
    return Decimal(cleaned)


def parse_target(text: str) -> Target | None:
    """Return the target a cell holds, or None when the text is not a target."""
    tokens = text.split()
    found = take_target(tokens)
    if found is None or found[1]:
        return None
    return found[0]


def split_targets(text: str, most: int) -> tuple[str, list[Target]]:
    """Split up to `most` targets off the end of a table row; return the rest and the targets."""
    tokens = text.split()
    targets: list[Target] = []
    while len(targets) < most:
        found = take_target(tokens)
        if found is None or not found[1]:
            break
        target, tokens = found
        targets.insert(0, target)
    return " ".join(tokens), targets


def take_target(tokens: list[str]) -> tuple[Target, list[str]] | None:
    """Take the target that ends the tokens; return it and the tokens before it."""
    if not tokens:
        return None
    if [t.lower() for t in tokens[-4:]] == SET_BY_BOARD:
        return Target(" ".join(tokens[-4:]), TargetKind.SET_BY_BOARD), tokens[:-4]
    if tokens[-1].lower() in WORDS:
        return Target(tokens[-1], WORDS[tokens[-1].lower()]), tokens[:-1]
    return take_value(tokens)


def take_value(tokens: list[str]) -> tuple[Target, list[str]] | None:
    end = len(tokens)
    unit = ""
    # A unit wrapped in a narrow cell comes in two pieces ("kwh/kv" "m").
    for pieces in (1, 2):
        candidate = tokens[end - pieces : end] if end > pieces else []
        is_unit = candidate and all(UNIT.match(t) and not NUMBER.match(t) for t in candidate)
        if is_unit and NUMBER.match(tokens[end - pieces - 1]):
            unit = "".join(candidate)
            end -= pieces
            break
    start = end - 1
    if start < 0 or not NUMBER.match(tokens[start]):
        return None
    kind = TargetKind.VALUE
    if start > 0 and tokens[start - 1] in TOLERANCE:
        start -= 1
        kind = TargetKind.WITHIN
    text = " ".join([*tokens[start:end], unit] if unit else tokens[start:end])
    return Target(text, kind, number(tokens[end - 1]), unit), tokens[:start]
