"""The names of bodies and members in a decision, as the Stockholm memoranda write them.

A body's name may have several words ("Miljö- och hälsoskyddsnämndens beredning",
"stadsdelsnämnden i Farsta", "Farsta stadsdelsförvaltning"); it is read by its form, not
from a list. Members are written with their titles ("ordföranden Anna Ek", "andre vice
ordföranden Bo Al"); the titles are told apart from the names and kept beside them. This is
the one place that reads a member's title, for documents and for the web's forms alike.
"""

from __future__ import annotations

import re
from itertools import zip_longest
from typing import NamedTuple

# Words joined by spaces, each of letters, digits and hyphens ("Miljö- och hälsoskydds…").
NAME = re.compile(r"[\w][\w-]*(?: [\w-]+){0,7}")
LONGEST_NAME = 100
# The endings of a forum's name: the boards, committees and councils a reservation is made in,
# as one word ("Kulturberedningen") or after a body's genitive ("Stadsdelsnämndens
# arbetsutskott", "Revisorskollegiets presidium").
FORUM_ENDINGS = (
    "nämnden",
    "beredningen",
    "styrelsen",
    "fullmäktige",
    "utskottet",
    "rådet",
    "kollegiet",
    "presidiet",
)
AFTER_GENITIVE = ("nämnd", "beredning", "styrelse", "utskott", "råd", "kollegium", "presidium")
FORUM_MOST_WORDS = 6
FORUM_LONGEST = 60
# Offices prepare a case; they are no forum, so reservations before a heading are the
# deciding body's.
OFFICE_ENDINGS = ("förvaltningen", "förvaltning", "kontoret", "kansliet")
MEMBER_TITLE = re.compile(
    r"^(?P<title>(?:(?:förste|andre|tredje|1:e|2:e|3:e)\s+)?(?:vice\s+)?ordförande[n]?"
    r"|(?:tjänstgörande\s+)?(?:ledamoten|ledamöterna|ersättaren|ersättarna)"
    r"|(?:oppositions)?borgarråd(?:et|en))\s+",
    re.IGNORECASE,
)
# A plural title names several members, and each holds the singular one: in "ledamöterna Bo Ek
# och Cecilia Dahl" both are "ledamoten".
SINGULAR_TITLES = {
    "ledamöterna": "ledamoten",
    "ersättarna": "ersättaren",
    "borgarråden": "borgarrådet",
    "oppositionsborgarråden": "oppositionsborgarrådet",
}
MEMBERS_SEPARATOR = re.compile(r",\s*|\s+och\s+")


class Member(NamedTuple):
    """A member named in a reservation, and the title written before the name ("" if none)."""

    name: str
    title: str = ""


def body_name(text: str) -> str | None:
    """Return the text as a body's name, or None if it is no name ("Jag", a sentence)."""
    text = text.strip()
    if not text or len(text) > LONGEST_NAME or NAME.fullmatch(text) is None:
        return None
    return text


def is_office(name: str) -> bool:
    return name.lower().endswith(OFFICE_ENDINGS)


def forum_heading(text: str, names: set[str]) -> str | None:
    """Return the forum a short heading line names ("Miljö- och hälsoskyddsnämnden"), or None.

    A heading is a few words, not a sentence, starting with a capital; it names a forum by
    its ending or by being the proposing or deciding body (`names`, in lower case).
    """
    # The cheap tests first: most lines of a decision are prose.
    if len(text) > FORUM_LONGEST or not text[:1].isupper() or text[-1:] in ".:,;":
        return None
    lowered = text.lower()
    words = lowered.split()
    named = lowered in names or lowered.endswith(FORUM_ENDINGS)
    owned = len(words) > 1 and words[-2].endswith("s") and words[-1].endswith(AFTER_GENITIVE)
    if not (named or owned) or len(words) > FORUM_MOST_WORDS or NAME.fullmatch(text) is None:
        return None
    return lowered


def member_read(text: str) -> Member:
    """Return a member's name and the title before it, as the memoranda write it (in lower case,
    one space between words).

    "vice ordföranden Karin Ek" gives Member("Karin Ek", "vice ordföranden"); "Karin Ek"
    gives Member("Karin Ek", "").
    """
    text = " ".join(text.split())
    match = MEMBER_TITLE.match(text)
    if match is None:
        return Member(text)
    title = " ".join(match.group("title").lower().split())
    return Member(text[match.end() :], title)


def singular(title: str) -> str:
    """Return the title one member of a plural title holds ("ledamöterna" → "ledamoten")."""
    *before, last = title.split(" ")
    return " ".join([*before, SINGULAR_TITLES.get(last, last)])


def members_read(text: str) -> list[Member]:
    """Return the members in a list of members, each with the title written before the name.

    "ordföranden Anna Ek och ledamoten Bo Al" gives [("Anna Ek", "ordföranden"), ("Bo Al",
    "ledamoten")]. A plural title holds for the names after it, up to the next title:
    "ledamöterna Bo Al och Cia Berg" gives each "ledamoten"; a singular one only for its own.
    """
    members = []
    shared = ""
    for part in MEMBERS_SEPARATOR.split(text):
        member = member_read(part)
        if not member.name:
            continue
        if member.title:
            title = singular(member.title)
            shared = title if title != member.title else ""
            member = Member(member.name, title)
        elif shared:
            member = Member(member.name, shared)
        members.append(member)
    return members


def member_write(name: str, title: str = "") -> str:
    """Return a member as the minutes name them: "borgarrådet Karin Wanngård", or the name."""
    return f"{title} {name}" if title else name


def titles_fitted(names: list[str], titles: list[str]) -> list[str]:
    """Return a title for each name, in order: "" for a name without one, as a record kept
    before titles were (or one made without them) has."""
    return [title for _, title in zip_longest(names, titles[: len(names)], fillvalue="")]


def members_written(names: list[str], titles: list[str]) -> list[str]:
    """Return each member as the minutes name them, with the title if there is one."""
    return [
        member_write(name, title)
        for name, title in zip(names, titles_fitted(names, titles), strict=True)
    ]
