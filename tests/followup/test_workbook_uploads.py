"""Uploading a follow-up workbook that is not what it claims: too large, not a workbook,
damaged, a zip bomb, XML entities, far too many rows. Each is refused within moments with a
message naming the file (and the sheet where there is one), and nothing is saved."""

import time
import zipfile
from io import BytesIO

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from styr.followup.models import Outcome
from styr.followup.workbook import workbook_bytes, workbook_read
from styr.planning.models import Indicator
from styr.uploads import Oversized
from tests.hostile.workbooks import (
    INDICATORS_PART,
    entities,
    external_entity,
    rewritten,
    rows_appended,
    zip_bomb,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def template(t1_report) -> bytes:
    with translation.override("en"):
        return workbook_bytes(t1_report)


@pytest.fixture
def sick_leave(t1_report) -> int:
    return Indicator.objects.get(name__startswith="Sjukfrånvaro").pk


def refusal(data: bytes, planner, name: str = "t1.xlsx") -> list[str]:
    """Read the workbook in English; return its problems, and check nothing was saved."""
    with translation.override("en"):
        reading = workbook_read(None, data, user=planner, name=name)
    assert Outcome.objects.count() == 0
    return [str(problem) for problem in reading.problems]


def damaged(name: str = "t1.xlsx") -> str:
    return (
        f"{name} is damaged and cannot be read: open it in Excel, save it as an Excel "
        "workbook (.xlsx) and upload it again."
    )


def test_a_text_or_a_pdf_renamed_xlsx_is_refused_naming_the_file(planner):
    assert refusal(b"Plan;2013\n1;2\n", planner) == ["t1.xlsx is not an Excel workbook (.xlsx)."]
    assert refusal(b"%PDF-1.7\n%\xe2\xe3", planner, "plan.xlsx") == [
        "plan.xlsx is not an Excel workbook (.xlsx)."
    ]


def test_a_zip_that_is_not_a_workbook_is_refused(planner):
    other = BytesIO()
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("readme.txt", "hej")

    assert refusal(other.getvalue(), planner) == ["t1.xlsx is not an Excel workbook (.xlsx)."]


def test_a_workbook_cut_short_is_refused_as_damaged(template, planner):
    assert refusal(template[: len(template) // 2], planner) == [damaged()]


def test_a_workbook_whose_sheet_is_corrupt_is_refused_as_damaged(template, planner):
    def corrupt(old, stream):
        stream.write(old[: len(old) // 2])

    assert refusal(rewritten(template, INDICATORS_PART, corrupt), planner) == [damaged()]


def test_a_zip_bomb_is_refused_from_its_directory_before_it_is_unpacked(template, planner):
    bomb = zip_bomb(template, 60)

    start = time.perf_counter()
    problems = refusal(bomb, planner)

    assert problems == ["t1.xlsx unpacks to far more than a workbook does; it is not read."]
    assert time.perf_counter() - start < 1


def test_a_small_part_packed_too_tightly_is_a_zip_bomb_too(template, planner, settings):
    settings.STYR_UPLOAD_MAX_UNPACKED = 10**9

    assert refusal(zip_bomb(template, 2), planner) == [
        "t1.xlsx unpacks to far more than a workbook does; it is not read."
    ]


def test_a_zip_of_thousands_of_parts_is_refused(template, planner):
    def many(old, stream):
        stream.write(old)

    data = rewritten(template, INDICATORS_PART, many)
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(data)) as source, zipfile.ZipFile(out, "a") as target:
        for member in source.infolist():
            target.writestr(member.filename, source.read(member))
        for number in range(1000):
            target.writestr(f"xl/media/image{number}.png", b"")

    parts = len(zipfile.ZipFile(out).namelist())
    assert refusal(out.getvalue(), planner) == [
        f"t1.xlsx holds {parts} parts, more than a workbook does; it is not read."
    ]


def test_openpyxl_parses_with_defusedxml():
    assert openpyxl.DEFUSEDXML is True


@pytest.mark.parametrize(
    "attack",
    [entities, external_entity],
    ids=["billion laughs", "external entity"],
)
def test_xml_declaring_entities_is_refused_unread(template, planner, attack):
    assert refusal(attack(template), planner) == [
        "t1.xlsx holds XML with a document type declaration, which a workbook never has; "
        "it is not read."
    ]


def test_entities_hidden_past_the_first_look_are_refused_by_the_parser(template, planner):
    start = time.perf_counter()

    assert refusal(entities(template, hidden=True), planner) == [damaged()]
    assert time.perf_counter() - start < 2


def test_a_sheet_far_longer_than_the_report_is_refused_naming_sheet_and_row(
    template, planner, sick_leave
):
    start = time.perf_counter()
    problems = refusal(rows_appended(template, 20_000, item_id=sick_leave), planner)

    assert time.perf_counter() - start < 5
    assert len(problems) == 1
    assert problems[0].startswith("Indicators: The sheet has values on row ")
    assert problems[0].endswith("rows to fill in: delete the rows below row 82.")


def test_a_cell_a_billion_rows_down_is_refused_at_once(template, planner):
    def far(old, stream):
        stream.write(
            old.replace(
                b"</sheetData>",
                b'<row r="999999999"><c r="A999999999"><v>1</v></c></row></sheetData>',
            )
        )

    start = time.perf_counter()
    problems = refusal(rewritten(template, INDICATORS_PART, far), planner)

    assert time.perf_counter() - start < 5
    assert problems == [
        "Indicators: The sheet has values on row 1048576 or further down, but only 30 rows to "
        "fill in: delete the rows below row 82."
    ]


def test_only_the_first_fifty_problems_are_listed_and_the_rest_counted(
    client, t1_report, template, planner
):
    book = openpyxl.load_workbook(BytesIO(template))
    sheet = book["Indicators"]
    value = [cell.value for cell in sheet[1]].index("value") + 1
    filled = sheet.max_row - 2
    for row in range(3, sheet.max_row + 1):
        sheet.cell(row, value, "tre")
        sheet.cell(row, value + 1, "fyra")
        sheet.cell(row, value + 2, "fem")
    for row in range(sheet.max_row + 1, sheet.max_row + 41):
        sheet.cell(row, 1, 990_000 + row)  # no such indicator
        sheet.cell(row, value, 1)
    buffer = BytesIO()
    book.save(buffer)
    client.force_login(planner)

    response = client.post(
        t1_report.get_absolute_url() + "excel/",
        {"workbook": SimpleUploadedFile("t1.xlsx", buffer.getvalue(), content_type=XLSX)},
    )

    count = 3 * filled + 40
    assert len(response.context["problems"]) == 50
    assert f"har {count} problem" in response.text
    unlisted = response.context["reading"].unlisted()
    assert unlisted.startswith("… ") and f" {count - 50} " in unlisted
    assert unlisted in response.text
    assert len(response.content) < 100_000


def test_a_file_over_the_limit_is_refused_by_name_and_not_kept(
    client, t1_report, template, planner, settings
):
    settings.STYR_UPLOAD_MAX_BYTES = 4096
    client.force_login(planner)

    response = client.post(
        t1_report.get_absolute_url() + "excel/",
        {"workbook": SimpleUploadedFile("stor.xlsx", template, content_type=XLSX)},
    )

    error = response.context["form"].errors["workbook"][0]
    assert error.startswith("stor.xlsx ")
    assert "4,0\xa0kB" in error
    assert Outcome.objects.count() == 0


def test_the_command_refuses_a_file_over_the_limit_without_reading_it(
    styr, template, tmp_path, settings
):
    settings.STYR_UPLOAD_MAX_BYTES = 4096
    path = tmp_path / "stor.xlsx"
    path.write_bytes(template)

    with translation.override("en"):
        run = styr("import-followup", str(path))

    assert "stor.xlsx is " in run.err
    assert "a file may be at most" in run.err
    assert Outcome.objects.count() == 0


def test_a_request_announced_over_the_limit_keeps_no_byte_of_its_file(
    client, t1_report, planner, settings
):
    settings.STYR_UPLOAD_MAX_BYTES = 4096
    client.force_login(planner)
    huge = b"PK\x03\x04" + bytes(2 * 1024 * 1024)

    response = client.post(
        t1_report.get_absolute_url() + "excel/",
        {"workbook": SimpleUploadedFile("enorm.xlsx", huge, content_type=XLSX)},
    )

    error = response.context["form"].errors["workbook"][0]
    assert error.startswith("enorm.xlsx ") and "2,0\xa0MB" in error
    assert isinstance(response.wsgi_request.FILES["workbook"], Oversized)
    assert Outcome.objects.count() == 0
