"""The outline of a plan, with the decision on it: the layout of a board's activity plan.

The blocks follow the sample document (styr/samples/stockholm-ks-verksamhetsplan-2013.txt), in
its Swedish words whatever the visitor's language, since the document is the record: the
decision first (memorandum, points, attachments, reservations), then the plan's sections, its
goals from each direction goal down to the board goals with their tables, the budget and the
council's assignments. The words, and the order of the lines, are those the readers
(`styr.planning.parsing.plan_text`, `styr.decisions.parsing`) look for, so that a document
made from this outline reads back to the same plan and decision.
"""

from __future__ import annotations

from datetime import date

from styr.decisions.bodies import is_office
from styr.decisions.document import DecisionDocument, ReservationDoc
from styr.documents.outline import Block, Heading, Outline, PageBreak, Paragraph, Table
from styr.documents.subjects import PlanSubject
from styr.planning.choices import Periodicity
from styr.planning.document import (
    AreaGoalDoc,
    BoardGoalDoc,
    BudgetDoc,
    BudgetLineDoc,
    DirectionDoc,
    IndicatorDoc,
    PlanDocument,
    SectionDoc,
)
from styr.swedish import amount_write, date_write

STATUS_WORDS = {"draft": "Utkast", "proposal": "Förslag", "adopted": "Antagen"}
PERIODICITY_WORDS = {Periodicity.YEAR: "År", Periodicity.TERTIAL: "Tertial"}
BUDGET_COLUMNS = ["Kostnader", "Intäkter", "Netto"]
# The deepest heading level an outline has; a section nested deeper is set at this level.
DEEPEST = 4


def plan_outline(subject: PlanSubject) -> Outline:
    """Return the document of a plan (as it stands, or a kept version) and its decision."""
    document, decision = subject.document, subject.decision
    blocks: list[Block] = []
    if decision is not None:
        blocks += decision_blocks(decision, subject.metadata.municipality)
        blocks.append(PageBreak())
    blocks += plan_blocks(document)
    return Outline(
        metadata=subject.metadata,
        title=document.title,
        subtitle=cover_line(subject),
        blocks=blocks,
    )


def cover_line(subject: PlanSubject) -> str:
    """Return the cover's second line: "Antagen 2013-01-23, dnr 112-1726/2012"."""
    metadata = subject.metadata
    line = STATUS_WORDS.get(metadata.status, metadata.status)
    if metadata.decided_on is not None:
        line += f" {date_write(metadata.decided_on)}"
    if metadata.diary_number:
        line += f", dnr {metadata.diary_number}"
    return line


def text_blocks(text: str) -> list[Paragraph]:
    """Return a text's paragraphs (separated by blank lines); "• " starts a list item."""
    paragraphs = []
    for part in text.split("\n\n"):
        part = part.strip()
        if part.startswith("• "):
            paragraphs.append(Paragraph(part.removeprefix("• "), "bullet"))
        elif part:
            paragraphs.append(Paragraph(part))
    return paragraphs


def numbered(items) -> list[Paragraph]:
    """Return numbered points ("1. …") as paragraphs, numbered as they are in the record."""
    return [Paragraph(f"{item.number}. {item.text}") for item in items]


# The decision ---------------------------------------------------------------------------------


def decision_blocks(decision: DecisionDocument, municipality: str) -> list[Block]:
    """Return the decision as a memorandum writes it: the case, what is proposed and decided,
    who prepared it, when it was signed, the attachments and each forum's reservations."""
    blocks: list[Block] = []
    memorandum = f"{decision.memorandum} " if decision.memorandum else ""
    diary = f"(Dnr {decision.diary_number})" if decision.diary_number else ""
    if memorandum or diary:
        blocks.append(Paragraph(f"{memorandum}{diary}".strip(), "note"))
    blocks.append(Heading(decision.title or "Beslut", 1, anchor="beslut"))
    if decision.proposed_by and decision.decided_by:
        blocks.append(
            Paragraph(
                f"{decision.proposed_by} föreslår att {decision.decided_by} beslutar följande."
            )
        )
    blocks += numbered(decision.decision_points)
    blocks += statement_blocks(decision, municipality)
    if decision.attachments:
        blocks.append(Heading("Bilagor", 2))
        blocks += [Paragraph(f"{a.number}. {a.title}") for a in decision.attachments]
    blocks += reservations_blocks(decision)
    return blocks


