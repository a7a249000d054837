"""The central office records a decision's amendment and adopts the plan; a citizen then reads
the adopted plan with its decision and what the decision changed."""

import pytest
from playwright.sync_api import expect

from styr.decisions.models import Reservation
from styr.decisions.parsing import read_decision
from styr.decisions.services import case_import
from styr.planning.parsing import read_plan_file
from tests.browser.axe import assert_accessible
from tests.browser.conftest import ACTIVITY, NOT_ALLOWED, log_in, words

DECISION = "/planer/kommunstyrelsen/2013/beslut/"
RECORD = words("Registrera en ändring", "Record an amendment")
ADOPT = words("Anta planen", "Adopt the plan")


@pytest.fixture
def case(sample_plan, sample_path):
    """The decision the sample document holds, with its three amendments, not yet carried out."""
    return case_import(plan=sample_plan, decision=read_decision(read_plan_file(sample_path).lines))


def record_amendment(page, section: str, activity: str) -> None:
    page.goto(DECISION)
    page.get_by_role("link", name=RECORD).click()
    page.fill("#id_point", "8")
    page.select_option("#id_operation", "remove_activity")
    page.fill("#id_section", section)
    page.fill("#id_activity", activity)
    page.locator("main").get_by_role("button", name=words("Spara", "Save")).click()
    page.wait_for_load_state()


def test_an_amended_and_adopted_plan_is_read_by_a_citizen_with_its_decision(
    page, case, administrator
):
    log_in(page, administrator)
    record_amendment(page, "2.4", ACTIVITY)
    expect(page).to_have_url(DECISION)
    expect(page.locator("main")).to_contain_text(ACTIVITY)
    assert_accessible(page)

    page.locator("main").get_by_role("button", name=ADOPT).click()
    expect(page.locator("tr[class^=change-]")).to_have_count(4)
    expect(page.locator("tr.change-removed", has_text=ACTIVITY)).to_be_visible()

    page.locator(".user-nav").get_by_role("button").click()
    response = page.goto("/planer/kommunstyrelsen/2013/")
    assert response.status == 200
    expect(page.locator("main")).not_to_contain_text(ACTIVITY)
    page.goto(DECISION)
    expect(page.locator("main")).to_contain_text("PM 2013: RI")
    expect(page.locator("main")).to_contain_text("112-1726/2012")
    expect(page.locator("tr.change-removed", has_text=ACTIVITY)).to_be_visible()
    assert_accessible(page)

    page.goto(DECISION + "versioner/")
    expect(page.locator("tr[class^=change-]")).to_have_count(4)
    assert_accessible(page)


def test_an_amendment_naming_a_missing_activity_is_refused_on_the_form(page, case, administrator):
    log_in(page, administrator)
    record_amendment(page, "1.1", "Bygga en bro till månen")
    expect(page.locator("main [role=alert]")).to_contain_text("Bygga en bro till månen")
    assert case.amendments.count() == 3
    assert_accessible(page)


def test_a_planner_may_not_decide(page, case, planner):
    log_in(page, planner)
    page.goto(DECISION)
    expect(page.locator("main").get_by_role("button", name=ADOPT)).to_have_count(0)
    assert page.goto(DECISION + "andringar/ny/").status == 403
    expect(page.locator("h1")).to_have_text(NOT_ALLOWED)


def test_a_reservation_page(page, case, administrator):
    log_in(page, administrator)
    reservation = Reservation.objects.filter(case=case).order_by("position").first()
    page.goto(f"{DECISION}reservationer/{reservation.pk}/")
    expect(page.locator("main")).to_contain_text("Karin Wanngård")
    assert_accessible(page)
