"""A politician of the board reads its draft plans, and may not change them."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import CHANGE, NOT_ALLOWED, activity_in


def test_a_reader_reads_a_draft_but_may_not_change_it(as_reader, sample_plan):
    page = as_reader
    page.goto("/")
    page.get_by_role("link", name=sample_plan.title, exact=True).click()

    expect(page).to_have_url(re.compile(r"/planer/kommunstyrelsen/2013/$"))
    expect(page.locator("h1")).to_contain_text(sample_plan.title)
    expect(page.locator("table.items").first).to_be_visible()
    expect(page.get_by_role("link", name=CHANGE)).to_have_count(0)
    expect(page.get_by_role("button", name=CHANGE)).to_have_count(0)

    activity = activity_in(sample_plan)
    response = page.goto(f"/planer/kommunstyrelsen/2013/aktiviteter/{activity.pk}/andra/")
    assert response.status == 403
    expect(page.locator("h1")).to_have_text(NOT_ALLOWED)