def statement_blocks(decision: DecisionDocument, municipality: str) -> list[Paragraph]:
    """Return the rapporteur, the preparing office, the office's statement and the signing."""
    blocks = []
    if decision.rapporteur and decision.rapporteur_title:
        blocks.append(
            Paragraph(
                f"Föredragande {decision.rapporteur_title} {decision.rapporteur} anför följande."
            )
        )
    office = decision.preparing_office
    if office:
        blocks.append(Paragraph(f"Ärendet har beretts av {office}."))
    if decision.statement_date is not None:
        whose = f"{capitalised(office)}s tjänsteutlåtande" if office else "Tjänsteutlåtande"
        # Not ending at the date: a line "… den 2012-12-04" is the signing's.
        written = date_write(decision.statement_date)
        blocks.append(Paragraph(f"{whose} daterat den {written} ligger till grund för förslaget."))
    if decision.proposal_date is not None:
        place = municipality or "Dagtecknat"
        blocks.append(Paragraph(f"{place} den {date_write(decision.proposal_date)}", "note"))
    return blocks


def reservations_blocks(decision: DecisionDocument) -> list[Block]:
    """Return the reservations, each forum's under its name (the first forum's needs none: it
    is the forum that proposed, or the deciding body when an office proposed)."""
    proposer = decision.proposed_by
    forum = (decision.decided_by if is_office(proposer) else proposer).lower()
    blocks: list[Block] = []
    for reservation in decision.reservations:
        if reservation.forum and reservation.forum != forum:
            forum = reservation.forum
            blocks.append(Heading(capitalised(forum), 3))
        blocks += reservation_blocks(reservation, decision.decided_by)
    return blocks


def reservation_blocks(reservation: ReservationDoc, decided_by: str) -> list[Paragraph]:
    head = f"Reservation anfördes av {members_written(reservation)} ({party_written(reservation)})"
    refers = reservation.refers_to
    if refers:
        head += f" med hänvisning till reservationen av ({refers['party']}) i {refers['forum']}."
    else:
        head += " enligt följande."
    blocks = [Paragraph(head)]
    if reservation.decision_points:
        proposes = f"Jag föreslår {reservation.forum}"
        if reservation.forum and reservation.forum != decided_by.lower():
            proposes += f" föreslå {decided_by}"
        blocks.append(Paragraph(f"{proposes} besluta"))
        blocks += numbered(reservation.decision_points)
    blocks += text_blocks(reservation.text)
    return blocks


def members_written(reservation: ReservationDoc) -> str:
    """Return "borgarrådet Karin Wanngård", "Åsa Jernberg och Stefan Nilsson"."""
    titles = reservation.titles or [""] * len(reservation.members)
    named = [
        f"{title} {name}" if title else name
        for name, title in zip(reservation.members, titles, strict=False)
    ]
    if len(named) < 2:
        return "".join(named)
    return f"{', '.join(named[:-1])} och {named[-1]}"


def party_written(reservation: ReservationDoc) -> str:
    """Return the party as the memoranda write it after the members: "S", "båda MP", "alla S"."""
    count = len(reservation.members)
    if count == 2:
        return f"båda {reservation.party}"
    if count > 2:
        return f"alla {reservation.party}"
    return reservation.party


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


# The plan -------------------------------------------------------------------------------------


def plan_blocks(document: PlanDocument) -> list[Block]:
    blocks: list[Block] = []
    for number, section in enumerate(document.sections, start=1):
        blocks += section_blocks(section, 1, f"avsnitt-{number}")
    for direction in document.directions:
        blocks += direction_blocks(direction)
    blocks += budget_blocks(document.budget, document.year)
    if document.assignments:
        blocks.append(Heading("Uppdrag från kommunfullmäktige", 1, anchor="uppdrag"))
        for assignment in document.assignments:
            blocks.append(Heading(assignment.title, 2))
            blocks += text_blocks(assignment.description)
            if assignment.due is not None:
                blocks.append(Paragraph(f"Klart senast {date_write(assignment.due)}.", "note"))
    return blocks


def section_blocks(section: SectionDoc, level: int, anchor: str) -> list[Block]:
    """Return a section and its subsections. A top section's heading is in capitals, as the
    sample writes "ÄRENDET": the readers know the plan's first section by it."""
    title = section.title.upper() if level == 1 else section.title
    blocks: list[Block] = [Heading(title, min(level, DEEPEST), anchor=anchor)]
    blocks += text_blocks(section.text)
    for number, child in enumerate(section.sections, start=1):
        # Subsections of a subsection are not listed in the table of contents.
        child_anchor = f"{anchor}-{number}" if level == 1 else ""
        blocks += section_blocks(child, level + 1, child_anchor)
    return blocks


