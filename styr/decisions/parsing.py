"""Read the decision that wraps a plan document in the layout of the Stockholm memoranda (PM).

The decision part comes before the plan: the memorandum and diary numbers, the title, the
proposing body's numbered decision points, the rapporteur, the date, the attachments, and the
reservations of each forum. Decision points that amend the plan ("… får slutdatum …",
"En ny aktivitet läggs till …", "… utgår") are read as structured amendments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from styr.decisions.document import (
    AmendmentDoc,
    AttachmentDoc,
    DecisionDocument,
    PointDoc,
    ReservationDoc,
)
from styr.planning.document import Problem
from styr.planning.parsing.lines import Joiner, Line

MONTHS = {
    name: number
    for number, name in enumerate(
        [
            "januari",
            "februari",
            "mars",
            "april",
            "maj",
            "juni",
            "juli",
            "augusti",
            "september",
            "oktober",
            "november",
            "december",
        ],
        start=1,
    )
}
SWEDISH_DATE = r"(\d{1,2}) (" + "|".join(MONTHS) + r") (\d{4})"
MEMORANDUM = re.compile(r"^(PM \d{4}:\s*\S+)\s*\(Dnr ([^)]+)\)")
PROPOSES = re.compile(r"^(\w+) föreslår att (\w+) beslutar följande\.?$")
RAPPORTEUR = re.compile(r"^Föredragande (\w+) (.+?) anför följande\.?$")
SIGNED = re.compile(rf"^\w+ den {SWEDISH_DATE}$")
STATEMENT = re.compile(rf"tjänsteutlåtande daterat den {SWEDISH_DATE}")
PREPARED = re.compile(r"^Ärendet har beretts av (\w+)\.$")
RESERVATION = re.compile(r"^Reservation anfördes av ")
RESERVATION_HEAD = re.compile(
    r"^Reservation anfördes av (?:(?:borgarrådet|borgarråden|ledamoten|ledamöterna|ordföranden"
    r"|ersättaren) )?(?P<members>.+?) \((?:alla |båda )?(?P<party>\w+)\)"
    r"(?: med hänvisning till reservationen av \((?P<refers_party>\w+)\) i "
    r"(?P<refers_forum>\w+))?"
)
FORUMS = {"borgarrådsberedningen", "kommunstyrelsen", "kommunfullmäktige", "nämnden"}
PLAN_START = re.compile(r"^(ÄRENDET|KF:S INRIKTNINGSMÅL\s*\d+\s*:?)$")
# A quoted name may hold quotes of its own ("Idéernas Stockholm"); the outer ones are ” ”.
ACTIVITY_CHANGED = re.compile(
    r"aktiviteten ”(?P<activity>.+?)” under avsnitt (?P<section>\d+\.\d+) får "
    r"(?P<which>slutdatum|startdatum) (?P<date>\d{4}-\d{2}-\d{2})",
    re.IGNORECASE,
)
ACTIVITY_ADDED = re.compile(
    r"En ny aktivitet läggs till under avsnitt (?P<section>\d+\.\d+)"
    r"(?: och nämndmålet ”(?P<board_goal>.+?)”)?, aktiviteten lyder: (?P<title>.+)$"
)
ACTIVITY_REMOVED = re.compile(
    r"aktiviteten ”(?P<activity>.+?)” under avsnitt (?P<section>\d+\.\d+) utgår", re.IGNORECASE
)


def swedish_date(day: str, month: str, year: str) -> date:
    return date(int(year), MONTHS[month], int(day))


@dataclass
class DecisionReading:
    """The decision read before a plan, if the document has one, with its problems and warnings."""

    decision: DecisionDocument | None
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def read_decision(lines: list[Line]) -> DecisionReading:
    """Read the decision before the plan; it is None when the document has no memorandum."""
    return DecisionReading(decision_read(lines))


def decision_read(lines: list[Line]) -> DecisionDocument | None:
    joiner = Joiner(lines)
    end = next((i for i, line in enumerate(lines) if PLAN_START.match(line.text)), len(lines))
    part = lines[:end]
    if not part or not MEMORANDUM.match(part[0].text):
        return None
    memorandum = MEMORANDUM.match(part[0].text)
    decision = DecisionDocument(
        memorandum=re.sub(r":\s*", ": ", memorandum.group(1)),
        diary_number=memorandum.group(2).strip(),
        title=part[1].text if len(part) > 1 else "",
    )
    texts = [line.text for line in part]
    for index, text in enumerate(texts):
        if match := PROPOSES.match(text):
            decision.proposed_by, decision.decided_by = match.group(1), match.group(2)
            if not decision.decision_points:
                decision.decision_points = numbered(part[index + 1 :], joiner, until=RAPPORTEUR)
        elif match := RAPPORTEUR.match(text):
            decision.rapporteur_title, decision.rapporteur = match.groups()
        elif (match := SIGNED.match(text)) and decision.proposal_date is None:
            decision.proposal_date = swedish_date(*match.groups())
        elif text == "Bilagor":
            decision.attachments = [
                AttachmentDoc(point.number, point.text)
                for point in numbered(part[index + 1 :], joiner, continued=False)
            ]
    for line in lines:
        if match := PREPARED.match(line.text):
            decision.preparing_office = match.group(1)
        if match := STATEMENT.search(line.text):
            decision.statement_date = swedish_date(*match.groups())
    decision.reservations = reservations(part, joiner, decision.proposed_by.lower())
    decision.amendments = amendments(decision.decision_points)
    return decision


def numbered(lines: list[Line], joiner: Joiner, until=None, continued=True) -> list[PointDoc]:
    """Read the numbered list that starts the lines: 1. …, 2. …, up to the first gap.

    A point goes on over the following lines until the next number (or, where `continued`
    is off, ends with its line); the list ends at `until`, or at a line that is not part of it.
    """
    points: list[list[str]] = []
    for line in lines:
        if until is not None and until.match(line.text):
            break
        expected = f"{len(points) + 1}. "
        if line.text.startswith(expected):
            points.append([line.text[len(expected) :]])
        elif points and continued and (until is not None or line.text[:1].islower()):
            points[-1].append(line.text)
        else:
            break
    return [PointDoc(number, joiner.join(texts)) for number, texts in enumerate(points, start=1)]


def reservations(lines: list[Line], joiner: Joiner, first_forum: str) -> list[ReservationDoc]:
    """Read each reservation, with the forum it was made in, its own points and its text."""
    found: list[ReservationDoc] = []
    forum = first_forum
    index = 0
    while index < len(lines):
        text = lines[index].text
        if text.lower() in FORUMS:
            forum = text.lower()
        if not RESERVATION.match(text):
            index += 1
            continue
        head = [text]
        while not head[-1].endswith(".") and index + len(head) < len(lines):
            head.append(lines[index + len(head)].text)
        index += len(head)
        body_end = next(
            (
                i
                for i in range(index, len(lines))
                if RESERVATION.match(lines[i].text) or lines[i].text.lower() in FORUMS
            ),
            len(lines),
        )
        found.append(reservation(joiner.join(head), lines[index:body_end], joiner, forum))
        index = body_end
    return found


def reservation(head: str, body: list[Line], joiner: Joiner, forum: str) -> ReservationDoc:
    match = RESERVATION_HEAD.match(head)
    members = re.split(r",\s*|\s+och\s+", match.group("members")) if match else []
    refers_to = None
    if match and match.group("refers_party"):
        refers_to = {"party": match.group("refers_party"), "forum": match.group("refers_forum")}
    proposes = next(
        (i for i, line in enumerate(body) if line.text.startswith("Jag föreslår")), None
    )
    points, text_lines = [], body
    if proposes is not None:
        points = numbered(body[proposes + 1 :], joiner)
        text_lines = after_points(body[proposes + 1 :], points)
    return ReservationDoc(
        forum=forum,
        party=match.group("party") if match else "",
        members=members,
        text=joiner.paragraphs(text_lines),
        decision_points=points,
        refers_to=refers_to,
    )


def after_points(lines: list[Line], points: list[PointDoc]) -> list[Line]:
    """Return the lines after a numbered list: the reservation's own words."""
    index = 0
    for number in range(1, len(points) + 1):
        while index < len(lines) and not lines[index].text.startswith(f"{number}. "):
            index += 1
        index += 1
    while index < len(lines) and lines[index].text[:1].islower():
        index += 1
    return lines[index:]


def amendments(points: list[PointDoc]) -> list[AmendmentDoc]:
    """Recognise the decision points that change the plan, as operations on named items."""
    found = []
    for point in points:
        if match := ACTIVITY_CHANGED.search(point.text):
            day = date.fromisoformat(match.group("date"))
            found.append(
                AmendmentDoc(
                    point.number,
                    "change_activity",
                    match.group("section"),
                    activity=match.group("activity"),
                    start=day if match.group("which") == "startdatum" else None,
                    end=day if match.group("which") == "slutdatum" else None,
                )
            )
        elif match := ACTIVITY_ADDED.search(point.text):
            found.append(
                AmendmentDoc(
                    point.number,
                    "add_activity",
                    match.group("section"),
                    board_goal=match.group("board_goal") or "",
                    title=match.group("title").strip(),
                )
            )
        elif match := ACTIVITY_REMOVED.search(point.text):
            found.append(
                AmendmentDoc(
                    point.number,
                    "remove_activity",
                    match.group("section"),
                    activity=match.group("activity"),
                )
            )
    return found
