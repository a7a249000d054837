"""The follow-up report (T1, T2 or the annual report) laid out as a document, in the plan's
structure: the summary, then per direction and area goal its assessment, indicators and
activities, then each of its board goals the same way; the council's assignments; and the
budget follow-up.

It is written in Swedish, the language of the record, whatever the visitor's language. The
figures come from the report's open-data JSON (`ReportSubject.data`), so that an approved
report reads as it was approved; the plan's version it is judged against gives the directions'
titles, the goals' descriptions and each indicator's two targets.
"""

from __future__ import annotations

from itertools import groupby

from django.utils import translation
from django.utils.translation import gettext as _

from styr.documents.outline import Block, Heading, Outline, Paragraph, Table
from styr.documents.plan_outline import target_text, text_blocks
from styr.documents.subjects import ReportSubject
from styr.followup.choices import (
    ActivityStatus,
    AdjustmentKind,
    Assessment,
    Period,
    ReportStatus,
    ValueKind,
)
from styr.followup.selectors import name_key
from styr.organisations.models import Organisation
from styr.planning.choices import Level, Periodicity
from styr.planning.document import AreaGoalDoc, BoardGoalDoc, PlanDocument
from styr.swedish import amount_write, decimal_write, plain_read

RECORD_LANGUAGE = "sv"
MISSING = "–"  # an empty cell, so that a reader sees it is empty rather than forgotten


def report_outline(subject: ReportSubject) -> Outline:
    """Lay the report out as a document in Swedish."""
    with translation.override(RECORD_LANGUAGE):
        data = subject.data
        return Outline(
            metadata=subject.metadata,
            title=title(subject),
            subtitle=subtitle(subject),
            blocks=[
                *summary_blocks(data["summary"]),
                *goal_blocks(data["goals"], subject.plan.document),
                *assignment_blocks(data["assignments"]),
                *budget_blocks(data["budget"], Period(data["period"])),
            ],
        )


# The cover -----------------------------------------------------------------------------------


def title(subject: ReportSubject) -> str:
    """Return the cover's title: "Verksamhetsberättelse 2013 för kommunstyrelsen"."""
    plan = subject.report.plan
    return f"{Period(subject.report.period).label} {plan.year} för {in_text(plan.organisation)}"


def in_text(organisation: Organisation) -> str:
    """Name a body as running text does: a board in lower case, a company as it is named."""
    if organisation.kind == Organisation.Kind.COMPANY:
        return organisation.name
    return organisation.name.lower()


def subtitle(subject: ReportSubject) -> str:
    """The closing day, the status (with the day an approved report was approved) and the
    plan's version the report is judged against."""
    data = subject.data
    lines = [_("As of %(day)s.") % {"day": data["closing_day"]}]
    if data["status"] == ReportStatus.APPROVED:
        lines.append(_("Approved on %(day)s.") % {"day": subject.metadata.decided_on})
    else:
        lines.append(f"{ReportStatus(data['status']).label}.")
    version = data["plan_version"]
    if version and version["decided_on"]:
        lines.append(
            _("Judged against the plan as decided on %(day)s, version %(number)s.")
            % {"day": version["decided_on"], "number": version["number"]}
        )
    elif version:
        lines.append(_("Judged against version %(number)s of the plan.") % version)
    return " ".join(lines)


def summary_blocks(summary: str) -> list[Block]:
    if not summary.strip():
        return []
    return [Heading(_("Summary"), 1, anchor="sammanfattning"), *text_blocks(summary)]


# The goals -----------------------------------------------------------------------------------


def goal_blocks(goals: list[dict], plan: PlanDocument) -> list[Block]:
    """Each direction (heading) with its area goals, in the plan's order."""
    directions = {direction.number: direction for direction in plan.directions}
    area_goals = {goal.number: goal for goal in plan.area_goals()}
    blocks: list[Block] = []
    for number, in_direction in groupby(goals, key=lambda goal: goal["number"].split(".")[0]):
        direction = directions.get(number)
        text = _("Direction %(number)s: %(title)s") % {
            "number": number,
            "title": direction.title if direction else "",
        }
        blocks.append(Heading(text, 1, anchor=f"inriktningsmal-{number}"))
        for goal in in_direction:
            blocks += area_goal_blocks(goal, area_goals.get(goal["number"]))
    return blocks


