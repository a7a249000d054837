"""Officials fill in a report goal by goal: a planner reports a goal of T1 and submits it; the
board's reader then sees it on the dashboard. In T2 a planner enters the outcomes with T1's
values beside them, with the keyboard only."""

import re

from playwright.sync_api import expect

from styr.followup.choices import Period
from styr.followup.entry import goal_key
from styr.followup.models import Outcome
from styr.followup.selectors import report_sheet
from styr.followup.services import report_open
from styr.followup.synthetic import report_fill
from styr.planning.models import AreaGoal, BoardGoal
from tests.browser.axe import assert_accessible
from tests.browser.conftest import log_in, words

REPORT = "/planer/kommunstyrelsen/2013/uppfoljning/t1/"
T2 = "/planer/kommunstyrelsen/2013/uppfoljning/t2/"


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
    expect(page.locator("section.entry-goal")).to_have_count(1)
    assert_accessible(page)

    page.locator("nav.goal-nav").get_by_role("link", name=re.compile(goal.number)).click()
    expect(page.locator("section.entry-goal h2")).to_contain_text(goal.title)
    expect(page.locator("nav.goal-nav [aria-current=page]")).to_contain_text(goal.number)

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


def focused_name(page) -> str:
    return page.evaluate("() => document.activeElement && document.activeElement.name || ''")


def tab_to(page, name: str, limit: int = 300) -> None:
    """Press Tab until the control named `name` has the focus, as someone at a keyboard would."""
    for _ in range(limit):
        if focused_name(page) == name:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {name}")


def test_a_planner_enters_t2_goal_by_goal_with_the_keyboard_only(
    page, live_server, adopted_plan, planner
):
    report_fill(report_open(plan=adopted_plan, period=Period.T1), seed=3, approved=True)
    t2 = report_open(plan=adopted_plan, period=Period.T2)
    goal = max(report_sheet(t2).goals(), key=lambda g: len([i for i in g.indicator_list if i.due]))
    indicators = [i for i in goal.indicator_list if i.due]
    assert len(indicators) >= 2, "the sample has a goal with two tertial indicators"
    first, second = indicators[:2]
    log_in(page, planner)
    page.goto(T2 + f"?mal={goal_key(goal)}")
    row = page.locator(f"fieldset[data-row='o-{first.pk}']")
    if first.previous is not None:
        expect(row.locator(".previous")).to_contain_text("T1:")
    expect(page.locator("#keyboard-hint")).to_contain_text("Alt+↓")

    tab_to(page, f"o-{first.pk}-value")
    page.keyboard.type("4,2")
    page.keyboard.press("Alt+ArrowDown")
    assert focused_name(page) == f"o-{second.pk}-value"
    page.keyboard.type("5,1")
    page.keyboard.press("Alt+ArrowUp")
    assert focused_name(page) == f"o-{first.pk}-value"
    tab_to(page, "spara")
    page.keyboard.press("Enter")

    expect(page.locator(".messages")).to_contain_text(re.compile("Sparade|Saved"))
    values = dict(Outcome.objects.filter(report=t2).values_list("indicator", "value"))
    assert (str(values[first.pk]), str(values[second.pk])) == ("4.200000", "5.100000")
    expect(page.locator("nav.goal-nav [aria-current=page]")).to_be_visible()
    assert_accessible(page)
