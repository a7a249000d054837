"""Decisions in the browser: the central office records an amendment and adopts the plan; a
citizen then reads the adopted plan with its decision and what the decision changed.

The decision is the one the sample document holds (PM 2013: RI, dnr 112-1726/2012), with its
three amendments: in 1.3 an activity gets an end date, in 2.1 an activity is added under a board
goal, in 2.2 an activity is removed.
"""

import re

import pytest
from playwright.sync_api import expect

from styr.decisions.parsing import read_decision
from styr.decisions.services import case_import, decision_carry_out
from styr.planning.choices import PlanStatus
from styr.planning.parsing import read_plan_file
from tests.browser.axe import assert_accessible
from tests.browser.conftest import ACTIVITY, NOT_ALLOWED, SAVE, log_in, words

PLAN = "/planer/kommunstyrelsen/2013/"
DECISION = PLAN + "beslut/"
AMENDMENT_NEW = DECISION + "andringar/ny/"
ADOPT_URL = DECISION + "verkstall/"
VERSIONS = DECISION + "versioner/"

RECORD = words("Registrera en ändring", "Record an amendment")
ADOPT = words("Anta planen", "Adopt the plan")
LOG_OUT = words("Logga ut", "Log out")
DECISION_LINK = words("Beslut", "Decision")
ADOPTED = words("Antagen", "Adopted")
CARRIED_OUT = re.compile(r"Verkställt: version \d+ av planen|Carried out: version \d+ of the plan")
NOT_YET = re.compile(r"Ännu inte beslutat|Not yet decided")
RECORDED = words("Ändringen registrerades", "The amendment was recorded")
NO_ACTIVITY = re.compile(r"has no activity|saknar (?:en |någon )?aktivitet|har ingen aktivitet")

# The document's amendments, as they are listed on the decision page and shown as changes.
CHANGED = "Ta fram riktlinjer för hur idéburen stadsförbättring"
ADDED_UNDER = "Det är lätt för stockholmarna att välja kommunalt finansierad service"
REMOVED = "I dialog med berörda parter arbeta med metodutveckling"

ROWS = "table.changes tbody tr"


@pytest.fixture
def case(sample_plan, sample_path):
    """The decision the sample document holds, with its three amendments, not yet carried out."""
    return case_import(plan=sample_plan, decision=read_decision(read_plan_file(sample_path).lines))


@pytest.fixture
def carried_out(case):
    """The document's decision, carried out: the plan is adopted as amended (version 2)."""
    decision_carry_out(case=case)
    return case


def fill_amendment(page, *, section: str, activity: str, point: str = "8") -> None:
    """Fill the amendment form to remove an activity, and save it."""
    page.fill("#id_point", point)
    page.select_option("#id_operation", "remove_activity")
    page.fill("#id_section", section)
    page.fill("#id_activity", activity)
    page.locator("main form.form").get_by_role("button", name=SAVE).click()
    page.wait_for_load_state()


def test_an_amended_and_adopted_plan_is_read_by_a_citizen_with_its_decision(
    page, case, administrator
):
    log_in(page, administrator)
    page.goto(DECISION)
    main = page.locator("main")
    expect(main.locator("dl.facts")).to_contain_text(NOT_YET)
    expect(main.get_by_role("button", name=ADOPT)).to_be_visible()
    expect(main.locator("li", has_text=ACTIVITY)).to_have_count(0)

    main.get_by_role("link", name=RECORD).click()
    expect(page).to_have_url(re.compile(re.escape(AMENDMENT_NEW) + "$"))
    fill_amendment(page, section="2.4", activity=ACTIVITY)

    expect(page).to_have_url(re.compile(re.escape(DECISION) + "$"))
    expect(page.get_by_role("status")).to_contain_text(RECORDED)
    listed = main.locator("li", has_text=ACTIVITY)
    expect(listed).to_have_count(1)
    expect(listed).to_contain_text(re.compile(r"(?:Punkt|Point) 8\b"))
    expect(listed).to_contain_text("2.4")
    assert case.amendments.count() == 4
    assert_accessible(page)  # before adoption, with the buttons to amend and adopt

    main.get_by_role("button", name=ADOPT).click()
    page.wait_for_load_state()
    expect(page).to_have_url(re.compile(re.escape(DECISION) + "$"))
    expect(page.locator("h1 .status")).to_have_text(ADOPTED)
    expect(main.locator("dl.facts")).to_contain_text(CARRIED_OUT)
    expect(main.get_by_role("button", name=ADOPT)).to_have_count(0)
    expect(main.get_by_role("link", name=RECORD)).to_have_count(0)
    rows = main.locator(ROWS)
    expect(rows).to_have_count(4)  # the document's three amendments, and the one recorded here
    expect(main.locator("tr.change-changed", has_text=CHANGED)).to_have_count(1)
    expect(main.locator("tr.change-added")).to_have_count(1)
    expect(main.locator("tr.change-removed", has_text=REMOVED)).to_have_count(1)
    expect(main.locator("tr.change-removed", has_text=ACTIVITY)).to_have_count(1)
    case.plan.refresh_from_db()
    assert case.plan.status == PlanStatus.ADOPTED

    page.locator(".user-nav").get_by_role("button", name=LOG_OUT).click()
    page.wait_for_load_state()
    expect(page.locator(".user-nav .who")).to_have_count(0)

    # A citizen, not logged in: the adopted plan is public, without the removed activities.
    response = page.goto(PLAN)
    assert response.status == 200
    expect(page.locator("h1")).to_contain_text(case.plan.title)
    expect(main).not_to_contain_text(ACTIVITY)
    expect(main).not_to_contain_text(REMOVED)
    expect(main).to_contain_text(CHANGED)  # changed, not removed

    page.locator("nav.plan-nav").get_by_role("link", name=DECISION_LINK).click()
    expect(page).to_have_url(re.compile(re.escape(DECISION) + "$"))
    expect(main.locator("h2").first).to_contain_text("PM 2013: RI")
    expect(main.locator("dl.facts")).to_contain_text("112-1726/2012")
    expect(main.locator(ROWS)).to_have_count(4)
    expect(main.locator("tr.change-removed", has_text=ACTIVITY)).to_be_visible()
    expect(main.get_by_role("button")).to_have_count(0)  # nothing for a citizen to decide
    assert_accessible(page)  # after adoption, with the table of changes


