"""Writes to decisions: record a case, amend it while it is open, and carry it out.

Each step goes through the decision's lifecycle (decisions.lifecycle) and the plan's
(planning.lifecycle), which check who may take it and log it as an event.
"""

from __future__ import annotations

import dataclasses
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from styr.audit.services import event_log
from styr.decisions.amendments import AmendmentError, amend, rehearse
from styr.decisions.bodies import titles_fitted
from styr.decisions.changes import speaks_of_changes
from styr.decisions.document import AmendmentDoc, DecisionDocument, decision_problems
from styr.decisions.lifecycle import CASE
from styr.decisions.models import Amendment, Attachment, Case, DecisionPoint, Reservation
from styr.followup.services import reports_open
from styr.lifecycle import Refused
from styr.planning.choices import PlanStatus
from styr.planning.lifecycle import PLAN, plan_step
from styr.planning.models import Plan, PlanVersion
from styr.planning.parsing.lines import shortened
from styr.planning.selectors import plan_document
from styr.planning.versions import plan_version_save


class DecisionError(Refused):
    """A decision that cannot be recorded or carried out, with the reason."""


def check_amendments(plan: Plan, amendments: list[AmendmentDoc]) -> None:
    try:
        rehearse(plan, amendments)
    except AmendmentError as error:
        raise DecisionError(str(error)) from error


def decision_step(plan: Plan) -> str:
    """Return the plan's step that a decision on it takes: adopt a proposal, revise the adopted."""
    return "revise" if plan.status == PlanStatus.ADOPTED else "adopt"


def case_recordable(plan: Plan, actor) -> None:
    """Refuse a decision on a plan that cannot take one, or by someone who may not record it."""
    PLAN.check(plan, decision_step(plan), actor)
    if plan.cases.filter(version=None).exists():
        raise Refused(
            _("%(plan)s has a decision that is not carried out yet: change that one.")
            % {"plan": plan},
            event="decision.recorded",
            target=plan,
        )


@transaction.atomic
def case_import(*, plan: Plan, decision: DecisionDocument, actor=None) -> Case:
    """Record the decision on a plan; refuse it if an amendment names what the plan lacks."""
    case_recordable(plan, actor)
    if problems := decision_problems(decision):
        raise DecisionError(" ".join(problems))
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
            titles=titles_fitted(doc.members, doc.titles),
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
    event_log("decision.recorded", actor=actor, target=case)
    return case


def case_amendments(case: Case) -> list[AmendmentDoc]:
    names = [f.name for f in dataclasses.fields(AmendmentDoc)]
    return [
        AmendmentDoc(**{name: getattr(row, name) for name in names})
        for row in case.amendments.all()
    ]


@transaction.atomic
def decision_carry_out(*, case: Case, actor=None) -> PlanVersion:
    """Carry out a decision on its plan: keep what stood, apply the amendments, freeze the result.

    The first decision adopts the proposal and opens its reports; a later one (a mid-year
    revision) changes the adopted plan. Each keeps the plan as it stood before and the plan it
    makes as versions, dated by the decision's meeting.
    """
    case = Case.objects.select_for_update().get(pk=case.pk)
    CASE.check(case, "carry_out", actor)
    unrecorded_changes_check(case)
    # As the plan stands now, and held until the decision is carried out.
    plan = Plan.objects.select_for_update().get(pk=case.plan_id)
    step = decision_step(plan)
    PLAN.check(plan, step, actor)
    decided_on = case.meeting_date
    if step == "adopt":
        plan_version_save(plan=plan, document=plan_document(plan.pk), decided_on=decided_on)
    try:
        amend(plan, case_amendments(case))
    except AmendmentError as error:
        raise DecisionError(str(error)) from error
    plan = plan_step(plan=plan, step=step, actor=actor, reason=str(case))
    case.version = plan_version_save(
        plan=plan, document=plan_document(plan.pk), decided_on=decided_on
    )
    case.save(update_fields=["version"])
    CASE.record(case, "carry_out", actor, data={"version": case.version.number})
    if step == "adopt":
        reports_open(plan=plan)
    return case.version


