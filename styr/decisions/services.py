"""Writes to decisions: record a case from a document, and adopt a plan by its decision."""

from __future__ import annotations

import dataclasses

from django.db import transaction
from django.utils import timezone

from styr.decisions.amendments import AmendmentError, amended
from styr.decisions.document import AmendmentDoc, DecisionDocument
from styr.decisions.models import Amendment, Attachment, Case, DecisionPoint, Reservation
from styr.planning.choices import PlanStatus
from styr.planning.models import Plan, PlanVersion
from styr.planning.selectors import plan_document
from styr.planning.services import plan_import
from styr.planning.versions import plan_version_save


class DecisionError(Exception):
    """A decision that cannot be recorded or carried out, with the reason."""


def check_amendments(plan: Plan, amendments: list[AmendmentDoc]) -> None:
    try:
        amended(plan_document(plan.pk), amendments)
    except AmendmentError as error:
        raise DecisionError(str(error)) from error


@transaction.atomic
def case_import(*, plan: Plan, decision: DecisionDocument) -> Case:
    """Record the decision on a plan; refuse it if an amendment names what the plan lacks."""
    check_amendments(plan, decision.amendments)
    fields = {
        name: getattr(decision, name)
        for name in (
            "memorandum",
            "diary_number",
            "title",
            "proposed_by",
            "decided_by",
            "rapporteur",
            "rapporteur_title",
            "preparing_office",
            "statement_date",
            "proposal_date",
        )
    }
    case = Case(organisation=plan.organisation, plan=plan, **fields)
    case.full_clean()
    case.save()
    DecisionPoint.objects.bulk_create(
        DecisionPoint(case=case, number=p.number, text=p.text) for p in decision.decision_points
    )
    Attachment.objects.bulk_create(
        Attachment(case=case, number=a.number, title=a.title) for a in decision.attachments
    )
    saved: list[Reservation] = []
    for position, doc in enumerate(decision.reservations):
        referred = next(
            (
                r
                for r in saved
                if doc.refers_to
                and (r.party, r.forum) == (doc.refers_to["party"], doc.refers_to["forum"])
            ),
            None,
        )
        reservation = Reservation.objects.create(
            case=case,
            forum=doc.forum,
            party=doc.party,
            members=doc.members,
            text=doc.text,
            refers_to=referred,
            position=position,
        )
        DecisionPoint.objects.bulk_create(
            DecisionPoint(case=case, reservation=reservation, number=p.number, text=p.text)
            for p in doc.decision_points
        )
        saved.append(reservation)
    Amendment.objects.bulk_create(
        Amendment(case=case, position=position, **dataclasses.asdict(doc))
        for position, doc in enumerate(decision.amendments)
    )
    return case


def case_amendments(case: Case) -> list[AmendmentDoc]:
    names = [f.name for f in dataclasses.fields(AmendmentDoc)]
    return [
        AmendmentDoc(**{name: getattr(row, name) for name in names})
        for row in case.amendments.all()
    ]


@transaction.atomic
def plan_adopt(*, plan: Plan, case: Case | None = None) -> PlanVersion:
    """Adopt a plan by its decision: keep the proposal, apply the amendments, freeze the result.

    The proposal and the adopted plan are both kept as versions; the plan itself becomes the
    adopted one, which only a later decision changes.
    """
    if plan.status == PlanStatus.ADOPTED:
        raise DecisionError(f"{plan} is adopted already: a change needs a new decision")
    case = case or plan.cases.order_by("-created_at").first()
    proposal = plan_document(plan.pk)
    plan_version_save(plan=plan, document=proposal)
    try:
        adopted = amended(proposal, case_amendments(case) if case else [])
    except AmendmentError as error:
        raise DecisionError(str(error)) from error
    adopted.status = PlanStatus.ADOPTED
    plan_import(document=adopted, replace=True)
    version = plan_version_save(plan=plan, document=adopted)
    if case is not None:
        case.version = version
        case.meeting_date = case.meeting_date or timezone.localdate()
        case.save(update_fields=["version", "meeting_date"])
    return version
