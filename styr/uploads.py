"""Uploaded files, checked before anything reads them: their size, and that a workbook or a
Word document is what it claims to be rather than a text renamed .xlsx or .docx, a damaged
zip or a zip bomb.

The limits are settings (the "Uploads" block of styr/settings.py). Every refusal is an
`UploadRefused` whose message names the file, for the page or the command to show as it is.
"""

from __future__ import annotations

import zipfile
import zlib
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.template.defaultfilters import filesizeformat
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MB = 1024 * 1024
ZIP = b"PK\x03\x04"
OLE = b"\xd0\xcf\x11\xe0"  # Excel 97–2003 (.xls), Word 97–2003 (.doc) and other old Office files
# The parts every workbook has, by the Open XML standard (ECMA-376).
WORKBOOK_PARTS = ("[Content_Types].xml", "xl/workbook.xml")
WORD_PARTS = ("[Content_Types].xml", "word/document.xml")
# A workbook's XML never declares a document type; one that does is built to attack the parser
# (billion laughs, external entities). Declarations come first, so the start of a part tells.
DECLARATIONS = (b"<!DOCTYPE", b"<!ENTITY")
DECLARATION_SCAN = 4096
# What zipfile and zlib raise for a damaged zip (an unknown compression: NotImplementedError).
BROKEN = (zipfile.BadZipFile, zlib.error, ValueError, EOFError, OSError, NotImplementedError)


class UploadRefused(ValueError):
    """The file is refused before it is read; the message says which file and why."""


def max_bytes() -> int:
    return settings.STYR_UPLOAD_MAX_BYTES


def size_text(size: int) -> str:
    return str(filesizeformat(size))


def too_large(name: str, size: int) -> UploadRefused:
    return UploadRefused(
        _("%(name)s is %(size)s; a file may be at most %(limit)s.")
        % {"name": name, "size": size_text(size), "limit": size_text(max_bytes())}
    )


def upload_bytes(file, *, name: str) -> bytes:
    """Return the file's bytes (a path, bytes or an open file), refusing a file over the limit
    before reading it."""
    limit = max_bytes()
    if isinstance(file, bytes):
        data = file
    elif isinstance(file, str | Path):
        size = Path(file).stat().st_size
        if size > limit:
            raise too_large(name, size)
        data = Path(file).read_bytes()
    else:
        if getattr(file, "size", 0) and file.size > limit:
            raise too_large(name, file.size)
        file.seek(0)
        data = file.read(limit + 1)
    if len(data) > limit:
        raise too_large(name, len(data))
    return data


@dataclass(frozen=True)
class ZipKind:
    """A kind of Office file that is a zip: the parts it always has, and what a refusal says of
    a file that is not one ("%(name)s" stands for the file's name in each message; the
    messages are lazy, translated when a file is refused)."""

    parts: tuple[str, ...]
    old: Promise  # the file is the kind's 97–2003 binary format
    not_it: Promise
    damaged: Promise
    bomb: Promise
    members: Promise  # also names the number of parts, "%(count)d"
    declaration: Promise


WORKBOOK = ZipKind(
    parts=WORKBOOK_PARTS,
    old=gettext_lazy(
        "%(name)s is an Excel 97–2003 file (.xls): save it as an Excel workbook (.xlsx)."
    ),
    not_it=gettext_lazy("%(name)s is not an Excel workbook (.xlsx)."),
    damaged=gettext_lazy(
        "%(name)s is damaged and cannot be read: open it in Excel, save it as an Excel "
        "workbook (.xlsx) and upload it again."
    ),
    bomb=gettext_lazy("%(name)s unpacks to far more than a workbook does; it is not read."),
    members=gettext_lazy(
        "%(name)s holds %(count)d parts, more than a workbook does; it is not read."
    ),
    declaration=gettext_lazy(
        "%(name)s holds XML with a document type declaration, which a workbook "
        "never has; it is not read."
    ),
)
WORD = ZipKind(
    parts=WORD_PARTS,
    old=gettext_lazy(
        "%(name)s is a Word 97–2003 document (.doc): save it as a Word document (.docx)."
    ),
    not_it=gettext_lazy("%(name)s is not a Word document (.docx)."),
    damaged=gettext_lazy(
        "%(name)s is damaged and cannot be read: open it in Word, save it as a Word "
        "document (.docx) and try again."
    ),
    bomb=gettext_lazy("%(name)s unpacks to far more than a Word document does; it is not read."),
    members=gettext_lazy(
        "%(name)s holds %(count)d parts, more than a Word document does; it is not read."
    ),
    declaration=gettext_lazy(
        "%(name)s holds XML with a document type declaration, which a Word document "
        "never has; it is not read."
    ),
)


