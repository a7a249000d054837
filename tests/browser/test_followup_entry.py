"""A planner fills in the first tertial report for one goal and submits it, using the keyboard
where an official would; the board's reader then sees it on the dashboard."""

import re

from playwright.sync_api import expect

from styr.followup.models import Outcome
from styr.planning.models import AreaGoal, BoardGoal
from tests.browser.axe import assert_accessible
from tests.browser.conftest import log_in, words

REPORT = "/planer/kommunstyrelsen/2013/uppfoljning/t1/"


def reader_sees(browser, live_server, reader, goal, verdict: re.Pattern) -> None:
    """The board's reader, in a browser of their own, sees the goal's verdict on the dashboard."""
    context = browser.new_context(base_url=live_server.url, locale="sv-SE")
    page = context.new_page()
    log_in(page, reader)
    page.goto(REPORT + "oversikt/")
    expect(page.locator("tr", has_text=goal.title[:40]).first).to_contain_text(verdict)
    context.close()


def test_a_planner_reports_a_goal_and_the_reader_sees_it(
    page, browser, live_server, adopted_plan, planner, reader
):
    goal = AreaGoal.objects.get(indicators__name__startswith="Sjukfrånvaro")
    log_in(page, planner)
    page.goto("/planer/kommunstyrelsen/2013/")
    page.get_by_role("link", name=words("Uppföljning", "Follow-up")).click()
    page.get_by_role("link", name=words("Tertialrapport 1", "Tertial report 1")).click()
    expect(page).to_have_url(re.compile(rf"{REPORT}$"))
    assert_accessible(page)

    page.get_by_label(words("Mål", "Goal")).select_option(f"mal-{goal.pk}")
    page.get_by_role("button", name=words("Visa", "Show")).click()
    expect(page.locator("section.entry-goal")).to_have_count(1)

    indicator = page.locator(
        "fieldset.entry-item", has=page.locator("legend", has_text="Sjukfrånvaro")
    )
    indicator.get_by_label(words("Utfall", "Outcome"), exact=False).first.fill("3,4")
    indicator.get_by_label(words("Kommentar", "Comment")).fill("Lägre än i fjol.")
    for activity in page.locator("fieldset.entry-item.activity").all():
        activity.get_by_label(words("Status", "Status")).select_option("ongoing")
    assessment = page.locator("fieldset.goal-assessment")
    assessment.get_by_label(words("Bedömning", "Assessment")).select_option("partly_met")
    motivation = assessment.get_by_label(words("Motivering", "Motivation"))
    motivation.fill("Sjukfrånvaron minskar men är över målet.")
    motivation.press("Tab")
    page.get_by_role("button", name=words("Spara och skicka in", "Save and submit")).click()

    expect(page.locator(".messages")).to_contain_text(re.compile("Skickade in|Submitted"))
    saved = Outcome.objects.get(indicator__name__startswith="Sjukfrånvaro")
    assert (str(saved.value), saved.status) == ("3.400000", "submitted")
    expect(indicator.locator(".entry-status")).to_have_text(words("Inskickat", "Submitted"))
    assert_accessible(page)

    reader_sees(browser, live_server, reader, goal, re.compile("Delvis uppfyllt|Partly met"))


def test_a_planner_reports_a_board_goal_and_the_reader_sees_it(
    page, browser, live_server, adopted_plan, planner, reader
):
    goal = BoardGoal.objects.filter(activities__isnull=False).distinct().first()
    log_in(page, planner)
    page.goto(REPORT + f"?mal=namndmal-{goal.pk}")
    expect(page.locator("section.entry-goal h2")).to_have_text(goal.title)

    for activity in page.locator("fieldset.entry-item.activity").all():
        activity.get_by_label(words("Status", "Status")).select_option("completed")
        activity.get_by_label(words("Genomförd den", "Completed on")).fill("2013-04-15")
    assessment = page.locator("fieldset.goal-assessment")
    expect(assessment).to_contain_text(re.compile("Uppfyllt|Met"))  # suggested: all done
    assessment.get_by_label(words("Bedömning", "Assessment")).select_option("met")
    assessment.get_by_label(words("Motivering", "Motivation")).fill("Alla aktiviteter är klara.")
    page.get_by_role("button", name=words("Spara och skicka in", "Save and submit")).click()
    expect(page.locator(".messages")).to_contain_text(re.compile("Skickade in|Submitted"))
    assert_accessible(page)

    reader_sees(browser, live_server, reader, goal, re.compile("Uppfyllt|Met"))
