"""Hostile texts in a plan (markup, a stylesheet's end, endless words) print as text: never
markup in the page, and the PDF still renders them."""

from dataclasses import replace

import lxml.html
import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from styr.documents.outline import Heading, Outline, Paragraph, Table
from styr.documents.printing import pdf_render, print_html
from tests.documents.print.conftest import LONG_WORD, misprinted_pages, pdf_text

pytestmark = pytest.mark.hostile

MARKUP = [
    "</style>",
    "<style>body{display:none}</style>",
    "<script>alert(1)</script>",
    '<img src="https://example.com/x.png">',
    '<link rel="stylesheet" href="file:///etc/passwd">',
    "</p></main><h1>",
    "<!--",
    "&amp;&lt;",
    "{{ secret }}{% debug %}",
    LONG_WORD,
]
# What a text in the database may hold: no controls, no halves of UTF-16 pairs.
CHARACTERS = st.characters(blacklist_categories=("Cs", "Cc"))
# The PDF's texts are read back with pypdf, which garbles a page's text when the font has a
# glyph numbered above 0x1000 on it (U+0526 in DejaVu Sans): the PDF is checked with the
# Latin alphabets.
LATIN = st.characters(max_codepoint=0x24F, blacklist_categories=("Cs", "Cc"))


def texts(characters):
    return st.lists(
        st.sampled_from(MARKUP) | st.text(characters, min_size=1, max_size=40), min_size=1
    ).map(" ".join)


# A PDF takes seconds: a few examples, a few more in `make test-long`.
FEW = max(3, hypothesis_settings.default.max_examples // 50)


def outline_saying(text: str, outline: Outline) -> Outline:
    """The outline with the text in every place a plan's own text goes."""
    metadata = replace(outline.metadata, body=text, title=text)
    blocks = [
        Heading(text, 1, "hostile"),
        Paragraph(text),
        Paragraph(text, "bullet"),
        Table([text, "Årsmål"], [[text, text]], caption=text, numeric=frozenset({1})),
    ]
    return Outline(metadata, text, text, blocks)


@given(text=texts(CHARACTERS))
def test_texts_are_printed_as_text_never_as_markup(outline, text):
    page = lxml.html.fromstring(print_html(outline_saying(text, outline)))
    assert len(page.findall(".//h1")) == 1
    assert not list(page.iter("script", "style", "img"))
    [stylesheet] = page.iter("link")
    assert stylesheet.get("href").endswith(".css") and "documents/print" in stylesheet.get("href")
    main = page.find(".//main")
    for element in (main.find("h2"), main.find("p"), main.find("table/caption")):
        assert (element.text or "") == text


@hypothesis_settings(max_examples=FEW)
@given(text=texts(LATIN))
def test_the_pdf_renders_hostile_texts_as_text(outline, text):
    hostile = outline_saying(f"Före </style><script>x</script> {text}", outline)
    page = lxml.html.fromstring(print_html(hostile, for_pdf=True))
    # The one stylesheet is the page's own: a text's "</style>" did not end it.
    assert [style.text.startswith("/* The print page") for style in page.iter("style")] == [True]
    content = pdf_render(hostile)
    assert misprinted_pages(content) == []
    printed = "".join("".join(pdf_text(content)).split())
    assert "Före</style><script>x</script>" in printed
