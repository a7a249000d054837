"""Uploaded files, checked before anything reads them: their size, and that a workbook is
what it claims to be rather than a text renamed .xlsx, a damaged zip or a zip bomb.

The limits are settings (the "Uploads" block of styr/settings.py). Every refusal is an
`UploadRefused` whose message names the file, for the page or the command to show as it is.
"""

from __future__ import annotations

import zipfile
import zlib
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

MB = 1024 * 1024
ZIP = b"PK\x03\x04"
OLE = b"\xd0\xcf\x11\xe0"  # Excel 97–2003 (.xls), and other old Office files
# The parts every workbook has, by the Open XML standard (ECMA-376).
WORKBOOK_PARTS = ("[Content_Types].xml", "xl/workbook.xml")
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


def xlsx_checked(data: bytes, *, name: str) -> zipfile.ZipFile:
    """Return the workbook's zip, once its directory shows an Excel workbook of sane size.

    Only the zip's directory and the first bytes of each XML part are read: nothing is
    inflated beyond that, so a zip bomb is refused before it goes off.
    """
    if data.startswith(OLE):
        raise UploadRefused(
            _("%(name)s is an Excel 97–2003 file (.xls): save it as an Excel workbook (.xlsx).")
            % {"name": name}
        )
    not_xlsx = UploadRefused(_("%(name)s is not an Excel workbook (.xlsx).") % {"name": name})
    if not data.startswith(ZIP):
        raise not_xlsx
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        members = archive.infolist()
    except BROKEN as error:
        raise damaged(name) from error
    if not set(WORKBOOK_PARTS) <= {member.filename for member in members}:
        raise not_xlsx
    bounded(members, name=name)
    declarations_refused(archive, members, name=name)
    return archive


def damaged(name: str) -> UploadRefused:
    return UploadRefused(
        _(
            "%(name)s is damaged and cannot be read: open it in Excel, save it as an Excel "
            "workbook (.xlsx) and upload it again."
        )
        % {"name": name}
    )


def bounded(members: list[zipfile.ZipInfo], *, name: str) -> None:
    """Refuse a zip of too many parts, or one that would unpack to too much (a zip bomb)."""
    bomb = UploadRefused(
        _("%(name)s unpacks to far more than a workbook does; it is not read.") % {"name": name}
    )
    if len(members) > settings.STYR_UPLOAD_MAX_MEMBERS:
        raise UploadRefused(
            _("%(name)s holds %(count)d parts, more than a workbook does; it is not read.")
            % {"name": name, "count": len(members)}
        )
    if sum(member.file_size for member in members) > settings.STYR_UPLOAD_MAX_UNPACKED:
        raise bomb
    for member in members:
        if member.flag_bits & 0x1:
            raise UploadRefused(
                _("%(name)s is protected by a password: save it without one.") % {"name": name}
            )
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > MB and ratio > settings.STYR_UPLOAD_MAX_RATIO:
            raise bomb


def declarations_refused(archive: zipfile.ZipFile, members, *, name: str) -> None:
    """Refuse XML that declares a document type or entities, which no workbook has."""
    for member in members:
        if not member.filename.endswith((".xml", ".rels", ".vml")):
            continue
        try:
            with archive.open(member) as part:
                start = part.read(DECLARATION_SCAN)
        except BROKEN as error:
            raise damaged(name) from error
        if any(declaration in start for declaration in DECLARATIONS):
            raise UploadRefused(
                _(
                    "%(name)s holds XML with a document type declaration, which a workbook "
                    "never has; it is not read."
                )
                % {"name": name}
            )


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