def direction_blocks(direction: DirectionDoc) -> list[Block]:
    blocks: list[Block] = [
        Heading(f"KF:S INRIKTNINGSMÅL {direction.number}:", 1),
        Heading(
            f"{direction.number}. {direction.title}", 1, anchor=f"inriktningsmal-{direction.number}"
        ),
        *text_blocks(direction.description),
    ]
    for goal in direction.goals:
        blocks += area_goal_blocks(goal)
    return blocks


def area_goal_blocks(goal: AreaGoalDoc) -> list[Block]:
    anchor = f"mal-{goal.number.replace('.', '-')}"
    blocks: list[Block] = [
        Heading("KF:S MÅL FÖR VERKSAMHETSOMRÅDET:", 2),
        Heading(f"{goal.number} {goal.title}", 2, anchor=anchor),
        *text_blocks(goal.description),
    ]
    if goal.indicators:
        blocks.append(council_indicators(goal))
    if goal.activities:
        blocks.append(activities_table("KF:s aktiviteter", goal, f"mål {goal.number}"))
    for number, board_goal in enumerate(goal.board_goals, start=1):
        blocks += board_goal_blocks(board_goal, f"{anchor}-namndmal-{number}", goal.number)
    return blocks


def board_goal_blocks(goal: BoardGoalDoc, anchor: str, area_number: str) -> list[Block]:
    blocks: list[Block] = [
        Heading("NÄMNDMÅL:", 3),
        Heading(goal.title, 3, anchor=anchor),
        *text_blocks(goal.description),
    ]
    whose = f"nämndmålet under mål {area_number}"
    if goal.indicators:
        blocks.append(
            Table(
                ["Nämndens indikatorer", "Årsmål", "Periodicitet"],
                [[i.name, target_text(i.board_target), periodicity(i)] for i in goal.indicators],
                caption=f"Nämndens indikatorer för {whose}",
                numeric=frozenset({1}),
            )
        )
    if goal.activities:
        blocks.append(activities_table("Nämndens aktiviteter", goal, whose))
    return blocks


def council_indicators(goal: AreaGoalDoc) -> Table:
    return Table(
        ["KF:s indikatorer", "Årsmål", "KF:s årsmål", "Periodicitet"],
        [
            [i.name, target_text(i.board_target), target_text(i.council_target), periodicity(i)]
            for i in goal.indicators
        ],
        caption=f"KF:s indikatorer för mål {goal.number}",
        numeric=frozenset({1, 2}),
    )


def activities_table(heading: str, goal: AreaGoalDoc | BoardGoalDoc, whose: str) -> Table:
    return Table(
        [heading, "Startdatum", "Slutdatum"],
        [[a.title, day(a.start), day(a.end)] for a in goal.activities],
        caption=f"{heading} för {whose}",
    )


def target_text(target) -> str:
    return target.text if target is not None else ""


def periodicity(indicator: IndicatorDoc) -> str:
    return PERIODICITY_WORDS.get(indicator.periodicity, indicator.periodicity)


def day(value: date | None) -> str:
    return date_write(value) if value is not None else ""


def budget_blocks(budget: BudgetDoc, year: int) -> list[Block]:
    """Return the budget: its table of lines and total in its unit, its investments and its
    result units."""
    if not budget.lines and budget.total is None:
        return []
    rows = [budget_row(line) for line in budget.lines]
    styles = {}
    if budget.total is not None:
        styles[len(rows)] = "total"
        rows.append(budget_row(budget.total))
    blocks: list[Block] = [
        Heading(f"Nämndens ekonomiska förutsättningar {year}", 1, anchor="budget"),
        Paragraph(f"Driftverksamhet ({budget.unit})"),
        Table(
            [budget.title, *BUDGET_COLUMNS],
            rows,
            caption=f"Nämndens budget {year} ({budget.unit}): kostnader, intäkter och netto",
            numeric=frozenset({1, 2, 3}),
            styles=styles,
        ),
    ]
    if budget.investments:
        blocks.append(Heading("Investeringar", 2, anchor="investeringar"))
        blocks += [p for investment in budget.investments for p in text_blocks(investment.text)]
    if budget.result_units:
        blocks.append(Heading("Resultatenheter", 2, anchor="resultatenheter"))
        for unit in budget.result_units:
            blocks += text_blocks(unit.text or unit.name)
    return blocks


def budget_row(line: BudgetLineDoc) -> list[str]:
    return [
        line.name,
        amount_write(line.costs),
        amount_write(line.revenues),
        amount_write(line.net),
    ]
