"""Make PDF plan documents for tests, the way a word processor lays out the text."""

from fpdf import FPDF


def pdf_of(text: str) -> bytes:
    """Return a PDF with each non-blank line of the text as a line of a page."""
    pdf = FPDF()
    pdf.core_fonts_encoding = "windows-1252"
    pdf.add_page()
    pdf.set_font("helvetica", size=8)
    for line in text.splitlines():
        if line.strip():
            pdf.cell(text=line.rstrip(), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def pdf_without_text() -> bytes:
    """Return a PDF whose page holds only a drawing, like a scan without text recognition."""
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")
    return bytes(pdf.output())
