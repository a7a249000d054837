"""A citizen downloads an adopted plan as a print page, a PDF and open data, and finds it in
the open-data catalogue; each page meets WCAG 2.1 AA as far as axe-core can tell."""

import re

from playwright.sync_api import expect

from tests.browser.axe import assert_accessible


def test_the_plan_page_lists_its_downloads_and_the_print_page_reads_well(page, adopted_plan):
    page.goto("/planer/kommunstyrelsen/2013/")
    downloads = page.locator("details.downloads")
    downloads.locator("summary").click()
    expect(downloads.get_by_role("link", name="JSON")).to_be_visible()
    assert_accessible(page)

    downloads.get_by_role("link", name=re.compile("Utskrift")).click()
    expect(page.locator("h1")).to_contain_text("Verksamhetsplan 2013 för kommunstyrelsen")
    expect(page.get_by_role("heading", name=re.compile("1.1 Företag väljer"))).to_be_visible()
    assert_accessible(page)


def test_a_citizen_asks_for_the_pdf_and_gets_it_named_for_what_it_is(page, adopted_plan):
    page.goto("/planer/kommunstyrelsen/2013/")
    page.locator("details.downloads summary").click()
    page.locator("details.downloads").get_by_role("link", name="PDF").click()
    expect(page.locator("h1")).to_have_text("Ta fram filen i formatet PDF")
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Ta fram filen i formatet PDF").click()
    assert download.value.suggested_filename == "kommunstyrelsen-2013-verksamhetsplan-antagen.pdf"


def test_the_catalogue_lists_the_plan_with_its_formats(page, adopted_plan):
    page.goto("/data/")
    expect(page.locator("h1")).to_have_text("Öppna data")
    expect(page.get_by_role("link", name=re.compile("CSV för Excel")).first).to_be_visible()
    assert_accessible(page)


def test_each_kept_version_downloads_from_the_versions_page(page, adopted_plan):
    page.goto("/planer/kommunstyrelsen/2013/beslut/versioner/")
    expect(page.get_by_role("heading", name="Ladda ned en version")).to_be_visible()
    expect(page.get_by_role("link", name="PDF, version 1")).to_be_visible()
    assert_accessible(page)
