"""Take the text out of a PDF plan document, page by page."""

from __future__ import annotations

import io
import re

from django.conf import settings
from django.utils.translation import gettext as _
from pypdf import PdfReader

from styr.planning.parsing.lines import NotText, megabytes, shortened

# Characters no plan is written in: NUL and other controls, and halves of UTF-16 pairs, which
# broken fonts give and which neither the database nor a page can hold.
NOT_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")


def pdf_pages(data: bytes) -> list[str]:
    """Return the text of each page of a PDF; raise NotText when it has none to give."""
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise NotText(_("the PDF is encrypted; save it without a password and try again"))
        pages = pages_text(reader)
    except NotText:
        raise
    # pypdf meets a broken or hostile file with errors of many kinds, not only PdfReadError.
    except Exception as error:
        raise NotText(
            _("the PDF cannot be read: %(error)s") % {"error": shortened(str(error), 200)}
        ) from error
    pages = [NOT_TEXT.sub("", page) for page in pages]
    if not any(page.strip() for page in pages):
        raise NotText(
            _(
                "the PDF has no text, only images (a scanned document?); "
                "run text recognition (OCR) on it first"
            )
        )
    return pages


def pages_text(reader: PdfReader) -> list[str]:
    """Return the text of each page, refusing more pages or text than a plan has."""
    count = len(reader.pages)
    if count > settings.STYR_IMPORT_MAX_PDF_PAGES:
        raise NotText(
            _(
                "the PDF has %(count)d pages; a plan may have at most %(most)d "
                "(STYR_IMPORT_MAX_PDF_PAGES)"
            )
            % {"count": count, "most": settings.STYR_IMPORT_MAX_PDF_PAGES}
        )
    pages, size = [], 0
    for page in reader.pages:
        pages.append(page.extract_text() or "")
        size += len(pages[-1])
        if size > settings.STYR_IMPORT_MAX_TEXT_BYTES:
            raise NotText(
                _(
                    "the PDF holds more than %(size)s MB of text, more than a plan in text may "
                    "be (STYR_IMPORT_MAX_TEXT_BYTES)"
                )
                % {"size": megabytes(settings.STYR_IMPORT_MAX_TEXT_BYTES)}
            )
    return pages
