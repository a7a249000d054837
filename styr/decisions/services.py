"""Writes to decisions: record a case from a document, and adopt a plan by its decision."""

from __future__ import annotations

import dataclasses

from django.db import transaction

from styr.decisions.amendments import AmendmentError, amend, rehearse
from styr.decisions.document import AmendmentDoc, DecisionDocument
from styr.decisions.models import Amendment, Attachment, Case, DecisionPoint, Reservation
from styr.planning import editing
from styr.planning.choices import PlanStatus
from styr.planning.models import Plan, PlanVersion
from styr.planning.selectors import plan_document
from styr.planning.versions import plan_version_save


class DecisionError(Exception):
    """A decision that cannot be recorded or carried out, with the reason."""


def check_amendments(plan: Plan, amendments: list[AmendmentDoc]) -> None:
    try:
        rehearse(plan, amendments)
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
def decision_carry_out(*, case: Case) -> PlanVersion:
    """Carry out a decision on its plan: keep what stood, apply the amendments, freeze the result.

    The first decision adopts the proposal; a later one (a mid-year revision) changes the adopted
    plan. Each keeps the plan as it stood before and the plan it makes as versions.
    """
    if case.version_id:
        raise DecisionError(f"the decision {case} has been carried out already")
    # As the plan stands now, and held until the decision is carried out.
    plan = Plan.objects.select_for_update().get(pk=case.plan_id)
    if plan.status != PlanStatus.ADOPTED:
        plan_version_save(plan=plan, document=plan_document(plan.pk))
    try:
        amend(plan, case_amendments(case))
    except AmendmentError as error:
        raise DecisionError(str(error)) from error
    plan = editing.item_update(item=plan, data={"status": PlanStatus.ADOPTED}, version=None)
    case.version = plan_version_save(plan=plan, document=plan_document(plan.pk))
    case.save(update_fields=["version"])
    return case.version


def plan_adopt(*, plan: Plan) -> PlanVersion:
    """Adopt a plan by the decision recorded for it."""
    if plan.status == PlanStatus.ADOPTED:
        raise DecisionError(f"{plan} is adopted already: a change needs a new decision")
    case = plan.cases.filter(version=None).order_by("-created_at").first()
    if case is None:
        # Adopted as proposed: the case records that it was decided, and when.
        case = Case.objects.create(organisation=plan.organisation, plan=plan, title=plan.title)
    return decision_carry_out(case=case)


@transaction.atomic
def case_open(*, plan: Plan, title: str = "") -> Case:
    """Open a case for a decision on the plan: its adoption, or a revision of it."""
    return Case.objects.create(organisation=plan.organisation, plan=plan, title=title or plan.title)


@transaction.atomic
def amendment_add(*, case: Case, amendment: AmendmentDoc) -> Amendment:
    """Add an amendment to a decision not yet carried out, if the plan has what it names."""
    if case.version_id:
        raise DecisionError(f"the decision {case} has been carried out: it can't be amended")
    check_amendments(case.plan, [*case_amendments(case), amendment])
    return Amendment.objects.create(
        case=case, position=case.amendments.count(), **dataclasses.asdict(amendment)
    )


@transaction.atomic
def reservation_alternative_set(*, reservation: Reservation, document) -> Reservation:
    """Give a reservation the party's alternative plan, to be read beside the adopted one."""
    reservation.alternative = document.to_json()
    reservation.save(update_fields=["alternative"])
    return reservation
