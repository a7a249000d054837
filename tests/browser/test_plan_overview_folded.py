"""A large plan's overview opens with its area goals folded: opening one loads its rows."""

from playwright.sync_api import expect

from styr.planning.models import AreaGoal
from tests.browser.axe import assert_accessible

OVERVIEW = "/planer/kommunstyrelsen/2013/"


def test_opening_a_folded_area_goal_shows_its_indicators(as_planner, sample_plan, settings):
    settings.STYR_OVERVIEW_FOLD_FROM = 10  # the sample, as large plans are
    goal = AreaGoal.objects.filter(indicators__isnull=False).first()
    indicator = goal.indicators.first()
    page = as_planner
    page.goto(OVERVIEW)
    expect(page.locator(f"#indikatorer-{indicator.pk}")).to_have_count(0)
    assert_accessible(page)

    page.locator(f"#mal-{goal.pk}").click()

    expect(page.locator(f"#indikatorer-{indicator.pk}")).to_be_visible()
    expect(page.locator(f"#mal-innehall-{goal.pk}")).to_have_count(1)
    assert_accessible(page)
