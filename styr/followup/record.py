"""An approved report is a record: what it was judged against, and what it said.

On approval, `record_keep` keeps on the report (`Report.record`, with `Report.plan_version`)
its sheet as it then stood (selectors.report_sheet): the plan's rows it reports on and its
values, as Django's serializer writes them; each indicator's targets, baseline and verdicts
and each goal's verdict, as judged then; the budget's figures; and the plan's version in force.
`record_sheet` rebuilds the sheet from the record, so that the report's pages, dashboard,
exports, chart points and the city's roll-up show it as approved, whatever later decisions do
to the plan (a new target or direction, a renamed or removed indicator). Reopening the report
clears the record; it is judged against the plan as it stands until it is approved again.
The record's shape is in docs/followup.md.
"""

from __future__ import annotations

import json
from collections import defaultdict
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder

from styr.followup.choices import Assessment, Period
from styr.followup.kinds import KINDS, kind_of
from styr.followup.models import GoalAssessment, Outcome, Progress, Report
from styr.followup.selectors import (
    Sheet,
    attach_goal_assessments,
    attach_progress,
    report_sheet,
)
from styr.planning.choices import Level, PlanStatus
from styr.planning.models import (
    Activity,
    AreaGoal,
    Assignment,
    BoardGoal,
    Direction,
    Indicator,
    Target,
)
from styr.planning.tree import attach, attach_urls
from styr.planning.versions import latest_version

FORMAT = "styr-record/1"
# Of the people who answer for an item or entered a value, only their names are kept.
PERSON_FIELDS = ["username", "first_name", "last_name"]


# Keeping -------------------------------------------------------------------------------------


def record_keep(report: Report, sheet: Sheet | None = None) -> None:
    """Keep on the report what it is judged against and what it says; the caller saves it.

    `sheet` is the report's sheet as it now stands, if the caller has read it (under the
    report's lock, since); else it is read here.
    """
    # The budget imports the services, which import this module.
    from styr.followup.budget import ledger, ledger_kept

    report.record = None  # judge it against the plan as it stands, one last time
    if sheet is None:
        sheet = report_sheet(report)
    version = latest_version(report.plan_id, PlanStatus.ADOPTED)
    report.plan_version = version
    report.record = plain(
        {
            "format": FORMAT,
            "version": {"number": version.number, "decided_on": version.decided_on}
            if version
            else None,
            "margin": report.plan.organisation.municipality.partly_met_margin,
            "rows": sheet_rows(sheet),
            "indicators": {str(i.pk): indicator_facts(i) for i in sheet.indicators()},
            "goals": goal_facts(sheet),
            "budget": ledger_kept(ledger(report.plan), report),
        }
    )


def plain(data: dict) -> dict:
    """Return the data as the database gives it back: numbers and dates as strings."""
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def rows_of(instances: list, fields: list[str] | None = None) -> list[dict]:
    """Write instances of one model as Django's serializer does, leaving out many-to-many
    fields (tags), which would cost a query an instance."""
    if not instances:
        return []
    if fields is None:
        fields = [field.name for field in type(instances[0])._meta.local_fields]
    return serializers.serialize("python", instances, fields=fields)


def sheet_rows(sheet: Sheet) -> list[dict]:
    """Return the rows of the sheet's items, values and people, parents before children."""
    goals = [goal for direction in sheet.directions for goal in direction.goal_list]
    board_goals = [board_goal for goal in goals for board_goal in goal.board_goal_list]
    owners = [*goals, *board_goals]
    indicators = [indicator for owner in owners for indicator in owner.indicator_list]
    activities = [activity for owner in owners for activity in owner.activity_list]
    outcomes = [indicator.outcome for indicator in indicators if indicator.outcome]
    progress = [item.entry for item in [*activities, *sheet.assignments] if item.entry]
    assessments = [goal.entry for goal in owners if goal.entry]
    nodes = [*sheet.directions, *owners, *indicators, *activities]
    people = {node.responsible_id for node in nodes} | {
        entry.updated_by_id for entry in [*outcomes, *progress, *assessments]
    }
    people.discard(None)
    users = list(get_user_model().objects.filter(pk__in=people).only("pk", *PERSON_FIELDS))
    return [
        *rows_of(users, PERSON_FIELDS),
        *(
            row
            for kind in (sheet.directions, goals, board_goals, indicators, activities)
            for row in rows_of(kind)
        ),
        *rows_of(sheet.assignments),
        *rows_of(outcomes),
        *rows_of(progress),
        *rows_of(assessments),
    ]


def indicator_facts(indicator) -> dict:
    """Return how the indicator was judged, and what the roll-up and the chart read of it."""
    outcome, target = indicator.outcome, indicator.target
    return {
        "name": indicator.name,
        "level": indicator.level,
        "periodicity": indicator.periodicity,
        "all_boards": indicator.all_boards,
        "aggregation": indicator.aggregation,
        "polarity": indicator.polarity,
        "due": indicator.due,
        "board_target": target_facts(indicator.board_target),
        "council_target": target_facts(indicator.council_target),
        "target": target.level if target else None,
        "baseline": indicator.baseline,
        "outcome": {
            "value_kind": outcome.value_kind,
            "value": outcome.value,
            "unit": outcome.unit,
            "numerator": outcome.numerator,
            "denominator": outcome.denominator,
        }
        if outcome
        else None,
        "computed": indicator.computed,
        "assessment": indicator.assessment,
    }


def target_facts(target) -> dict | None:
    if target is None:
        return None
    return {
        "text": target.text,
        "kind": target.kind,
        "value": target.value,
        "unit": target.unit,
        "upper": target.upper,
    }


