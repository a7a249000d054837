"""A citizen, not logged in, reads adopted plans; drafts and proposals are refused."""

import dataclasses
import re

import pytest
from playwright.sync_api import expect

from styr.decisions.services import plan_adopt
from styr.planning.services import plan_import
from tests.browser.conftest import LOG_IN, NOT_ALLOWED


@pytest.fixture
def adopted_2012(sample_plan, sample_document):
    """Last year's plan of the same board, adopted; the 2013 plan is still a proposal."""
    document = dataclasses.replace(
        sample_document, year=2012, title=sample_document.title.replace("2013", "2012")
    )
    plan = plan_import(document=document)
    plan_adopt(plan=plan)
    plan.refresh_from_db()
    return plan


def test_a_citizen_reads_an_adopted_plan_and_is_refused_a_proposal(page, adopted_2012):
    page.goto("/")
    plans = page.locator("ul.plans")
    expect(plans.get_by_role("link")).to_have_text([adopted_2012.title])  # not the proposal
    plans.get_by_role("link", name=adopted_2012.title).click()

    expect(page).to_have_url(re.compile(r"/planer/kommunstyrelsen/2012/$"))
    expect(page.locator("h1")).to_contain_text(adopted_2012.title)
    goals = [goal for direction in adopted_2012.directions.all() for goal in direction.goals.all()]
    assert goals
    expect(page.locator("h3[id^=mal-]")).to_have_count(len(goals))
    for goal in goals:
        expect(page.locator(f"#mal-{goal.pk}")).to_contain_text(goal.title)

    response = page.goto("/planer/kommunstyrelsen/2013/")
    assert response.status == 403
    expect(page.locator("h1")).to_have_text(NOT_ALLOWED)
    log_in = page.locator("main").get_by_role("link", name=LOG_IN)
    expect(log_in).to_have_attribute("href", "/konto/logga-in/?next=/planer/kommunstyrelsen/2013/")
