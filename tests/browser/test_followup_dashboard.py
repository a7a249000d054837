"""Anyone reads an approved report's dashboard and follows an indicator to its chart; a reader
of the board sees the dashboard of a report still in draft. Both pages pass axe."""

import re

import pytest
from playwright.sync_api import expect

from styr.followup.choices import Period
from styr.followup.services import report_open
from styr.followup.synthetic import report_fill
from tests.browser.axe import assert_accessible

SICK_LEAVE = "Sjukfrånvaro (alla nämnder/bolag)"


@pytest.fixture
def approved_t1(adopted_plan):
    """The sample plan's first tertial report, filled in and approved."""
    return report_fill(report_open(plan=adopted_plan, period=Period.T1), seed=1, approved=True)


def test_a_citizen_reads_the_dashboard_and_an_indicators_chart(page, approved_t1):
    page.goto("/planer/kommunstyrelsen/2013/uppfoljning/t1/oversikt/")

    for tally in ("indicators", "activities", "goals"):
        expect(page.locator(f"#tally-{tally}")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name=SICK_LEAVE, exact=True).click()

    expect(page).to_have_url(re.compile(r"/planer/kommunstyrelsen/2013/indikatorer/\d+/utfall/$"))
    expect(page.locator("h1")).to_have_text(SICK_LEAVE)
    chart = page.get_by_role("img", name=SICK_LEAVE)  # the title begins with the name
    expect(chart).to_be_visible()
    expect(chart.locator("path.point")).to_have_count(1)  # T1 only: T2 and the year not yet
    rows = page.locator("table.history tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.first.locator("td.number")).to_contain_text(re.compile(r"^\d+(,\d+)?\s"))
    assert_accessible(page)


def test_a_reader_sees_the_dashboard_of_a_draft_report(as_reader, adopted_plan):
    report_fill(report_open(plan=adopted_plan, period=Period.T2), seed=2)
    page = as_reader

    page.goto("/planer/kommunstyrelsen/2013/uppfoljning/t2/oversikt/")

    expect(page.locator("h1 .status")).to_have_text(re.compile("Utkast|Draft"))
    expect(page.locator("table.dashboard")).to_be_visible()
    assert_accessible(page)
