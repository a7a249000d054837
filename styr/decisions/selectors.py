"""Reads of decisions."""

from __future__ import annotations

from styr.decisions.bodies import titles_fitted
from styr.decisions.document import AttachmentDoc, DecisionDocument, PointDoc, ReservationDoc
from styr.decisions.models import Case
from styr.decisions.services import case_amendments


def case_document(case: Case) -> DecisionDocument:
    """Return a case as a document, the form its JSON export takes."""
    points = list(case.decision_points.all())
    reservations = list(case.reservations.select_related("refers_to"))
    return DecisionDocument(
        memorandum=case.memorandum,
        diary_number=case.diary_number,
        title=case.title,
        proposed_by=case.proposed_by,
        decided_by=case.decided_by,
        rapporteur=case.rapporteur,
        rapporteur_title=case.rapporteur_title,
        preparing_office=case.preparing_office,
        statement_date=case.statement_date,
        proposal_date=case.proposal_date,
        decision_points=[PointDoc(p.number, p.text) for p in points if p.reservation_id is None],
        attachments=[AttachmentDoc(a.number, a.title) for a in case.attachments.all()],
        reservations=[
            ReservationDoc(
                forum=r.forum,
                party=r.party,
                members=r.members,
                titles=titles_fitted(r.members, r.titles),
                text=r.text,
                decision_points=[
                    PointDoc(p.number, p.text) for p in points if p.reservation_id == r.pk
                ],
                refers_to={"party": r.refers_to.party, "forum": r.refers_to.forum}
                if r.refers_to
                else None,
            )
            for r in reservations
        ],
        amendments=case_amendments(case),
    )


def case_in_force(plan) -> Case | None:
    """Return the plan's decision in force: the last one carried out."""
    return (
        plan.cases.exclude(version=None)
        .select_related("version")
        .order_by("-version__number")
        .first()
    )


def case_pending(plan) -> Case | None:
    """Return the plan's decision being recorded: the one not carried out yet, if any."""
    return plan.cases.filter(version=None).order_by("-created_at", "-pk").first()
