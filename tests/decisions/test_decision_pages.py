"""The decision on a plan on the web: who sees it, who carries it out, what it changed."""

import copy
import json

import pytest
from django.conf import settings

from styr.decisions.document import AmendmentDoc
from styr.decisions.models import Case, Reservation
from styr.decisions.parsing import read_decision
from styr.decisions.services import (
    DecisionError,
    amendment_add,
    case_import,
    case_open,
    decision_carry_out,
    plan_adopt,
)
from styr.planning.models import Activity, Plan
from styr.planning.parsing import read_plan_file

BASE = "/planer/kommunstyrelsen/2013/beslut/"


@pytest.fixture
def case(sample_plan, sample_path):
    return case_import(plan=sample_plan, decision=read_decision(read_plan_file(sample_path).lines))


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_a_citizen_reads_the_decision_only_once_the_plan_is_adopted(english, case, sample_plan):
    assert english.get(BASE).status_code == 403
    plan_adopt(plan=sample_plan)
    page = english.get(BASE).content.decode()
    assert "PM 2013: RI" in page
    assert "112-1726/2012" in page
    assert page.count('class="change-') == 3


@pytest.mark.parametrize(
    ("role", "status"), [("reader", 403), ("planner", 403), ("administrator", 302)]
)
def test_only_the_central_office_carries_out_a_decision(english, request, case, role, status):
    english.force_login(request.getfixturevalue(role))
    assert english.post(BASE + "verkstall/").status_code == status
    assert (Plan.objects.get().status == "adopted") == (role == "administrator")


@pytest.mark.parametrize(("role", "status"), [("planner", 403), ("administrator", 200)])
def test_only_the_central_office_records_amendments(english, request, case, role, status):
    english.force_login(request.getfixturevalue(role))
    assert english.get(BASE + "andringar/ny/").status_code == status


def test_an_amendment_naming_a_missing_item_is_refused_on_the_form(english, administrator, case):
    english.force_login(administrator)
    data = {"point": 8, "operation": "remove_activity", "section": "1.1", "activity": "Finns inte"}
    response = english.post(BASE + "andringar/ny/", data)
    assert response.context["form"].non_field_errors() == [
        "point 8: section 1.1 has no activity “Finns inte”"
    ]
    assert case.amendments.count() == 3


def test_a_revision_is_a_new_decision_and_a_new_version(case, sample_plan):
    plan_adopt(plan=sample_plan)
    revision = case_open(plan=sample_plan, title="Revidering av verksamhetsplan 2013")
    amendment_add(
        case=revision,
        amendment=AmendmentDoc(
            1,
            "change_target",
            "2.4",
            indicator="Sjukfrånvaro (alla nämnder/bolag)",
            level="board",
            title="2,5 %",
        ),
    )
    version = decision_carry_out(case=revision)
    assert version.number == 3
    target = (
        Plan.objects.get()
        .directions.get(number="2")
        .goals.get(number="2.4")
        .indicators.get(name="Sjukfrånvaro (alla nämnder/bolag)")
        .targets.get(level="board")
    )
    assert target.text == "2,5 %"
    assert Case.objects.count() == 2


def test_the_versions_page_compares_any_two(english, administrator, case, sample_plan):
    plan_adopt(plan=sample_plan)
    english.force_login(administrator)
    page = english.get(BASE + "versioner/?fran=1&till=2").content.decode()
    assert page.count('class="change-') == 3
    assert (
        english.get(BASE + "versioner/?fran=2&till=2").content.decode().count('class="change-') == 0
    )


def test_a_reservation_shows_its_alternative_beside_the_adopted_plan(
    english, styr, case, sample_plan, sample_document, tmp_path
):
    plan_adopt(plan=sample_plan)
    alternative = copy.deepcopy(sample_document)
    alternative.directions[0].goals[0].board_goals[0].title = "Fler verksamheter i egen regi"
    path = tmp_path / "mp.json"
    path.write_text(json.dumps(alternative.to_json()), encoding="utf-8")
    reservation = Reservation.objects.get(party="MP", forum="borgarrådsberedningen")
    assert (
        "alternative plan saved" in styr("import-alternative", str(reservation.pk), str(path)).out
    )
    page = english.get(f"{BASE}reservationer/{reservation.pk}/").content.decode()
    assert "Fler verksamheter i egen regi" in page
    assert "Andelen verksamheter som upphandlas i konkurrens ska öka" in page
    # The three amendments made the adopted plan differ from the proposal the party copied.
    assert page.count('class="change-') == 2 + 3


def test_editing_an_adopted_plan_is_refused_everywhere(english, administrator, case, sample_plan):
    plan_adopt(plan=sample_plan)
    english.force_login(administrator)
    activity = Activity.objects.filter(board_goal__isnull=False).first()
    url = f"/planer/kommunstyrelsen/2013/aktiviteter/{activity.pk}/andra/"
    assert english.get(url).status_code == 403


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
    with pytest.raises(DecisionError, match="point 1: the plan has no text “Inget sådant avsnitt”"):
        amendment_add(case=case, amendment=missing)