def unrecorded_changes_check(case: Case) -> None:
    """Refuse to carry out a decision whose points speak of changes to the plan when it has
    no amendment: carried out, it would leave the plan as proposed, against the decision."""
    if case.amendments.exists():
        return
    for point in case.decision_points.filter(reservation=None).order_by("number"):
        if speaks_of_changes(point.text):
            raise DecisionError(
                _(
                    "Point %(point)s of the decision speaks of changes to the plan "
                    "(“%(text)s”), but the decision has no amendments: record the amendments "
                    "on the decision's page, then adopt."
                )
                % {"point": point.number, "text": shortened(point.text, 120)},
                event="decision.carried_out",
                target=case,
            )


@transaction.atomic
def plan_adopt(*, plan: Plan, actor=None) -> PlanVersion:
    """Adopt a plan by the decision recorded for it, or as proposed if none was recorded."""
    PLAN.check(plan, "adopt", actor)
    case = plan.cases.filter(version=None).order_by("-created_at").first()
    if case is None:
        case = case_open(plan=plan, actor=actor)
    return decision_carry_out(case=case, actor=actor)


@transaction.atomic
def case_open(*, plan: Plan, title: str = "", actor=None) -> Case:
    """Open a case for a decision on the plan: its adoption, or a revision of it."""
    case_recordable(plan, actor)
    case = Case.objects.create(organisation=plan.organisation, plan=plan, title=title or plan.title)
    event_log("decision.recorded", actor=actor, target=case)
    return case


@transaction.atomic
def amendment_add(*, case: Case, amendment: AmendmentDoc, actor=None) -> Amendment:
    """Add an amendment to a decision not yet carried out, if the plan has what it names."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    CASE.check(case, "amend", actor)
    check_amendments(case.plan, [*case_amendments(case), amendment])
    added = Amendment.objects.create(
        case=case, position=case.amendments.count(), **dataclasses.asdict(amendment)
    )
    CASE.record(case, "amend", actor, data={"point": amendment.point})
    return added


@transaction.atomic
def reservation_alternative_set(*, reservation: Reservation, document) -> Reservation:
    """Give a reservation the party's alternative plan, to be read beside the adopted one."""
    reservation.alternative = document.to_json()
    reservation.save(update_fields=["alternative"])
    return reservation


# Recording a decision on the web, part by part. Each write checks the case's lifecycle, so
# that nothing of a decision changes once it is carried out.

CASE_FIELDS = (
    "title",
    "diary_number",
    "memorandum",
    "proposed_by",
    "decided_by",
    "meeting_date",
    "posted_date",
)


def case_locked(case: Case) -> Case:
    """Return the case locked, so that its state is checked against no concurrent carry-out."""
    return Case.objects.select_for_update().get(pk=case.pk)


def case_fields(fields: dict) -> dict:
    """Return the case's particulars among the fields; refuse any other field."""
    unknown = fields.keys() - set(CASE_FIELDS)
    if unknown:
        raise ValueError(f"not a case's particulars: {sorted(unknown)}")
    return fields


@transaction.atomic
def case_record(*, plan: Plan, fields: dict, actor=None) -> Case:
    """Record a decision on the plan by its particulars; its points and amendments follow."""
    # Locked, so that two people recording at once do not open two cases.
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    case_recordable(plan, actor)
    case = Case(organisation=plan.organisation, plan=plan, **case_fields(fields))
    case.full_clean()
    case.save()
    event_log("decision.recorded", actor=actor, target=case, data={"step": decision_step(plan)})
    return case


@transaction.atomic
def case_update(*, case: Case, fields: dict, actor=None) -> Case:
    """Change the particulars of a decision that is not carried out yet."""
    case = case_locked(case)
    CASE.check(case, "change", actor)
    changed = [name for name, value in case_fields(fields).items() if getattr(case, name) != value]
    for name in changed:
        setattr(case, name, fields[name])
    case.full_clean()
    if changed:
        case.save(update_fields=changed)
    CASE.record(case, "change", actor, data={"fields": changed})
    return case