def area_goal_blocks(goal: dict, described: AreaGoalDoc | None) -> list[Block]:
    """An area goal ("1.1 …"), then each of its board goals under a heading of its own."""
    number, name = goal["number"], f"{goal['number']} {goal['title']}"
    anchor = "mal-" + number.replace(".", "-")
    board_goals = {name_key(g.title): g for g in described.board_goals} if described else {}
    blocks: list[Block] = [Heading(name, 2, anchor=anchor), *goal_body(goal, described, name)]
    for position, board_goal in enumerate(goal["board_goals"], start=1):
        heading = _("Board goal: %(title)s") % {"title": board_goal["title"]}
        blocks.append(Heading(heading, 3, anchor=f"{anchor}-namndmal-{position}"))
        found = board_goals.get(name_key(board_goal["title"]))
        blocks += goal_body(board_goal, found, board_goal["title"])
    return blocks


def goal_body(goal: dict, described: AreaGoalDoc | BoardGoalDoc | None, name: str) -> list[Block]:
    """A goal's description in the plan, its assessment with the motivation, and the tables
    of its indicators due in the period and of its activities."""
    blocks: list[Block] = text_blocks(described.description) if described else []
    blocks.append(Paragraph(f"{_('Assessment')}: {verdict_words(goal)}"))
    blocks += text_blocks(goal["motivation"])
    targets = indicator_targets(described)
    if goal["indicators"]:
        blocks.append(indicator_table(goal["indicators"], targets, name))
        blocks += notes(
            (i["name"], i["outcome"] and i["outcome"]["comment"]) for i in goal["indicators"]
        )
    if goal["activities"]:
        caption = _("Activities of %(goal)s") % {"goal": name}
        blocks.append(progress_table(goal["activities"], caption, _("Activity")))
        blocks += notes((a["title"], a["comment"]) for a in goal["activities"])
    return blocks


def verdict_words(goal: dict) -> str:
    """The planner's verdict, else the one the evidence suggests, saying so."""
    if goal["assessment"]:
        return str(Assessment(goal["assessment"]).label)
    suggested = Assessment(goal["suggested_assessment"]).label
    return f"{suggested} ({_('suggested from the evidence')})"


def notes(commented) -> list[Paragraph]:
    """The comments given on a table's rows, as small print after it: "name: comment"."""
    return [Paragraph(f"{name}: {comment}", "note") for name, comment in commented if comment]


# The indicators ------------------------------------------------------------------------------


def indicator_targets(described: AreaGoalDoc | BoardGoalDoc | None) -> dict[str, tuple[str, str]]:
    """Each indicator's board and council targets as the plan writes them, by its name."""
    if described is None:
        return {}
    return {
        name_key(i.name): (target_text(i.board_target), target_text(i.council_target))
        for i in described.indicators
    }


def indicator_table(indicators: list[dict], targets: dict, name: str) -> Table:
    """The indicators due in the period: targets, outcome and the verdict; the women's and
    men's outcomes where any indicator gives them."""
    split = any(i["outcome"] and (i["outcome"]["women"] or i["outcome"]["men"]) for i in indicators)
    header = [_("Indicator"), _("Board's target"), _("Council's target"), _("Periodicity")]
    header += [_("Outcome"), *([_("Women"), _("Men")] if split else []), _("Assessment")]
    rows = [indicator_row(i, targets, split) for i in indicators]
    numeric = frozenset(range(4, 7 if split else 5))
    caption = _("Indicators of %(goal)s") % {"goal": name}
    return Table(header, rows, caption=caption, numeric=numeric)


