"""The decision on a plan on the web: who sees it, who records and carries it out, what it changed.

The client reads English (the language cookie), so that the pages' words do not depend on the
Swedish catalogue.
"""

import copy
import json
import re
from datetime import date

import pytest
from django.conf import settings
from django.utils import timezone, translation

from styr.audit.models import Event
from styr.decisions.document import AmendmentDoc
from styr.decisions.models import Case, Reservation
from styr.decisions.services import (
    DecisionError,
    amendment_add,
    case_import,
    case_open,
    case_record,
    case_update,
    decision_carry_out,
    decision_point_add,
    plan_adopt,
)
from styr.planning import editing
from styr.planning.models import Activity, AreaGoal, BoardGoal, Indicator, Plan, Section
from styr.planning.parsing import read_plan_file

BASE = "/planer/kommunstyrelsen/2013/beslut/"
MEETING = date(2013, 1, 23)
SURVEY = "Genomföra medarbetarenkäten."
SICK_LEAVE = "Sjukfrånvaro (alla nämnder/bolag)"
IDEAS = "Ta fram riktlinjer för hur idéburen stadsförbättring"
EASY_CHOICE = "Det är lätt för stockholmarna att välja kommunalt finansierad service"


@pytest.fixture
def case(sample_plan, sample_path):
    """The sample document's decision, with its three amendments: recorded, not carried out."""
    return case_import(plan=sample_plan, decision=read_plan_file(sample_path).decision)


@pytest.fixture
def dated(case):
    """The document's decision, with the date of its meeting (the document has none)."""
    return case_update(case=case, fields={"meeting_date": MEETING})


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def as_role(english, request):
    """The English client, logged in as a persona by name; a citizen is not logged in."""

    def log_in(role: str):
        english.logout()  # which forgets the cookies too
        english.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        if role != "citizen":
            english.force_login(request.getfixturevalue(role))
        return english

    return log_in


def case_url(case: Case, rest: str = "") -> str:
    return f"{BASE}arenden/{case.pk}/{rest}"


def activity(title: str) -> Activity:
    return Activity.objects.get(title__startswith=title)


def page(response) -> str:
    return response.content.decode()


# Reading the decision.


def test_a_citizen_reads_the_decision_only_once_the_plan_is_adopted(english, case, sample_plan):
    assert english.get(BASE).status_code == 403
    plan_adopt(plan=sample_plan)
    text = page(english.get(BASE))
    assert "PM 2013: RI" in text
    assert "112-1726/2012" in text
    assert text.count('class="change-') == 3


ROLES = ["citizen", "reader", "planner", "outsider", "administrator"]
# Who may read the decision of a proposal: its board's members and the central office.
READS_PROPOSAL = {"citizen": 403, "reader": 200, "planner": 200, "outsider": 403}


@pytest.mark.parametrize("role", ROLES)
def test_who_may_read_record_and_carry_out_a_decision(as_role, dated, role):
    client = as_role(role)
    deciding = role == "administrator"
    assert client.get(BASE).status_code == READS_PROPOSAL.get(role, 200)
    for rest in (
        "",
        "andra/",
        "punkter/ny/",
        "andringar/ny/",
        "andringar/ny/?typ=remove_activity",
        "reservationer/ny/",
    ):
        assert client.get(case_url(dated, rest)).status_code == (200 if deciding else 403), rest
    # One decision at a time: the form to record one leads to the decision being recorded.
    assert client.get(BASE + "nytt/").status_code == (302 if deciding else 403)
    posted = client.post(case_url(dated, "punkter/ny/"), {"number": 8, "text": "Åttonde."})
    assert posted.status_code == (302 if deciding else 403)
    assert dated.decision_points.filter(number=8).exists() == deciding
    carried = client.post(case_url(dated, "verkstall/"))
    assert carried.status_code == (302 if deciding else 403)
    assert (Plan.objects.get().status == "adopted") == deciding
    if not deciding and role != "citizen":
        assert Event.objects.filter(action="permission.denied", refused=True).exists()


