"""A PDF of a plan reads like its text, whatever the headers, footers and page numbers on its
pages, and a PDF that cannot be read is refused with a message that says why."""

import re
import time

import pytest
from django.utils import translation

from styr.planning.parsing import read_plan
from styr.planning.parsing.lines import RawLine, clean_lines
from styr.planning.parsing.pages import page_lines
from styr.planning.parsing.pdf import pdf_pages
from tests.planning.pdfs import pdf_of, pdf_without_text
from tests.planning.readings import reading_of

# Places are compared as the English messages write them ("line 212").
pytestmark = pytest.mark.usefixtures("in_english")

HEADER = "Kommunstyrelsen – Verksamhetsplan 2013"
WORDS = ["ett", "två", "tre", "fyra", "fem", "sex", "sju"]
PAGE_NUMBERS = [
    "{page}",
    "Sida {page} av {pages}",
    "{page} ({pages})",
    "- {page} -",
    "{page}/{pages}",
    "Page {page} of {pages}",
]


@pytest.fixture(scope="module")
def text_reading(sample_text):
    return reading_of(sample_text.encode(), "plan.txt")


@pytest.mark.parametrize("page_numbers", PAGE_NUMBERS)
def test_a_pdf_with_page_numbers_and_a_running_header_reads_like_its_text(
    sample_text, text_reading, page_numbers
):
    pdf = pdf_of(sample_text, header=HEADER, page_numbers=page_numbers)
    assert reading_of(pdf, "plan.pdf") == text_reading


def test_a_running_header_with_a_date_and_the_page_number_in_it_is_removed(
    sample_text, text_reading
):
    pdf = pdf_of(sample_text, header="2013-01-15", page_numbers="Verksamhetsplan 2013, sida {page}")
    assert reading_of(pdf, "plan.pdf") == text_reading


def test_a_header_that_is_also_a_line_of_the_plan_leaves_that_line_in_place(
    sample_text, text_reading
):
    # The plan's title is its second line, under the header on page 1.
    pdf = pdf_of(
        sample_text, header="Verksamhetsplan 2013 för kommunstyrelsen", page_numbers="{page}"
    )
    assert reading_of(pdf, "plan.pdf") == text_reading


def test_a_header_repeated_right_under_itself_in_the_text_of_a_page_is_kept_there():
    pages = [
        f"Farsta – Verksamhetsplan 2013\n{text}\n{n}" for n, text in ((1, "Ett."), (2, "Två."))
    ]
    pages.append("Farsta – Verksamhetsplan 2013\nFarsta – Verksamhetsplan 2013\nSlut.\n3")
    assert [line.text for line in page_lines(pages)] == [
        "Ett.",
        "Två.",
        "Farsta – Verksamhetsplan 2013",
        "Slut.",
    ]


def test_a_number_inside_a_page_or_in_a_table_row_is_kept():
    pages = ["Rad ett\n3\nAndel nöjda 3 År\nRad fyra\n1", "Rad fem\n24\nRad sex\n2"]
    assert [line.text for line in page_lines(pages)] == [
        "Rad ett",
        "3",
        "Andel nöjda 3 År",
        "Rad fyra",
        "Rad fem",
        "24",
        "Rad sex",
    ]


def test_a_number_at_a_page_end_that_does_not_count_the_pages_is_kept():
    # A budget amount that wrapped to the last line of a page, in a PDF without page numbers.
    pages = ["Stadsledning 53,10\nBidrag\n563", "Skönhetsråd 2,70\n2,70", "Summa\n1 385"]
    assert [line.text for line in page_lines(pages)][2] == "563"


def test_lines_keep_their_page_and_their_number_in_the_text_of_the_pdf():
    lines = clean_lines(page_lines(["Sida 1 av 2\nEtt \nTvå ", "Sida 2 av 2\nTre "]))
    assert [(line.text, line.where) for line in lines] == [
        ("Ett", "page 1, line 2"),
        ("Två", "page 1, line 3"),
        ("Tre", "page 2, line 5"),
    ]


