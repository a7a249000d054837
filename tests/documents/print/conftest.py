"""Fixtures for the print page and the PDF: an outline with every kind of block, and tools that
read a PDF back (its text, its pages as images)."""

from datetime import date
from io import BytesIO

import pypdfium2
import pytest
from django.db import transaction
from pypdf import PdfReader

from styr.decisions.services import plan_adopt
from styr.documents.exporters import exporter_for
from styr.documents.outline import Heading, Outline, PageBreak, Paragraph, Table
from styr.documents.printing import pdf_render
from styr.documents.subjects import Metadata, PlanSubject, ReportSubject
from styr.followup.choices import Period
from styr.followup.services import report_open
from styr.followup.synthetic import report_fill
from styr.planning.services import plan_import

# A word longer than any line or cell, as a pasted address or a chemical name can be.
LONG_WORD = "Donaudampfschifffahrtsgesellschaftskapitänsmützenfabrik" * 3


def outline_of_everything() -> Outline:
    """A plan-like outline: every kind of block, long tables that run over pages, long words."""
    metadata = Metadata(
        municipality="Stockholms stad",
        body="Kommunstyrelsen",
        title="Verksamhetsplan 2013 för kommunstyrelsen",
        year=2013,
        status="adopted",
        decided_on=date(2013, 1, 9),
        diary_number="112-1726/2012",
        keywords=["verksamhetsplan", "2013"],
    )
    blocks = [
        Heading("Beslut", 1, "beslut"),
        Paragraph("Kommunstyrelsen beslutar följande. " * 12),
        Paragraph("Verksamhetsplanen godkänns.", "bullet"),
        Paragraph("Visningsenheten får utgöra en resultatenhet.", "bullet"),
        Paragraph("Stockholm den 9 januari 2013", "note"),
    ]
    for number in (1, 2):
        blocks += [
            Heading(f"KF:S INRIKTNINGSMÅL {number}:", 1, f"inriktningsmal-{number}"),
            Paragraph(f"Ett ord längre än raden: {LONG_WORD}."),
            Heading(f"{number}.1 Företag väljer Stockholm", 2, f"mal-{number}-1"),
            indicator_table(),
            Heading("NÄMNDMÅL:", 3),
            Heading("Andelen upphandlad verksamhet ska öka", 4),
            activity_table(),
        ]
    blocks += [PageBreak(), Heading("Budget", 1, "budget"), budget_table()]
    return Outline(metadata, metadata.title, "Förslag till verksamhetsplan", blocks)


def indicator_table() -> Table:
    rows = [
        [
            f"Indikator {n}: andel upphandlad verksamhet i konkurrens (alla nämnder)",
            "1 %",
            "36 %",
            "År",
        ]
        for n in range(45)
    ]
    rows.append([LONG_WORD, "4,4 %", "90 %", "Tertial"])
    return Table(
        ["KF:s indikatorer", "Årsmål", "KF:s årsmål", "Periodicitet"],
        rows,
        caption="KF:s indikatorer",
        numeric=frozenset({1, 2}),
    )


def activity_table() -> Table:
    title = "Samordna och utvärdera arbetet i ytterstaden avseende insatser som syftar till "
    rows = [
        [title + f"att fler kan försörja sig på eget arbete ({n}).", "2013-01-01", "2013-12-31"]
        for n in range(8)
    ]
    return Table(["Nämndens aktiviteter", "Startdatum", "Slutdatum"], rows, caption="Aktiviteter")


def budget_table() -> Table:
    return Table(
        ["Verksamhet", "Kostnader", "Intäkter", "Netto"],
        [
            ["Stadsledning", "53,10", "", "53,10"],
            ["Stöd till nämnder", "1\u00a0332,50", "−46,60", "1\u00a0285,90"],
            ["KS förslag till budget", "1\u00a0385,60", "−46,60", "1\u00a0339,00"],
        ],
        caption="Budget 2013, mnkr",
        numeric=frozenset({1, 2, 3}),
        styles={2: "total"},
    )


@pytest.fixture(scope="session")
def outline() -> Outline:
    return outline_of_everything()


@pytest.fixture(scope="session")
def pdf(outline) -> bytes:
    """The outline as a PDF, rendered once for the session: WeasyPrint takes seconds."""
    return pdf_render(outline)


@pytest.fixture(scope="session")
def archival_pdf(outline) -> bytes:
    return pdf_render(outline, archival=True)


@pytest.fixture(scope="session")
def sample_pdf(django_db_setup, django_db_blocker, sample_document):
    """The sample plan's PDF as the download gives it, rendered once for the session; the plan
    it was made from is rolled back."""
    with django_db_blocker.unblock(), transaction.atomic():
        plan = plan_import(document=sample_document)
        rendered = exporter_for("plan", "pdf").render(PlanSubject(plan))
        transaction.set_rollback(True)
    return rendered


@pytest.fixture(scope="session")
def annual_report_pdf(django_db_setup, django_db_blocker, sample_document):
    """The sample plan's annual report, adopted, filled and approved, as an archival PDF; its
    tables have the most columns of any document."""
    with django_db_blocker.unblock(), transaction.atomic():
        plan = plan_import(document=sample_document)
        plan_adopt(plan=plan)
        plan.refresh_from_db()
        report = report_fill(report_open(plan=plan, period=Period.YEAR), seed=3, approved=True)
        rendered = exporter_for("report", "pdf").render(ReportSubject(report), archival=True)
        transaction.set_rollback(True)
    return rendered


def pdf_text(content: bytes) -> list[str]:
    """Return the text of each page, as `styr import-plan` reads it."""
    return [page.extract_text() for page in PdfReader(BytesIO(content)).pages]


MM = 72 / 25.4  # points per millimetre, one pixel a point at scale 1
LEFT_MARGIN, RIGHT_MARGIN = 22 * MM, 20 * MM  # as print.css sets @page
DARK = 128


def misprinted_pages(content: bytes) -> list[str]:
    """Return what is wrong with each page that is empty or has ink in its left or right margin
    (a table wider than the page, a word that did not break)."""
    wrong = []
    for number, image in enumerate(page_images(content), start=1):
        box = image.point(lambda value: 255 if value < DARK else 0).getbbox()
        if box is None:
            wrong.append(f"page {number} is empty")
        elif box[0] < LEFT_MARGIN - 1 or box[2] > image.width - RIGHT_MARGIN + 1:
            wrong.append(f"page {number} has ink in a margin: columns {box[0]} to {box[2]}")
    return wrong


def page_images(content: bytes, scale: float = 1):
    """Yield each page as a greyscale image, one pixel a point at scale 1."""
    document = pypdfium2.PdfDocument(content)
    try:
        for page in document:
            yield page.render(scale=scale, grayscale=True).to_pil().convert("L")
    finally:
        document.close()
