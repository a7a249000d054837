"""Take the text out of a PDF plan document, page by page."""

from __future__ import annotations

import io

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from styr.planning.parsing.lines import NotText


def pdf_text(data: bytes) -> str:
    """Return the text of a PDF; raise NotText when it has none to give."""
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise NotText("the PDF is encrypted; save it without a password and try again")
        pages = [page.extract_text() or "" for page in reader.pages]
    except PdfReadError as error:
        raise NotText(f"the PDF cannot be read: {error}") from error
    text = "\n".join(pages)
    if not text.strip():
        raise NotText(
            "the PDF has no text, only images (a scanned document?); "
            "run text recognition (OCR) on it first"
        )
    return text
