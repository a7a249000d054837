"""styr import-plan saves a whole plan, or nothing and a message per problem."""

import io
import json
import os
import subprocess
import sys
import time

import pytest
from fpdf import FPDF
from pypdf import PdfWriter

from styr.planning.models import Activity, Indicator, Plan, Target
from styr.planning.parsing import read_plan
from tests.planning.pdfs import pdf_of, pdf_without_text

pytestmark = pytest.mark.usefixtures("in_english")


@pytest.fixture
def write(tmp_path):
    def write(name: str, content: str | bytes):
        path = tmp_path / name
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)
        return str(path)

    return write


def test_it_saves_the_sample_as_a_proposal_and_prints_its_counts(
    db, styr, sample_path, sample_document
):
    run = styr("import-plan", str(sample_path), "--json")
    assert run.error is None
    result = json.loads(run.out)
    plan = Plan.objects.get(pk=result["id"])
    assert plan.status == "proposal"
    assert plan.organisation.name == "Kommunstyrelsen"
    assert plan.organisation.municipality.name == "Stockholms stad"
    assert plan.organisation.office.name == "Stadsledningskontoret"
    assert result["counts"] == sample_document.counts()
    assert Indicator.objects.count() == 30
    assert Activity.objects.count() == 90
    assert Target.objects.filter(level="council").count() == 25
    assert Target.objects.filter(level="board").count() == 23


def test_a_dry_run_reports_and_saves_nothing(db, styr, sample_path):
    run = styr("import-plan", str(sample_path), "--dry-run", "--json")
    assert json.loads(run.out)["id"] is None
    assert json.loads(run.out)["counts"]["activities"] == 90
    assert not Plan.objects.exists()


def test_it_reads_a_pdf(db, styr, write, sample_text):
    run = styr("import-plan", write("plan.pdf", pdf_of(sample_text)), "--json")
    assert json.loads(run.out)["counts"]["indicators"] == 30


def test_it_refuses_a_second_plan_for_the_same_year(db, styr, sample_path, sample_plan):
    run = styr("import-plan", str(sample_path))
    assert "Kommunstyrelsen already has a plan for 2013" in str(run.error)
    assert "--replace" in str(run.error)
    assert Plan.objects.count() == 1


def test_if_absent_leaves_an_existing_plan_alone(db, styr, sample_path, sample_plan):
    run = styr("import-plan", str(sample_path), "--if-absent", "--json")
    assert run.error is None
    assert json.loads(run.out)["id"] == sample_plan.pk
    assert Plan.objects.count() == 1


def test_replace_keeps_the_plan_and_replaces_its_content(db, styr, write, sample_text, sample_plan):
    shorter = sample_text.replace("Genomföra medarbetarenkäten. 2013-01-01 2013-12-31", "")
    run = styr("import-plan", write("plan.txt", shorter), "--replace", "--json")
    assert json.loads(run.out) == {"id": sample_plan.pk, "counts": json.loads(run.out)["counts"]}
    assert Activity.objects.count() == 89


BAD_INPUT = {
    "empty": ("plan.txt", "", ["the file is empty"]),
    "only white space": ("plan.txt", "  \n\n ", ["the file is empty"]),
    "binary": (
        "plan.txt",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        ["the file is binary, not text"],
    ),
    "not a plan": (
        "letter.txt",
        "Hej!\nHär kommer protokollet från mötet.\n",
        ["found no direction goal"],
    ),
    "a PDF with no text": ("scan.pdf", "PDF", ["the PDF has no text"]),
    "a broken PDF": ("plan.pdf", b"%PDF-1.4\nnot really", ["the PDF cannot be read"]),
}


@pytest.mark.parametrize("case", BAD_INPUT)
def test_it_refuses_bad_input_with_a_clear_message(db, styr, write, case):
    name, content, messages = BAD_INPUT[case]
    if content == "PDF":
        content = pdf_without_text()
    path = write(name, content)
    run = styr("import-plan", path)
    assert "nothing was saved" in str(run.error)
    for message in messages:
        assert f"{path}: {message}" in run.err
    assert not Plan.objects.exists()


def corrupt(text: str, old: str, new: str) -> str:
    assert old in text
    return text.replace(old, new)


def test_it_names_the_line_and_values_of_a_budget_that_does_not_add_up(
    db, styr, write, sample_text
):
    text = corrupt(
        sample_text,
        "Förnyelseavdelning 79,80 -22,00 57,80",
        "Förnyelseavdelning 79,80 -22,00 58,80",
    )
    path = write("plan.txt", text)
    run = styr("import-plan", path)
    line = sample_text.splitlines().index("Förnyelseavdelning 79,80 -22,00 57,80 ") + 1
    assert (
        f"{path}: line {line}: the budget line “Förnyelseavdelning” has net 58,80, but costs "
        "79,80 plus revenues −22,00 make 57,80"
    ) in run.err
    assert (
        "the lines' net add up to 1\u00a0340,00, but the total “KS förslag till budget” says "
        "1\u00a0339,00" in run.err
    )
    assert "2 problems; nothing was saved" in str(run.error)
    assert not Plan.objects.exists()


