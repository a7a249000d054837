"""Saving a report's values in bulk (followup.saving): all or nothing, each refused row named
with its problems by field, a value saved meanwhile never overwritten, each item entered only
by whoever may, every change in the history with its user, in as many queries for 20 values
as for 5."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from styr.followup.choices import EntryStatus
from styr.followup.kinds import ASSESSMENT, OUTCOME, PROGRESS, kind_of
from styr.followup.models import GoalAssessment, Outcome, Progress
from styr.followup.saving import Change, entries_save
from styr.followup.selectors import report_sheet
from styr.followup.services import entries_submit, outcome_save, report_approve, report_submit
from styr.followup.synthetic import report_fill
from styr.planning.editing import Conflict, item_update
from styr.planning.models import Activity, AreaGoal, BoardGoal, Indicator
from styr.planning.services import plan_import
from styr.planning.synthetic import synthetic_plan

pytestmark = pytest.mark.usefixtures("in_english")

MOTIVATION_MISSING = "Give the motivation for the assessment."


@pytest.fixture
def sheet(t1_report):
    return report_sheet(t1_report)


def sick_leave(sheet) -> Indicator:
    return next(i for i in sheet.due_indicators() if i.name.startswith("Sjukfrånvaro"))


def outcome(number: str) -> dict:
    return {"value": Decimal(number), "value_kind": "year_to_date"}


def changes_of(sheet, count: int) -> list[Change]:
    """`count` new values: goals' assessments, activities' status and indicators' outcomes."""
    goals, activities = list(sheet.goals()), list(sheet.activities())
    indicators = [i for i in sheet.due_indicators() if not i.target or i.target.unit == "%"]
    found = []
    for n in range(count):
        pick = n % 3
        if pick == 0:
            item, data = goals[n // 3], {"assessment": "met", "motivation": "Det gick bra."}
        elif pick == 1:
            item, data = activities[n // 3], {"progress": "ongoing", "comment": f"Rad {n}"}
        else:
            item, data = indicators[n // 3], outcome(str(n))
        found.append(Change(item, data, 0, place=f"rad-{n}"))
    return found


def test_the_registry_knows_each_items_kind_and_key():
    assert kind_of(Indicator()) is OUTCOME
    assert kind_of(Activity()) is PROGRESS
    assert (kind_of(AreaGoal()), kind_of(BoardGoal())) == (ASSESSMENT, ASSESSMENT)
    assert ASSESSMENT.key_of(BoardGoal()) == "board_goal"
    assert OUTCOME.layout.key == "indicators"
    with pytest.raises(TypeError):
        kind_of(object())


def test_every_value_is_saved_as_a_draft_in_the_order_given(t1_report, sheet, planner):
    changes = changes_of(sheet, 6)
    saving = entries_save(t1_report, changes, planner)
    assert saving.ok
    assert [type(entry) for entry in saving.saved] == [GoalAssessment, Progress, Outcome] * 2
    assert all(entry.pk and entry.status == EntryStatus.DRAFT for entry in saving.saved)
    assert all(entry.version == 1 and entry.updated_by == planner for entry in saving.saved)
    assert Outcome.objects.get(indicator=changes[2].item).value == Decimal(2)


def test_nothing_is_saved_if_one_row_is_refused_and_only_that_row_is_named(
    t1_report, sheet, planner
):
    changes = changes_of(sheet, 6)
    changes[3] = Change(changes[3].item, {"assessment": "met", "motivation": " "}, 0, "rad-3")
    saving = entries_save(t1_report, changes, planner)
    assert not saving.ok and saving.saved == []
    assert [(p.change.place, p.messages, p.conflict) for p in saving.problems] == [
        ("rad-3", {"motivation": [MOTIVATION_MISSING]}, False)
    ]
    assert (Outcome.objects.count(), Progress.objects.count()) == (0, 0)
    assert GoalAssessment.objects.count() == 0


def test_each_rows_problems_are_named_by_field(t1_report, sheet, planner):
    leave = sick_leave(sheet)
    activity = next(iter(sheet.activities()))
    saving = entries_save(
        t1_report,
        [
            Change(leave, {**outcome("4"), "unit": "st"}, 0, "o"),
            Change(activity, {"progress": "finished", "comment": ""}, 0, "a"),
            Change(leave.__class__.objects.exclude(pk=leave.pk).first(), outcome("1"), 0, "ok"),
        ],
        planner,
    )
    problems = {p.change.place: p.messages for p in saving.problems}
    assert problems["o"] == {"unit": ["The target is in %, not st."]}
    assert list(problems["a"]) == ["progress"]
    assert "ok" not in problems


def test_a_blank_unit_is_the_targets_and_a_share_gets_its_value(t1_report, sheet, planner):
    leave = sick_leave(sheet)
    data = {"value_kind": "year_to_date", "numerator": Decimal(3), "denominator": Decimal(60)}
    saved = entries_save(t1_report, [Change(leave, data, 0)], planner).saved[0]
    assert (saved.unit, saved.value) == ("%", Decimal(5))


def test_a_value_saved_since_it_was_read_is_a_conflict_not_overwritten(t1_report, sheet, planner):
    leave = sick_leave(sheet)
    first = outcome_save(report=t1_report, indicator=leave, data=outcome("3"), user=planner)
    # Read as none saved (version 0), but saved meanwhile; read at 1, but now at 2.
    assert entries_save(t1_report, [Change(leave, outcome("4"), 0)], planner).problems[0].conflict
    entries_save(t1_report, [Change(leave, outcome("5"), first.version)], planner)
    late = entries_save(t1_report, [Change(leave, outcome("6"), first.version)], planner)
    assert late.problems[0].conflict
    assert Outcome.objects.get(pk=first.pk).value == Decimal(5)
    with pytest.raises(Conflict):
        outcome_save(report=t1_report, indicator=leave, data=outcome("7"), user=planner, version=1)


def test_someone_who_answers_for_an_item_enters_it_and_no_other(t1_report, sheet, reader):
    leave = sick_leave(sheet)
    other = next(i for i in sheet.due_indicators() if i.pk != leave.pk)
    item_update(item=leave, data={"responsible": reader}, version=None)
    leave.refresh_from_db()
    saving = entries_save(
        t1_report, [Change(leave, outcome("3"), 0, "mine"), Change(other, outcome("3"), 0)], reader
    )
    assert [(p.change.item, p.messages) for p in saving.problems] == [
        (other, {"": ["You may not enter a value for this row."]})
    ]
    assert entries_save(t1_report, [Change(leave, outcome("3"), 0)], reader).ok


def test_a_changed_value_is_a_draft_again_with_its_history_naming_each_user(
    t1_report, sheet, planner, administrator
):
    leave = sick_leave(sheet)
    first = outcome_save(report=t1_report, indicator=leave, data=outcome("3"), user=planner)
    entries_submit(entries=[first], user=planner)
    changed = entries_save(t1_report, [Change(leave, outcome("4"), 2)], administrator).saved[0]
    assert (changed.status, changed.version, changed.value) == (EntryStatus.DRAFT, 3, Decimal(4))
    history = list(Outcome.history.filter(id=first.pk).order_by("history_date", "history_id"))
    assert [(h.history_type, h.status, h.value, h.history_user) for h in history] == [
        ("+", EntryStatus.DRAFT, Decimal(3), planner),
        ("~", EntryStatus.SUBMITTED, Decimal(3), planner),
        ("~", EntryStatus.DRAFT, Decimal(4), administrator),
    ]


def test_the_one_value_services_raise_the_rows_problem(t1_report, sheet, planner):
    with pytest.raises(ValidationError) as raised:
        outcome_save(
            report=t1_report,
            indicator=sick_leave(sheet),
            data={**outcome("3"), "unit": "kr"},
            user=planner,
        )
    assert raised.value.message_dict == {"unit": ["The target is in %, not kr."]}


def test_approving_a_report_moves_every_value_with_its_history(adopted_plan, administrator):
    from styr.followup.choices import Period
    from styr.followup.services import report_open

    report = report_fill(report_open(plan=adopted_plan, period=Period.T1))
    report = report_submit(report=report, user=administrator)
    count = len(list(report_sheet(report).entries()))
    report_approve(report=report, user=administrator)
    approved = Outcome.history.filter(status=EntryStatus.APPROVED, history_user=administrator)
    assert approved.count() == Outcome.objects.filter(report=report).count() > 0
    assert Progress.objects.filter(report=report, status=EntryStatus.APPROVED, version=3).exists()
    assert count == sum(
        model.objects.filter(report=report, status=EntryStatus.APPROVED).count()
        for model in (Outcome, Progress, GoalAssessment)
    )


def test_saving_20_values_takes_as_many_queries_as_saving_5(t1_report, sheet, planner):
    def queries(changes) -> int:
        user = type(planner).objects.get(pk=planner.pk)  # whose roles are read anew each time
        with CaptureQueriesContext(connection) as captured:
            assert entries_save(t1_report, changes, user).ok
        return len(captured)

    many = changes_of(sheet, 20)
    assert queries(many[:5]) == queries(many[5:20])
    # And again as changes to the values saved, with the versions they now have.
    again = [
        Change(c.item, {**c.data}, 1)
        for c in many[:20]
        if not (isinstance(c.item, Indicator) and c.data.get("value") is None)
    ]
    assert queries(again[:5]) == queries(again[5:20])


def test_a_value_about_another_plans_item_is_refused(t1_report, sheet, planner):
    """Whatever sends it, a report takes values only about its own plan's items."""
    other = plan_import(
        document=synthetic_plan(organisation="Kulturnämnden", year=2013, items=20, seed=3)
    )
    stranger = Activity.objects.filter(area_goal__direction__plan=other).first()
    changes = [*changes_of(sheet, 2), Change(stranger, {"progress": "ongoing"}, 0, "rad-x")]
    saving = entries_save(t1_report, changes, planner)
    assert [(p.change.place, p.messages) for p in saving.problems] == [
        ("rad-x", {"": ["This item is not in the report's plan."]})
    ]
    assert not Progress.objects.exists()
