"""The print page: semantic, accessible HTML in Swedish that the site's CSP lets through."""

import itertools

import lxml.html
import pytest

from styr.documents.outline import Table
from styr.documents.printing import column_widths, print_html, typeset


@pytest.fixture(scope="module")
def page(outline):
    return lxml.html.fromstring(print_html(outline))


def test_the_page_is_swedish_with_one_h1_and_headings_in_order(page):
    assert page.get("lang") == "sv"
    levels = [int(element.tag[1]) for element in page.iter("h1", "h2", "h3", "h4", "h5", "h6")]
    assert levels.count(1) == 1 and levels[0] == 1
    # No heading skips a level on the way down.
    assert all(level <= before + 1 for before, level in itertools.pairwise(levels))


def test_the_cover_says_what_the_document_is(page):
    cover = page.find(".//header")
    text = " ".join(cover.text_content().split())
    assert "Verksamhetsplan 2013 för kommunstyrelsen" in text
    assert "Kommunstyrelsen" in text and "Stockholms stad" in text
    assert "Förslag till verksamhetsplan" in text


def test_the_contents_link_to_the_headings(page, outline):
    links = page.findall(".//nav//a")
    assert [link.text for link in links] == [heading.text for heading in outline.contents()]
    for link in links:
        target = page.get_element_by_id(link.get("href").removeprefix("#"))
        assert target.tag in {"h2", "h3", "h4", "h5"}
        assert target.text == link.text


def test_tables_have_captions_and_header_cells(page):
    tables = page.findall(".//table")
    assert len(tables) == 5
    for table in tables:
        assert table.find("caption").text
        assert all(cell.get("scope") == "col" for cell in table.find("thead").iter("th"))
        for row in table.find("tbody").iter("tr"):
            assert row[0].tag == "th" and row[0].get("scope") == "row"


def test_numeric_columns_are_marked_to_set_right_aligned(page):
    budget = page.findall(".//table")[-1]
    row = budget.find("tbody").findall("tr")[1]
    assert [cell.text for cell in row] == [
        "Stöd till nämnder",
        "1\u00a0332,50",
        "−46,60",
        "1\u00a0285,90",
    ]
    assert [cell.get("class") for cell in row] == [None, "numeric", "numeric", "numeric"]
    assert budget.find("tbody").findall("tr")[2].get("class") == "total"


def test_columns_share_the_width_of_the_page_leaving_room_for_their_words():
    table = Table(
        ["Aktivitet", "Startdatum", "Slutdatum", "Status", "Genomförd den"],
        [
            [
                "Samordna och utvärdera arbetet i ytterstaden avseende insatser",
                "2013-01-01",
                "2013-12-31",
                "Genomförd",
                "",
            ]
        ],
    )
    widths = column_widths(table)
    assert sum(widths) == 100 and all(width > 0 for width in widths)
    assert widths[0] == max(widths)
    # A table's width holds 88 characters: a date and its cell's padding take 12 of them, and
    # "Genomförd" 11.
    rooms = [12, 12, 11, 11]
    assert all(width * 88 / 100 >= room for width, room in zip(widths[1:], rooms, strict=True))


def test_the_web_page_links_its_stylesheet_rather_than_writing_it_inline(page):
    """The Content-Security-Policy refuses inline style; the page must still be styled."""
    assert page.find(".//style") is None
    assert not [element for element in page.iter() if element.get("style") is not None]
    stylesheet = page.find(".//link[@rel='stylesheet']")
    assert stylesheet.get("href").endswith("documents/print.css")


def test_the_pdfs_page_carries_its_stylesheet_and_links_nothing(outline):
    page = lxml.html.fromstring(print_html(outline, for_pdf=True))
    assert "@page" in page.find(".//style").text
    assert page.find(".//link") is None
    assert not list(page.iter("img", "script", "iframe", "object"))


def test_the_pdfs_texts_keep_compounds_and_sentence_ends_together(outline):
    """A reader of the PDF's lines would take "it-" at a line's end for a hyphenated word, and a
    sentence that ends a line for the end of a paragraph or of an activity's title."""
    text = typeset("Utveckla it-program och avlastningsvård/korttidsboenden. Studien görs i år.")
    assert text.body == (
        "Utveckla it-\u2060program och avlastningsvård/\u2060korttidsboenden.\u00a0Studien görs i "
    )
    assert text.last == "år."
    page = lxml.html.fromstring(print_html(outline, for_pdf=True))
    # A paragraph's last word carries the spacer that keeps its last line short; a word too
    # long for a line does not, as it must break.
    paragraphs = page.find(".//main").findall("p")
    assert paragraphs[0].find("span[@class='last']").text == "följande."
    long_word = next(p for p in paragraphs if p.text.startswith("Ett ord längre"))
    assert long_word.find("span") is None