@pytest.mark.parametrize("role", ROLES)
def test_only_the_central_office_sees_a_revision_being_recorded(as_role, dated, role):
    decision_carry_out(case=dated)
    revision = case_record(
        plan=dated.plan,
        fields={
            "title": "Revidering av verksamhetsplan 2013",
            "decided_by": "Kommunstyrelsen",
            "meeting_date": date(2013, 6, 12),
            "diary_number": "112-9999/2013",
        },
    )
    dissent = Reservation.objects.create(case=revision, forum="ks", party="V", members=["Livh"])
    client = as_role(role)
    deciding = role == "administrator"
    text = page(client.get(BASE))
    assert "112-1726/2012" in text  # the decision in force
    assert "Carried out: version 2 of the plan" in text
    assert "Not yet decided" not in text
    assert ("112-9999/2013" in text) == deciding
    assert ("A revision being recorded" in text) == deciding
    assert client.get(f"{BASE}reservationer/{dissent.pk}/").status_code == (
        200 if deciding else 403
    )
    assert client.get(case_url(revision)).status_code == (200 if deciding else 403)


# Recording a decision, part by part.


def test_an_administrator_records_a_decision_and_carries_it_out(
    as_role, sample_plan, administrator
):
    client = as_role("administrator")
    assert "beslut/nytt/" in page(client.get(BASE))
    form = client.get(BASE + "nytt/")
    assert form.context["form"].initial["title"] == sample_plan.title
    assert not Case.objects.exists()

    particulars = {
        "title": sample_plan.title,
        "decided_by": "Kommunstyrelsen",
        "meeting_date": "2013-01-23",
        "diary_number": "112-1726/2012",
    }
    recorded = client.post(BASE + "nytt/", particulars)
    case = Case.objects.get()
    assert recorded.url == case_url(case)
    for number, text in ((1, "Planen godkänns med ändringarna i punkt 2."), (2, "Ändringar.")):
        response = client.post(case_url(case, "punkter/ny/"), {"number": number, "text": text})
        assert response.status_code == 302
    chooser = page(client.get(case_url(case, "andringar/ny/")))
    assert chooser.count('type="radio" name="typ"') == 9
    survey = activity(SURVEY)
    listed = page(client.get(case_url(case, "andringar/ny/?typ=remove_activity")))
    assert f'<option value="{survey.pk}">{SURVEY}</option>' in listed
    removed = client.post(
        case_url(case, "andringar/ny/?typ=remove_activity"), {"point": 2, "activity": survey.pk}
    )
    assert removed.status_code == 302
    sick_leave = Indicator.objects.get(name=SICK_LEAVE)
    target = client.post(
        case_url(case, "andringar/ny/?typ=change_target"),
        {"point": 2, "indicator": sick_leave.pk, "level": "board", "target": "2,5 %"},
    )
    assert target.status_code == 302
    dissent = client.post(
        case_url(case, "reservationer/ny/"),
        {
            "party": "V",
            "members": "Ann-Margarethe Livh\n",
            "forum": "kommunstyrelsen",
            "text": "Vi föreslår en annan plan.",
        },
    )
    assert dissent.status_code == 302
    assert list(case.amendments.values_list("operation", "section", "activity", "indicator")) == [
        ("remove_activity", "2.4", SURVEY, ""),
        ("change_target", "2.4", "", SICK_LEAVE),
    ]

    carried = client.post(case_url(case, "verkstall/"))
    assert carried.url == BASE
    plan = Plan.objects.get()
    assert plan.status == "adopted"
    assert [(v.number, v.decided_on) for v in plan.versions.all()] == [(1, MEETING), (2, MEETING)]
    assert Event.objects.filter(action="decision.carried_out", actor=administrator).exists()

    text = page(as_role("citizen").get(BASE))
    assert "112-1726/2012" in text
    assert "Carried out: version 2 of the plan (decided 2013-01-23)" in text
    assert "Ann-Margarethe Livh (V), kommunstyrelsen" in text
    assert text.count('class="change-') == 2
    assert "<button" not in text.split('id="main"')[1]  # nothing for a citizen to do


