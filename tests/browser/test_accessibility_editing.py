"""The pages planners work in meet WCAG 2.1 A and AA as far as axe-core can tell."""

from playwright.sync_api import expect

from tests.browser.axe import assert_accessible
from tests.browser.conftest import CHANGE, activity_in, activity_row, log_in

PLAN = "/planer/kommunstyrelsen/2013/"


def test_overview_with_edit_buttons(as_planner, sample_plan):
    as_planner.goto(PLAN)
    expect(as_planner.get_by_role("link", name=CHANGE).first).to_be_visible()
    assert_accessible(as_planner)


def test_area_goal_page(as_planner, sample_plan):
    goal = sample_plan.directions.first().goals.first()
    as_planner.goto(f"{PLAN}mal/{goal.pk}/")
    expect(as_planner.locator("#item-title")).to_have_text(str(goal))
    assert_accessible(as_planner)


def test_budget_page(as_planner, sample_plan):
    as_planner.goto(f"{PLAN}budget/")
    expect(as_planner.locator("table.budget tbody tr").first).to_be_visible()
    assert_accessible(as_planner)


def test_activity_edit_form(as_planner, sample_plan):
    as_planner.goto(f"{PLAN}aktiviteter/{activity_in(sample_plan).pk}/andra/")
    expect(as_planner.locator("#id_end")).to_be_visible()
    assert_accessible(as_planner)


def test_inline_edit_row(as_planner, sample_plan):
    as_planner.goto(PLAN)
    row = activity_row(as_planner)
    row.get_by_role("link", name=CHANGE).click()
    expect(row.locator("#id_end")).to_be_visible()
    assert_accessible(as_planner)


def test_new_plan_form(as_planner, sample_plan):
    as_planner.goto(f"/planer/ny/?fran={sample_plan.pk}")
    expect(as_planner.locator("#id_year")).to_have_value("2014")
    assert_accessible(as_planner)


def test_accessibility_statement(page, db):
    page.goto("/tillganglighet/")
    assert_accessible(page)


def test_login_page_with_a_failed_login(page, planner):
    log_in(page, planner, "fel lösenord", expect_success=False)  # one failure of axes' five
    expect(page.locator("main .errors")).to_be_visible()
    assert_accessible(page)