SURVEY = "Genomföra medarbetarenkäten."
BAD_ACTIVITY_DATES = {
    "ends before it starts": (
        "2013-12-31 2013-01-01",
        f"the activity “{SURVEY}” starts 2013-12-31, after it ends 2013-01-01",
    ),
    "an impossible date": (
        "2013-02-30 2013-12-31",
        f"the activity “{SURVEY}” has an impossible date: 2013-02-30",
    ),
    # Without its end date, the row is reported on its own, not merged with the next one.
    "a date missing": (
        "2013-01-01",
        f"the row “{SURVEY} 2013-01-01” does not end with a start and an end date",
    ),
}


@pytest.mark.parametrize("case", BAD_ACTIVITY_DATES)
def test_it_names_an_activity_with_bad_dates(db, styr, write, sample_text, case):
    dates, message = BAD_ACTIVITY_DATES[case]
    text = corrupt(sample_text, f"{SURVEY} 2013-01-01 2013-12-31", f"{SURVEY} {dates}")
    line = [row.strip() for row in sample_text.splitlines()].index(
        f"{SURVEY} 2013-01-01 2013-12-31"
    ) + 1
    run = styr("import-plan", write("plan.txt", text))
    assert f"line {line}: {message}" in run.err
    assert not Plan.objects.exists()


def test_it_says_when_the_file_is_missing(db, styr, tmp_path):
    run = styr("import-plan", str(tmp_path / "nowhere.txt"))
    assert (
        str(run.error)
        == f"{tmp_path / 'nowhere.txt'}: cannot read the file: No such file or directory"
    )