def test_recording_asks_for_a_proposal_and_the_draft_is_proposed_first(as_role, sample_plan):
    draft = editing.plan_create(organisation=sample_plan.organisation, year=2014)
    client = as_role("administrator")
    url = "/planer/kommunstyrelsen/2014/beslut/"
    assert "beslut/nytt/" not in page(client.get(url))
    refused = client.get(url + "nytt/")
    assert refused.status_code == 200
    assert "is a draft" in refused.context["refused"]
    posted = client.post(
        url + "nytt/", {"title": "X", "decided_by": "KS", "meeting_date": "2014-01-20"}
    )
    assert posted.status_code == 409
    assert not draft.cases.exists()


def test_each_kind_of_amendment_is_kept_by_the_names_and_section_of_the_chosen_part(
    as_role, sample_plan
):
    case = case_record(
        plan=sample_plan,
        fields={"title": sample_plan.title, "decided_by": "KS", "meeting_date": MEETING},
    )
    decision_point_add(case=case, text="Ändringarna.")
    easy_choice = BoardGoal.objects.get(title__startswith=EASY_CHOICE)
    self_reliant = BoardGoal.objects.get(title="Stockholmarna kan försörja sig själva.")
    traffic = BoardGoal.objects.get(area_goal__number="1.5")
    housing = AreaGoal.objects.get(number="1.4")
    premises = Section.objects.get(title="Medel för lokaländamål")
    electricity = Indicator.objects.get(name="Elanvändning per kvadratmeter")
    amendments = [
        (
            "change_activity",
            {"activity": activity(IDEAS).pk, "end": "2013-06-30"},
            {"section": "1.3", "activity": activity(IDEAS).title, "end": date(2013, 6, 30)},
        ),
        (
            "add_activity",
            {"parent": f"namndmal-{easy_choice.pk}", "title": "Presentera framtidsuppdraget."},
            {
                "section": "2.1",
                "board_goal": easy_choice.title,
                "title": "Presentera framtidsuppdraget.",
            },
        ),
        (
            "add_activity",
            {"parent": f"mal-{housing.pk}", "title": "Bygg.", "start": "2013-03-01"},
            {"section": "1.4", "board_goal": "", "title": "Bygg.", "start": date(2013, 3, 1)},
        ),
        (
            "change_target",
            {
                "indicator": Indicator.objects.get(name=SICK_LEAVE).pk,
                "level": "council",
                "target": "",
            },
            {"section": "2.4", "indicator": SICK_LEAVE, "level": "council", "title": ""},
        ),
        (
            "add_indicator",
            {
                "parent": f"namndmal-{self_reliant.pk}",
                "name": "Antal feriejobb",
                "level": "board",
                "target": "800 st",
            },
            {
                "section": "1.2",
                "board_goal": self_reliant.title,
                "indicator": "Antal feriejobb",
                "title": "800 st",
            },
        ),
        (
            "remove_indicator",
            {"indicator": electricity.pk},
            {"section": "1.3", "indicator": electricity.name},
        ),
        (
            "add_board_goal",
            {"area_goal": f"mal-{housing.pk}", "title": "Fler bostäder byggs."},
            {"section": "1.4", "board_goal": "Fler bostäder byggs."},
        ),
        (
            "remove_board_goal",
            {"board_goal": f"namndmal-{traffic.pk}"},
            {"section": "1.5", "board_goal": traffic.title},
        ),
        (
            "change_text",
            {"section": premises.pk, "text": "Kontoret hyr sina lokaler."},
            {
                "section": "",
                "title": "Medel för lokaländamål",
                "text": "Kontoret hyr sina lokaler.",
            },
        ),
    ]
    client = as_role("administrator")
    for operation, data, kept in amendments:
        url = case_url(case, f"andringar/ny/?typ={operation}")
        response = client.post(url, {"point": 1, **data})
        assert response.status_code == 302, (operation, response.context["form"].errors)
        row = case.amendments.order_by("-position").first()
        assert row.operation == operation
        assert {name: getattr(row, name) for name in kept} == kept, operation
    decision_carry_out(case=case)
    assert Activity.objects.get(title="Presentera framtidsuppdraget.").board_goal == easy_choice
    assert not Indicator.objects.filter(pk=electricity.pk).exists()


