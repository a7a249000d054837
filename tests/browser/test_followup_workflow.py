"""The central office sets the reporting calendar and follows how far the boards have come.
Both pages pass axe."""

import re

from playwright.sync_api import expect

from styr.followup.choices import Period
from styr.followup.services import outcome_save, report_open
from styr.planning.models import Indicator
from tests.browser.axe import assert_accessible
from tests.browser.conftest import SAVE, log_in

LATE = re.compile(r"^\D+$")  # a word, whichever the translation chooses


def test_the_central_office_sets_a_deadline_and_sees_who_is_late(page, administrator, adopted_plan):
    report = report_open(plan=adopted_plan, period=Period.T1)
    sick_leave = Indicator.objects.get(name__startswith="Sjukfrånvaro")
    outcome_save(report=report, indicator=sick_leave, data={"value": 3}, user=administrator)
    log_in(page, administrator)

    page.goto("/uppfoljning/2013/kalender/")
    expect(page.locator("#id_T1")).to_have_value("2013-05-15")
    assert_accessible(page)
    page.fill("#id_T1", "2013-05-20")
    page.locator("main").get_by_role("button", name=SAVE).click()
    expect(page.locator("#id_T1")).to_have_value("2013-05-20")

    page.locator("main").get_by_role("link", name=re.compile("Tertial")).first.click()
    expect(page).to_have_url(re.compile(r"/uppfoljning/2013/t1/status/$"))
    row = page.locator("tr", has=page.get_by_role("link", name="Kommunstyrelsen"))
    expect(row).to_contain_text("2013-05-20")
    expect(row.locator("strong.flag").first).to_have_text(LATE)  # in words, not only colour
    assert_accessible(page)
