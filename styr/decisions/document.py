"""A decision as plain data: the case, its decision points, attachments, reservations and the
amendments it makes to a plan. The JSON export (`styr export-decision`) is its to_json()."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

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
    # The title each member is named with ("borgarrådet"), in the members' order; "" for a
    # member named without one.
    titles: list[str] = field(default_factory=list)
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


def decision_problems(decision: DecisionDocument) -> list[str]:
    """Return each value of a decision that its records cannot keep (too long, out of range),
    with its place: checked before anything of the decision is saved."""
    # Imported here: the models import the plan's models, which need not load for plain data.
    from styr.decisions.models import Amendment, Attachment, Case, DecisionPoint, Reservation

    case = {f.name: getattr(decision, f.name) for f in fields(DecisionDocument)}
    case = {name: value for name, value in case.items() if not isinstance(value, list)}
    places = [(_("the case"), Case, case)]
    places += [
        (_("point %(n)s") % {"n": p.number}, DecisionPoint, asdict(p))
        for p in decision.decision_points
    ]
    places += [
        (_("attachment %(n)s") % {"n": a.number}, Attachment, asdict(a))
        for a in decision.attachments
    ]
    for number, doc in enumerate(decision.reservations, start=1):
        place = _("reservation %(n)s") % {"n": number}
        values = {
            "forum": doc.forum,
            "party": doc.party,
            "members": doc.members,
            "titles": doc.titles,
            "text": doc.text,
        }
        places.append((place, Reservation, values))
        places += [
            (f"{place}, " + _("point %(n)s") % {"n": p.number}, DecisionPoint, asdict(p))
            for p in doc.decision_points
        ]
    places += [
        (_("amendment in point %(n)s") % {"n": a.point}, Amendment, asdict(a))
        for a in decision.amendments
    ]
    problems = []
    for place, model, values in places:
        for name, value in values.items():
            try:
                model._meta.get_field(name).clean(value, None)
            except ValidationError as error:
                problems += [f"{place}: {name}: {message}" for message in error.messages]
    return problems
