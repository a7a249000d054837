"""Read the decision that wraps a plan document in the layout of the Stockholm memoranda (PM).

The decision part comes before the plan: the memorandum and diary numbers, the title, the
sentence naming who proposes and who decides, the numbered decision points, the rapporteur's
statement, the signing place and date, the attachments, and the reservations of each forum.
Decision points that amend the plan ("… får slutdatum …", "En ny aktivitet läggs till …",
"… utgår") are read as structured amendments.

Nothing is read silently: a decision without points, amendments announced but not read, a
point that reads like an amendment but is none are problems; text that has no place in the
layout is a warning, with its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from django.utils.translation import gettext as _

from styr.decisions.bodies import body_name, forum_heading, is_office, members_read
from styr.decisions.changes import announced_points, announcement, reads_like_amendment
from styr.decisions.document import (
    AmendmentDoc,
    AttachmentDoc,
    DecisionDocument,
    PointDoc,
    ReservationDoc,
)
from styr.planning.document import Problem
from styr.planning.parsing.lines import Joiner, Line, shortened
from styr.swedish import WRITTEN_DATE, NotADate, date_read

# "9 januari 2013" as the memoranda write a date, or "2013-01-09" as Styr does.
SWEDISH_DATE = rf"({WRITTEN_DATE}|[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}})"
MEMORANDUM = re.compile(r"^(PM \d{4}:\s*\S+)\s*\(Dnr ([^)]+)\)")
PROPOSES, DECIDES = " föreslår att ", " beslutar följande"
RAPPORTEUR = re.compile(r"^Föredragande (\w+) (.+?) anför följande\.?$")
# "Stockholm den 9 januari 2013", "Hässelby-Vällingby den …": a place of a few words.
SIGNED = re.compile(rf"^[\w-]+(?: [\w-]+){{0,3}} den {SWEDISH_DATE}\.?$")
STATEMENT = re.compile(rf"tjänsteutlåtande daterat den {SWEDISH_DATE}")
PREPARED_START = "Ärendet har beretts av "
PREPARED = re.compile(r"^Ärendet har beretts av (.+?)\.$")
RESERVATION = re.compile(r"^Reservation anfördes av ")
RESERVATION_HEAD = re.compile(
    r"^Reservation anfördes av (?P<members>.+?) \((?:alla |båda |samtliga )?(?P<party>[^)]+)\)"
    r"(?: med hänvisning till reservationen av \((?P<refers_party>[^)]+)\) i "
    r"(?P<refers_forum>[^.]+))?"
)
# A forum's word on the proposal: "Borgarrådsberedningen tillstyrker … förslag."
ENDORSING = (" tillstyrker ", " bifaller ", " avstyrker ")
# The headings of the statement that explains the proposal, as the memoranda and the offices'
# reports write them.
HEADINGS = {
    "ärendet",
    "beredning",
    "ärendets beredning",
    "mina synpunkter",
    "sammanfattning",
    "bakgrund",
    "synpunkter",
    "förvaltningens synpunkter",
    "förvaltningens synpunkter och förslag",
    "förslag till beslut",
    "förvaltningens förslag till beslut",
}
PLAN_START = re.compile(r"^(ÄRENDET|KF:S INRIKTNINGSMÅL\s*\d+\s*:?)$")
# A signature: the signer's name and title, a few words each, under the place and date.
SIGNATURE_MOST_WORDS = 4
# How far after the memorandum the proposing sentence is looked for, unless it comes just
# before the first point.
PROPOSAL_SEARCH_LINES = 40
# The lines a sentence of the layout may wrap over.
SENTENCE_MOST_LINES = 4
# A quoted name may hold quotes of its own ("Idéernas Stockholm"); the outer ones are ” ”.
QUOTED = r"”(?P<{name}>.+?)”"
SECTION = r"under avsnitt (?P<section>\d+\.\d+)"
ACTIVITY_CHANGED = re.compile(
    rf"aktiviteten {QUOTED.format(name='activity')} {SECTION} får "
    r"(?:startdatum (?P<start>\d{4}-\d{2}-\d{2}))?(?: och )?"
    r"(?:slutdatum (?P<end>\d{4}-\d{2}-\d{2}))?",
    re.IGNORECASE,
)
ACTIVITY_ADDED = re.compile(
    r"En ny aktivitet läggs till under avsnitt (?P<section>\d+\.\d+)"
    r"(?: och nämndmålet ”(?P<board_goal>.+?)”)?, aktiviteten lyder: (?P<title>.+)$"
)
BOARD_GOAL_ADDED = re.compile(
    r"Ett nytt nämndmål läggs till under avsnitt (?P<section>\d+\.\d+), "
    r"nämndmålet lyder: (?P<title>.+?)\.?$"
)
REMOVED = re.compile(
    r"(?P<what>aktiviteten|indikatorn|nämndmålet) ”(?P<name>.+?)” "
    rf"{SECTION} (?:utgår|stryks)",
    re.IGNORECASE,
)
REMOVALS = {
    "aktiviteten": ("remove_activity", "activity"),
    "indikatorn": ("remove_indicator", "indicator"),
    "nämndmålet": ("remove_board_goal", "board_goal"),
}


def written_date(text: str | None, *, words: bool = True) -> date | None:
    """Return the date "9 januari 2013" (or, without `words`, "2013-06-30") names, or None if
    there is none ("31 februari", "2013-02-30")."""
    try:
        return date_read(text, words=words) if text else None
    except NotADate:
        return None


@dataclass
class DecisionReading:
    """The decision read before a plan, if the document has one, with its problems and warnings."""

    decision: DecisionDocument | None
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


class Numbered(NamedTuple):
    """A numbered list read from lines: its points, the line each starts on, the lines used."""

    points: list[PointDoc]
    lines: list[Line]
    end: int


def read_decision(lines: list[Line]) -> DecisionReading:
    """Read the decision before the plan; it is None when the document has no memorandum.

    The memorandum starts the decision; what comes before it (a cover with the plan's title,
    a table of contents) is not read.
    """
    end = next((i for i, line in enumerate(lines) if PLAN_START.match(line.text)), len(lines))
    start = next((i for i in range(end) if MEMORANDUM.match(lines[i].text)), None)
    if start is None:
        return DecisionReading(None)
    return DecisionReader(lines[start:end], lines).read()


def numbered(lines: list[Line], joiner: Joiner, stop=None, continued=True) -> Numbered:
    """Read the numbered list that starts the lines: 1. …, 2. …, up to the first gap.

    A point goes on over the following lines until the next number (or, where `continued`
    is off, ends with its line); the list ends where `stop(text)` holds, or at a line that is
    not part of it (without `stop`: one that starts in upper case).
    """
    points: list[list[str]] = []
    starts: list[Line] = []
    end = len(lines)
    for index, line in enumerate(lines):
        if stop is not None and stop(line.text):
            end = index
            break
        expected = f"{len(points) + 1}. "
        if line.text.startswith(expected):
            points.append([line.text[len(expected) :]])
            starts.append(line)
        elif points and continued and (stop is not None or line.text[:1].islower()):
            points[-1].append(line.text)
        else:
            end = index
            break
    docs = [PointDoc(number, joiner.join(texts)) for number, texts in enumerate(points, start=1)]
    return Numbered(docs, starts, end)


def proposal(text: str) -> tuple[str, str] | None:
    """Return the proposing and deciding bodies of "X föreslår att Y beslutar följande."."""
    text = text.removesuffix(".").rstrip()
    if not text.endswith(DECIDES):
        return None
    proposer, found, decider = text.removesuffix(DECIDES).partition(PROPOSES)
    proposer, decider = body_name(proposer), body_name(decider)
    # "Jag föreslår att beredningen föreslår att …" is the rapporteur's, not the decision's.
    if not found or not proposer or not decider or not proposer[0].isupper():
        return None
    if proposer == "Jag" or PROPOSES.strip() in decider:
        return None
    return proposer, decider


class DecisionReader:
    """Read one decision part (the lines from the memorandum to the plan) in one pass."""

    def __init__(self, part: list[Line], lines: list[Line]):
        self.part = part
        self.texts = [line.text for line in part]
        self.all_lines = lines
        self.joiner = Joiner(lines)
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.unplaced: list[int] = []
        self.point_lines: dict[int, Line] = {}
        self.names: set[str] = set()
        self.title_end = min(2, len(part))

    def title_read(self) -> str:
        """Return the title: the line after the memorandum, and the lines it wraps on to
        (they go on in lower case: "… för miljö- och" / "hälsoskyddsnämnden")."""
        while self.title_end < len(self.texts) and self.texts[self.title_end][:1].islower():
            self.title_end += 1
        return self.joiner.join(self.texts[1 : self.title_end])

    def read(self) -> DecisionReading:
        memorandum = MEMORANDUM.match(self.texts[0])
        decision = DecisionDocument(
            memorandum=re.sub(r":\s*", ": ", memorandum.group(1)),
            diary_number=memorandum.group(2).strip(),
            title=self.title_read(),
        )
        after = self.proposal_read(decision)
        self.rest_read(decision, after)
        self.office_and_statement_read(decision)
        decision.amendments = amendments(decision.decision_points)
        self.changes_check(decision)
        self.unplaced_warn()
        return DecisionReading(decision, self.problems, self.warnings)

    def sentence(self, index: int, read, most: int = SENTENCE_MOST_LINES):
        """Return what `read` makes of the sentence starting at `index`, and its line count.

        The sentence may wrap over up to `most` lines; the shortest reading wins.
        """
        for count in range(1, min(most, len(self.texts) - index) + 1):
            if found := read(self.joiner.join(self.texts[index : index + count])):
                return found, count
        return None, 0

    def proposal_read(self, decision: DecisionDocument) -> int:
        """Read the proposing and deciding sentence and the points after it.

        Return the index of the first line after the points (after the title if none).
        """
        for index in self.proposal_places():
            if "föreslår" not in self.texts[index]:
                continue
            # Only a window that says "beslutar" is joined: joining costs.
            window = " ".join(self.texts[index : index + SENTENCE_MOST_LINES])
            if "besl" not in window:
                continue
            # The proposing body's name may begin on the line before ("Miljö- och" /
            # "hälsoskyddsnämndens beredning föreslår att …").
            for start in (index, index - 1):
                if start < 1 or (start < index and self.texts[start].endswith(".")):
                    continue
                found, count = self.sentence(start, proposal)
                if found:
                    return self.points_read(decision, found, start, start + count)
        self.problems.append(
            Problem(
                self.part[0].where,
                _(
                    "the decision names no proposing and deciding body (a sentence such as "
                    "“Förvaltningen föreslår att nämnden beslutar följande.”), so none of its "
                    "points could be read"
                ),
            )
        )
        return self.title_end

    def proposal_places(self) -> list[int]:
        """Return where the proposing sentence may start: near the title, or just before the
        first point. Looking no further keeps a long decision part quick to read."""
        first_point = next(
            (i for i, text in enumerate(self.texts) if text.startswith("1. ")), len(self.texts)
        )
        near_title = range(1, min(PROPOSAL_SEARCH_LINES, len(self.texts)))
        before_point = range(max(1, first_point - SENTENCE_MOST_LINES), first_point)
        return sorted({*near_title, *before_point})

    def points_read(self, decision, bodies: tuple[str, str], start: int, after: int) -> int:
        decision.proposed_by, decision.decided_by = bodies
        self.names = {name.lower() for name in bodies}
        self.unplaced += (
            i for i in range(self.title_end, start) if self.texts[i].lower() not in HEADINGS
        )
        read = numbered(self.part[after:], self.joiner, stop=self.ends_points)
        decision.decision_points = read.points
        self.point_lines = {
            point.number: line for point, line in zip(read.points, read.lines, strict=True)
        }
        if not read.points:
            sentence = self.joiner.join(self.texts[start:after])
            self.problems.append(
                Problem(
                    self.part[start].where,
                    _("no decision points (“1. …”) follow “%(sentence)s”") % {"sentence": sentence},
                )
            )
        return after + read.end

    def ends_points(self, text: str) -> bool:
        """Tell whether a line ends the decision points: the next part of the layout begins."""
        return bool(
            text.startswith(("Föredragande ", PREPARED_START))
            or text == "Bilagor"
            or text.lower() in HEADINGS
            or SIGNED.match(text)
            or RESERVATION.match(text)
            or endorses(text)
            or forum_heading(text, self.names)
        )

    def rest_read(self, decision: DecisionDocument, index: int) -> None:
        """Read what follows the points: statement, signature, attachments, reservations.

        A line that is none of these, nor part of one, is remembered as unplaced.
        """
        proposer = decision.proposed_by
        forum = (decision.decided_by if is_office(proposer) else proposer).lower()
        state = ""
        while index < len(self.texts):
            text = self.texts[index]
            if heading := forum_heading(text, self.names):
                forum, state = heading, ""
            elif RESERVATION.match(text):
                index = self.reservation_read(decision, index, forum)
                continue
            elif text.startswith("Föredragande "):
                found, count = self.sentence(index, RAPPORTEUR.match, most=2)
                if found:
                    decision.rapporteur_title, decision.rapporteur = found.groups()
                    index, state = index + count, "statement"
                    continue
                self.unplaced.append(index)
            elif (match := SIGNED.match(text)) and (signed := written_date(match.group(1))):
                decision.proposal_date = decision.proposal_date or signed
                state = "signature"
            elif text == "Bilagor":
                read = numbered(self.part[index + 1 :], self.joiner, continued=False)
                decision.attachments = [AttachmentDoc(p.number, p.text) for p in read.points]
                index, state = index + 1 + read.end, ""
                continue
            elif text.lower() in HEADINGS or text.startswith(PREPARED_START):
                state = "statement"
            elif endorses(text):
                state = "endorsement"
            elif not self.placed_in(state, index):
                self.unplaced.append(index)
            index += 1

    def placed_in(self, state: str, index: int) -> bool:
        """Tell whether a line belongs to the part of the layout being read: the statement,
        the endorsing sentence it wraps on from, or the signer's name and title."""
        if state == "statement":
            return True
        if state == "endorsement":
            return not self.texts[index - 1].endswith(".")
        return state == "signature" and is_signature(self.texts[index])

    def reservation_read(self, decision: DecisionDocument, index: int, forum: str) -> int:
        """Read the reservation starting at `index`; return the index after its text."""
        head = [self.texts[index]]
        while not head[-1].endswith(".") and index + len(head) < len(self.texts):
            head.append(self.texts[index + len(head)])
        start = index + len(head)
        end = next(
            (
                i
                for i in range(start, len(self.texts))
                if RESERVATION.match(self.texts[i]) or forum_heading(self.texts[i], self.names)
            ),
            len(self.texts),
        )
        decision.reservations.append(
            reservation(self.joiner.join(head), self.part[start:end], self.joiner, forum)
        )
        return end

    def office_and_statement_read(self, decision: DecisionDocument) -> None:
        """Read the preparing office and the statement's date, wherever the document says them."""
        texts = [line.text for line in self.all_lines]
        for index, text in enumerate(texts):
            if text.startswith(PREPARED_START):
                # The office's name may wrap ("… av miljöförvaltningen och" / "kultur…").
                lines = texts[index : index + SENTENCE_MOST_LINES]
                for count in range(1, len(lines) + 1):
                    if match := PREPARED.match(self.joiner.join(lines[:count])):
                        decision.preparing_office = match.group(1)
                        break
            if match := STATEMENT.search(text):
                decision.statement_date = written_date(match.group(1)) or decision.statement_date

    def changes_check(self, decision: DecisionDocument) -> None:
        """Refuse a decision whose points speak of amendments that could not be read."""
        read = {amendment.point for amendment in decision.amendments}
        for point in decision.decision_points:
            where = self.point_lines[point.number].where
            if words := announcement(point.text):
                named = announced_points(point.text)
                missing = [number for number in named if number not in read]
                if missing:
                    self.problems.append(
                        Problem(
                            where,
                            _(
                                "point %(point)s announces amendments in points %(named)s, "
                                "but none could be read from points %(missing)s"
                            )
                            % {
                                "point": point.number,
                                "named": numbers(named),
                                "missing": numbers(missing),
                            },
                        )
                    )
                elif not named and not decision.amendments:
                    self.problems.append(
                        Problem(
                            where,
                            _(
                                "point %(point)s announces amendments (“%(words)s”), but none "
                                "could be read from the decision"
                            )
                            % {"point": point.number, "words": words},
                        )
                    )
            if point.number not in read and reads_like_amendment(point.text):
                self.problems.append(
                    Problem(
                        where,
                        _(
                            "point %(point)s reads like an amendment of the plan but could not "
                            "be read as one: “%(text)s”"
                        )
                        % {"point": point.number, "text": shortened(point.text, 80)},
                    )
                )

    def unplaced_warn(self) -> None:
        """Warn of each run of lines that has no place in the layout, at its first line."""
        previous = None
        for index in sorted(set(self.unplaced)):
            if previous is None or index != previous + 1:
                line = self.part[index]
                self.warnings.append(
                    Problem(
                        line.where,
                        _("text of the decision that could not be placed: “%(text)s”")
                        % {"text": shortened(line.text, 60)},
                    )
                )
            previous = index