def indicator_row(indicator: dict, targets: dict, split: bool) -> list[str]:
    outcome = indicator["outcome"] or {}
    board, council = targets.get(name_key(indicator["name"])) or own_target(indicator)
    cells = [indicator["name"], board or MISSING, council or MISSING]
    cells += [str(Periodicity(indicator["periodicity"]).label), measured(outcome, "value")]
    if split:
        cells += [measured(outcome, "women"), measured(outcome, "men")]
    return [*cells, str(Assessment(indicator["assessment"]).label)]


def own_target(indicator: dict) -> tuple[str, str]:
    """The target the report judged by, in its column, for an indicator the plan's version
    does not name."""
    target = indicator["target"] or {"set_by": "", "text": ""}
    return tuple(
        target["text"] if target["set_by"] == level else ""
        for level in (Level.BOARD, Level.COUNCIL)
    )


def measured(outcome: dict, key: str) -> str:
    """A value of an outcome with its unit, the Swedish way ("4,4 %"), marked if a forecast."""
    if outcome.get(key) is None:
        return MISSING
    text = f"{decimal_write(plain_read(outcome[key]), grouped=True)} {outcome['unit']}".strip()
    return f"{text} ({_('forecast')})" if outcome["value_kind"] == ValueKind.FORECAST else text


# Activities and assignments ------------------------------------------------------------------


def progress_table(items: list[dict], caption: str, what: str) -> Table:
    """Activities (start, end) or the council's assignments (due): the status in words, an
    overdue one said so in words too and its row marked "overdue"."""
    dated = ["start", "end"] if "start" in items[0] else ["due"]
    headings = {"start": _("Start date"), "end": _("End date"), "due": _("Due")}
    header = [what, *(headings[key] for key in dated), _("Status"), _("Completed on")]
    rows = [
        [
            item["title"],
            *(item[key] or MISSING for key in dated),
            status_words(item),
            item["completed_on"] or MISSING,
        ]
        for item in items
    ]
    styles = {index: "overdue" for index, item in enumerate(items) if item["overdue"]}
    return Table(header, rows, caption=caption, styles=styles)


def status_words(item: dict) -> str:
    words = str(ActivityStatus(item["status"]).label) if item["status"] else _("No status given")
    return f"{words}, {_('past its end date')}" if item["overdue"] else words


def assignment_blocks(assignments: list[dict]) -> list[Block]:
    if not assignments:
        return []
    heading = _("Council assignments")
    table = progress_table(assignments, heading, _("Assignment"))
    return [
        Heading(heading, 1, anchor="uppdrag"),
        table,
        *notes((a["title"], a["comment"]) for a in assignments),
    ]


# The budget ----------------------------------------------------------------------------------


def budget_blocks(budget: dict, period: Period) -> list[Block]:
    """The budget per line with its total, the adherence, the forecast accuracy (the year's, so
    in the annual report only), and the adjustments and gross changes decided during the year."""
    year_end = period == Period.YEAR
    unit = {"unit": budget["unit"]}
    blocks: list[Block] = [
        Heading(_("Budget follow-up"), 1, anchor="budget"),
        Paragraph(_("Amounts in %(unit)s. Revenues are written as negative numbers.") % unit),
        budget_table(budget, year_end),
        Paragraph(adherence_words(budget, year_end)),
    ]
    if year_end:
        blocks.append(Paragraph(accuracy_words(budget["forecast_accuracy"])))
    return blocks + adjustment_tables(budget)


def money(value: str | None) -> str:
    """An amount of the JSON ("-46.60") the Swedish way ("−46,60")."""
    return MISSING if value is None else amount_write(plain_read(value))


def budget_table(budget: dict, year_end: bool) -> Table:
    """Net per budget line: the budget, the adjusted budget, the outcome (so far, or the
    year's), the full-year forecast (but in the annual report) and the deviation; the total
    last."""
    outcome = _("Outcome for the year") if year_end else _("Outcome so far")
    forecast = [] if year_end else [_("Full-year forecast")]
    header = [_("Budget line"), _("Net budget"), _("Adjusted budget"), outcome, *forecast]
    header.append(_("Deviation"))
    lines = [*budget["lines"], *filter(None, [budget["not_on_a_line"]]), budget["total"]]
    rows = [budget_row(line, year_end) for line in lines]
    return Table(
        header,
        rows,
        caption=_("Net per budget line (%(unit)s)") % {"unit": budget["unit"]},
        numeric=frozenset(range(1, len(header))),
        styles={len(rows) - 1: "total"},
    )


