"""Recording a decision part by part: what each service refuses, and that nothing of a decision
changes once it is carried out. And that no page of decisions writes anything on a GET."""

import re
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from styr.audit.models import Event
from styr.decisions.document import AmendmentDoc
from styr.decisions.models import Amendment, Case, DecisionPoint, Reservation
from styr.decisions.services import (
    DecisionError,
    amendment_add,
    amendment_remove,
    case_record,
    case_update,
    decision_carry_out,
    decision_due,
    decision_point_add,
    decision_point_remove,
    reservation_add,
    reservation_remove,
)
from styr.lifecycle import Refused
from styr.planning.editing import plan_create
from styr.planning.lifecycle import plan_step
from styr.planning.models import Activity, Plan, PlanVersion

MEETING = date(2013, 1, 23)
PARTICULARS = {
    "title": "Verksamhetsplan 2013 för kommunstyrelsen",
    "decided_by": "Kommunstyrelsen",
    "meeting_date": MEETING,
    "diary_number": "112-1726/2012",
}
BOARD_GOAL = "Attrahera, rekrytera och behålla engagerade och kompetenta medarbetare."
SURVEY = "Genomföra medarbetarenkäten."


pytestmark = pytest.mark.usefixtures("in_english")


@pytest.fixture
def recorded(sample_plan):
    """A decision on the sample proposal, recorded with two points, not carried out."""
    case = case_record(plan=sample_plan, fields=PARTICULARS)
    decision_point_add(case=case, text="Verksamhetsplanen godkänns med ändringen i punkt 2.")
    decision_point_add(case=case, text="Medarbetarenkäten utgår.")
    return case


def removal(point: int = 2) -> AmendmentDoc:
    return AmendmentDoc(point, "remove_activity", "2.4", activity=SURVEY)


def counts() -> tuple:
    return tuple(
        model.objects.count()
        for model in (Case, DecisionPoint, Amendment, Reservation, PlanVersion, Event)
    )


def test_recording_a_decision_keeps_its_particulars_and_logs_it(sample_plan, administrator):
    case = case_record(plan=sample_plan, fields=PARTICULARS, actor=administrator)
    assert (case.title, case.decided_by, case.meeting_date, case.diary_number) == (
        PARTICULARS["title"],
        "Kommunstyrelsen",
        MEETING,
        "112-1726/2012",
    )
    assert case.organisation == sample_plan.organisation
    event = Event.objects.get(action="decision.recorded")
    assert (event.actor, event.target_id, event.data) == (administrator, case.pk, {"step": "adopt"})


def test_a_draft_is_proposed_before_a_decision_is_recorded(sample_plan):
    draft = plan_create(organisation=sample_plan.organisation, year=2014)
    with pytest.raises(Refused, match="is a draft"):
        case_record(plan=draft, fields=PARTICULARS)
    assert not draft.cases.exists()
    plan_step(plan=draft, step="propose", actor=None)
    assert case_record(plan=Plan.objects.get(pk=draft.pk), fields=PARTICULARS).plan == draft


def test_one_decision_is_recorded_at_a_time(recorded, sample_plan):
    with pytest.raises(Refused, match="has a decision that is not carried out yet"):
        case_record(plan=sample_plan, fields=PARTICULARS)
    assert Case.objects.count() == 1


@pytest.mark.parametrize("role", ["planner", "reader", "outsider"])
def test_only_the_central_office_records_a_decision(request, sample_plan, role):
    person = request.getfixturevalue(role)
    with pytest.raises(PermissionDenied):
        case_record(plan=sample_plan, fields=PARTICULARS, actor=person)
    assert not Case.objects.exists()


def test_only_the_central_office_changes_a_recorded_decision(recorded, planner):
    with pytest.raises(PermissionDenied):
        case_update(case=recorded, fields={"title": "Annat"}, actor=planner)
    with pytest.raises(PermissionDenied):
        decision_point_add(case=recorded, text="Något mer", actor=planner)
    with pytest.raises(PermissionDenied):
        amendment_add(case=recorded, amendment=removal(), actor=planner)
    with pytest.raises(PermissionDenied):
        decision_carry_out(case=recorded, actor=planner)
    recorded.refresh_from_db()
    assert (recorded.title, recorded.decision_points.count(), recorded.version) == (
        PARTICULARS["title"],
        2,
        None,
    )


