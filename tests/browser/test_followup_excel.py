"""A planner downloads the first tertial report's workbook, fills it in, uploads it with a
mistake, reads where the mistake is, corrects it and uploads it again."""

import re
from io import BytesIO

from openpyxl import load_workbook
from playwright.sync_api import expect

from styr.followup.models import Outcome
from styr.planning.models import Indicator
from tests.browser.axe import assert_accessible
from tests.browser.conftest import log_in, words

EXCEL = "/planer/kommunstyrelsen/2013/uppfoljning/t1/excel/"


def filled(path, value) -> bytes:
    """The downloaded workbook with sick leave's outcome typed in."""
    book = load_workbook(path)
    sheet = book[book["styr"]["B4"].value]
    keys = [cell.value for cell in sheet[1]]
    indicator = Indicator.objects.get(name__startswith="Sjukfrånvaro")
    row = next(r for r in range(3, sheet.max_row + 1) if sheet.cell(r, 1).value == indicator.pk)
    sheet.cell(row, keys.index("value") + 1, value)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(page, data: bytes) -> None:
    page.get_by_label(words("Den ifyllda arbetsboken", "The filled-in workbook")).set_input_files(
        {"name": "t1.xlsx", "mimeType": "application/octet-stream", "buffer": data}
    )
    page.get_by_role("button", name=words("Läs in värdena", "Read in the values")).click()


def test_a_planner_fills_in_the_report_in_excel(page, adopted_plan, planner, tmp_path):
    log_in(page, planner)
    page.goto(EXCEL)
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role(
            "link", name=words("Ladda ner arbetsboken", "Download the workbook")
        ).click()
    path = tmp_path / "t1.xlsx"
    download.value.save_as(path)

    upload(page, filled(path, "tre"))

    problems = page.locator("#problems")
    expect(problems).to_contain_text("“tre”")
    assert_accessible(page)
    assert Outcome.objects.count() == 0

    upload(page, filled(path, "3,4"))

    expect(page).to_have_url(re.compile(r"/uppfoljning/t1/$"))
    expect(page.locator(".messages")).to_contain_text(re.compile("1 (utfall|outcome)"))
    assert str(Outcome.objects.get().value) == "3.400000"