def test_the_lists_hold_the_plans_own_parts_grouped_by_goal(as_role, dated, sample_plan):
    client = as_role("administrator")
    response = client.get(case_url(dated, "andringar/ny/?typ=remove_activity"))
    choices = response.context["form"].fields["activity"].choices
    listed = [value for _group, options in choices[1:] for value, _label in options]
    assert sorted(map(int, listed)) == sorted(
        Activity.objects.filter(pk__in=listed).values_list("pk", flat=True)
    )
    assert len(listed) == 90
    assert any(group.startswith("2.4 › Attrahera, rekrytera") for group, _options in choices[1:])
    assert '<optgroup label="2.4 › Attrahera, rekrytera' in page(response)
    other = editing.plan_create(
        organisation=sample_plan.organisation, year=2014, copy_from=sample_plan
    )
    elsewhere = Activity.objects.filter(board_goal__area_goal__direction__plan=other).first()
    refused = client.post(
        case_url(dated, "andringar/ny/?typ=remove_activity"), {"point": 1, "activity": elsewhere.pk}
    )
    assert refused.status_code == 200
    assert "Select a valid choice" in refused.context["form"].errors["activity"][0]
    assert dated.amendments.count() == 3


def test_a_part_named_like_another_in_its_place_is_refused(as_role, dated):
    survey = activity(SURVEY)
    twin = editing.item_create(
        model=Activity,
        parent={"board_goal": survey.board_goal},
        data={"title": SURVEY, "start": date(2013, 2, 1), "end": date(2013, 3, 1)},
    )
    client = as_role("administrator")
    url = case_url(dated, "andringar/ny/?typ=remove_activity")
    refused = client.post(url, {"point": 1, "activity": twin.pk})
    assert refused.context["form"].errors["activity"] == [
        "Another part in the same place has the same name, so the decision cannot tell them "
        "apart: rename one of them first."
    ]
    assert client.post(url, {"point": 1, "activity": survey.pk}).status_code == 302


def test_an_amendment_the_plan_cannot_take_is_refused_on_the_form(as_role, dated):
    """The document's decision removes the activity in 2.2 already; removing it again fails."""
    methods = activity("I dialog med berörda parter arbeta med metodutveckling")
    client = as_role("administrator")
    response = client.post(
        case_url(dated, "andringar/ny/?typ=remove_activity"), {"point": 4, "activity": methods.pk}
    )
    assert response.status_code == 200
    assert (
        response.context["form"]
        .non_field_errors()[0]
        .startswith("point 4: section 2.2 has no activity")
    )
    assert dated.amendments.count() == 3
    assert Event.objects.filter(action="decision.amended", refused=True).exists()