def test_a_case_is_checked_as_a_model_is(sample_plan):
    with pytest.raises(ValidationError) as error:
        case_record(plan=sample_plan, fields={**PARTICULARS, "title": ""})
    assert "title" in error.value.message_dict
    with pytest.raises(ValueError, match="not a case's particulars"):
        case_record(plan=sample_plan, fields={**PARTICULARS, "version": None})


def test_the_particulars_change_and_the_change_is_logged(recorded, administrator):
    case_update(case=recorded, fields={"posted_date": date(2013, 1, 30)}, actor=administrator)
    recorded.refresh_from_db()
    assert recorded.appeal_ends == date(2013, 2, 20)
    changed = Event.objects.filter(action="decision.changed", actor=administrator).get()
    assert changed.data == {"fields": ["posted_date"]}


def test_points_are_numbered_in_turn_and_once(recorded):
    assert list(recorded.decision_points.values_list("number", flat=True)) == [1, 2]
    assert decision_point_add(case=recorded, text="Tredje.").number == 3
    assert decision_point_add(case=recorded, text="Sjunde.", number=7).number == 7
    with pytest.raises(ValidationError) as error:
        decision_point_add(case=recorded, text="Igen.", number=2)
    assert error.value.message_dict == {"number": ["The decision has a point 2 already."]}


def test_a_point_with_amendments_is_not_removed(recorded):
    amendment_add(case=recorded, amendment=removal())
    second = recorded.decision_points.get(number=2)
    with pytest.raises(DecisionError, match="Point 2 has amendments: remove them first"):
        decision_point_remove(point=second)
    decision_point_remove(point=recorded.decision_points.get(number=1))
    assert list(recorded.decision_points.values_list("number", flat=True)) == [2]


def test_an_amendment_another_needs_is_not_removed(recorded):
    """The second amendment adds an activity under the board goal the first one adds."""
    new_goal = AmendmentDoc(2, "add_board_goal", "2.4", board_goal="Fler väljer staden.")
    under = AmendmentDoc(2, "add_activity", "2.4", board_goal="Fler väljer staden.", title="Mässa")
    first = amendment_add(case=recorded, amendment=new_goal)
    second = amendment_add(case=recorded, amendment=under)
    with pytest.raises(DecisionError, match=re.escape("has no board goal “Fler väljer staden.”")):
        amendment_remove(amendment=first)
    amendment_remove(amendment=second)
    assert list(recorded.amendments.values_list("operation", "position")) == [("add_board_goal", 0)]


def test_the_amendments_stay_in_order_without_gaps(recorded):
    rows = [
        amendment_add(case=recorded, amendment=removal()),
        amendment_add(
            case=recorded,
            amendment=AmendmentDoc(2, "add_board_goal", "2.4", board_goal="Fler väljer staden."),
        ),
    ]
    amendment_remove(amendment=rows[0])
    amendment_add(case=recorded, amendment=removal())
    assert list(recorded.amendments.values_list("operation", "position")) == [
        ("add_board_goal", 0),
        ("remove_activity", 1),
    ]


def test_a_reservation_keeps_its_members_and_refers_only_within_its_decision(recorded):
    first = reservation_add(
        case=recorded, forum="borgarrådsberedningen", party="S", members=["Karin Wanngård"]
    )
    second = reservation_add(
        case=recorded,
        forum="kommunstyrelsen",
        party="S",
        members=[" Karin Wanngård ", "", "Roger Mogert"],
        titles=[" borgarrådet", "ledamoten", ""],
        refers_to=first,
    )
    second.refresh_from_db()
    assert (second.members, second.titles, second.refers_to, second.position) == (
        ["Karin Wanngård", "Roger Mogert"],
        ["borgarrådet", ""],
        first,
        1,
    )
    assert first.titles == [""]
    other = Case.objects.create(organisation=recorded.organisation, plan=None, title="Annat")
    elsewhere = Reservation.objects.create(case=other, forum="x", party="V", members=["A"])
    with pytest.raises(ValidationError):
        reservation_add(
            case=recorded, forum="kommunstyrelsen", party="V", members=["B"], refers_to=elsewhere
        )
    with pytest.raises(ValidationError):
        reservation_add(case=recorded, forum="kommunstyrelsen", party="", members=["B"])
    reservation_remove(reservation=first)
    second.refresh_from_db()
    assert second.refers_to is None


