"""Read annual targets as written in a plan ("4,4 %", "1 150 st", "minst 90 %", "80–90 %",
"+/- 1 %", "öka", "tas fram av nämnden").

The written text is kept as it stands, so that a document can be reproduced exactly; the kind,
value, unit and (for a range) upper bound are read from it. A target stands at the end of a
table row, so it is read from the row's last words backwards:

- a verbal target: öka, ökad, ökning (increase), minska, minskad, minskning (decrease),
  oförändrad, bibehållen, bibehålla (unchanged), tas fram av nämnden (set by the board);
- a number with an optional unit of one word, or of two pieces a narrow cell split ("kwh/kv"
  "m"); a number may have spaces as thousand separators ("1 150", "12 500", "1 385,60"):
  groups of three digits after a group of one to three are one number;
- before the number, a comparison: minst, lägst, ≥, >= (at least); högst, max, ≤, <= (at
  most); >, över (above); <, under (below); or a tolerance: +/-, ±, +- (within);
- a range: two numbers joined by a dash ("80–90 %", "80-90 %", "80 – 90 %").
"""

from __future__ import annotations

import re
from decimal import Decimal

from styr.planning.choices import TargetKind
from styr.planning.document import Target
from styr.swedish import NotANumber, decimal_read

WORDS = {
    "öka": TargetKind.INCREASE,
    "ökad": TargetKind.INCREASE,
    "ökning": TargetKind.INCREASE,
    "minska": TargetKind.DECREASE,
    "minskad": TargetKind.DECREASE,
    "minskning": TargetKind.DECREASE,
    "oförändrad": TargetKind.UNCHANGED,
    "bibehållen": TargetKind.UNCHANGED,
    "bibehålla": TargetKind.UNCHANGED,
}
SET_BY_BOARD = ["tas", "fram", "av", "nämnden"]
# The words and signs before a number that make it a bound or a tolerance.
COMPARISONS = {
    "minst": TargetKind.AT_LEAST,
    "lägst": TargetKind.AT_LEAST,
    "≥": TargetKind.AT_LEAST,
    ">=": TargetKind.AT_LEAST,
    "högst": TargetKind.AT_MOST,
    "max": TargetKind.AT_MOST,
    "max.": TargetKind.AT_MOST,
    "≤": TargetKind.AT_MOST,
    "<=": TargetKind.AT_MOST,
    ">": TargetKind.ABOVE,
    "över": TargetKind.ABOVE,
    "<": TargetKind.BELOW,
    "under": TargetKind.BELOW,
    "+/-": TargetKind.WITHIN,
    "±": TargetKind.WITHIN,
    "+-": TargetKind.WITHIN,
}
NUMBER = re.compile(r"^[-−]?[0-9]+(?:[.,][0-9]+)?$")
# A sign written against its number: "≥85", ">85".
SIGNED = re.compile(r"^(>=|<=|[≥≤<>±])([-−]?[0-9]+(?:[.,][0-9]+)?)$")
RANGE = re.compile(r"^([-−]?[0-9]+(?:[.,][0-9]+)?)[–-]([0-9]+(?:[.,][0-9]+)?)$")
DASHES = {"–", "-"}
# The parts of a number written with spaces as thousand separators.
THOUSANDS = re.compile(r"^[0-9]{3}(?:,[0-9]+)?$")
LEADING_GROUP = re.compile(r"^[-−]?[0-9]{1,3}$")
UNIT = re.compile(r"^[^0-9\s()]{1,12}$")


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


def has_thousands(target: Target) -> bool:
    """Tell whether a target's number was read from digits with spaces between them."""
    return bool(re.search(r"[0-9] [0-9]", target.text))


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
    """Take a number, bound, tolerance or range with its unit off the end of the tokens."""
    end, unit = unit_end(tokens)
    found = take_quantity(tokens, end)
    if found is None:
        return None
    start, kind, value, upper = found
    text = " ".join([*tokens[start:end], unit] if unit else tokens[start:end])
    return Target(text, kind, value, unit, upper), tokens[:start]


def unit_end(tokens: list[str]) -> tuple[int, str]:
    """Return where the number of a target ends and its unit, "" if it has none.

    A unit wrapped in a narrow cell comes in two pieces ("kwh/kv" "m").
    """
    end = len(tokens)
    for pieces in (1, 2):
        candidate = tokens[end - pieces : end] if end > pieces else []
        is_unit = candidate and all(UNIT.match(t) and not NUMBER.match(t) for t in candidate)
        if is_unit and is_quantity(tokens[end - pieces - 1]):
            return end - pieces, "".join(candidate)
    return end, ""


def is_quantity(token: str) -> bool:
    return bool(NUMBER.match(token) or RANGE.match(token) or SIGNED.match(token))


def take_quantity(tokens: list[str], end: int) -> tuple[int, str, Decimal, Decimal | None] | None:
    """Return the start, kind, value and upper bound of the quantity ending before `end`, or
    None when there is none, or none that reads as a Swedish number ("1.150"): the row that
    holds it is then reported, not read by a guess."""
    try:
        return quantity_taken(tokens, end)
    except NotANumber:
        return None


def quantity_taken(tokens: list[str], end: int) -> tuple[int, str, Decimal, Decimal | None] | None:
    last = end - 1
    if last < 0:
        return None
    token = tokens[last]
    if match := RANGE.match(token):
        return last, TargetKind.RANGE, decimal_read(match.group(1)), decimal_read(match.group(2))
    if match := SIGNED.match(token):
        return last, COMPARISONS[match.group(1)], decimal_read(match.group(2)), None
    if not NUMBER.match(token):
        return None
    if last >= 2 and tokens[last - 1] in DASHES and NUMBER.match(tokens[last - 2]):
        return last - 2, TargetKind.RANGE, decimal_read(tokens[last - 2]), decimal_read(token)
    start = last
    while start > 0 and THOUSANDS.match(tokens[start]) and LEADING_GROUP.match(tokens[start - 1]):
        start -= 1
        if not THOUSANDS.match(tokens[start].lstrip("-−")):
            break
    value = decimal_read(" ".join(tokens[start:end]))
    kind = TargetKind.VALUE
    if start > 0 and tokens[start - 1].lower() in COMPARISONS:
        start -= 1
        kind = COMPARISONS[tokens[start].lower()]
    if kind == TargetKind.WITHIN:
        value = abs(value)
    return start, kind, value, None
