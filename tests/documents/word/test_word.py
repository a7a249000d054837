"""A plan's Word document has real headings, tables and properties, and reads back with
`styr import-plan` to the same plan."""

import io
import json

import pytest
from docx import Document
from hypothesis import given
from hypothesis import strategies as st

from styr.documents.exporters import exporter_for
from styr.documents.outline import Heading, Outline, Paragraph, Table
from styr.documents.plan_outline import plan_outline
from styr.documents.subjects import Metadata
from styr.documents.word import MEDIA_TYPE, word_render
from styr.planning.models import Plan


def test_the_sample_plan_read_back_from_word_exports_the_same_json(
    db, styr, plan_subject, tmp_path
):
    original = styr("export-plan", str(plan_subject.plan.pk)).out
    rendered = exporter_for("plan", "docx").render(plan_subject)
    assert rendered.media_type == MEDIA_TYPE
    assert rendered.name == "kommunstyrelsen-2013-verksamhetsplan-forslag.docx"
    Plan.objects.all().delete()
    path = tmp_path / rendered.name
    path.write_bytes(rendered.content)
    run = styr("import-plan", str(path), "--json")
    assert run.error is None, run.err
    assert styr("export-plan", str(json.loads(run.out)["id"])).out == original


def test_the_document_has_headings_and_tables_in_the_plans_order(plan_subject):
    document = Document(io.BytesIO(word_render(plan_outline(plan_subject))))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    start = headings.index("KF:S INRIKTNINGSMÅL 1:")
    assert headings[start : start + 5] == [
        "KF:S INRIKTNINGSMÅL 1:",
        "1. Stockholm ska vara en attraktiv, trygg, tillgänglig och växande stad för boende, "
        "företagande och besök",
        "KF:S MÅL FÖR VERKSAMHETSOMRÅDET:",
        "1.1 Företag väljer att etablera sig i Stockholm framför andra städer i norra Europa",
        "NÄMNDMÅL:",
    ]
    first, budget = document.tables[0], document.tables[-1]
    assert [c.text for c in first.rows[0].cells] == [
        "KF:s indikatorer",
        "Årsmål",
        "KF:s årsmål",
        "Periodicitet",
    ]
    assert [c.text for c in budget.rows[-1].cells] == [
        "KS förslag till budget",
        "1\u00a0385,60",
        "−46,60",
        "1\u00a0339,00",
    ]
    assert not [p for p in document.paragraphs if p.text and not p.text.strip()]


def test_the_document_says_what_it_is(plan_subject):
    document = Document(io.BytesIO(word_render(plan_outline(plan_subject))))
    properties = document.core_properties
    assert properties.title == "Verksamhetsplan 2013 för kommunstyrelsen"
    assert properties.author == "Kommunstyrelsen"
    assert properties.language == "sv-SE"
    assert "verksamhetsplan" in properties.keywords


def outline_of_texts(title: str, text: str) -> Outline:
    metadata = Metadata("Kommunen", title, title, 2013, "proposal")
    return Outline(
        metadata,
        title,
        text,
        [
            Heading(title, 1, anchor="a"),
            Paragraph(text),
            Paragraph(text, "bullet"),
            Table([title, "Netto"], [[text, "1,00"]], caption=text, numeric=frozenset({1})),
        ],
    )


XML_FREE = "".join(chr(c) for c in range(0x20) if c not in (0x09, 0x0A, 0x0D))


@pytest.mark.hostile
@given(
    title=st.text(max_size=200) | st.just('<b>=HYPERLINK("http://x")</b>'),
    text=st.text(max_size=2000) | st.just("a" * 5000),
)
def test_any_text_renders_to_a_valid_document_with_the_text_as_given(title, text):
    document = Document(io.BytesIO(word_render(outline_of_texts(title, text))))
    table = document.tables[0]
    assert table.rows[1].cells[0].text == as_kept(text)
    assert table.rows[0].cells[0].text == as_kept(title)
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert as_kept(title) in headings


def as_kept(text: str) -> str:
    """Return a text as Word keeps it: without what XML cannot hold, a carriage return a break."""
    kept = "".join(c for c in text if c not in XML_FREE and c not in "\ufffe\uffff")
    kept = "".join(c for c in kept if not 0xD800 <= ord(c) <= 0xDFFF)
    return kept.replace("\r", "\n")