def budget_row(line: dict, year_end: bool) -> list[str]:
    # In the annual report the forecast is the year's outcome: not written twice.
    figures = [line["budget"], line["adjusted_budget"], line["outcome"]]
    figures += [] if year_end else [line["forecast"]]
    return [line["name"], *(money(figure["net"]) for figure in figures), money(line["deviation"])]


def per_cent(value: str) -> str:
    return f"{decimal_write(plain_read(value))} %"


def adherence_words(budget: dict, year_end: bool) -> str:
    """Budget adherence in words and numbers, before and after the result units' carry-over."""
    if budget["adherence"] is None:
        return _("Budget adherence cannot be computed until every budget line has its figures.")
    if year_end:
        text = _(
            "Budget adherence: the year's net outcome is %(share)s of the adjusted net budget."
        )
    else:
        text = _(
            "Budget adherence: the net full-year forecast is %(share)s of the adjusted net budget."
        )
    text %= {"share": per_cent(budget["adherence"])}
    if budget["carry_over"] is not None and budget["adherence_after_carry_over"] is not None:
        text += " " + _("After the result units' carry-over of %(amount)s %(unit)s: %(share)s.") % {
            "amount": money(budget["carry_over"]),
            "unit": budget["unit"],
            "share": per_cent(budget["adherence_after_carry_over"]),
        }
    return text


def accuracy_words(accuracy: dict) -> str:
    """Forecast accuracy: the T2 forecast against the year's outcome, its base and verdict."""
    if accuracy["value"] is None:
        return _(
            "Forecast accuracy: not assessed, since a T2 forecast or an outcome for the year is "
            "missing."
        )
    base = {
        "budget": _("the year's net budget after adjustments"),
        "outcome": _("the year's net outcome"),
    }[accuracy["base"]]
    return _(
        "Forecast accuracy: %(value)s of %(base)s, against a tolerance of ±%(tolerance)s: "
        "%(verdict)s."
    ) % {
        "value": per_cent(accuracy["value"]),
        "base": base,
        "tolerance": per_cent(accuracy["tolerance"]),
        "verdict": Assessment(accuracy["assessment"]).label,
    }


def adjustment_tables(budget: dict) -> list[Table]:
    """The budget adjustments and gross changes decided during the year, where there are any."""
    tables = [adjustment_table(budget)] if budget["adjustments"] else []
    return tables + ([gross_change_table(budget)] if budget["gross_changes"] else [])


def adjustment_table(budget: dict) -> Table:
    header = [_("Decided on"), _("Amount"), _("Kind"), _("Budget line")]
    header += [_("Funded from"), _("Decision")]
    rows = [
        [
            a["decided_on"] or MISSING,
            money(a["amount"]),
            str(AdjustmentKind(a["kind"]).label),
            a["budget_line"] or _("Not on a budget line"),
            a["funding_source"] or MISSING,
            a["decision"] or MISSING,
        ]
        for a in budget["adjustments"]
    ]
    caption = _("Budget adjustments (%(unit)s)") % {"unit": budget["unit"]}
    return Table(header, rows, caption=caption, numeric=frozenset({1}))


def gross_change_table(budget: dict) -> Table:
    header = [_("Decided on"), _("Amount"), _("Budget line"), _("Description"), _("Decision")]
    rows = [
        [
            g["decided_on"] or MISSING,
            money(g["amount"]),
            g["budget_line"] or _("Not on a budget line"),
            g["description"] or MISSING,
            g["decision"] or MISSING,
        ]
        for g in budget["gross_changes"]
    ]
    caption = _("Gross changes (%(unit)s)") % {"unit": budget["unit"]}
    return Table(header, rows, caption=caption, numeric=frozenset({1}))
