"""The follow-up report as a document: in Swedish whatever the visitor's language, in the plan's
order, with each due indicator's outcome and verdict, the goals' assessments, the budget with
its total, and, once approved, the same whatever the plan becomes."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext

from styr.decisions.document import AmendmentDoc
from styr.decisions.services import amendment_add, case_open, case_update, decision_carry_out
from styr.documents.outline import Heading, Paragraph, Table
from styr.documents.report_outline import report_outline
from styr.documents.subjects import ReportSubject
from styr.followup.budget import budget_adjustment_add, gross_change_add
from styr.followup.choices import AdjustmentKind, Period
from styr.followup.models import Report
from styr.followup.services import outcome_save, report_open
from styr.planning.editing import item_update
from styr.planning.kinds import KINDS
from styr.planning.lifecycle import by_decision
from styr.planning.models import Indicator
from styr.swedish import amount_write, plain_read

PROCUREMENT = "Andel upphandlad verksamhet i konkurrens (alla nämnder)"  # yearly, under 1.1
PLACEMENTS = (  # tertial, under 1.2
    "Antal praktikplatser som kan tillhandahållas för de aspiranter som Jobbtorg Stockholm "
    "kan matcha"
)
SICK_LEAVE = "Sjukfrånvaro (alla nämnder/bolag)"  # tertial, under 2.4
DAY = date(2013, 5, 15)
# The sample's area goals, in its order.
AREA_GOALS = [
    "1.1",
    "1.2",
    "1.3",
    "1.4",
    "1.5",
    "1.6",
    "1.7",
    "2.1",
    "2.2",
    "2.3",
    "2.4",
    "3.1",
    "3.2",
]


def named(plan, name: str) -> Indicator:
    return next(
        i for i in Indicator.objects.filter(KINDS["indikatorer"].in_plan(plan)) if i.name == name
    )


def outline_of(report):
    """The outline of the report as it is now kept, read afresh."""
    return report_outline(ReportSubject(Report.objects.get(pk=report.pk)))


def tables(outline) -> list[Table]:
    return [block for block in outline.blocks if isinstance(block, Table)]


def indicator_rows(outline) -> dict[str, list[str]]:
    """Every indicator's row in the document, by the indicator's name."""
    return {
        row[0]: row
        for table in tables(outline)
        if table.header[0] == "Indikator"
        for row in table.rows
    }


def in_swedish(message: str) -> str:
    with translation.override("sv"):
        return gettext(message)


@pytest.fixture
def annual(year_of_reports):
    return year_of_reports[Period.YEAR]


def test_the_annual_report_has_the_plans_title_and_approval_on_its_cover(annual):
    outline = outline_of(annual)

    assert outline.title == "Verksamhetsberättelse 2013 för kommunstyrelsen"
    approved_on = Report.objects.get(pk=annual.pk).approved_at.date().isoformat()
    assert in_swedish("Approved on %(day)s.") % {"day": approved_on} in outline.subtitle
    assert "2013-12-31" in outline.subtitle
    assert in_swedish("Judged against version %(number)s of the plan.") % {"number": 2} in (
        outline.subtitle
    )


def test_the_goals_come_in_the_plans_order_under_their_directions(annual):
    outline = outline_of(annual)
    headings = [block for block in outline.blocks if isinstance(block, Heading)]

    area_goals = [h.text.split(" ")[0] for h in headings if h.level == 2]
    assert area_goals == AREA_GOALS
    directions = [h for h in headings if h.level == 1 and h.anchor.startswith("inriktningsmal")]
    assert [h.anchor for h in directions] == [f"inriktningsmal-{n}" for n in "123"]
    assert "Stockholm ska vara en attraktiv, trygg" in directions[0].text
    # Each direction stands before its first area goal, and every heading is in the contents.
    assert headings.index(directions[1]) == [h.text[:4] for h in headings].index("2.1 ") - 1
    assert all(heading.anchor for heading in headings)
    assert len({heading.anchor for heading in headings}) == len(headings)
    board_goals = [h.text for h in headings if h.level == 3]
    goals = ReportSubject(annual).data["goals"]
    assert board_goals == [
        in_swedish("Board goal: %(title)s") % {"title": board_goal["title"]}
        for goal in goals
        for board_goal in goal["board_goals"]
    ]


def test_each_due_indicator_shows_its_targets_outcome_the_swedish_way_and_verdict(annual):
    rows = indicator_rows(outline_of(annual))

    assert rows[PROCUREMENT] == [PROCUREMENT, "1 %", "36 %", "År", "0,8 %", "Delvis uppfyllt"]
    assert rows[PLACEMENTS][1:3] == ["3 st", "1600 st"]
    assert rows[PLACEMENTS][3] == "Tertial"
    data = ReportSubject(annual).data
    due = [
        i for goal in data["goals"] for o in [goal, *goal["board_goals"]] for i in o["indicators"]
    ]
    assert set(rows) == {indicator["name"] for indicator in due}
    verdicts = {"Uppfyllt", "Delvis uppfyllt", "Ej uppfyllt", "Ej bedömt"}
    assert all(row[-1] in verdicts for row in rows.values())
    assert all("." not in row[4] for row in rows.values())  # a decimal comma, never a point


def test_each_goal_shows_its_assessment_with_the_motivation(annual):
    outline = outline_of(annual)
    goal = ReportSubject(annual).data["goals"][0]

    start = outline.blocks.index(next(b for b in outline.blocks if b.text.startswith("1.1 ")))
    following = [b.text for b in outline.blocks[start:] if isinstance(b, Paragraph)]
    at = following.index("Bedömning: Delvis uppfyllt")
    assert goal["assessment"] == "partly_met"
    assert following[at + 1] == goal["motivation"]


def test_the_budget_table_ends_with_the_total_the_report_gives(annual):
    outline = outline_of(annual)
    budget = ReportSubject(annual).data["budget"]

    table = next(t for t in tables(outline) if t.header[0] == "Budgetrad")
    total = table.rows[-1]
    assert table.styles == {len(table.rows) - 1: "total"}
    assert total[0] == budget["total"]["name"]
    assert total[1] == amount_write(plain_read(budget["total"]["budget"]["net"])) == "1\u00a0339,00"
    assert total[3] == amount_write(plain_read(budget["total"]["outcome"]["net"]))
    assert total[-1] == amount_write(plain_read(budget["total"]["deviation"]))
    assert table.numeric == frozenset(range(1, len(table.header)))
    assert len(table.rows) == len(budget["lines"]) + 1


def test_the_document_is_in_swedish_whatever_the_visitors_language(annual):
    with translation.override("en"):
        outline = outline_of(annual)

    assert indicator_rows(outline)[PROCUREMENT][-1] == "Delvis uppfyllt"
    assert "Bedömning: Delvis uppfyllt" in [b.text for b in outline.blocks if hasattr(b, "text")]


def test_an_overdue_activity_is_marked_in_words(annual):
    outline = outline_of(annual)

    marked = [
        (table.rows[index], table.header)
        for table in tables(outline)
        for index, style in table.styles.items()
        if style == "overdue"
    ]
    assert marked
    for row, header in marked:
        assert row[header.index("Status")].endswith(", " + in_swedish("past its end date"))


def test_a_tertial_report_leaves_out_the_yearly_indicators(year_of_reports):
    rows = indicator_rows(outline_of(year_of_reports[Period.T1]))

    assert PLACEMENTS in rows and SICK_LEAVE in rows
    assert PROCUREMENT not in rows
    assert {row[3] for row in rows.values()} == {"Tertial"}


def test_a_report_in_progress_says_so_and_leaves_blank_what_is_not_reported(adopted_plan):
    outline = outline_of(report_open(plan=adopted_plan, period=Period.T1))

    assert outline.title == "Tertialrapport 1 2013 för kommunstyrelsen"
    assert "Utkast." in outline.subtitle.split(" ")
    assert "Godkänd" not in outline.subtitle
    assert {row[4] for row in indicator_rows(outline).values()} == {"–"}
    assert {row[-1] for row in indicator_rows(outline).values()} == {"Ej bedömt"}


def test_a_tertial_report_gives_the_split_the_comments_and_the_budgets_changes(adopted_plan):
    t2 = report_open(plan=adopted_plan, period=Period.T2)
    sick_leave = named(adopted_plan, SICK_LEAVE)
    data = {"value": Decimal("3.4"), "women": Decimal("4.1"), "men": Decimal("2.6")}
    data["comment"] = "Långtidssjukskrivningarna minskar."
    outcome_save(report=t2, indicator=sick_leave, data=data, user=None)
    adjustment = {"amount": Decimal("-1046.6"), "kind": AdjustmentKind.OPERATING}
    adjustment |= {"budget_line": None, "funding_source": "CM 2", "decision": "KS T1"}
    budget_adjustment_add(plan=adopted_plan, data={**adjustment, "decided_on": DAY}, user=None)
    change = {"amount": Decimal("2.5"), "budget_line": None, "description": "Fler sålda tjänster"}
    gross_change_add(
        plan=adopted_plan, data={**change, "decision": "KS T1", "decided_on": DAY}, user=None
    )

    outline = outline_of(t2)

    table = next(t for t in tables(outline) if SICK_LEAVE in [row[0] for row in t.rows])
    row = next(row for row in table.rows if row[0] == SICK_LEAVE)
    assert row[4:7] == ["3,4 %", "4,1 %", "2,6 %"]
    assert table.header[5:7] == ["Kvinnor", "Män"] and table.numeric == {4, 5, 6}
    assert Paragraph(f"{SICK_LEAVE}: Långtidssjukskrivningarna minskar.", "note") in outline.blocks
    budget = next(t for t in tables(outline) if t.header[0] == "Budgetrad")
    assert budget.header[3:5] == ["Utfall hittills", "Helårsprognos"]
    adjustments, gross_changes = tables(outline)[-2:]
    assert adjustments.rows == [
        ["2013-05-15", "−1\u00a0046,60", "Driftbudget", "Utan budgetrad", "CM 2", "KS T1"]
    ]
    assert gross_changes.rows == [
        ["2013-05-15", "2,50", "Utan budgetrad", "Fler sålda tjänster", "KS T1"]
    ]
    # What names no budget line has a row of its own, before the total.
    assert budget.rows[-2][0] == "Utan budgetrad"


def revise(plan) -> None:
    """A decision after the year: sick leave's board target raised to 3,5 %, the placements
    renamed (as tests/followup/test_record.py revises the plan)."""
    case = case_open(plan=plan, title="Revidering av verksamhetsplanen")
    case_update(case=case, fields={"meeting_date": date(2014, 2, 20)})
    change = AmendmentDoc(
        1, "change_target", "2.4", indicator=SICK_LEAVE, level="board", title="3,5 %"
    )
    amendment_add(case=case, amendment=change)
    with transaction.atomic(), by_decision(plan):
        item_update(item=named(plan, PLACEMENTS), data={"name": "Praktikplatser"}, version=None)
    decision_carry_out(case=case)


def test_an_approved_report_reads_the_same_after_the_plan_is_revised(annual):
    before = outline_of(annual)

    revise(annual.plan)

    assert outline_of(annual) == before
    # Judged against the plan as it now stands, the report would say otherwise.
    Report.objects.filter(pk=annual.pk).update(record=None, plan_version=None)
    rows = indicator_rows(outline_of(annual))
    assert PLACEMENTS not in rows and "Praktikplatser" in rows
    assert rows[SICK_LEAVE][1] == "3,5 %"
