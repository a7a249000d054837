"""The reporting calendar: when a municipality's reports for each period of a year are due.

`deadline_of` reads a period's deadline: the calendar's day, or by default fifteen days after
the period closes (the annual report: 31 January the year after); `deadline` is a plan's.
`deadlines_set` is the one writer of the calendar.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from styr.followup.choices import Period
from styr.followup.models import ReportingDeadline
from styr.organisations.models import Municipality
from styr.planning.models import Plan


def deadline_of(municipality: Municipality | int, year: int, period: Period) -> date:
    """Return when the municipality's reports for the period are due, in one query."""
    found = ReportingDeadline.objects.filter(
        municipality=municipality, year=year, period=period
    ).first()
    return found.due if found else default_deadline(year, period)


def default_deadline(year: int, period: str) -> date:
    """The deadline without a calendar's day: fifteen days after the period closes, the annual
    report on 31 January the year after."""
    if period == Period.YEAR:
        return date(year + 1, 1, 31)
    return Period(period).closing_day(year) + timedelta(days=15)


def deadline(plan: Plan, period: Period) -> date:
    """Return when the plan's report for the period is due."""
    return deadline_of(plan.organisation.municipality_id, plan.year, period)


@transaction.atomic
def deadlines_set(*, municipality: Municipality, year: int, dues: dict[str, date]) -> None:
    """Set the deadline of each period given, by period; none may fall before its period closes."""
    problems = {}
    for period, due in dues.items():
        closes = Period(period).closing_day(year)
        if due < closes:
            problems[period] = _(
                "The deadline %(due)s is before the period closes on %(closes)s."
            ) % {"due": due.isoformat(), "closes": closes.isoformat()}
    if problems:
        raise ValidationError(problems)
    for period, due in dues.items():
        ReportingDeadline.objects.update_or_create(
            municipality=municipality, year=year, period=period, defaults={"due": due}
        )
