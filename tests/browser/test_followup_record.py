"""An approved report's dashboard reads the same after a later decision revises the plan: the
same verdicts against the same targets, the version it was judged against, and an indicator
since removed named without a link. The page passes axe."""

import re

import pytest
from playwright.sync_api import expect

from styr.followup.choices import Period
from styr.followup.services import report_open
from styr.followup.synthetic import report_fill
from tests.browser.axe import assert_accessible
from tests.followup.test_record import CAPITAL_COSTS, SICK_LEAVE, revise

DASHBOARD = "/planer/kommunstyrelsen/2013/uppfoljning/t2/oversikt/"


@pytest.fixture
def approved_t2(adopted_plan):
    """The sample plan's T1 and T2, filled in and approved."""
    for seed, period in enumerate([Period.T1, Period.T2], start=1):
        report = report_fill(
            report_open(plan=adopted_plan, period=period), seed=seed, approved=True
        )
    return report


def seen(page) -> dict:
    """What the dashboard says: the tallies, every verdict and every indicator's target."""
    table = page.locator("table.dashboard")
    return {
        "tallies": page.locator(".tallies").inner_text(),
        "verdicts": table.locator(".verdict").all_inner_texts(),
        "targets": table.locator("tr.indicator-row td:nth-child(3)").all_inner_texts(),
    }


def indicator_row(page, name: str):
    return page.locator("tr.indicator-row", has=page.locator("th", has_text=name))


def test_a_citizen_sees_the_same_verdicts_after_the_plan_is_revised(page, approved_t2):
    page.goto(DASHBOARD)
    before = seen(page)
    expect(indicator_row(page, SICK_LEAVE).locator("td").nth(1)).to_have_text(
        re.compile(r"^3 %.*4,4 %")
    )
    expect(page.locator(".judged-against")).to_contain_text("version 2")

    revise(approved_t2.plan)
    page.goto(DASHBOARD)

    assert seen(page) == before
    expect(indicator_row(page, SICK_LEAVE).locator("td").nth(1)).to_have_text(
        re.compile(r"^3 %.*4,4 %")
    )
    expect(page.locator(".judged-against")).to_contain_text("version 2")
    removed = indicator_row(page, CAPITAL_COSTS)
    expect(removed).to_have_count(1)
    expect(removed.get_by_role("link")).to_have_count(0)
    assert_accessible(page)


def test_a_reader_sees_the_report_in_progress_judged_against_the_revision(as_reader, approved_t2):
    report_fill(report_open(plan=approved_t2.plan, period=Period.YEAR), seed=3)
    revise(approved_t2.plan)
    page = as_reader

    page.goto("/planer/kommunstyrelsen/2013/uppfoljning/ar/oversikt/")

    expect(indicator_row(page, SICK_LEAVE).locator("td").nth(1)).to_have_text(
        re.compile(r"^3,5 %.*4 %")
    )
    expect(page.locator(".judged-against")).to_contain_text("2013-09-25, version 3")
    expect(indicator_row(page, CAPITAL_COSTS)).to_have_count(0)
    page.goto(DASHBOARD)
    expect(indicator_row(page, SICK_LEAVE).locator("td").nth(1)).to_have_text(re.compile(r"^3 %"))
    expect(page.locator(".judged-against")).to_contain_text("version 2")