def test_an_amendment_naming_a_missing_activity_is_refused_on_the_form(page, case, administrator):
    log_in(page, administrator)
    page.goto(AMENDMENT_NEW)
    fill_amendment(page, section="2.4", activity="Bygga en bro till månen")

    expect(page).to_have_url(re.compile(re.escape(AMENDMENT_NEW) + "$"))
    alert = page.locator("main form [role=alert]")
    expect(alert).to_have_count(1)
    expect(alert).to_contain_text(NO_ACTIVITY)
    expect(alert).to_contain_text("Bygga en bro till månen")
    expect(page.locator("#id_activity")).to_have_value("Bygga en bro till månen")  # kept
    expect(page.locator("#id_operation")).to_have_value("remove_activity")
    assert case.amendments.count() == 3  # nothing recorded
    assert_accessible(page)  # the form with its error

    page.goto(DECISION)
    expect(page.locator("main")).not_to_contain_text("Bygga en bro till månen")


def test_a_planner_may_neither_amend_nor_adopt(page, case, planner):
    log_in(page, planner)
    page.goto(DECISION)
    main = page.locator("main")
    expect(main.locator("h2").first).to_contain_text("PM 2013: RI")  # reads the decision
    expect(main.get_by_role("button", name=ADOPT)).to_have_count(0)
    expect(main.get_by_role("link", name=RECORD)).to_have_count(0)

    token = page.locator("input[name=csrfmiddlewaretoken]").first.get_attribute("value")
    refused = page.request.post(ADOPT_URL, form={"csrfmiddlewaretoken": token}, max_redirects=0)
    assert refused.status == 403
    case.plan.refresh_from_db()
    assert case.plan.status == PlanStatus.PROPOSAL
    case.refresh_from_db()
    assert case.version_id is None

    response = page.goto(AMENDMENT_NEW)
    assert response.status == 403
    expect(page.locator("h1")).to_have_text(NOT_ALLOWED)
    refused = page.request.post(
        AMENDMENT_NEW,
        form={
            "csrfmiddlewaretoken": token,
            "point": "8",
            "operation": "remove_activity",
            "section": "2.4",
            "activity": ACTIVITY,
        },
        max_redirects=0,
    )
    assert refused.status == 403
    assert case.amendments.count() == 3


def test_the_versions_and_a_reservation_of_an_adopted_plan_are_accessible(page, carried_out):
    page.goto(VERSIONS)  # a citizen's
    main = page.locator("main")
    expect(main.locator("select#from option")).to_have_count(2)  # the proposal, the adopted plan
    expect(main.locator(ROWS)).to_have_count(3)  # the document's amendments
    expect(main.locator("tr.change-removed", has_text=REMOVED)).to_have_count(1)
    assert_accessible(page)

    reservation = carried_out.reservations.order_by("position").first()
    response = page.goto(f"{DECISION}reservationer/{reservation.pk}/")
    assert response.status == 200
    expect(main.locator("h2")).to_contain_text(reservation.party)
    expect(main).to_contain_text("Karin Wanngård")
    assert_accessible(page)
