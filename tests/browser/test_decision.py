"""Decisions in the browser: the central office completes the decision the sample document holds
and adopts the plan; a citizen then reads the adopted plan with its decision and what it changed.

The decision is the one the sample document holds (PM 2013: RI, dnr 112-1726/2012), with its
three amendments: in 1.3 an activity gets an end date, in 2.1 an activity is added under a board
goal, in 2.2 an activity is removed. Pages are found by their addresses and fields, so that the
tests do not depend on how the new words are translated.
"""

import re

import pytest
from playwright.sync_api import expect

from styr.decisions.services import case_import, decision_carry_out
from styr.planning.choices import PlanStatus
from styr.planning.models import Activity
from styr.planning.parsing import read_plan_file
from tests.browser.axe import assert_accessible
from tests.browser.conftest import ACTIVITY, NOT_ALLOWED, log_in, words

PLAN = "/planer/kommunstyrelsen/2013/"
DECISION = PLAN + "beslut/"
VERSIONS = DECISION + "versioner/"

ADOPT = words("Anta planen", "Adopt the plan")
LOG_OUT = words("Logga ut", "Log out")
DECISION_LINK = words("Beslut", "Decision")
ADOPTED = words("Antagen", "Adopted")
CARRIED_OUT = re.compile(r"Verkställt: version \d+ av planen|Carried out: version \d+ of the plan")
NOT_YET = re.compile(r"Ännu inte beslutat|Not yet decided")

# The document's amendments, as they are listed on the decision page and shown as changes.
CHANGED = "Ta fram riktlinjer för hur idéburen stadsförbättring"
REMOVED = "I dialog med berörda parter arbeta med metodutveckling"

ROWS = "table.changes tbody tr"


@pytest.fixture
def case(sample_plan, sample_path):
    """The decision the sample document holds, with its three amendments, not yet carried out."""
    return case_import(plan=sample_plan, decision=read_plan_file(sample_path).decision)


@pytest.fixture
def carried_out(case):
    """The document's decision, carried out: the plan is adopted as amended (version 2)."""
    decision_carry_out(case=case)
    return case


def case_url(case, rest: str = "") -> str:
    return f"{DECISION}arenden/{case.pk}/{rest}"


def submit(page) -> None:
    """Submit the page's form (the one of class form) and wait for the next page."""
    page.locator("main form.form button[type=submit]").click()
    page.wait_for_load_state()


def amend(page, operation: str, point: str, **choices) -> None:
    """Record an amendment from the decision's page: its kind, its point, then the parts chosen
    from the lists by their labels (or, for a part given as a model object, by its id)."""
    page.locator("main a[href$='/andringar/ny/']").click()
    page.check(f"input[name=typ][value={operation}]")
    page.locator("main form.choice button[type=submit]").click()
    page.wait_for_load_state()
    page.select_option("#id_point", point)
    for field, choice in choices.items():
        if isinstance(choice, str):
            page.select_option(f"#id_{field}", label=choice)
        else:
            page.select_option(f"#id_{field}", str(choice.pk))
    submit(page)


def test_an_amended_and_adopted_plan_is_read_by_a_citizen_with_its_decision(
    page, case, administrator
):
    log_in(page, administrator)
    page.goto(DECISION)
    main = page.locator("main")
    expect(main.locator("dl.facts")).to_contain_text(NOT_YET)
    main.locator(f"a[href='{case_url(case)}']").click()
    expect(page).to_have_url(re.compile(re.escape(case_url(case)) + "$"))

    amend(page, "remove_activity", point="4", activity=ACTIVITY)
    expect(page).to_have_url(re.compile(re.escape(case_url(case)) + "#andringar$"))
    expect(page.get_by_role("status")).to_be_visible()
    listed = main.locator("ul.amendments li", has_text=ACTIVITY)
    expect(listed).to_have_count(1)
    expect(listed).to_contain_text("2.4")
    assert case.amendments.count() == 4

    # The document gives no date of the meeting: the plan's versions are dated by it.
    expect(main.get_by_role("button", name=ADOPT)).to_have_count(0)
    main.locator(f"a[href='{case_url(case, 'andra/')}']").click()
    page.fill("#id_meeting_date", "2013-01-23")
    submit(page)
    assert_accessible(page)  # the decision being recorded, with its buttons

    main.get_by_role("button", name=ADOPT).click()
    page.wait_for_load_state()
    expect(page).to_have_url(re.compile(re.escape(DECISION) + "$"))
    expect(page.locator("h1 .status")).to_have_text(ADOPTED)
    expect(main.locator("dl.facts")).to_contain_text(CARRIED_OUT)
    expect(main.locator("dl.facts")).to_contain_text("2013-01-23")
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


def test_an_amendment_the_plan_cannot_take_is_refused_on_the_form(page, case, administrator):
    """The document's decision removes the activity in 2.2 already: removing it again fails."""
    log_in(page, administrator)
    page.goto(case_url(case))
    removed = Activity.objects.get(title__startswith=REMOVED)
    amend(page, "remove_activity", point="4", activity=removed)

    expect(page).to_have_url(re.compile(r"/andringar/ny/\?typ=remove_activity$"))
    alert = page.locator("main form [role=alert]")
    expect(alert).to_have_count(1)
    expect(alert).to_contain_text(REMOVED)
    expect(alert).to_contain_text("2.2")
    expect(page.locator("#id_activity option:checked")).to_contain_text(REMOVED)  # kept
    assert case.amendments.count() == 3  # nothing recorded
    assert_accessible(page)  # the form with its error


def test_a_planner_may_neither_amend_nor_adopt(page, case, planner):
    log_in(page, planner)
    page.goto(DECISION)
    main = page.locator("main")
    expect(main.locator("h2").first).to_contain_text("PM 2013: RI")  # reads the decision
    expect(main.get_by_role("button", name=ADOPT)).to_have_count(0)
    expect(main.locator("a[href*='/arenden/']")).to_have_count(0)

    token = page.locator("input[name=csrfmiddlewaretoken]").first.get_attribute("value")
    refused = page.request.post(
        case_url(case, "verkstall/"), form={"csrfmiddlewaretoken": token}, max_redirects=0
    )
    assert refused.status == 403
    case.plan.refresh_from_db()
    assert case.plan.status == PlanStatus.PROPOSAL
    case.refresh_from_db()
    assert case.version_id is None

    response = page.goto(case_url(case, "andringar/ny/?typ=remove_activity"))
    assert response.status == 403
    expect(page.locator("h1")).to_have_text(NOT_ALLOWED)
    refused = page.request.post(
        case_url(case, "andringar/ny/?typ=remove_activity"),
        form={"csrfmiddlewaretoken": token, "point": "4", "activity": "1"},
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
