"""Parts of a plan with ids of 1000 and more: a municipality's plans soon have thousands."""

import pytest
from playwright.sync_api import expect

from styr.planning.models import AreaGoal
from tests.browser.conftest import words

BIG = 987654  # rendered as "987 654" wherever a template localizes it


@pytest.fixture
def goal_with_a_big_id(sample_plan):
    direction = sample_plan.directions.first()
    return AreaGoal.objects.create(pk=BIG, direction=direction, number="9.9", title="Stort id")


def test_a_planner_adds_an_activity_under_a_goal_with_a_big_id(as_planner, goal_with_a_big_id):
    page = as_planner
    page.goto("/planer/kommunstyrelsen/2013/")
    goal = page.locator("li.area-goal", has=page.locator("h3", has_text="9.9 Stort id"))
    with page.expect_navigation() as navigation:
        goal.get_by_role("link", name=words("Lägg till en aktivitet", "Add an activity")).click()
    assert navigation.value.status == 200, navigation.value.url

    page.go_back()
    expect(goal.locator("h3")).to_have_id(f"mal-{BIG}", timeout=1000)