def refused(message, name: str, **values) -> UploadRefused:
    """Return the refusal of the file `name` with a message of a ZipKind, translated."""
    return UploadRefused(str(message) % {"name": name, **values})


def xlsx_checked(data: bytes, *, name: str) -> zipfile.ZipFile:
    """Return the workbook's zip, once its directory shows an Excel workbook of sane size."""
    return zip_checked(data, name=name, kind=WORKBOOK)


def docx_checked(data: bytes, *, name: str) -> zipfile.ZipFile:
    """Return the Word document's zip, once its directory shows a .docx of sane size."""
    return zip_checked(data, name=name, kind=WORD)


def zip_checked(data: bytes, *, name: str, kind: ZipKind) -> zipfile.ZipFile:
    """Return the file's zip, once its directory shows a file of the kind of sane size.

    Only the zip's directory and the first bytes of each XML part are read: nothing is
    inflated beyond that, so a zip bomb is refused before it goes off.
    """
    if data.startswith(OLE):
        raise refused(kind.old, name)
    if not data.startswith(ZIP):
        raise refused(kind.not_it, name)
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        members = archive.infolist()
    except BROKEN as error:
        raise refused(kind.damaged, name) from error
    if not set(kind.parts) <= {member.filename for member in members}:
        raise refused(kind.not_it, name)
    bounded(members, name=name, kind=kind)
    declarations_refused(archive, members, name=name, kind=kind)
    return archive


def damaged(name: str) -> UploadRefused:
    """Return the refusal of a damaged workbook."""
    return refused(WORKBOOK.damaged, name)


def bounded(members: list[zipfile.ZipInfo], *, name: str, kind: ZipKind = WORKBOOK) -> None:
    """Refuse a zip of too many parts, or one that would unpack to too much (a zip bomb)."""
    if len(members) > settings.STYR_UPLOAD_MAX_MEMBERS:
        raise refused(kind.members, name, count=len(members))
    if sum(member.file_size for member in members) > settings.STYR_UPLOAD_MAX_UNPACKED:
        raise refused(kind.bomb, name)
    for member in members:
        if member.flag_bits & 0x1:
            raise UploadRefused(
                _("%(name)s is protected by a password: save it without one.") % {"name": name}
            )
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > MB and ratio > settings.STYR_UPLOAD_MAX_RATIO:
            raise refused(kind.bomb, name)


def declarations_refused(
    archive: zipfile.ZipFile, members, *, name: str, kind: ZipKind = WORKBOOK
) -> None:
    """Refuse XML that declares a document type or entities, which no Office file has."""
    for member in members:
        if not member.filename.endswith((".xml", ".rels", ".vml")):
            continue
        try:
            with archive.open(member) as part:
                start = part.read(DECLARATION_SCAN)
        except BROKEN as error:
            raise refused(kind.damaged, name) from error
        if any(declaration in start for declaration in DECLARATIONS):
            raise refused(kind.declaration, name)


class Oversized(UploadedFile):
    """A file the upload handler stopped keeping at the limit: its name and size, no content."""

    def __init__(self, name: str, size: int, content_type: str):
        super().__init__(BytesIO(), name, content_type, size)


class UploadLimitHandler(FileUploadHandler):
    """Keep no byte of a file over STYR_UPLOAD_MAX_BYTES, so that the form refuses it by name.

    Django reads a request's files before any view runs (the CSRF check reads the form), so the
    limit is kept here, first among the handlers: a request announced as too large is not kept
    at all, and a file that grows past the limit is dropped from then on.
    """

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        # The other fields of a form are small; a request this large is a file over the limit.
        self.announced_too_large = content_length > max_bytes() + MB

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.announced_too_large or self.received > max_bytes():
            return None  # the handlers after this one never see the bytes
        return raw_data

    def file_complete(self, file_size):
        if self.announced_too_large or self.received > max_bytes():
            return Oversized(self.file_name, self.received, self.content_type)
        return None
