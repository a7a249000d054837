"""Turn the text of a plan document into clean lines, and lines into words and paragraphs.

Text taken out of a PDF keeps the PDF's line breaks: words are hyphenated at line ends, page
numbers stand on lines of their own, and a table cell that wraps puts its pieces on separate
lines. These functions undo that, and remember each line's number for error messages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from styr.planning.document import Problem

BULLET_CHARS = "\uf0b7\u2022\u25aa"
# Bullets as "•"; soft hyphens, which mark where a word may break, dropped.
BULLETS = str.maketrans({**dict.fromkeys(BULLET_CHARS, "•"), "\u00ad": None})
BULLET_START = re.compile(r"^•\s*")
SPACES = re.compile(r"[ \t\u00a0]+")
PAGE_NUMBER = re.compile(r"^\d{1,3}$")
SENTENCE_END = re.compile(r"[.!?:]$")
NOT_A_HEADING = re.compile(r"[.,;:!?\-–]$")
# Words after a line-end hyphen that show it is a real hyphen in a shortened compound
# ("Risk- och väsentlighetsanalys"), not a break inside one word.
CONJUNCTIONS = {"och", "eller", "samt", "respektive", "som", "till"}
# Characters beyond the longest word of a document that a hyphenated word may carry: the
# hyphen and punctuation around it.
WORD_SLACK = 8


class NotText(Exception):
    """The input is not a text document (binary, in an unknown encoding, or too large)."""

    def __init__(self, message: str, where: str = ""):
        super().__init__(message)
        self.problem = Problem(where, message)


@dataclass(frozen=True)
class Line:
    number: int
    text: str
    # Bullets often come out of a PDF as a bare indent.
    indented: bool = False
    # The page of a PDF the line stands on; None in a text or Word document.
    page: int | None = None
    # The line ends a paragraph of its document: a Word document written in paragraphs says
    # where each ends, so that nothing about it is guessed from the width of its lines.
    ends_paragraph: bool = False

    @property
    def where(self) -> str:
        if self.page is None:
            return _("line %(line)s") % {"line": self.number}
        return _("page %(page)s, line %(line)s") % {"page": self.page, "line": self.number}


@dataclass(frozen=True)
class RawLine:
    """A line as a document gives it, before it is cleaned: its number, text and page."""

    number: int
    text: str
    page: int | None = None


def decode(data: bytes) -> str:
    """Return the text of a document in UTF-8 (with or without BOM) or Windows-1252."""
    if b"\x00" in data:
        raise NotText(_("the file is binary, not text"))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise NotText(
            _("the file is neither UTF-8 nor Windows-1252 text (byte %(byte)d)")
            % {"byte": error.start},
            where=_("line %(line)s") % {"line": line},
        ) from error


def shortened(text: str, most: int = 30) -> str:
    """Return a text to quote in a message: its start, if it is long."""
    return text if len(text) <= most else f"{text[:most]}…"


def megabytes(size: int) -> str:
    """Return a size in bytes as megabytes with one decimal ("10.0")."""
    return f"{size / 1024 / 1024:.1f}"


def clean_lines(text: str | list[RawLine]) -> list[Line]:
    """Return the non-blank lines, stripped, with cell pieces that a PDF split joined up.

    Text extracted from PDF ends every line that ends a word with a space. Where most lines do,
    a line without one stopped inside a word (a narrow table cell: "kwh/kv" + "m"), so it is
    joined to the next line without a space, on the same page only: a page ends its last line.
    """
    if isinstance(text, str):
        text = [RawLine(number, line) for number, line in enumerate(text.splitlines(), start=1)]
    filled = [line.text for line in text if line.text.strip()]
    spaced = sum(1 for line in filled if line[-1].isspace())
    glue_unspaced = bool(filled) and spaced / len(filled) > 0.5
    lines: list[Line] = []
    glue = False
    for raw in text:
        line = raw.text
        stripped = normalise(line.strip())
        if not stripped:
            continue
        if glue and lines and lines[-1].page == raw.page:
            last = lines[-1]
            lines[-1] = Line(last.number, last.text + stripped, last.indented, last.page)
        else:
            indented = line[:1].isspace() or stripped.startswith("•")
            lines.append(Line(raw.number, stripped.removeprefix("• "), indented, raw.page))
        glue = glue_unspaced and not line[-1].isspace() and not line.endswith("-")
    return lines


def normalise(text: str) -> str:
    """Return a line with bullets as "•" and runs of spaces as one."""
    text = text.translate(BULLETS)
    if text.startswith("•"):
        text = BULLET_START.sub("• ", text)
    return SPACES.sub(" ", text)


def is_page_number(line: Line) -> bool:
    return bool(PAGE_NUMBER.match(line.text))


class Joiner:
    """Join lines into running text, undoing hyphenation at line ends.

    A hyphen at a line end is dropped when the next line goes on in lower case ("slut-" +
    "datum"), unless the document writes the hyphenated word elsewhere ("it-området");
    it is kept before a capital ("Hässelby-" + "Vällingby") and before a conjunction
    ("Risk-" + "och").
    """

    def __init__(self, lines: list[Line]):
        self.words = {word.strip(".,;:()”\"'") for line in lines for word in line.text.split()[:-1]}
        # How much of a paragraph's last word is kept to look up: a word longer than any the
        # document writes cannot be one of them, and a run of hyphenated line ends makes one
        # word as long as the run.
        self.reach = max(map(len, self.words), default=0) + WORD_SLACK

    def join(self, parts: list[str]) -> str:
        # Pieces are gathered in a list, and only the last word is looked at, so that a
        # paragraph of many lines joins in time proportional to its length.
        pieces: list[str] = []
        last = ""  # the text's last word: what follows its last space
        for part in parts:
            part = part.strip()
            if not part:
                continue
            if not pieces:
                glued = part
            elif last.endswith("-") and len(last) > 1 and last[-2].isalpha():
                glued = self._join_hyphenated(last, part)
                if glued is None:
                    pieces[-1] = pieces[-1][:-1]
                    last = last[:-1]
                    glued = part
            else:
                glued = f" {part}"
            pieces.append(glued)
            last = glued.rsplit(" ", 1)[-1] if " " in glued else last + glued
            if len(last) > self.reach:
                # NUL is in no word of a document, so the shortened word is never looked up.
                last = "\x00" + last[-self.reach :]
        return "".join(pieces)

    def _join_hyphenated(self, head: str, part: str) -> str | None:
        """Return what follows a line-end hyphen after the word `head`, or None to drop it."""
        next_word = part.split()[0]
        if not next_word[0].islower() or next_word.strip(".,;:") in CONJUNCTIONS:
            separator = "" if next_word[0].isupper() else " "
            return f"{separator}{part}"
        hyphenated = (head + next_word).strip(".,;:()”\"'")
        if hyphenated in self.words:
            return part
        return None

    def paragraphs(self, lines: list[Line]) -> str:
        """Return prose lines as paragraphs separated by blank lines.

        A paragraph ends at a line that ends a sentence well before the width of the block. A
        short line that starts a paragraph without ending a sentence, before a capital, is a
        heading: a paragraph of its own. An indented line after a colon starts a list, and each
        indented line in a list an item. A line that ends its paragraph (`ends_paragraph`) ends
        it here too.
        """
        lines = [line for line in lines if not is_page_number(line)]
        if not lines:
            return ""
        width = max(len(line.text) for line in lines)
        paragraphs: list[list[str]] = []
        in_list = closed = False
        previous = ""
        for index, line in enumerate(lines):
            if line.indented and (in_list or previous.endswith(":")):
                paragraphs.append(["•"])
                in_list = True
            elif closed or not paragraphs:
                paragraphs.append([])
                in_list = False
            paragraphs[-1].append(line.text)
            following = lines[index + 1].text if index + 1 < len(lines) else ""
            heading = (
                paragraphs[-1] == [line.text]
                and not NOT_A_HEADING.search(line.text)
                and len(line.text) < 0.7 * width
                and following[:1].isupper()
            )
            short_sentence = SENTENCE_END.search(line.text) and len(line.text) < 0.85 * width
            closed = heading or bool(short_sentence) or line.ends_paragraph
            previous = line.text
        return "\n\n".join(self.join(p) for p in paragraphs)


def problem_at(line: Line | None, message: str) -> Problem:
    return Problem(line.where if line else "", message)
