"""Read an activity plan from the text of a document in the layout of the Stockholm plans.

The document is cut into blocks at its headings ("KF:S INRIKTNINGSMÅL 1:", "NÄMNDMÅL:",
"KF:s indikatorer …", "Nämndens ekonomiska förutsättningar 2013", …), and each block is read
by a function of its own. The decision that wraps the plan (PM, decision points,
reservations) comes before the plan part and is only read for the plan's title and year.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django.conf import settings

from styr.planning.choices import Periodicity
from styr.planning.document import (
    CENT,
    ActivityDoc,
    AreaGoalDoc,
    BoardGoalDoc,
    BudgetLineDoc,
    DirectionDoc,
    IndicatorDoc,
    InvestmentDoc,
    PlanDocument,
    Problem,
    ResultUnitDoc,
    SectionDoc,
)
from styr.planning.parsing.lines import (
    NOT_A_HEADING,
    SENTENCE_END,
    Joiner,
    Line,
    is_page_number,
    problem_at,
    shortened,
)
from styr.planning.targets import number, split_targets

DIRECTION = re.compile(r"^KF:S INRIKTNINGSMÅL\s*(\d+)\s*:?$", re.IGNORECASE)
AREA_GOAL = re.compile(r"^KF:S MÅL FÖR VERKSAMHETSOMRÅDET\s*:?$", re.IGNORECASE)
BOARD_GOAL = re.compile(r"^NÄMNDMÅL\s*:?$", re.IGNORECASE)
INDICATORS = re.compile(r"^(KF:s|Nämndens) indikatorer\b", re.IGNORECASE)
ACTIVITIES = re.compile(r"^(KF:s|Nämndens) aktiviteter\b", re.IGNORECASE)
BUDGET = re.compile(r"^Nämndens ekonomiska förutsättningar\b", re.IGNORECASE)
PLAN_TITLE = re.compile(r"^Verksamhetsplan\s+(\d{4})\b(?:\s+för\s+(.+?))?\s*$", re.IGNORECASE)
# The plan part starts with the office's statement; what comes before is the decision.
PLAN_START = re.compile(r"^ÄRENDET$")
# The office's note on how the case was prepared belongs to the decision.
DECISION_NOTE = re.compile(r"^BEREDNING$")
SECTIONS = {
    "ärendet": "Ärendet",
    "betydande projekt som inte är investeringar": "Betydande projekt som inte är investeringar",
    "omslutningsförändringar": "Omslutningsförändringar",
    "medel för lokaländamål": "Medel för lokaländamål",
    "särskilda redovisningar": "Särskilda redovisningar",
}
INVESTMENTS = re.compile(r"^Investeringar$", re.IGNORECASE)
RESULT_UNITS = re.compile(r"^Resultatenheter$", re.IGNORECASE)
PERIODICITY = re.compile(r"^(.*?)\s*\b(År|Tertial)$")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
DATES = re.compile(r"^(.*?)\s*(\d{4}-\d{2}-\d{2})\s+(\d{4}-\d{2}-\d{2})$")
AMOUNT = r"[-−]?\d{1,3}(?:[ \u00a0]\d{3})*(?:,\d+)?"
BUDGET_ROW = re.compile(rf"^(.*?)((?:\s+{AMOUNT})+)$")
MILLIONS = re.compile(r"(\d+(?:,\d+)?)\s*(?:miljoner kronor|mnkr)", re.IGNORECASE)
ALL_BOARDS = re.compile(r"\(alla nämnder", re.IGNORECASE)
# Where a table row's end is looked for: its last lines, so that a row that never ends (a table
# without dates) is read in time proportional to its length.
ROW_END_LINES = 4
# The most a message quotes of a row or a title.
QUOTED = 300


def too_many_parts() -> str:
    """Return the refusal of a plan of more parts than STYR_IMPORT_MAX_PARTS."""
    return (
        f"the plan has more than {settings.STYR_IMPORT_MAX_PARTS} parts (goals, indicators, "
        "activities, budget lines, sections …) (STYR_IMPORT_MAX_PARTS)"
    )


class TooLarge(ValueError):
    """An amount with more digits than any budget has."""


@dataclass
class Block:
    kind: str
    heading: Line
    lines: list[Line] = field(default_factory=list)


@dataclass
class PlanReader:
    """Read the blocks of one document into a `PlanDocument`, collecting problems."""

    lines: list[Line]
    joiner: Joiner
    problems: list[Problem] = field(default_factory=list)
    # What was read by a guess: shown with the plan, and imported.
    warnings: list[Problem] = field(default_factory=list)
    document: PlanDocument | None = None
    direction: DirectionDoc | None = None
    goal: AreaGoalDoc | None = None
    board_goal: BoardGoalDoc | None = None
    # Table rows read so far: a table of more rows than a plan has parts is not read on.
    rows_read: int = 0

    def read(self, organisation: str | None, year: int | None) -> PlanDocument | None:
        start = next((i for i, line in enumerate(self.lines) if PLAN_START.match(line.text)), None)
        if start is None:
            start = next(
                (i for i, line in enumerate(self.lines) if DIRECTION.match(line.text)), None
            )
        if start is None:
            self.problems.append(
                Problem(
                    "",
                    "found no direction goal (a heading such as “KF:S INRIKTNINGSMÅL 1:”): "
                    "this does not look like an activity plan",
                )
            )
            return None
        self.document = self.plan_heading(self.lines[:start], organisation, year)
        if self.document is None:
            return None
        readers: dict[str, Callable[[Block], None]] = {
            "direction": self.read_direction,
            "area_goal": self.read_area_goal,
            "board_goal": self.read_board_goal,
            "indicators": self.read_indicators,
            "activities": self.read_activities,
            "budget": self.read_budget,
            "investments": self.read_investments,
            "result_units": self.read_result_units,
            "section": self.read_section,
            "decision": lambda block: None,
        }
        for block in blocks(self.lines[start:]):
            readers[block.kind](block)
        return self.document

    def plan_heading(
        self, lines: list[Line], organisation: str | None, year: int | None
    ) -> PlanDocument | None:
        title = next((line for line in lines if PLAN_TITLE.match(line.text)), None)
        match = PLAN_TITLE.match(title.text) if title else None
        year = year or (int(match.group(1)) if match else None)
        organisation = organisation or (match.group(2) if match and match.group(2) else None)
        if year is None or organisation is None:
            self.problems.append(
                Problem(
                    "",
                    "found no title such as “Verksamhetsplan 2013 för kommunstyrelsen”: "
                    "give the organisation and the year (--organisation, --year)",
                )
            )
            return None
        return PlanDocument(
            organisation=organisation[:1].upper() + organisation[1:],
            year=year,
            title=title.text if title else f"Verksamhetsplan {year}",
        )

    def read_direction(self, block: Block) -> None:
        number = DIRECTION.match(block.heading.text).group(1)
        title, description = self.title_and_description(block.lines)
        if title.startswith(f"{number}."):
            title = title[len(number) + 1 :].lstrip()
        self.direction = DirectionDoc(number, title, description, source=block.heading.where)
        self.document.directions.append(self.direction)
        self.goal = self.board_goal = None

    def read_area_goal(self, block: Block) -> None:
        title, description = self.title_and_description(block.lines)
        match = re.match(r"^(\d+\.\d+)\s+(.+)$", title)
        if self.direction is None:
            self.problems.append(
                problem_at(block.heading, "an area goal before any direction goal")
            )
            return
        if not match:
            self.problems.append(
                problem_at(
                    block.heading,
                    f"the area goal “{shortened(title, QUOTED)}” has no number such as 1.1",
                )
            )
            return
        self.goal = AreaGoalDoc(
            match.group(1), match.group(2), description, source=block.heading.where
        )
        self.direction.goals.append(self.goal)
        self.board_goal = None

    def read_board_goal(self, block: Block) -> None:
        if self.goal is None:
            self.problems.append(problem_at(block.heading, "a board goal outside any area goal"))
            return
        title, description = self.title_and_description(block.lines)
        self.board_goal = BoardGoalDoc(title, description, source=block.heading.where)
        self.goal.board_goals.append(self.board_goal)

    def owner(self, block: Block) -> AreaGoalDoc | BoardGoalDoc | None:
        """Return the goal a table belongs to: the area goal for KF's, the board goal otherwise."""
        council = block.heading.text.lower().startswith("kf:s")
        owner = self.goal if council else self.board_goal
        if owner is None:
            level = "area goal" if council else "board goal"
            self.problems.append(problem_at(block.heading, f"a table outside any {level}"))
        return owner

    def read_indicators(self, block: Block) -> None:
        owner = self.owner(block)
        council = block.heading.text.lower().startswith("kf:s")
        for first, text in self.rows(block, PERIODICITY, "a periodicity (År or Tertial)"):
            match = PERIODICITY.match(text)
            name, targets = split_targets(match.group(1), 2 if council else 1)
            indicator = IndicatorDoc(
                name=name,
                periodicity=Periodicity.TERTIAL
                if match.group(2) == "Tertial"
                else Periodicity.YEAR,
                all_boards=bool(ALL_BOARDS.search(name)),
                source=first.where,
            )
            # A council indicator always has the council's target; the board's may be blank.
            if council:
                indicator.council_target = targets[-1] if targets else None
                indicator.board_target = targets[0] if len(targets) == 2 else None
            else:
                indicator.board_target = targets[0] if targets else None
            if owner is not None:
                owner.indicators.append(indicator)

    def read_activities(self, block: Block) -> None:
        owner = self.owner(block)
        for first, text in self.rows(block, DATES, "a start and an end date"):
            title, start, end = DATES.match(text).groups()
            if ISO_DATE.search(title):
                self.problems.append(
                    problem_at(
                        first,
                        f"the activity “{shortened(title, QUOTED)}” has a date in its title: "
                        "is a date missing?",
                    )
                )
                continue
            try:
                activity = ActivityDoc(
                    title, date.fromisoformat(start), date.fromisoformat(end), source=first.where
                )
            except ValueError:
                self.problems.append(
                    problem_at(
                        first,
                        f"the activity “{shortened(title, QUOTED)}” has an impossible date: "
                        f"{start} {end}",
                    )
                )
                continue
            if owner is not None:
                owner.activities.append(activity)

    def rows(self, block: Block, end: re.Pattern, what: str):
        """Yield the rows of a table as (first line, text); a row ends where `end` matches."""
        row: list[Line] = []
        for line in block.lines:
            if not row and is_page_number(line):
                continue
            row.append(line)
            # `end` matches the end of a row, so its last lines tell whether the row ends.
            if not end.match(self.joiner.join([part.text for part in row[-ROW_END_LINES:]])):
                continue
            text = self.joiner.join([part.text for part in row])
            if end.match(text):
                self.rows_read += 1
                if self.rows_read > settings.STYR_IMPORT_MAX_PARTS:
                    self.problems.append(problem_at(row[0], too_many_parts()))
                    return
                yield row[0], text
                row = []
        if row:
            text = self.joiner.join([part.text for part in row])
            self.problems.append(
                problem_at(row[0], f"the row “{shortened(text, QUOTED)}” does not end with {what}")
            )

    def read_budget(self, block: Block) -> None:
        budget = self.document.budget
        budget.source = block.heading.where
        # A row's amounts may wrap onto lines of their own; its pieces are joined at the end, so
        # that a row of many such lines is read in time proportional to its length.
        rows: list[tuple[Line, list[str]]] = []
        for line in block.lines:
            if re.search(r"\bKostnader\b", line.text):
                budget.title = line.text.split("Kostnader")[0].strip()
            elif line.text[:1].isalpha() or not rows:
                rows.append((line, [line.text]))
            else:
                rows[-1][1].append(line.text)
        lines = []
        for line, pieces in rows:
            text = " ".join(pieces)
            match = BUDGET_ROW.match(text)
            if not match or not match.group(1).strip():
                unit = re.search(r"\((\w+)\)", text)
                if unit:
                    budget.unit = unit.group(1)
                continue
            try:
                lines.append(budget_line(line, match.group(1).strip(), match.group(2)))
            except TooLarge as error:
                self.problems.append(problem_at(line, str(error)))
        if lines and re.search(r"summa|total|budget", lines[-1].name, re.IGNORECASE):
            budget.total = lines.pop()
        budget.lines = lines
        self.document.office = re.sub(r"\s+m\.\s?m\.?$", "", budget.title)

    def read_investments(self, block: Block) -> None:
        for text in self.joiner.paragraphs(block.lines).split("\n\n"):
            if text:
                found = MILLIONS.search(text)
                try:
                    amount = money(found.group(1)) if found else None
                except TooLarge as error:
                    self.problems.append(problem_at(block.lines[0], str(error)))
                    continue
                self.document.budget.investments.append(
                    InvestmentDoc(text, amount, source=block.heading.where)
                )

    def read_result_units(self, block: Block) -> None:
        for text in self.joiner.paragraphs(block.lines).split("\n\n"):
            if text:
                name = re.split(r"\s+(?:föreslås|får|ska|utgör)\b", text)[0].rstrip(".")
                self.document.budget.result_units.append(
                    ResultUnitDoc(name, text, source=block.heading.where)
                )

    def read_section(self, block: Block) -> None:
        title = SECTIONS[block.heading.text.lower()]
        self.document.sections.append(self.section(title, block.heading, block.lines))

    def section(self, title: str, heading: Line, lines: list[Line]) -> SectionDoc:
        """Return a section with the subsections its short, unpunctuated lines head."""
        top = SectionDoc(title, source=heading.where)
        texts: dict[int, list[Line]] = {id(top): []}
        group = current = top
        lines = [line for line in lines if not is_page_number(line)]
        for line, subtitle in zip(lines, subtitles(lines), strict=True):
            if subtitle:
                node = SectionDoc(line.text, source=line.where)
                parent = top if line.text.isupper() else group
                parent.sections.append(node)
                texts[id(node)] = []
                current = node
                group = node if line.text.isupper() else group
            else:
                texts[id(current)].append(line)
        fill_texts(top, texts, self.joiner)
        return top

    def title_and_description(self, lines: list[Line]) -> tuple[str, str]:
        """Split a goal's lines into its title and its description.

        The title goes on while the next line continues it: after a hyphen, or in lower case.
        """
        lines = [line for line in lines if not is_page_number(line)]
        if not lines:
            return "", ""
        end = 1
        while end < len(lines) and (
            lines[end - 1].text.endswith("-") or lines[end].text[:1].islower()
        ):
            end += 1
        title = self.joiner.join([line.text for line in lines[:end]])
        return title, self.joiner.paragraphs(lines[end:])


