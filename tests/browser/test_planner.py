"""A planner works in the browser: next year's plan, and an activity changed in place."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import (
    ACTIVITY,
    CHANGE,
    SAVE,
    activity_in,
    activity_row,
    htmx_settled,
    words,
)

OVERVIEW = "/planer/kommunstyrelsen/2013/"


def test_a_planner_creates_next_years_plan_from_this_years(as_planner, sample_plan):
    page = as_planner
    page.goto(OVERVIEW)
    page.get_by_role("link", name=words("Nästa års plan", "Next year's plan")).click()
    expect(page).to_have_url(re.compile(rf"/planer/ny/\?fran={sample_plan.pk}$"))

    form = page.locator("main form")
    expect(form.locator("#id_organisation option:checked")).to_have_text("Kommunstyrelsen")
    expect(form.locator("#id_year")).to_have_value("2014")
    expect(form.locator("#id_copy_from")).to_have_value(str(sample_plan.pk))
    form.locator("button[type=submit]").click()

    expect(page).to_have_url(re.compile(r"/planer/kommunstyrelsen/2014/$"))
    expect(page.locator("h1 .status")).to_have_text(words("Utkast", "Draft"))
    row = page.locator("tr", has=page.get_by_role("link", name=ACTIVITY, exact=True))
    expect(row.locator("td.date")).to_have_text(["2014-01-01", "2014-12-31"])


def test_a_planner_changes_an_activitys_end_date_in_place(as_planner, planner, sample_plan):
    page = as_planner
    page.goto(OVERVIEW)
    page.evaluate("window.sameDocument = true")  # gone if the browser loads another page
    row = activity_row(page)
    expect(row.locator("td.date").last).to_have_text("2013-12-31")

    row.get_by_role("link", name=CHANGE).click()
    expect(row).to_have_class(re.compile(r"\bediting\b"))
    htmx_settled(page)
    expect(page).to_have_url(re.compile(rf"{OVERVIEW}$"))
    assert page.evaluate("window.sameDocument"), "the form came with a page load"
    row.get_by_label(words("Slutdatum", "End date")).fill("2013-10-31")
    row.get_by_role("button", name=SAVE).click()

    expect(row).not_to_have_class(re.compile(r"\bediting\b"))
    expect(row.locator("td.date").last).to_have_text("2013-10-31")
    assert page.evaluate("window.sameDocument"), "saving loaded a page"
    page.reload()
    expect(row.locator("td.date").last).to_have_text("2013-10-31")

    row.get_by_role("link", name=ACTIVITY, exact=True).click()
    history = page.locator("section.history")
    expect(history.locator("h2")).to_have_text(words("Historik", "History"))
    latest = history.locator("li").first
    expect(latest).to_contain_text(str(planner))
    expect(latest.locator("table.changes tbody").locator("th, td")).to_have_text(
        [words("Slutdatum", "End date"), "2013-12-31", "2013-10-31"]  # field, before, after
    )


def test_an_end_date_before_the_start_date_is_refused_beside_the_field(as_planner, sample_plan):
    page = as_planner
    activity = activity_in(sample_plan)
    page.goto(OVERVIEW)
    row = activity_row(page)
    row.get_by_role("link", name=CHANGE).click()
    expect(row).to_have_class(re.compile(r"\bediting\b"))
    htmx_settled(page)
    end = row.get_by_label(words("Slutdatum", "End date"))
    end.fill("2012-12-31")
    row.get_by_role("button", name=SAVE).click()

    # Beside the end date: the error list the end date's input points to, and only that one.
    expect(end).to_have_attribute("aria-invalid", "true")
    error = row.locator(f"#{end.get_attribute('aria-describedby')}")
    expect(error).to_have_class("errorlist")
    expect(error).to_contain_text("2013-01-01")  # the start date it must not precede
    expect(row.locator(".errorlist")).to_have_count(1)
    activity.refresh_from_db()
    assert activity.end.isoformat() == "2013-12-31"
