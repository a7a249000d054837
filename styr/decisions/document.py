"""A decision as plain data: the case, its decision points, attachments, reservations and the
amendments it makes to a plan. The JSON export (`styr export-decision`) is its to_json()."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from styr.planning.document import Part


@dataclass
class PointDoc(Part):
    number: int
    text: str


@dataclass
class AttachmentDoc(Part):
    number: int
    title: str


@dataclass
class ReservationDoc(Part):
    forum: str
    party: str
    members: list[str]
    text: str = ""
    decision_points: list[PointDoc] = field(default_factory=list)
    # The party and forum of the reservation this one refers to, if it does.
    refers_to: dict | None = None


@dataclass
class AmendmentDoc(Part):
    """A change the decision makes to the proposal: `operation` and what it names."""

    point: int
    operation: str
    section: str
    activity: str = ""
    board_goal: str = ""
    indicator: str = ""
    level: str = ""
    title: str = ""
    text: str = ""
    start: date | None = None
    end: date | None = None


@dataclass(kw_only=True)
class DecisionDocument(Part):
    memorandum: str = ""
    diary_number: str = ""
    title: str = ""
    proposed_by: str = ""
    decided_by: str = ""
    rapporteur: str = ""
    rapporteur_title: str = ""
    preparing_office: str = ""
    statement_date: date | None = None
    proposal_date: date | None = None
    decision_points: list[PointDoc] = field(default_factory=list)
    attachments: list[AttachmentDoc] = field(default_factory=list)
    reservations: list[ReservationDoc] = field(default_factory=list)
    amendments: list[AmendmentDoc] = field(default_factory=list)