def endorses(text: str) -> bool:
    """Tell whether a line opens a forum's word on the proposal ("Borgarrådsberedningen
    tillstyrker föredragande borgarrådets förslag.")."""
    return text[:1].isupper() and any(word in text for word in ENDORSING)


def is_signature(text: str) -> bool:
    """Tell a signer's name or title ("STEN NORDIN", "Stadsdelsdirektör") from a sentence."""
    return len(text.split()) <= SIGNATURE_MOST_WORDS and not text.endswith(".")


def numbers(values: list[int]) -> str:
    return ", ".join(str(value) for value in values)


def reservation(head: str, body: list[Line], joiner: Joiner, forum: str) -> ReservationDoc:
    match = RESERVATION_HEAD.match(head)
    members = members_read(match.group("members")) if match else []
    refers_to = None
    if match and match.group("refers_party"):
        refers_to = {
            "party": match.group("refers_party"),
            "forum": match.group("refers_forum").strip().lower(),
        }
    proposes = next(
        (i for i, line in enumerate(body) if line.text.startswith("Jag föreslår")), None
    )
    points, text_lines = [], body
    if proposes is not None:
        read = numbered(body[proposes + 1 :], joiner)
        points, text_lines = read.points, body[proposes + 1 + read.end :]
    return ReservationDoc(
        forum=forum,
        party=match.group("party") if match else "",
        members=[member.name for member in members],
        titles=[member.title for member in members],
        text=joiner.paragraphs(text_lines),
        decision_points=points,
        refers_to=refers_to,
    )


