"""Read an activity plan from the text of a document in the layout of the Stockholm plans.

The document is cut into blocks at its headings ("KF:S INRIKTNINGSMÅL 1:", "NÄMNDMÅL:",
"KF:s indikatorer …", "Nämndens ekonomiska förutsättningar 2013", …), and each block is read
by a function of its own. The decision that wraps the plan (PM, decision points,
reservations) comes before the plan part and is only read for the plan's title and year.

Nothing of the plan part is passed over in silence: a line the reader cannot place is a
problem (the document is refused: a part of the plan would be lost) or a warning (shown and
imported: the reader guessed, and kept everything).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.utils.translation import gettext as _

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
from styr.planning.targets import has_thousands, split_targets, take_target
from styr.swedish import NotANumber, decimal_read

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
AMOUNT = r"[-−]?[0-9]{1,3}(?:[ \u00a0][0-9]{3})*(?:,[0-9]+)?"
BUDGET_ROW = re.compile(rf"^(.*?)((?:\s+{AMOUNT})+)$")
# A line's last word that is an amount: the line has the amounts of a budget row.
AMOUNT_WORD = re.compile(r"^[-−]?[0-9]+(?:,[0-9]+)?$")
COSTS_HEADING = re.compile(r"\bKostnader\b")
# A line that ends an activity's title as a sentence, so that a capital after it starts a row.
TITLE_END = re.compile(r"[.!?]$")
MILLIONS = re.compile(r"(\d+(?:,\d+)?)\s*(?:miljoner kronor|mnkr)", re.IGNORECASE)
ALL_BOARDS = re.compile(r"\(alla nämnder", re.IGNORECASE)
# Where a table row's end is looked for: its last lines, so that a row that never ends (a table
# without dates) is read in time proportional to its length.
ROW_END_LINES = 4
# The most a message quotes of a row or a title.
QUOTED = 300
# A title's line shorter than this share of its block's widest line is short: a line that
# begins with a capital continues a title only if it is short (a description's lines are full).
SHORT_LINE = 0.7


def too_many_parts() -> str:
    """Return the refusal of a plan of more parts than STYR_IMPORT_MAX_PARTS."""
    return _(
        "the plan has more than %(most)s parts (goals, indicators, activities, budget lines, "
        "sections …) (STYR_IMPORT_MAX_PARTS)"
    ) % {"most": settings.STYR_IMPORT_MAX_PARTS}


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
    # The plan part's last block: a table heading with no rows there is a document cut off.
    last_block: Block | None = None

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
                    _(
                        "found no direction goal (a heading such as “KF:S INRIKTNINGSMÅL 1:”): "
                        "this does not look like an activity plan"
                    ),
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
            "decision": self.read_decision_note,
        }
        found = blocks(self.lines[start:])
        self.last_block = found[-1] if found else None
        for block in found:
            readers[block.kind](block)
        if found:
            self.check_end(found[-1])
        if not any(block.kind == "budget" for block in found):
            self.warnings.append(
                Problem(
                    "",
                    _(
                        "the plan has no budget (a heading such as “Nämndens ekonomiska "
                        "förutsättningar 2013”): is the document cut off?"
                    ),
                )
            )
        return self.document

    def read_decision_note(self, block: Block) -> None:
        """Pass over the office's note (BEREDNING): the decision's reader reads it. After the
        first direction goal it is out of its place, and its lines are not read."""
        if self.direction is not None:
            self.warnings.append(
                problem_at(
                    block.heading,
                    _("“%(heading)s” inside the plan is not read, nor the %(count)s lines after it")
                    % {"heading": block.heading.text, "count": len(block.lines)},
                )
            )

    def check_end(self, last: Block) -> None:
        """Warn of a document that ends inside a sentence: it may have been cut off."""
        prose = last.kind in {"direction", "area_goal", "board_goal", "section"}
        text = [line for line in last.lines if not is_page_number(line)]
        if prose and text and not SENTENCE_END.search(text[-1].text):
            self.warnings.append(
                problem_at(
                    text[-1],
                    _("the document ends in the middle of a sentence (“%(text)s”): is it cut off?")
                    % {"text": shortened(text[-1].text, QUOTED)},
                )
            )

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
                    _(
                        "found no title such as “Verksamhetsplan 2013 för kommunstyrelsen”: "
                        "give the organisation and the year (--organisation, --year)"
                    ),
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
        title, description = self.title_and_description(block)
        if title.startswith(f"{number}."):
            title = title[len(number) + 1 :].lstrip()
        self.direction = DirectionDoc(number, title, description, source=block.heading.where)
        self.document.directions.append(self.direction)
        self.goal = self.board_goal = None

    def read_area_goal(self, block: Block) -> None:
        title, description = self.title_and_description(block)
        match = re.match(r"^(\d+)\.(\d+)\s+(.+)$", title)
        if self.direction is None:
            self.problems.append(
                problem_at(block.heading, _("an area goal before any direction goal"))
            )
            return
        if not match:
            self.problems.append(
                problem_at(
                    block.heading,
                    _("the area goal “%(title)s” has no number such as 1.1")
                    % {"title": shortened(title, QUOTED)},
                )
            )
            return
        # Numbers may have gaps (a board with no part in 1.1 starts at 1.3), but an area goal
        # belongs to the direction goal its number begins with.
        if match.group(1) != self.direction.number:
            self.problems.append(
                problem_at(
                    block.heading,
                    _(
                        "the area goal %(goal)s stands under direction goal %(direction)s: "
                        "is a heading “KF:S INRIKTNINGSMÅL %(wanted)s:” missing?"
                    )
                    % {
                        "goal": f"{match.group(1)}.{match.group(2)}",
                        "direction": self.direction.number,
                        "wanted": match.group(1),
                    },
                )
            )
        self.goal = AreaGoalDoc(
            f"{match.group(1)}.{match.group(2)}",
            match.group(3),
            description,
            source=block.heading.where,
        )
        self.direction.goals.append(self.goal)
        self.board_goal = None

    def read_board_goal(self, block: Block) -> None:
        if self.goal is None:
            self.problems.append(problem_at(block.heading, _("a board goal outside any area goal")))
            return
        title, description = self.title_and_description(block)
        self.board_goal = BoardGoalDoc(title, description, source=block.heading.where)
        self.goal.board_goals.append(self.board_goal)

    def owner(self, block: Block) -> AreaGoalDoc | BoardGoalDoc | None:
        """Return the goal a table belongs to: the area goal for KF's, the board goal otherwise."""
        council = block.heading.text.lower().startswith("kf:s")
        owner = self.goal if council else self.board_goal
        if owner is None:
            message = (
                _("a table outside any area goal")
                if council
                else _("a table outside any board goal")
            )
            self.problems.append(problem_at(block.heading, message))
        return owner

    def read_indicators(self, block: Block) -> None:
        owner = self.owner(block)
        council = block.heading.text.lower().startswith("kf:s")
        rows = self.rows(block, PERIODICITY, _("a periodicity (År or Tertial)"), lacks_periodicity)
        for first, text in rows:
            match = PERIODICITY.match(text)
            # A council table has the board's target and the council's; a board table one.
            name, targets = split_targets(match.group(1), 2 if council else 1)
            if not name:
                self.problems.append(
                    problem_at(
                        first,
                        _("the indicator row “%(row)s” has no name")
                        % {"row": shortened(text, QUOTED)},
                    )
                )
                continue
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
                self.check_thousands(first, indicator)
            else:
                indicator.board_target = targets[0] if targets else None
            if owner is not None:
                owner.indicators.append(indicator)

    def check_thousands(self, first: Line, indicator: IndicatorDoc) -> None:
        """Warn of a council row whose one target may be two: "25 100" is 25 100 or 25 and 100."""
        target = indicator.council_target
        if indicator.board_target is None and target and has_thousands(target) and not target.unit:
            self.warnings.append(
                problem_at(
                    first,
                    _(
                        "the target “%(target)s” of “%(indicator)s” is read as one number with "
                        "a space between thousands; if it is the board's target and the "
                        "council's, write a unit after each"
                    )
                    % {"target": target.text, "indicator": shortened(indicator.name, QUOTED)},
                )
            )

    def read_activities(self, block: Block) -> None:
        owner = self.owner(block)
        rows = self.rows(block, DATES, _("a start and an end date"), lacks_dates)
        for first, text in rows:
            title, start, end = DATES.match(text).groups()
            if ISO_DATE.search(title):
                self.problems.append(
                    problem_at(
                        first,
                        _("the activity “%(title)s” has a date in its title: is a date missing?")
                        % {"title": shortened(title, QUOTED)},
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
                        _("the activity “%(title)s” has an impossible date: %(start)s %(end)s")
                        % {"title": shortened(title, QUOTED), "start": start, "end": end},
                    )
                )
                continue
            if owner is not None:
                owner.activities.append(activity)

    def rows(self, block: Block, end: re.Pattern, what: str, lacks_end: Callable[[str], bool]):
        """Yield the rows of a table as (first line, text); a row ends where `end` matches.

        A row that ends without its end (`lacks_end` tells from its last line) before a line
        that begins with a capital is reported, and the capital starts the next row: a row that
        lacks its periodicity or a date is never merged with the next one.
        """
        row: list[Line] = []
        count = 0
        for line in block.lines:
            if not row and is_page_number(line):
                continue
            if row and self.starts_row(row, line, end, lacks_end):
                self.problems.append(self.unfinished(row, what))
                row = []
            row.append(line)
            # `end` matches the end of a row, so its last lines tell whether the row ends.
            if not end.match(self.joiner.join([part.text for part in row[-ROW_END_LINES:]])):
                continue
            text = self.joiner.join([part.text for part in row])
            if end.match(text):
                self.rows_read += 1
                count += 1
                if self.rows_read > settings.STYR_IMPORT_MAX_PARTS:
                    self.problems.append(problem_at(row[0], too_many_parts()))
                    return
                yield row[0], text
                row = []
        if row:
            self.problems.append(self.unfinished(row, what))
        elif count == 0:
            self.empty_table(block)

    def starts_row(
        self, row: list[Line], line: Line, end: re.Pattern, lacks_end: Callable[[str], bool]
    ) -> bool:
        """Tell whether `line` starts a new row although `row` has not ended."""
        if not line.text[:1].isupper() or is_page_number(row[-1]) or not lacks_end(row[-1].text):
            return False
        # A periodicity wrapped onto a line of its own ("Tertial") ends the row instead.
        ending = end.match(line.text)
        return not (ending and not ending.group(1))

    def unfinished(self, row: list[Line], what: str) -> Problem:
        text = self.joiner.join([part.text for part in row])
        return problem_at(
            row[0],
            _(
                "the row “%(row)s” does not end with %(what)s: is it missing, or is this text "
                "out of its place (a table ends at the next heading)?"
            )
            % {"row": shortened(text, QUOTED), "what": what},
        )

    def empty_table(self, block: Block) -> None:
        """Warn of a table heading with no rows; at the end of the document, refuse it."""
        values = {"table": shortened(block.heading.text, QUOTED)}
        if block is self.last_block:
            self.problems.append(
                problem_at(
                    block.heading,
                    _("the document ends after the table heading “%(table)s”: is it cut off?")
                    % values,
                )
            )
        else:
            self.warnings.append(
                problem_at(block.heading, _("the table “%(table)s” has no rows") % values)
            )

    def read_budget(self, block: Block) -> None:
        budget = self.document.budget
        budget.source = block.heading.where
        lines = []
        for line, text in self.budget_rows(block):
            match = BUDGET_ROW.match(text)
            if not match or not match.group(1).strip():
                amounts = bool(AMOUNT_WORD.match(text.rsplit(" ", 1)[-1]))
                self.budget_heading(line, text, amounts)
                continue
            try:
                lines.append(budget_line(line, match.group(1).strip(), match.group(2)))
            except TooLarge as error:
                self.problems.append(problem_at(line, str(error)))
        if lines and re.search(r"summa|total|budget", lines[-1].name, re.IGNORECASE):
            budget.total = lines.pop()
        elif lines:
            self.warnings.append(
                problem_at(
                    block.heading,
                    _(
                        "the budget has no total (a last line such as “Summa” or “KS förslag "
                        "till budget”): is the document cut off?"
                    ),
                )
            )
        if not lines and budget.total is None:
            self.problems.append(
                problem_at(
                    block.heading,
                    _("the budget heading has no budget lines after it: is the document cut off?"),
                )
            )
        budget.lines = lines
        self.document.office = re.sub(r"\s+m\.\s?m\.?$", "", budget.title)

    def budget_rows(self, block: Block) -> list[tuple[Line, str]]:
        """Return the budget's rows as (first line, text), with wrapped names and amounts joined.

        A row's amounts may wrap onto lines of their own, and its name onto a second line that
        goes on in lower case ("Förvaltningsövergripande" / "verksamhet 151,72 -2,00 149,72").
        The pieces are joined at the end, so that a row of many lines is read in linear time.
        """
        rows: list[tuple[Line, list[str]]] = []
        named_only = False  # the last row so far is a name without amounts
        for line in block.lines:
            if COSTS_HEADING.search(line.text):
                self.document.budget.title = line.text.split("Kostnader")[0].strip()
                named_only = False
                continue
            if named_only and (line.text[:1].islower() or rows[-1][1][-1].endswith("-")):
                rows[-1][1][-1] = self.joiner.join([rows[-1][1][-1], line.text])
            elif line.text[:1].isalpha() or not rows:
                rows.append((line, [line.text]))
            else:
                rows[-1][1].append(line.text)
            named_only = not AMOUNT_WORD.match(line.text.rsplit(" ", 1)[-1])
        return [(line, " ".join(pieces)) for line, pieces in rows]

    def budget_heading(self, line: Line, text: str, amounts: bool) -> None:
        """Read a budget line without a name or without amounts: the unit, or a warning."""
        if amounts:
            self.problems.append(
                problem_at(
                    line,
                    _("the budget has amounts without a line name: “%(text)s”")
                    % {"text": shortened(text, QUOTED)},
                )
            )
        elif unit := re.search(r"\((\w+)\)", text):
            self.document.budget.unit = unit.group(1)
        elif not is_page_number(line):
            self.warnings.append(
                problem_at(
                    line,
                    _("the budget line “%(text)s” has no amounts and is not read")
                    % {"text": shortened(text, QUOTED)},
                )
            )

    def read_investments(self, block: Block) -> None:
        self.check_prose(block.lines)
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
        self.check_prose(block.lines)
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
        self.check_prose(lines)
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

    def title_and_description(self, block: Block) -> tuple[str, str]:
        """Split a goal's lines into its title and its description.

        The title goes on while the next line continues it: after a hyphen, or in lower case.
        A line that begins with a capital continues the title too when the title so far ends
        without punctuation, and the line is short (under 70 % of the block's widest line: a
        description's lines run the full width), does not end a sentence and is followed by a
        line that begins with a capital, or by none: "1.3 Stockholm ska vara en stad där" /
        "Människor vill bo" / "Kontoret ska …". That is a guess, shown as a warning. Its false
        join: a description that opens with a short heading of its own ("Bakgrund"), which is
        then read as the title's end; the warning names it. A title that ends its paragraph
        (a Word document's) ends there.
        """
        lines = [line for line in block.lines if not is_page_number(line)]
        if not lines:
            return "", ""
        width = max(len(line.text) for line in lines)
        end = 1
        while end < len(lines) and not lines[end - 1].ends_paragraph:
            if lines[end - 1].text.endswith("-") or lines[end].text[:1].islower():
                end += 1
            elif self.continues_title(lines, end, width):
                end += 1
                self.warnings.append(
                    problem_at(
                        lines[end - 1],
                        _(
                            "the title is read to go on in the line “%(line)s”, which begins "
                            "with a capital letter: “%(title)s”"
                        )
                        % {
                            "line": shortened(lines[end - 1].text, QUOTED),
                            "title": shortened(
                                self.joiner.join([line.text for line in lines[:end]]), QUOTED
                            ),
                        },
                    )
                )
            else:
                break
        title = self.joiner.join([line.text for line in lines[:end]])
        self.check_prose(lines[end:])
        return title, self.joiner.paragraphs(lines[end:])

    def check_prose(self, lines: list[Line]) -> None:
        """Warn of each line of running text that ends as a table row does: a table whose
        heading is lost or misspelt would otherwise be read, without a word, as prose."""
        for line in lines:
            if ends_like_row(line.text):
                self.warnings.append(
                    problem_at(
                        line,
                        _(
                            "the line “%(line)s” ends as a row of a table does, but stands in "
                            "running text: is the table's heading missing or misspelt?"
                        )
                        % {"line": shortened(line.text, QUOTED)},
                    )
                )

    @staticmethod
    def continues_title(lines: list[Line], index: int, width: int) -> bool:
        """Tell whether the line at `index`, which begins with a capital, ends a wrapped title."""
        line, before = lines[index].text, lines[index - 1].text
        after = lines[index + 1].text if index + 1 < len(lines) else ""
        return (
            line[:1].isupper()
            and not NOT_A_HEADING.search(before)
            and not TITLE_END.search(line)
            and len(line) < SHORT_LINE * width
            and not after[:1].islower()
        )


def ends_like_row(text: str) -> bool:
    """Tell whether a line ends as the last line of a table row: with a start and an end date,
    or with a target and a periodicity."""
    if DATES.match(text):
        return True
    # A periodicity alone on its line ends a row whose target wrapped ("tas fram av" /
    # "nämnden" / "År"): no sentence is one word of a table's column.
    match = PERIODICITY.match(text)
    return bool(match and (not match.group(1) or take_target(match.group(1).split())))


def lacks_periodicity(text: str) -> bool:
    """Tell whether a line of an indicator row ends with a target, as its last line does."""
    return take_target(text.split()) is not None


def lacks_dates(text: str) -> bool:
    """Tell whether a line of an activity row ends as its last line does, before its dates:
    with a date, or with the end of the title's sentence."""
    return bool(ISO_DATE.search(text[-10:]) or TITLE_END.search(text))


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
    try:
        return decimal_read(text).quantize(CENT)
    except (InvalidOperation, NotANumber) as error:
        message = _("the amount “%(amount)s” is too large") % {"amount": shortened(text)}
        raise TooLarge(message) from error


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
