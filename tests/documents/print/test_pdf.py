"""The PDF: every page has content inside its margins, the running header and the page number
on every page after the cover, a table of contents with page numbers, bookmarks, tags for
screen readers, and the document's metadata; archival, PDF/A."""

import re
from io import BytesIO

import pytest
from pypdf import PdfReader

from styr.documents.printing import pdf_render
from tests.documents.print.conftest import misprinted_pages, pdf_text


@pytest.fixture(params=["pdf", "sample_pdf"])
def content(request) -> bytes:
    """The outline of every block with its long tables and words, and the sample plan's PDF."""
    rendered = request.getfixturevalue(request.param)
    return getattr(rendered, "content", rendered)


def test_no_page_is_empty_and_nothing_reaches_into_the_side_margins(content):
    assert len(pdf_text(content)) > 4
    assert misprinted_pages(content) == []


def test_pages_after_the_cover_have_the_running_header_and_their_number(content):
    pages = pdf_text(content)
    assert "Sida" not in pages[0] and "Kommunstyrelsen –" not in pages[0]
    for number, text in enumerate(pages[1:], start=2):
        assert f"Sida {number} av {len(pages)}" in text
        assert "Kommunstyrelsen – Verksamhetsplan 2013 för kommunstyrelsen" in text


def test_the_contents_give_each_headings_page(pdf):
    pages = pdf_text(pdf)
    listed = dict(re.findall(r"^(.+?) \.{3,} ?(\d+)$", pages[1], re.MULTILINE))
    assert set(listed) >= {"Beslut", "KF:S INRIKTNINGSMÅL 1:", "Budget"}
    for heading, page in listed.items():
        assert heading in pages[int(page) - 1]


def test_the_bookmarks_follow_the_headings(pdf):
    titles = [item.title for item in flattened(PdfReader(BytesIO(pdf)).outline)]
    assert titles[0] == "Verksamhetsplan 2013 för kommunstyrelsen"
    assert titles.index("Beslut") < titles.index("KF:S INRIKTNINGSMÅL 1:") < titles.index("Budget")
    assert "1.1 Företag väljer Stockholm" in titles


def flattened(items):
    for item in items:
        if isinstance(item, list):
            yield from flattened(item)
        else:
            yield item


def test_the_pdf_is_tagged_for_screen_readers_in_swedish(pdf):
    catalog = PdfReader(BytesIO(pdf)).trailer["/Root"]
    assert "/StructTreeRoot" in catalog
    assert catalog["/MarkInfo"]["/Marked"]
    assert catalog["/Lang"] == "sv"
    assert b"pdfuaid:part" in catalog["/Metadata"].get_object().get_data()


def test_the_pdf_says_what_it_is(pdf):
    metadata = PdfReader(BytesIO(pdf)).metadata
    assert metadata.title == "Verksamhetsplan 2013 för kommunstyrelsen"
    assert metadata.author == "Kommunstyrelsen"
    assert "112-1726/2012" in metadata.subject
    assert "verksamhetsplan" in metadata["/Keywords"]
    # Dated by the decision, not by when it was rendered.
    assert metadata["/CreationDate"] == metadata["/ModDate"] == "D:20130109"


def test_the_archival_pdf_is_pdf_a_and_still_tagged(archival_pdf):
    catalog = PdfReader(BytesIO(archival_pdf)).trailer["/Root"]
    xmp = catalog["/Metadata"].get_object().get_data()
    assert b'pdfaid:part="2"' in xmp and b'pdfaid:conformance="A"' in xmp
    assert "/StructTreeRoot" in catalog


def test_the_same_outline_renders_the_same_bytes(outline, pdf):
    assert pdf_render(outline) == pdf