def amendments(points: list[PointDoc]) -> list[AmendmentDoc]:
    """Recognise the decision points that change the plan, as operations on named items."""
    found = []
    for point in points:
        if amendment := amendment_read(point):
            found.append(amendment)
    return found


def amendment_read(point: PointDoc) -> AmendmentDoc | None:
    """Return the amendment a point makes, or None if it makes none that can be read."""
    text = point.text
    if (match := ACTIVITY_CHANGED.search(text)) and (dates := activity_dates(match)):
        start, end = dates
        return AmendmentDoc(
            point.number,
            "change_activity",
            match.group("section"),
            activity=match.group("activity"),
            start=start,
            end=end,
        )
    if match := ACTIVITY_ADDED.search(text):
        return AmendmentDoc(
            point.number,
            "add_activity",
            match.group("section"),
            board_goal=match.group("board_goal") or "",
            title=match.group("title").strip(),
        )
    if match := BOARD_GOAL_ADDED.search(text):
        return AmendmentDoc(
            point.number, "add_board_goal", match.group("section"), board_goal=match.group("title")
        )
    if match := REMOVED.search(text):
        operation, name = REMOVALS[match.group("what").lower()]
        return AmendmentDoc(
            point.number, operation, match.group("section"), **{name: match.group("name")}
        )
    return None


def activity_dates(match: re.Match) -> tuple[date | None, date | None] | None:
    """Return an activity's new start and end dates; None unless one is written and each
    written is a date."""
    written = [match.group("start"), match.group("end")]
    dates = [written_date(text, words=False) for text in written]
    if not any(written) or any(
        text and day is None for text, day in zip(written, dates, strict=True)
    ):
        return None
    return dates[0], dates[1]
