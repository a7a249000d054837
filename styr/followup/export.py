"""A report as open data: the JSON `styr export-report` writes (docs/report-json.md).

Numbers are strings, so that decimals stay exact; dates are ISO 8601; every key is written,
`null` where there is no value. Assessments are the codes met, partly_met, not_met and
not_assessed.
"""

from __future__ import annotations

from decimal import Decimal

from styr.followup.budget import Line, Money, report_budget
from styr.followup.calendar import deadline
from styr.followup.models import Report
from styr.followup.selectors import Sheet, report_sheet
from styr.swedish import date_write, plain_write

FORMAT = "styr-report/1"


def amount(value: Decimal | None) -> str | None:
    """Write an amount of money with exactly two decimals, as the plan's JSON does."""
    return plain_write(value, places=2)


def day(value) -> str | None:
    return date_write(value) if value else None


def report_json(report: Report) -> dict:
    sheet = report_sheet(report)
    plan = report.plan
    return {
        "format": FORMAT,
        "municipality": plan.organisation.municipality.name,
        "organisation": plan.organisation.name,
        "plan": {"id": plan.pk, "year": plan.year, "title": plan.title},
        "plan_version": version_json(report.judged_against),
        "period": report.period,
        "closing_day": day(sheet.closing_day),
        "deadline": day(deadline(plan, report.period_choice)),
        "status": report.status,
        "submitted_at": report.submitted_at.isoformat() if report.submitted_at else None,
        "approved_at": report.approved_at.isoformat() if report.approved_at else None,
        "summary": report.summary,
        "goals": goals_json(sheet),
        "assignments": [progress_json(item) for item in sheet.assignments],
        "budget": budget_json(report),
    }


def version_json(version) -> dict | None:
    """Write the plan's version the report is judged against (kept when it was approved)."""
    if version is None:
        return None
    return {"number": version.number, "decided_on": day(version.decided_on)}


def goals_json(sheet: Sheet) -> list[dict]:
    return [
        {
            **goal_json(goal),
            "number": goal.number,
            "board_goals": [goal_json(board_goal) for board_goal in goal.board_goal_list],
        }
        for direction in sheet.directions
        for goal in direction.goal_list
    ]


def goal_json(goal) -> dict:
    entry, evidence = goal.entry, goal.evidence
    return {
        "title": goal.title,
        "responsible": str(goal.responsible_person) if goal.responsible_person else None,
        "assessment": entry.assessment or None if entry else None,
        "suggested_assessment": goal.suggestion.value,
        "motivation": entry.motivation if entry else "",
        "status": entry.status if entry else None,
        "evidence": {
            "indicators": dict(sorted(evidence.indicators.items())),
            "activities": dict(sorted(evidence.activities.items())),
            "board_goals": dict(sorted(evidence.goals.items())),
            "score": plain_write(evidence.score),
        },
        "indicators": [indicator_json(i) for i in goal.indicator_list if i.due],
        "activities": [progress_json(activity) for activity in goal.activity_list],
    }


def indicator_json(indicator) -> dict:
    outcome, target = indicator.outcome, indicator.target
    return {
        "name": indicator.name,
        "periodicity": indicator.periodicity,
        "all_boards": indicator.all_boards,
        "polarity": indicator.polarity,
        "target": target_json(target),
        "outcome": outcome_json(outcome) if outcome else None,
        "baseline": plain_write(indicator.baseline),
        "assessment": indicator.assessment.value,
        "computed_assessment": indicator.computed.value,
        "override_reason": outcome.override_reason if outcome and outcome.override else None,
    }


def target_json(target) -> dict | None:
    if target is None:
        return None
    return {
        "set_by": target.level,
        "text": target.text,
        "kind": target.kind,
        "value": plain_write(target.value),
        "unit": target.unit,
        "upper": plain_write(target.upper),
    }


def outcome_json(outcome) -> dict:
    return {
        "value_kind": outcome.value_kind,
        "value": plain_write(outcome.value),
        "unit": outcome.unit,
        "women": plain_write(outcome.women),
        "men": plain_write(outcome.men),
        "numerator": plain_write(outcome.numerator),
        "denominator": plain_write(outcome.denominator),
        "comment": outcome.comment,
        "source": outcome.source,
        "status": outcome.status,
    }


def progress_json(item) -> dict:
    entry = item.entry
    dates = (
        {"start": day(item.start), "end": day(item.end)}
        if hasattr(item, "start")
        else {"due": day(item.due)}
    )
    return {
        "title": item.title,
        **dates,
        "status": entry.progress or None if entry else None,
        "completed_on": day(entry.completed_on) if entry else None,
        "comment": entry.comment if entry else "",
        "overdue": item.overdue,
        "entry_status": entry.status if entry else None,
    }


def budget_json(report: Report) -> dict:
    sheet = report_budget(report)
    accuracy = sheet.accuracy
    return {
        "unit": report.plan.budget_unit,
        "lines": [line_json(line) for line in sheet.lines],
        "not_on_a_line": line_json(sheet.unallocated) if sheet.unallocated else None,
        "total": line_json(sheet.total),
        "adherence": plain_write(rounded(sheet.adherence)),
        "adherence_after_carry_over": plain_write(rounded(sheet.adherence_after_carry_over)),
        "carry_over": amount(report.carry_over),
        "adjustments": [
            {
                "budget_line": a.budget_line.name if a.budget_line else None,
                "kind": a.kind,
                "amount": amount(a.amount),
                "funding_source": a.funding_source,
                "recommendation": a.recommendation or None,
                "decision": a.decision,
                "decided_on": day(a.decided_on),
            }
            for a in sheet.adjustments
        ],
        "gross_changes": [
            {
                "budget_line": g.budget_line.name if g.budget_line else None,
                "amount": amount(g.amount),
                "description": g.description,
                "decision": g.decision,
                "decided_on": day(g.decided_on),
            }
            for g in sheet.gross_changes
        ],
        "forecast_accuracy": {
            "value": plain_write(rounded(accuracy.value)),
            "assessment": accuracy.assessment.value,
            "base": accuracy.base,
            "base_amount": amount(accuracy.base_amount),
            "tolerance": plain_write(accuracy.tolerance),
        },
    }


def rounded(value: Decimal | None) -> Decimal | None:
    """Round a share in per cent to two decimals, as reports print it."""
    return None if value is None else value.quantize(Decimal("0.01"))


def line_json(line: Line) -> dict:
    return {
        "name": line.name,
        "budget": money_json(line.budget),
        "adjustments": amount(line.adjustment),
        "gross_changes": amount(line.gross),
        "adjusted_budget": money_json(line.adjusted),
        "outcome": money_json(line.so_far),
        "forecast": money_json(line.forecast),
        "deviation": amount(line.deviation),
    }


def money_json(money: Money) -> dict:
    return {
        "costs": amount(money.costs),
        "revenues": amount(money.revenues),
        "net": amount(money.net),
    }