def test_the_last_line_of_a_page_is_never_glued_to_the_first_of_the_next():
    # Lines of PDF text that end a word end with a space; a page's last line need not.
    raw = [RawLine(1, "Ett ", 1), RawLine(2, "slut", 1), RawLine(3, "Början ", 2)]
    assert [line.text for line in clean_lines(raw)] == ["Ett", "slut", "Början"]


def test_a_word_hyphenated_at_a_page_end_is_joined(sample_text):
    row = "Samordna och utvärdera arbetet i ytterstaden avse-"
    assert sample_text.count(row) == 1
    text = sample_text.replace(row, f"{row}\n\f\n")
    reading = read_plan(pdf_of(text, header=HEADER, page_numbers="{page}"), name="plan.pdf")
    assert reading.problems == []
    titles = [
        activity.title
        for direction in reading.document.directions
        for goal in direction.goals
        for board_goal in goal.board_goals
        for activity in board_goal.activities
    ]
    assert (
        "Samordna och utvärdera arbetet i ytterstaden avseende insatser som syftar till att "
        "fler kan försörja sig på eget arbete." in titles
    )


def test_a_problem_in_a_pdf_names_its_page_and_line(sample_text):
    row = "Fortsatta aktiviteter i Söderortsvisionen. 2012-01-01 2014-12-31"
    assert sample_text.count(row) == 1
    pdf = pdf_of(
        sample_text.replace(row, row.replace("2014-12-31", "2014-13-31")),
        header=HEADER,
        page_numbers="Sida {page} av {pages}",
    )
    with translation.override("en"):
        reading = read_plan(pdf, name="plan.pdf")
    page = next(n for n, text in enumerate(pdf_pages(pdf), start=1) if "Söderortsvisionen" in text)
    [problem] = reading.problems
    assert re.fullmatch(rf"page {page}, line \d+", problem.where)
    assert "2014-13-31" in problem.message


def test_a_text_document_names_lines_only(sample_text):
    with translation.override("en"):
        reading = read_plan(sample_text.replace("2014-12-31", "2014-13-31", 1).encode())
    assert [problem.where.split()[0] for problem in reading.problems] == ["line"]


def test_a_scanned_pdf_without_text_is_refused_as_such():
    with translation.override("en"):
        reading = read_plan(pdf_without_text(), name="scan.pdf")
    assert reading.document is None
    [problem] = reading.problems
    assert "the PDF has no text, only images (a scanned document?)" in problem.message
    assert "OCR" in problem.message


def test_a_pdf_is_read_as_a_pdf_whatever_its_name(sample_text, text_reading):
    pdf = pdf_of(sample_text, header=HEADER, page_numbers="{page}")
    assert reading_of(pdf, "plan.txt") == text_reading


def test_a_pdf_of_more_pages_than_a_plan_has_is_refused(settings):
    settings.STYR_IMPORT_MAX_PDF_PAGES = 3
    with translation.override("en"):
        reading = read_plan(pdf_of("rad\n" * 5, lines_per_page=1), name="plan.pdf")
    assert [problem.message for problem in reading.problems] == [
        "the PDF has 5 pages; a plan may have at most 3 (STYR_IMPORT_MAX_PDF_PAGES)"
    ]


def test_headers_and_page_numbers_are_found_in_time_on_many_pages():
    pages = [
        f"{HEADER}\n"
        + "".join(f"{WORDS[page % 7]} {WORDS[n % 7]} {n}.\n" for n in range(30))
        + f"Sida {page} av 1000"
        for page in range(1, 1001)
    ]
    started = time.perf_counter()
    lines = page_lines(pages)
    assert time.perf_counter() - started < 1
    assert len(lines) == 30_000
    assert lines[0].text == "två ett 0." and lines[-1].page == 1000
