"""Hostile workbooks made from a real one, by rewriting its zip: shared by the hostile tests
and bench/upload_hostile.py."""

from __future__ import annotations

import random
import zipfile
from io import BytesIO

# openpyxl writes the sheets in order: the instructions, then the indicators.
INDICATORS_PART = "xl/worksheets/sheet2.xml"
MB = 1024 * 1024


def rewritten(data: bytes, part: str, write) -> bytes:
    """Return the workbook with one part written anew by `write(old_bytes, stream)`."""
    out = BytesIO()
    with (
        zipfile.ZipFile(BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for member in source.infolist():
            if member.filename == part:
                with target.open(part, "w", force_zip64=True) as stream:
                    write(source.read(member), stream)
            else:
                target.writestr(member.filename, source.read(member))
    return out.getvalue()


def rows_appended(data: bytes, count: int, *, item_id: int, seed: int = 0) -> bytes:
    """Return the workbook with `count` more filled-in rows in its indicators sheet."""
    chance = random.Random(seed)  # noqa: S311 (made-up values, not secrets)

    def write(old: bytes, stream) -> None:
        head, tail = old.split(b"</sheetData>")
        stream.write(head)
        first = head.count(b"<row ") + 1
        for start in range(first, first + count, 10_000):
            chunk = []
            for row in range(start, min(start + 10_000, first + count)):
                value = chance.randint(0, 10**6) / 100
                chunk.append(
                    f'<row r="{row}"><c r="A{row}"><v>{item_id}</v></c>'
                    f'<c r="H{row}"><v>{value}</v></c></row>'
                )
            stream.write("".join(chunk).encode())
        stream.write(b"</sheetData>" + tail)

    return rewritten(data, INDICATORS_PART, write)


def zip_bomb(data: bytes, megabytes: int) -> bytes:
    """Return the workbook whose indicators sheet unpacks to `megabytes` of blanks."""

    def write(old: bytes, stream) -> None:
        head, tail = old.split(b"<sheetData>")
        stream.write(head + b"<sheetData>")
        for _ in range(megabytes):
            stream.write(b" " * MB)
        stream.write(tail)

    return rewritten(data, INDICATORS_PART, write)


LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        b'<!ENTITY lol%d "%s">' % (n, (b"&lol%d;" % (n - 1) if n > 1 else b"&lol;") * 10)
        for n in range(1, 10)
    )
    + b"]>"
)


def entities(data: bytes, *, hidden: bool = False) -> bytes:
    """Return the workbook with a billion laughs in its workbook part; `hidden` puts it after
    a long comment, past where a quick look at the part's start would see it."""

    def write(old: bytes, stream) -> None:
        body = old.split(b"?>", 1)[1] if old.startswith(b"<?xml") else old
        body = body.replace(b"<sheets>", b"<sheets>&lol9;", 1)
        stream.write(LAUGHS.replace(b"<!DOCTYPE", b"<!--" + b"x" * 8192 + b"--><!DOCTYPE"))
        stream.write(body)

    def plain(old: bytes, stream) -> None:
        body = old.split(b"?>", 1)[1] if old.startswith(b"<?xml") else old
        stream.write(LAUGHS + body.replace(b"<sheets>", b"<sheets>&lol9;", 1))

    return rewritten(data, "xl/workbook.xml", write if hidden else plain)


def external_entity(data: bytes) -> bytes:
    """Return the workbook whose indicators sheet reads /etc/passwd through an entity."""

    def write(old: bytes, stream) -> None:
        body = old.split(b"?>", 1)[1] if old.startswith(b"<?xml") else old
        stream.write(b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>')
        stream.write(body.replace(b"<sheetData>", b"<sheetData>&e;", 1))

    return rewritten(data, INDICATORS_PART, write)