def blocks(lines: list[Line]) -> list[Block]:
    """Cut the plan part into blocks, each starting at a heading."""
    found: list[Block] = []
    header_end: re.Pattern | None = None
    for line in lines:
        if header_end is not None:
            # A table heading can wrap ("KF:s indikatorer Års-" / "mål" / "KF:s årsmål …").
            if header_end.search(line.text):
                header_end = None
            continue
        kind = heading_kind(line.text)
        if kind is None:
            if found:
                found[-1].lines.append(line)
            continue
        found.append(Block(kind, line))
        if kind == "indicators" and "Periodicitet" not in line.text:
            header_end = re.compile("Periodicitet")
        if kind == "activities" and "Slutdatum" not in line.text:
            header_end = re.compile("Slutdatum")
    return found


HEADINGS = {
    "direction": DIRECTION,
    "area_goal": AREA_GOAL,
    "board_goal": BOARD_GOAL,
    "indicators": INDICATORS,
    "activities": ACTIVITIES,
    "budget": BUDGET,
    "investments": INVESTMENTS,
    "result_units": RESULT_UNITS,
    "decision": DECISION_NOTE,
}
# The headings as one pattern, tried in the order above, so that a line is matched once.
HEADING = re.compile(
    "|".join(
        f"(?P<{kind}>(?{'i' if pattern.flags & re.IGNORECASE else '-i'}:{pattern.pattern}))"
        for kind, pattern in HEADINGS.items()
    )
)