def test_the_forms_say_what_is_wrong_beside_each_field(as_role, dated):
    client = as_role("administrator")
    particulars = client.post(
        case_url(dated, "andra/"),
        {"title": "", "decided_by": "KS", "meeting_date": "", "posted_date": "2013-01-01"},
    )
    errors = particulars.context["form"].errors
    assert errors["title"] == ["Give the decision's title."]
    assert errors["meeting_date"] == ["Give the date of the meeting that took the decision."]
    html = page(particulars)
    assert 'id="id_meeting_date_error"' in html
    assert re.search(r'<input[^>]*aria-describedby="[^"]*id_meeting_date_error', html)
    assert re.search(r'<input[^>]*name="meeting_date"[^>]*aria-invalid="true"', html)
    posted_early = client.post(
        case_url(dated, "andra/"),
        {
            "title": "T",
            "decided_by": "KS",
            "meeting_date": "2013-01-23",
            "posted_date": "2013-01-01",
        },
    )
    assert posted_early.context["form"].errors["posted_date"] == [
        "The minutes are posted after the meeting, not before it."
    ]
    point = client.post(case_url(dated, "punkter/ny/"), {"number": 2, "text": "Igen."})
    assert point.context["form"].errors["number"] == ["The decision has a point 2 already."]
    dissent = client.post(
        case_url(dated, "reservationer/ny/"), {"party": "V", "members": " \n ", "forum": "ks"}
    )
    assert dissent.context["form"].errors["members"] == [
        "Name at least one member who made the reservation."
    ]
    ideas = activity(IDEAS)
    undated = client.post(
        case_url(dated, "andringar/ny/?typ=change_activity"), {"point": 2, "activity": ideas.pk}
    )
    assert undated.context["form"].errors["start"] == [
        "Give a new start date, a new end date or both."
    ]
    backwards = client.post(
        case_url(dated, "andringar/ny/?typ=change_activity"),
        {"point": 2, "activity": ideas.pk, "end": "2012-12-31"},
    )
    assert backwards.context["form"].errors["end"] == [
        "The activity would end on 2012-12-31, before it starts on 2013-01-01."
    ]
    not_a_target = client.post(
        case_url(dated, "andringar/ny/?typ=change_target"),
        {
            "point": 2,
            "indicator": Indicator.objects.get(name=SICK_LEAVE).pk,
            "level": "board",
            "target": "mycket",
        },
    )
    assert not_a_target.context["form"].errors["target"][0].startswith("“mycket” is not a target")
    too_long = client.post(
        case_url(dated, "andringar/ny/?typ=change_target"),
        {
            "point": 2,
            "indicator": Indicator.objects.get(name=SICK_LEAVE).pk,
            "level": "board",
            "target": "9" * 26 + " %",
        },
    )
    assert "no more than 20 digits" in too_long.context["form"].errors["target"][0]
    chooser = client.get(case_url(dated, "andringar/ny/?typ="))
    assert chooser.context["form"].errors["typ"] == ["Choose what the decision changes."]
    assert dated.amendments.count() == 3
    assert dated.reservations.count() == 5


# A revision, and the decision in force.


def test_a_revision_keeps_the_decision_in_force_public_until_it_is_carried_out(as_role, dated):
    decision_carry_out(case=dated)
    client = as_role("administrator")
    early = client.post(
        BASE + "nytt/", {"title": "Revidering", "decided_by": "KS", "meeting_date": "2012-12-01"}
    )
    assert early.context["form"].errors["meeting_date"] == [
        "The decision in force was taken on 2013-01-23: a later one cannot be dated before it."
    ]
    client.post(
        BASE + "nytt/",
        {
            "title": "Revidering av verksamhetsplan 2013",
            "decided_by": "Kommunstyrelsen",
            "meeting_date": "2013-06-12",
            "diary_number": "112-9999/2013",
        },
    )
    revision = Case.objects.get(version=None)
    client.post(case_url(revision, "punkter/ny/"), {"number": 1, "text": "Målet sänks."})
    client.post(
        case_url(revision, "andringar/ny/?typ=change_target"),
        {
            "point": 1,
            "indicator": Indicator.objects.get(name=SICK_LEAVE).pk,
            "level": "board",
            "target": "2,5 %",
        },
    )
    public = page(as_role("citizen").get(BASE))
    assert "112-1726/2012" in public and "Revidering" not in public
    assert page(as_role("planner").get(BASE)).count("Revidering") == 0

    as_role("administrator").post(case_url(revision, "verkstall/"))
    public = page(as_role("citizen").get(BASE))
    assert "112-9999/2013" in public
    assert "Carried out: version 3 of the plan (decided 2013-06-12)" in public
    assert "Earlier decisions on the plan" in public
    assert "(112-1726/2012): version 2, decided 2013-01-23" in public
    assert public.count('class="change-') == 1