def goal_facts(sheet: Sheet) -> list[dict]:
    """Return each goal's verdict as judged, with what the city's roll-up reads of the goal."""
    facts = []
    for direction in sheet.directions:
        for goal in direction.goal_list:
            facts.append(
                {
                    **verdict_facts("area_goal", goal),
                    "number": goal.number,
                    "direction": {"number": direction.number, "title": direction.title},
                }
            )
            facts.extend(verdict_facts("board_goal", b) for b in goal.board_goal_list)
    return facts


def verdict_facts(kind: str, goal) -> dict:
    entry = goal.entry
    return {
        "kind": kind,
        "pk": goal.pk,
        "title": goal.title,
        "assessment": entry.assessment if entry else "",
        "motivation": entry.motivation if entry else "",
        "suggestion": goal.suggestion,
        "verdict": goal.verdict,
    }


# Reading -------------------------------------------------------------------------------------


def instances(rows: list[dict]) -> dict[type, list]:
    """Return the kept rows as unsaved instances with their keys, by model, in their order.

    A field or model the code no longer has is left out, so that old records still read.
    """
    found = defaultdict(list)
    for kept in serializers.deserialize("python", rows, ignorenonexistent=True):
        found[type(kept.object)].append(kept.object)
    return found


def record_sheet(report: Report) -> Sheet:
    """Rebuild the approved report's sheet from its record, with no query."""
    record, plan = report.record, report.plan
    found = instances(record["rows"])
    people = {person.pk: person for person in found[get_user_model()]}
    directions, goals, board_goals = found[Direction], found[AreaGoal], found[BoardGoal]
    indicators, activities = found[Indicator], found[Activity]
    attach(directions, "goal_list", goals, "direction_id")
    for owners, key in ((goals, "area_goal_id"), (board_goals, "board_goal_id")):
        attach(owners, "indicator_list", indicators, key)
        attach(owners, "activity_list", activities, key)
    attach(goals, "board_goal_list", board_goals, "area_goal_id")
    nodes = [*directions, *goals, *board_goals, *indicators, *activities]
    for node in nodes:
        node.tag_list = []  # tags are not part of what a report says
        node.responsible_person = people.get(node.responsible_id)
    attach_urls(plan, nodes)
    sheet = Sheet(
        report, directions, found[Assignment], Period(report.period).closing_day(plan.year)
    )
    entries_linked(found, people, report)
    outcomes_kept(indicators, found[Outcome], record["indicators"], plan.year)
    attach_progress(sheet, found[Progress])
    verdicts = {(fact["kind"], fact["pk"]): fact for fact in record["goals"]}
    attach_goal_assessments(sheet, found[GoalAssessment], lambda goal: as_kept(goal, verdicts))
    return sheet


def entries_linked(found: dict, people: dict, report: Report) -> None:
    """Link each value to its report, its item and who entered it, as kept: reading them from
    the database would cost a query each, and find nothing of an item since removed."""
    user = get_user_model()
    known = {(user, pk): person for pk, person in people.items()}
    for kind in KINDS:
        for model in kind.items:
            known |= {(model, item.pk): item for item in found[model]}
    for kind in KINDS:
        keys = [(key, model) for model, key in kind.keys.items()]
        for entry in found[kind.model]:
            entry.report = report
            for field, target in [*keys, ("updated_by", user)]:
                linked = known.get((target, getattr(entry, f"{field}_id")))
                if linked is not None:
                    setattr(entry, field, linked)


def outcomes_kept(indicators: list, outcomes: list, facts: dict, year: int) -> None:
    """Give each indicator its outcome, targets, baseline and verdicts as the record keeps."""
    by_indicator = {outcome.indicator_id: outcome for outcome in outcomes}
    for indicator in indicators:
        kept = facts[str(indicator.pk)]
        indicator.due = kept["due"]
        indicator.outcome = by_indicator.get(indicator.pk)
        indicator.board_target = target_of(kept["board_target"], Level.BOARD, indicator, year)
        indicator.council_target = target_of(kept["council_target"], Level.COUNCIL, indicator, year)
        indicator.target = {
            Level.BOARD: indicator.board_target,
            Level.COUNCIL: indicator.council_target,
        }.get(kept["target"])
        indicator.baseline = decimal(kept["baseline"])
        indicator.computed = Assessment(kept["computed"])
        indicator.assessment = Assessment(kept["assessment"])


def as_kept(goal, verdicts: dict) -> None:
    """Give the goal the suggestion and verdict it was approved with: the thresholds of the
    evidence are settings, and may change."""
    kept = verdicts.get((kind_of(goal).key_of(goal), goal.pk))
    if kept:
        goal.suggestion = Assessment(kept["suggestion"])
        goal.verdict = kept["verdict"]


def target_of(facts: dict | None, level: str, indicator=None, year: int | None = None):
    """Return a kept target as an (unsaved) Target, as templates and `assess` read one."""
    if facts is None:
        return None
    return Target(
        indicator_id=indicator.pk if indicator else None,
        year=year,
        level=level,
        text=facts["text"],
        kind=facts["kind"],
        value=decimal(facts["value"]),
        unit=facts["unit"],
        # Records kept before targets had ranges have no upper bound.
        upper=decimal(facts.get("upper")),
    )


def decimal(value) -> Decimal | None:
    return None if value is None else Decimal(value)


def outcome_values(facts: dict | None) -> dict | None:
    """Return a kept outcome's figures as numbers, as the roll-up reads an outcome's row."""
    if facts is None:
        return None
    numbers = ("value", "numerator", "denominator")
    return {key: decimal(value) if key in numbers else value for key, value in facts.items()}