@transaction.atomic
def decision_point_add(*, case: Case, text: str, number: int | None = None, actor=None):
    """Add a numbered point (att-sats) to a decision not carried out; by default the next one."""
    case = case_locked(case)
    CASE.check(case, "change", actor)
    taken = set(case.decision_points.filter(reservation=None).values_list("number", flat=True))
    number = number or max(taken, default=0) + 1
    if number in taken:
        raise ValidationError(
            {"number": _("The decision has a point %(number)s already.") % {"number": number}}
        )
    point = DecisionPoint(case=case, number=number, text=text.strip())
    point.full_clean()
    point.save()
    CASE.record(case, "change", actor, data={"point_added": number})
    return point


@transaction.atomic
def decision_point_remove(*, point: DecisionPoint, actor=None) -> None:
    """Remove a point of a decision not carried out, unless amendments are made under it."""
    case = case_locked(point.case)
    CASE.check(case, "change", actor)
    if case.amendments.filter(point=point.number).exists():
        raise DecisionError(
            _("Point %(number)s has amendments: remove them first.") % {"number": point.number},
            event="decision.changed",
            target=case,
        )
    point.delete()
    CASE.record(case, "change", actor, data={"point_removed": point.number})


@transaction.atomic
def reservation_add(
    *,
    case: Case,
    forum: str,
    party: str,
    members: list[str],
    titles: list[str] | None = None,
    text: str = "",
    refers_to: Reservation | None = None,
    actor=None,
) -> Reservation:
    """Add a reservation (a formal dissent) to a decision not carried out.

    `titles` holds the title each member is named with ("borgarrådet"), in order; a member
    without one has "" or none.
    """
    case = case_locked(case)
    CASE.check(case, "change", actor)
    if refers_to is not None and refers_to.case_id != case.pk:
        raise ValidationError({"refers_to": _("Choose a reservation of the same decision.")})
    last = case.reservations.aggregate(last=Max("position"))["last"]
    named = [
        (name.strip(), title.strip())
        for name, title in zip(members, titles_fitted(members, titles or []), strict=True)
        if name.strip()
    ]
    reservation = Reservation(
        case=case,
        forum=forum.strip(),
        party=party.strip(),
        members=[name for name, title in named],
        titles=[title for name, title in named],
        text=text.strip(),
        refers_to=refers_to,
        position=0 if last is None else last + 1,
    )
    reservation.full_clean()
    reservation.save()
    CASE.record(case, "change", actor, data={"reservation_added": str(reservation)})
    return reservation


@transaction.atomic
def reservation_remove(*, reservation: Reservation, actor=None) -> None:
    """Remove a reservation, with its own points, from a decision not carried out."""
    case = case_locked(reservation.case)
    CASE.check(case, "change", actor)
    reservation.delete()
    CASE.record(case, "change", actor, data={"reservation_removed": str(reservation)})


def amendment_doc(row: Amendment) -> AmendmentDoc:
    return AmendmentDoc(**{f.name: getattr(row, f.name) for f in dataclasses.fields(AmendmentDoc)})


@transaction.atomic
def amendment_remove(*, amendment: Amendment, actor=None) -> None:
    """Remove an amendment from a decision not carried out, if the others still apply without it.

    A later amendment may act on what this one adds (an activity under a new board goal).
    """
    case = case_locked(amendment.case)
    CASE.check(case, "amend", actor)
    rest = list(case.amendments.exclude(pk=amendment.pk).order_by("position", "pk"))
    check_amendments(case.plan, [amendment_doc(row) for row in rest])
    amendment.delete()
    # Kept in order without gaps: amendment_add puts the next one at the count.
    for position, row in enumerate(rest):
        if row.position != position:
            row.position = position
            row.save(update_fields=["position"])
    CASE.record(case, "amend", actor, data={"removed": str(amendment)})


def decision_due(case: Case, today: date | None = None) -> None:
    """Refuse to carry out a decision whose meeting has no date yet, or is still to come.

    The date is the one the plan's new versions carry; a decision is not carried out before
    it is taken.
    """
    today = today or timezone.localdate()
    if case.meeting_date is None:
        reason = _("Give the date of the meeting that took the decision before carrying it out.")
    elif case.meeting_date > today:
        reason = _("The meeting is on %(date)s: carry the decision out after it.") % {
            "date": case.meeting_date.isoformat()
        }
    else:
        return
    raise DecisionError(reason, event="decision.carried_out", target=case)