def test_nothing_of_a_decision_changes_once_it_is_carried_out(recorded, administrator):
    amendment_add(case=recorded, amendment=removal())
    reservation = reservation_add(
        case=recorded, forum="kommunstyrelsen", party="V", members=["Ann-Margarethe Livh"]
    )
    decision_carry_out(case=recorded, actor=administrator)
    before = counts()
    point = recorded.decision_points.first()
    amendment = recorded.amendments.get()
    attempts = [
        lambda: case_update(case=recorded, fields={"title": "Ändrad"}, actor=administrator),
        lambda: decision_point_add(case=recorded, text="Ny punkt", actor=administrator),
        lambda: decision_point_remove(point=point, actor=administrator),
        lambda: reservation_add(
            case=recorded, forum="ks", party="MP", members=["Åsa"], actor=administrator
        ),
        lambda: reservation_remove(reservation=reservation, actor=administrator),
        lambda: amendment_add(case=recorded, amendment=removal(1), actor=administrator),
        lambda: amendment_remove(amendment=amendment, actor=administrator),
        lambda: decision_carry_out(case=recorded, actor=administrator),
    ]
    for attempt in attempts:
        with pytest.raises(Refused, match="has been carried out: it is a record and cannot change"):
            attempt()
    assert counts() == before
    recorded.refresh_from_db()
    assert recorded.title == PARTICULARS["title"]


def test_a_carried_out_decision_dates_the_versions_by_its_meeting(recorded, sample_plan):
    amendment_add(case=recorded, amendment=removal())
    version = decision_carry_out(case=recorded)
    assert [(v.number, v.status, v.decided_on) for v in sample_plan.versions.all()] == [
        (1, "proposal", MEETING),
        (2, "adopted", MEETING),
    ]
    assert version.number == 2
    assert not Activity.objects.filter(title=SURVEY).exists()


def test_a_decision_is_carried_out_only_once_its_meeting_is_dated_and_held(recorded):
    today = timezone.localdate()
    decision_due(recorded, today=MEETING)  # on the day of the meeting
    recorded.meeting_date = None
    with pytest.raises(DecisionError, match="Give the date of the meeting"):
        decision_due(recorded)
    recorded.meeting_date = today + timedelta(days=1)
    with pytest.raises(DecisionError, match="carry the decision out after it"):
        decision_due(recorded, today=today)


# No page writes on a GET: not the form to record a decision, nor any form of an open one.

BASE = "/planer/kommunstyrelsen/2013/beslut/"
OPERATIONS = [operation.value for operation in Amendment.Operation]


def pages_of(case: Case) -> list[str]:
    """The addresses of every page of a decision that a GET may reach."""
    at = f"{BASE}arenden/{case.pk}/"
    reservation = case.reservations.first()
    return [
        BASE,
        BASE + "nytt/",
        BASE + "versioner/",
        at,
        at + "andra/",
        at + "punkter/ny/",
        at + "andringar/ny/",
        at + "andringar/ny/?typ=",
        *(f"{at}andringar/ny/?typ={operation}" for operation in OPERATIONS),
        at + "reservationer/ny/",
        *([f"{BASE}reservationer/{reservation.pk}/"] if reservation else []),
    ]


def test_no_get_writes_while_a_decision_is_recorded(client, administrator, recorded):
    reservation_add(case=recorded, forum="kommunstyrelsen", party="V", members=["Livh"])
    client.force_login(administrator)
    before = counts()
    for url in pages_of(recorded):
        assert client.get(url).status_code in (200, 302), url
    assert counts() == before
    assert Plan.objects.get().status == "proposal"


def test_no_get_opens_a_decision(client, administrator, sample_plan):
    """The form to record a decision is only a form: the case is made when it is posted."""
    client.force_login(administrator)
    before = counts()
    assert client.get(BASE + "nytt/").status_code == 200
    assert client.get(BASE).status_code == 200
    assert counts() == before


def test_no_get_writes_after_a_decision_is_carried_out(client, administrator, recorded):
    amendment_add(case=recorded, amendment=removal())
    decision_carry_out(case=recorded)
    client.force_login(administrator)
    before = counts()
    for url in pages_of(recorded):
        assert client.get(url).status_code in (200, 302), url
    assert counts() == before


@pytest.mark.parametrize("role", ["citizen", "reader", "planner", "outsider"])
def test_no_get_writes_for_anyone_else(as_role, recorded, role):
    client = as_role(role)
    before = counts()
    for url in pages_of(recorded):
        assert client.get(url).status_code in (200, 403), url
    assert counts() == before
