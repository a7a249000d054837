"""Read the exported files back as a user's program would, and the JSON they must agree with."""

import csv
import io
from decimal import Decimal

from styr.documents.csv_files import SAFE_PREFIX
from styr.spreadsheets import formula_like


def csv_rows(content: bytes, delimiter: str) -> list[list[str]]:
    text = content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def csv_records(content: bytes, delimiter: str) -> list[dict[str, str]]:
    header, *rows = csv_rows(content, delimiter)
    return [dict(zip(header, row, strict=True)) for row in rows]


def swedish_number(text: str) -> Decimal | None:
    return Decimal(text.replace(",", ".")) if text else None


def plain_number(text: str) -> Decimal | None:
    return Decimal(text) if text else None


def json_number(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def unsafe(text: str) -> str:
    """Undo the apostrophe a formula-like text is written with."""
    if text.startswith(SAFE_PREFIX) and formula_like(text[1:]):
        return text[1:]
    return text


def area_goals(plan_json: dict) -> list[dict]:
    return [goal for direction in plan_json["directions"] for goal in direction["goals"]]


def indicators_of(goals: list[dict]) -> list[dict]:
    """The indicators of area goals (a plan's or a report's JSON) in the document's order, each
    with its area goal's number."""
    found = []
    for goal in goals:
        for owner in (goal, *goal["board_goals"]):
            found += [{**indicator, "goal": goal["number"]} for indicator in owner["indicators"]]
    return found