def heading_kind(text: str) -> str | None:
    if match := HEADING.match(text):
        return next(kind for kind, found in match.groupdict().items() if found is not None)
    if text[:1].isupper() and text.lower() in SECTIONS:
        return "section"
    return None


def budget_line(line: Line, name: str, amounts: str) -> BudgetLineDoc:
    """Return a budget row; two amounts are costs and net, unless the second is a revenue."""
    found = re.findall(AMOUNT, amounts)
    # Only the last three amounts are kept: a row of a thousand is not read a thousand times.
    values = [money(a) for a in found[-3:]]
    row = BudgetLineDoc(name, source=line.where)
    if len(found) >= 3:
        row.costs, row.revenues, row.net = values[-3:]
    elif len(values) == 2 and values[0] < 0:
        row.revenues, row.net = values
    elif len(values) == 2 and values[1] < 0:
        row.costs, row.revenues = values
    elif len(values) == 2:
        row.costs, row.net = values
    else:
        row.costs = values[0]
    return row


def money(text: str) -> Decimal:
    """Return an amount to the cent; raise TooLarge for one with more digits than a budget has."""
    value = number(text)
    try:
        return value.quantize(CENT)
    except InvalidOperation as error:
        raise TooLarge(f"the amount “{shortened(text)}” is too large") from error


def subtitles(lines: list[Line]) -> list[bool]:
    """Tell of each line whether it heads a subsection: short, unpunctuated, after a finished
    sentence or another subtitle."""
    found: list[bool] = []
    for i, line in enumerate(lines):
        heads = not (NOT_A_HEADING.search(line.text) or len(line.text) >= 70) and not (
            i + 1 < len(lines) and lines[i + 1].text[:1].islower()
        )
        found.append(
            heads and (i == 0 or bool(SENTENCE_END.search(lines[i - 1].text)) or found[i - 1])
        )
    return found


def fill_texts(section: SectionDoc, texts: dict[int, list[Line]], joiner: Joiner) -> None:
    section.text = joiner.paragraphs(texts[id(section)])
    for child in section.sections:
        fill_texts(child, texts, joiner)