def test_a_revision_of_a_plan_adopted_without_a_recorded_decision_is_not_public(
    as_role, sample_plan
):
    """A plan adopted before Styr recorded decisions has none in force to show meanwhile."""
    Plan.objects.filter(pk=sample_plan.pk).update(status="adopted")
    case_record(
        plan=Plan.objects.get(),
        fields={"title": "Revidering", "decided_by": "KS", "meeting_date": MEETING},
    )
    public = page(as_role("citizen").get(BASE))
    assert "No decision on this plan is recorded yet." in public
    assert "Revidering" not in public
    assert "A revision being recorded" in page(as_role("administrator").get(BASE))


def test_a_decision_without_the_date_of_its_meeting_is_not_carried_out(as_role, case):
    client = as_role("administrator")
    shown = page(client.get(case_url(case)))
    assert "Give the date of the meeting that took the decision" in shown
    assert "verkstall/" not in shown
    refused = client.post(case_url(case, "verkstall/"), follow=True)
    assert "Give the date of the meeting" in page(refused)
    assert Plan.objects.get().status == "proposal"
    assert Event.objects.filter(action="decision.carried_out", refused=True).exists()


def test_a_carried_out_decision_offers_no_changes_and_refuses_them(as_role, dated):
    decision_carry_out(case=dated)
    client = as_role("administrator")
    shown = page(client.get(case_url(dated)))
    assert "it is a record and cannot change" in shown
    assert "ta-bort/" not in shown and "verkstall/" not in shown
    assert client.get(case_url(dated, "andra/")).url == case_url(dated)
    assert client.get(case_url(dated, "andringar/ny/")).url == case_url(dated)
    refused = client.post(case_url(dated, "punkter/ny/"), {"number": 9, "text": "Sent."})
    assert refused.status_code == 409
    assert "has been carried out" in page(refused)
    point = dated.decision_points.first()
    assert client.post(case_url(dated, f"punkter/{point.pk}/ta-bort/")).status_code == 409
    assert dated.decision_points.filter(reservation=None).count() == 7


def test_removing_a_point_an_amendment_belongs_to_is_refused_with_the_reason(as_role, dated):
    client = as_role("administrator")
    point = dated.decision_points.get(number=2, reservation=None)
    response = client.post(case_url(dated, f"punkter/{point.pk}/ta-bort/"), follow=True)
    assert "Point 2 has amendments: remove them first." in page(response)
    amendment = dated.amendments.get(point=2)
    client.post(case_url(dated, f"andringar/{amendment.pk}/ta-bort/"))
    client.post(case_url(dated, f"punkter/{point.pk}/ta-bort/"))
    assert not dated.decision_points.filter(number=2, reservation=None).exists()


# Versions, reservations and the rest.


def test_a_revision_is_a_new_decision_and_a_new_version(case, sample_plan):
    plan_adopt(plan=sample_plan)
    revision = case_open(plan=sample_plan, title="Revidering av verksamhetsplan 2013")
    amendment_add(
        case=revision,
        amendment=AmendmentDoc(
            1, "change_target", "2.4", indicator=SICK_LEAVE, level="board", title="2,5 %"
        ),
    )
    version = decision_carry_out(case=revision)
    assert version.number == 3
    target = (
        Plan.objects.get()
        .directions.get(number="2")
        .goals.get(number="2.4")
        .indicators.get(name=SICK_LEAVE)
        .targets.get(level="board")
    )
    assert target.text == "2,5 %"
    assert Case.objects.count() == 2