def test_on_the_command_line_bad_input_exits_non_zero_without_a_traceback(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text("inte en plan", encoding="utf-8")
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "styr", "import-plan", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=os.environ,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    # The command line speaks the site's language, Swedish.
    assert f"{path}: hittade inget inriktningsmål" in result.stderr


def test_it_names_a_table_row_without_its_dates(db, styr, write, sample_text):
    last_row = "dens medarbetare. \n\n2013-01-01 2013-12-31"
    run = styr(
        "import-plan", write("plan.txt", corrupt(sample_text, last_row, "dens medarbetare."))
    )
    lines = [line.strip() for line in sample_text.splitlines()]
    line = lines.index("Utveckla ett nytt intranät som underlättar för sta-") + 1
    assert (
        f"line {line}: the row “Utveckla ett nytt intranät som underlättar för stadens "
        "medarbetare.” does not end with a start and an end date" in run.err
    )
    assert not Plan.objects.exists()


def test_make_city_adopts_past_years_plans_by_their_decision(db, styr):
    run = styr("make-city", "--boards", "2", "--items", "20", "--years", "2024-2025")
    assert run.error is None
    assert "made 4 plans" in run.out
    assert "2 of them adopted by their decision" in run.out
    for plan in Plan.objects.all():
        adopted = plan.year == 2024
        assert plan.status == ("adopted" if adopted else "proposal")
        assert plan.cases.filter(version__isnull=False).exists() == adopted
        assert plan.reports.exists() == adopted


# Hostile documents: refused by their size before they are read, or read in time, never a
# traceback, and nothing saved.
def test_a_file_over_the_size_limit_is_refused_before_it_is_read(db, styr, tmp_path):
    path = tmp_path / "plan.txt"
    with path.open("wb") as file:
        file.write(b"Verksamhetsplan 2013\n")
        file.truncate(50 * 1024 * 1024)
    started = time.perf_counter()
    run = styr("import-plan", str(path))
    assert time.perf_counter() - started < 1
    assert (
        f"{path}: the file is 50.0 MB; a plan in text or JSON may be at most 2.0 MB "
        "(STYR_IMPORT_MAX_TEXT_BYTES)" in run.err
    )
    assert not Plan.objects.exists()


def test_the_limits_are_settings(db, styr, write, sample_text, settings):
    settings.STYR_IMPORT_MAX_TEXT_BYTES = 1000
    settings.STYR_IMPORT_MAX_PDF_BYTES = 2000
    run = styr("import-plan", write("plan.txt", sample_text))
    assert "the file is 0.1 MB; a plan in text or JSON may be at most 0.0 MB" in run.err
    run = styr("import-plan", write("plan.pdf", pdf_of(sample_text)))
    assert "(STYR_IMPORT_MAX_PDF_BYTES)" in run.err
    reading = read_plan(sample_text.encode())
    assert [str(problem) for problem in reading.problems] == [
        "the file is 0.1 MB; a plan in text or JSON may be at most 0.0 MB "
        "(STYR_IMPORT_MAX_TEXT_BYTES)"
    ]


def test_a_pdf_with_more_pages_than_a_plan_has_is_refused(db, styr, write, settings):
    settings.STYR_IMPORT_MAX_PDF_PAGES = 3
    pdf = FPDF()
    for _ in range(5):
        pdf.add_page()
    run = styr("import-plan", write("plan.pdf", bytes(pdf.output())))
    assert "plan.pdf: the PDF has 5 pages; a plan may have at most 3" in run.err
    assert not Plan.objects.exists()


def test_an_encrypted_pdf_is_refused(db, styr, write, sample_text):
    writer = PdfWriter(clone_from=io.BytesIO(pdf_of(sample_text)))
    writer.encrypt("hemligt")
    data = io.BytesIO()
    writer.write(data)
    run = styr("import-plan", write("plan.pdf", data.getvalue()))
    assert "plan.pdf: the PDF is encrypted; save it without a password and try again" in run.err
    assert not Plan.objects.exists()


def test_text_in_an_unknown_encoding_is_refused_at_its_line(db, styr, write):
    run = styr("import-plan", write("plan.txt", b"Verksamhetsplan\nKF:S \x81 1\n"))
    assert "plan.txt: line 2: the file is neither UTF-8 nor Windows-1252 text (byte 21)" in run.err


HEAD = (
    "Verksamhetsplan 2013 för kommunstyrelsen\nKF:S INRIKTNINGSMÅL 1:\n1. Ett Stockholm\n"
    "KF:S MÅL FÖR VERKSAMHETSOMRÅDET:\n1.1 Ett mål\n"
)


def test_a_table_row_that_never_ends_is_read_in_time(db, styr, write):
    text = HEAD + "KF:s aktiviteter Startdatum Slutdatum\n" + "en rad utan datum\n" * 4000
    started = time.perf_counter()
    run = styr("import-plan", write("plan.txt", text))
    assert time.perf_counter() - started < 2
    assert "plan.txt: line 7: the row “en rad utan datum en rad utan datum" in run.err
    assert "…” does not end with a start and an end date" in run.err
    assert len(run.err) < 1000


def test_a_section_of_many_short_lines_is_read_in_time():
    text = HEAD + "Ärendet\n" + "Rubrik\n" * 20_000
    started = time.perf_counter()
    reading = read_plan(text.encode())
    assert time.perf_counter() - started < 3
    assert len(reading.document.sections[0].sections) == 20_000


def test_an_amount_too_large_to_keep_is_refused_at_its_line(db, styr, write):
    text = HEAD + "Investeringar\nKontoret investerar " + "9" * 40 + " mnkr.\n"
    run = styr("import-plan", write("plan.txt", text))
    assert f"plan.txt: line 7: the amount “{'9' * 30}…” is too large" in run.err
    assert not Plan.objects.exists()


@pytest.mark.parametrize(
    "block, check",
    [
        # A run of hyphenated line ends makes one word as long as the run.
        ("Ärendet\n" + "ord-\n" * 100_000, lambda d: d.sections[0].text.startswith("ordord")),
        # A budget row whose amounts wrap, one to a line.
        (
            "Nämndens ekonomiska förutsättningar 2013\nRad\n" + "1 000\n" * 100_000,
            lambda d: [line.costs for line in d.budget.lines] == [1000],
        ),
    ],
    ids=["hyphenated line ends", "budget row"],
)
def test_a_block_of_many_lines_is_read_in_time(settings, block, check):
    settings.STYR_IMPORT_MAX_LINES = 200_000
    text = HEAD + block
    started = time.perf_counter()
    reading = read_plan(text.encode())
    elapsed = time.perf_counter() - started
    assert elapsed < 5, f"{len(text)} characters took {elapsed:.1f} s"
    assert reading.ok and check(reading.document)


def test_a_text_of_more_lines_than_a_plan_has_is_refused(db, styr, write, settings):
    settings.STYR_IMPORT_MAX_LINES = 100
    run = styr("import-plan", write("plan.txt", HEAD + "Ärendet\n" + "rad\n" * 100))
    assert (
        "plan.txt: the document has 106 lines of text; a plan may have at most 100 "
        "(STYR_IMPORT_MAX_LINES)" in run.err
    )
    assert not Plan.objects.exists()


def test_a_plan_of_more_parts_than_the_limit_is_refused_before_saving(
    db, styr, sample_path, settings
):
    settings.STYR_IMPORT_MAX_PARTS = 200
    run = styr("import-plan", str(sample_path))
    assert "the plan has 230 parts" in run.err
    assert "a plan may have at most 200 (STYR_IMPORT_MAX_PARTS)" in run.err
    assert not Plan.objects.exists()


def test_a_table_of_more_rows_than_the_limit_is_not_read_on(settings):
    settings.STYR_IMPORT_MAX_PARTS = 10
    text = HEAD + "KF:s indikatorer Periodicitet\n" + "Andel nöjda 75 % 80 % År\n" * 20
    reading = read_plan(text.encode())
    assert [str(p) for p in reading.problems] == [
        "line 17: the plan has more than 10 parts (goals, indicators, activities, budget lines, "
        "sections …) (STYR_IMPORT_MAX_PARTS)"
    ]
