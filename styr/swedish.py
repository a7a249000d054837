"""Read and write numbers, amounts, percentages and dates the Swedish way, in one place.

Reading (`decimal_read`, `percentage_read`) takes the text a person typed or a document holds:

- The decimal separator is the comma: "4,4", "1 385,60". A comma is always a decimal comma,
  also in the English interface ("1,150" is one point one five).
- A decimal point is read too, since spreadsheets, phones' number pads and people used to
  them write "4.4". But a point followed by exactly three digits ("1.150", "2.500") may just
  as well separate thousands, as some Swedish and German texts do; such a text is refused,
  never guessed (write "1 150" or "1,15"). A text with both a point and a comma is refused.
  Machine formats (JSON, a spreadsheet's number cells) carry numbers, not Swedish text: read
  them with `plain_read`, where "1.150" is one point one five.
- Thousands are separated by one space, no-break space (U+00A0), narrow no-break space
  (U+202F) or thin space (U+2009), in groups of exactly three digits after a first group of
  one to three: "1 150", "1 385 000,5". "1 2 3", "12 34" and "1  150" are refused; there is
  no grouping after the decimal comma.
- A minus sign "−" (U+2212) or a hyphen-minus "-", or a plus sign "+", may stand right before
  the first digit; "- 2", "2-" and "+-2" are refused. An en dash "–" is refused, since plans
  use it for ranges ("80–90 %").
- There is a digit on each side of a decimal comma or point: ",5" and "5," are refused.
- Only the digits 0–9; no exponent ("1e5"), no "NaN" or "Infinity", no other scripts' digits.
- At most MOST_DIGITS digits in all: more than any column in Styr holds, and refused before
  any work is done, so a hostile text costs nothing.
- Surrounding white space is ignored; an empty text is not a number (callers that take
  "nothing" check for blank text first).

Every refusal raises NotANumber (a ValueError) and nothing else, whatever the text.

Writing: `decimal_write` ("4,4", "−2", "1 385,6" when grouped: no trailing zeros),
`amount_write` ("1 385,60", "−46,60": two decimals, rounded half up), and for machines
`plain_write` ("4.4", "-2", "1385.60"). Whatever a writer writes, `decimal_read` (and
`plain_read` for `plain_write`) reads back as the same number.

Dates: `date_read` reads "2013-06-30" and "9 januari 2013" ("9 Januari 2013" too); `date_write`
writes ISO 8601, as every page, export and workbook of Styr does.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import ROUND_HALF_UP, Context, Decimal

MOST_DIGITS = 30  # a column holds at most 20 (fourteen and six decimals)
LONGEST = 2 * MOST_DIGITS  # room for separators and a sign; longer texts are not read at all
MINUS = "−"  # U+2212, the minus sign of Swedish typography
# Room for every number read, so that writing one never rounds it.
CONTEXT = Context(prec=MOST_DIGITS + 10, rounding=ROUND_HALF_UP)
NO_BREAK = "\u00a0"  # between the thousands of an amount, so that it never wraps
SPACES = " \u00a0\u202f\u2009"
DECIMAL = re.compile(
    rf"(?P<sign>[-{MINUS}+]?)"
    rf"(?P<whole>[0-9]{{1,3}}(?:[{SPACES}][0-9]{{3}})*|[0-9]+)"
    r"(?:(?P<separator>[,.])(?P<fraction>[0-9]+))?"
)
PLAIN = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
PERCENT = re.compile(rf"(?P<number>.*?)[{SPACES}]?%")
MONTHS = {
    name: number
    for number, name in enumerate(
        [
            "januari",
            "februari",
            "mars",
            "april",
            "maj",
            "juni",
            "juli",
            "augusti",
            "september",
            "oktober",
            "november",
            "december",
        ],
        start=1,
    )
}
# A date in words, to find one inside a sentence ("den 9 januari 2013"); read it with date_read.
WRITTEN_DATE = r"[0-9]{1,2} (?:" + "|".join(MONTHS) + r") [0-9]{4}"
ISO_DATE = re.compile(r"(?P<year>[0-9]{4})-(?P<month>[0-9]{2})-(?P<day>[0-9]{2})")
WORDS_DATE = re.compile(r"(?P<day>[0-9]{1,2}) (?P<month>\w+) (?P<year>[0-9]{4})")


class NotANumber(ValueError):
    """The text is not a number as Styr reads numbers (see the module's rules)."""


class NotADate(ValueError):
    """The text is not a date as Styr reads dates: "2013-06-30" or "9 januari 2013"."""


def decimal_read(text: str) -> Decimal:
    """Return the number a Swedish text writes ("1 385,60", "−2", "4,4"); see the module."""
    found = DECIMAL.fullmatch(bounded(text))
    if found is None:
        raise NotANumber(text)
    whole = "".join(c for c in found["whole"] if c.isdigit())
    fraction = found["fraction"] or ""
    if found["separator"] == "." and len(fraction) == 3:
        raise NotANumber(text)  # "1.150": a thousand separator or a decimal point?
    if len(whole) + len(fraction) > MOST_DIGITS:
        raise NotANumber(text)
    sign = "-" if found["sign"] in ("-", MINUS) else ""
    return Decimal(sign + whole + ("." + fraction if fraction else ""))


def percentage_read(text: str) -> Decimal:
    """Return the per cent a text writes ("4,4 %", "4,4%", "−2 %", "90" → 90); the sign "%"
    may be left out, and a space before it may be any of the thousand spaces."""
    stripped = bounded(text)
    found = PERCENT.fullmatch(stripped)
    return decimal_read(found["number"] if found else stripped)


def plain_read(text: str) -> Decimal:
    """Return the number a machine wrote ("4.4", "-2", "1.150" → 1.15): JSON and spreadsheet
    numbers, and what `plain_write` writes. No grouping, comma, plus, exponent or NaN."""
    stripped = bounded(text)
    if PLAIN.fullmatch(stripped) is None or sum(c.isdigit() for c in stripped) > MOST_DIGITS:
        raise NotANumber(text)
    return Decimal(stripped)


def bounded(text: str) -> str:
    """Return the text without surrounding space, refusing one too long to be a number."""
    stripped = text.strip() if isinstance(text, str) else ""
    if not stripped or len(stripped) > LONGEST:
        raise NotANumber(text)
    return stripped


def decimal_write(value: Decimal | int | None, *, grouped: bool = False) -> str:
    """Write a number the Swedish way without trailing zeros: "4,4", "−2", "1385,6", and with
    `grouped` "1 385,6" (no-break spaces). None writes as ""."""
    if value is None:
        return ""
    return swedish(plain_write(value), grouped)


def amount_write(value: Decimal | int | None, *, places: int = 2) -> str:
    """Write an amount with `places` decimals (rounded half up) and no-break spaces between
    the thousands: "1 385,60", "−46,60", "0,00". None writes as ""."""
    if value is None:
        return ""
    return swedish(plain_write(value, places=places), grouped=True)


def plain_write(value: Decimal | int | None, *, places: int | None = None) -> str | None:
    """Write a number for machines (JSON): a point, a hyphen-minus, no grouping, no exponent;
    without trailing zeros ("4.4", "1600"), or with exactly `places` decimals ("53.10").
    "−0" writes as "0". None writes as None (JSON's null)."""
    if value is None:
        return None
    number = Decimal(value)
    if not number.is_finite():
        raise NotANumber(str(value))
    if places is None:
        number = number.normalize(CONTEXT)
    else:
        number = number.quantize(Decimal(1).scaleb(-places), context=CONTEXT)
    if number.is_zero():
        number = abs(number)
    return format(number, "f")


def swedish(plain: str, grouped: bool) -> str:
    """Turn plain_write's text into Swedish: decimal comma, minus sign, thousands apart."""
    sign, digits = ("-", plain[1:]) if plain.startswith("-") else ("", plain)
    whole, _point, fraction = digits.partition(".")
    if grouped:
        whole = f"{int(whole):,}".replace(",", NO_BREAK)
    return (MINUS if sign else "") + whole + ("," + fraction if fraction else "")


def date_read(text: str, *, words: bool = True) -> date:
    """Return the date a text writes: "2013-06-30" (ISO 8601, and only that form of it) or,
    unless `words` is False (machine formats such as JSON), "9 januari 2013" (Swedish month
    names, any case). Raise NotADate for anything else, including days that do not exist
    ("2013-02-30")."""
    stripped = text.strip() if isinstance(text, str) and len(text) < 100 else ""
    found = ISO_DATE.fullmatch(stripped)
    if found is not None:
        month = int(found["month"])
    else:
        found = WORDS_DATE.fullmatch(stripped) if words else None
        month = MONTHS.get(found["month"].lower(), 0) if found else 0
    if found is None:
        raise NotADate(text)
    try:
        return date(int(found["year"]), month, int(found["day"]))
    except ValueError as error:
        raise NotADate(text) from error


def date_write(value: date) -> str:
    """Write a date as ISO 8601 ("2013-06-30")."""
    return value.isoformat()
