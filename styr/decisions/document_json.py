"""Read a decision back from its JSON (`DecisionDocument.to_json()`) into plain data.

The upload page carries a previewed decision to its confirmation as this JSON, so that the
decision recorded is exactly the one shown; the round trip keeps every field.
"""

from __future__ import annotations

from datetime import date

from styr.decisions.bodies import titles_fitted
from styr.decisions.document import (
    AmendmentDoc,
    AttachmentDoc,
    DecisionDocument,
    PointDoc,
    ReservationDoc,
)

DATES = ("statement_date", "proposal_date", "start", "end")


def dated(data: dict) -> dict:
    """Return the fields with their ISO dates read back as dates."""
    return {
        name: date.fromisoformat(value) if name in DATES and value else value
        for name, value in data.items()
    }


def points_from_json(items: list[dict]) -> list[PointDoc]:
    return [PointDoc(**item) for item in items]


def reservation_from_json(data: dict) -> ReservationDoc:
    """Return a reservation with a title for each member ("" for one named without), also from
    a JSON written before titles were kept."""
    members = data.get("members", [])
    return ReservationDoc(
        **{
            **data,
            "titles": titles_fitted(members, data.get("titles", [])),
            "decision_points": points_from_json(data.get("decision_points", [])),
        }
    )


def decision_from_json(data: dict) -> DecisionDocument:
    """Return the decision a `DecisionDocument.to_json()` describes."""
    lists = {
        "decision_points": points_from_json(data.get("decision_points", [])),
        "attachments": [AttachmentDoc(**item) for item in data.get("attachments", [])],
        "reservations": [reservation_from_json(item) for item in data.get("reservations", [])],
        "amendments": [AmendmentDoc(**dated(item)) for item in data.get("amendments", [])],
    }
    return DecisionDocument(**{**dated(data), **lists})
