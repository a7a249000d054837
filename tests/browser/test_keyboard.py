"""A planner changes an activity in the overview with the keyboard alone."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import ACTIVITY, CHANGE, activity_row, htmx_settled


def test_the_change_button_is_reached_with_tab_and_opens_the_form_focused(as_planner, sample_plan):
    page = as_planner
    page.goto("/planer/kommunstyrelsen/2013/")
    row = activity_row(page)
    row.get_by_role("link", name=ACTIVITY, exact=True).focus()  # the row's first stop

    page.keyboard.press("Tab")
    expect(row.get_by_role("link", name=CHANGE)).to_be_focused()
    page.keyboard.press("Enter")

    expect(row).to_have_class(re.compile(r"\bediting\b"))
    expect(row.locator("input:visible, select, textarea").first).to_be_focused()


def test_after_saving_in_place_focus_stays_in_the_row(as_planner, sample_plan):
    page = as_planner
    page.goto("/planer/kommunstyrelsen/2013/")
    row = activity_row(page)
    row.get_by_role("link", name=CHANGE).focus()
    page.keyboard.press("Enter")
    expect(row.locator("#id_end")).to_be_visible()
    htmx_settled(page)

    row.locator("#id_end").press("Enter")  # submits the form
    expect(row).not_to_have_class(re.compile(r"\bediting\b"))
    expect(row.locator(":focus")).to_have_count(1, timeout=2000)
