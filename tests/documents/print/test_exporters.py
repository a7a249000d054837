"""The print page and the PDF as downloads of a plan and of a report."""

from io import BytesIO

import lxml.html
from pypdf import PdfReader

from styr.documents.exporters import exporter_for, identifiers
from styr.documents.subjects import PlanSubject
from tests.documents.print.conftest import misprinted_pages, pdf_text


def test_plans_and_reports_are_offered_as_a_print_page_and_a_pdf():
    for subject in ("plan", "report"):
        assert {"html", "pdf"} <= set(identifiers(subject))
    pdf = exporter_for("plan", "pdf")
    # The web makes a PDF in a task: it takes seconds.
    assert pdf.slow and not exporter_for("plan", "html").slow
    assert [(option.name, option.default) for option in pdf.options] == [("archival", False)]


def test_the_print_page_of_a_plan_shows_its_goals(db, sample_plan):
    rendered = exporter_for("plan", "html").render(PlanSubject(sample_plan))
    assert rendered.name == "kommunstyrelsen-2013-verksamhetsplan-forslag.html"
    assert rendered.media_type == "text/html"
    page = lxml.html.fromstring(rendered.content.decode())
    assert page.find(".//h1").text == "Verksamhetsplan 2013 för kommunstyrelsen"
    headings = [heading.text for heading in page.iter("h2", "h3")]
    assert (
        "1.1 Företag väljer att etablera sig i Stockholm framför andra städer i norra Europa"
        in (headings)
    )


def test_the_annual_reports_archival_pdf_keeps_its_tables_on_the_page(annual_report_pdf):
    assert annual_report_pdf.name == ("kommunstyrelsen-2013-verksamhetsberattelse-godkand-pdfa.pdf")
    content = annual_report_pdf.content
    assert misprinted_pages(content) == []
    pages = pdf_text(content)
    assert f"Sida 2 av {len(pages)}" in pages[1]
    xmp = PdfReader(BytesIO(content)).trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b'pdfaid:part="2"' in xmp
