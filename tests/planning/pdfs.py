"""Make PDF plan documents for tests, the way a word processor lays out the text."""

from fpdf import FPDF


class Pages(FPDF):
    """A PDF whose pages may carry a running header and a page number in the footer."""

    def __init__(self, header: str, page_numbers: str | None):
        super().__init__()
        self.running_header = header
        self.page_numbers = page_numbers
        self.core_fonts_encoding = "windows-1252"

    def header(self):
        if self.running_header:
            self.set_font("helvetica", size=8)
            self.cell(text=self.running_header, new_x="LMARGIN", new_y="NEXT")
            self.ln(4)

    def footer(self):
        if self.page_numbers:
            self.set_y(-15)
            self.set_font("helvetica", size=8)
            # fpdf puts the number of pages where the alias "{nb}" stands, once it is known.
            self.cell(text=self.page_numbers.format(page=self.page_no(), pages="{nb}"))


def pdf_of(
    text: str,
    *,
    header: str = "",
    page_numbers: str | None = None,
    lines_per_page: int | None = None,
) -> bytes:
    """Return a PDF with each non-blank line of the text as a line of a page.

    `header` is a running header on every page; `page_numbers` a format of the footer's page
    number, such as "{page}", "Sida {page} av {pages}" or "{page} ({pages})"; `lines_per_page`
    breaks pages after so many lines (else they break where a page is full). A line of a form
    feed ("\\f") alone breaks the page there.
    """
    pdf = Pages(header, page_numbers)
    pdf.add_page()
    pdf.set_font("helvetica", size=8)
    written = 0
    new_page = False
    # Not splitlines(), which would take a form feed for a line end.
    for line in text.replace("\r\n", "\n").split("\n"):
        if line.strip(" \t") == "\f":
            new_page = True
            continue
        if not line.strip():
            continue
        if new_page or (lines_per_page and written == lines_per_page):
            pdf.add_page()
            pdf.set_font("helvetica", size=8)
            written, new_page = 0, False
        pdf.cell(text=line, new_x="LMARGIN", new_y="NEXT")
        written += 1
    return bytes(pdf.output())


def pdf_without_text() -> bytes:
    """Return a PDF whose page holds only a drawing, like a scan without text recognition."""
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")
    return bytes(pdf.output())
