"""A citizen reads an approved report as a document: a heading per goal with its verdict,
the indicators in tables, no form fields at all; the page passes axe."""

import re

from playwright.sync_api import expect

from styr.followup.choices import Period
from styr.followup.selectors import report_sheet
from styr.followup.services import report_open
from styr.followup.synthetic import report_fill
from tests.browser.axe import assert_accessible

T1 = "/planer/kommunstyrelsen/2013/uppfoljning/t1/"


def test_a_citizen_reads_the_approved_t1_report_as_a_document(page, live_server, adopted_plan):
    report = report_fill(report_open(plan=adopted_plan, period=Period.T1), seed=2, approved=True)
    sheet = report_sheet(report)
    goals = list(sheet.goals())
    page.goto(T1)
    document = page.locator(".report-document")
    expect(document.locator("section.document-goal h2")).to_have_count(
        len(goals) + bool(sheet.assignments)
    )
    expect(document.locator("h2").first).to_contain_text(goals[0].title)
    assert page.locator("main input, main select, main textarea").count() == 0
    indicator = sheet.due_indicators()[0]
    expect(document.locator("tr", has_text=indicator.name).first).to_contain_text(
        re.compile(str(indicator.assessment.label) + "|" + "Uppfyllt|Delvis|Ej ")
    )
    folded = document.locator("details.document-items")
    if folded.count():
        folded.first.locator("summary").click()
        expect(folded.first.locator("table, ul").first).to_be_visible()
    assert_accessible(page)