def test_the_versions_page_compares_any_two_and_dates_them_by_the_decision(
    english, administrator, dated
):
    decision_carry_out(case=dated)
    english.force_login(administrator)
    text = page(english.get(BASE + "versioner/?fran=1&till=2"))
    assert text.count('class="change-') == 3
    assert "1: Proposal (decided 2013-01-23)" in text
    assert "2: Adopted (decided 2013-01-23)" in text
    assert page(english.get(BASE + "versioner/?fran=2&till=2")).count('class="change-') == 0


def test_a_version_without_a_decision_date_shows_when_it_was_saved(english, case, sample_plan):
    plan_adopt(plan=sample_plan)
    version = sample_plan.versions.last()
    assert version.decided_on is None
    text = page(english.get(BASE + "versioner/"))
    assert f"2: Adopted (saved {timezone.localdate(version.created_at).isoformat()})" in text


def test_a_reservation_shows_its_alternative_beside_the_adopted_plan(
    english, styr, case, sample_plan, sample_document, tmp_path
):
    plan_adopt(plan=sample_plan)
    alternative = copy.deepcopy(sample_document)
    alternative.directions[0].goals[0].board_goals[0].title = "Fler verksamheter i egen regi"
    path = tmp_path / "mp.json"
    path.write_text(json.dumps(alternative.to_json()), encoding="utf-8")
    reservation = Reservation.objects.get(party="MP", forum="borgarrådsberedningen")
    with translation.override(settings.LANGUAGE_CODE):  # the English pages leave "en" active
        saved = styr("import-alternative", str(reservation.pk), str(path)).out
    assert "den alternativa planen har sparats" in saved
    text = page(english.get(f"{BASE}reservationer/{reservation.pk}/"))
    assert "Fler verksamheter i egen regi" in text
    assert "Andelen verksamheter som upphandlas i konkurrens ska öka" in text
    # The three amendments made the adopted plan differ from the proposal the party copied.
    assert text.count('class="change-') == 2 + 3


def test_editing_an_adopted_plan_is_refused_with_the_reason(
    english, administrator, case, sample_plan
):
    plan_adopt(plan=sample_plan)
    english.force_login(administrator)
    activity_ = Activity.objects.filter(board_goal__isnull=False).first()
    response = english.get(f"/planer/kommunstyrelsen/2013/aktiviteter/{activity_.pk}/andra/")
    assert response.status_code == 409
    assert "is adopted: only a decision changes it" in page(response)


def test_a_revision_adds_an_indicator_and_rewords_a_text(case, sample_plan):
    plan_adopt(plan=sample_plan)
    revision = case_open(plan=sample_plan)
    for amendment in (
        AmendmentDoc(
            1,
            "add_indicator",
            "1.2",
            board_goal="Stockholmarna kan försörja sig själva.",
            indicator="Antal feriejobb",
            level="board",
            title="800 st",
        ),
        AmendmentDoc(
            2,
            "change_text",
            "",
            title="Medel för lokaländamål",
            text="Kontoret hyr sina lokaler av fastighetsnämnden.",
        ),
    ):
        amendment_add(case=revision, amendment=amendment)
    decision_carry_out(case=revision)
    plan = Plan.objects.get()
    indicator = (
        plan.directions.get(number="1").goals.get(number="1.2").board_goals.get().indicators.get()
    )
    assert (indicator.name, indicator.targets.get().text) == ("Antal feriejobb", "800 st")
    assert plan.sections.get(title="Medel för lokaländamål").text == (
        "Kontoret hyr sina lokaler av fastighetsnämnden."
    )


def test_a_text_that_is_not_there_is_refused(case, sample_plan):
    missing = AmendmentDoc(1, "change_text", "", title="Inget sådant avsnitt", text="Ny text")
    with pytest.raises(
        DecisionError, match="punkt 1: text ”Inget sådant avsnitt” finns inte i planen"
    ):
        amendment_add(case=case, amendment=missing)
