"""The reporting calendar: when a municipality's reports for each period of a year are due.

`deadline_of` reads a period's deadline (the calendar's day, or the default that
`selectors.deadline` gives); `deadlines_set` is the one writer of the calendar.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from styr.followup.choices import Period
from styr.followup.models import ReportingDeadline
from styr.followup.selectors import deadline
from styr.organisations.models import Municipality, Organisation
from styr.planning.models import Plan


def deadline_of(municipality: Municipality, year: int, period: Period) -> date:
    """Return when the municipality's reports for the period are due, in one query.

    The deadline is the same for every board of the municipality, so it is asked once for a
    plan that stands for all of them, and the default stays in one place (selectors.deadline).
    """
    any_plan = Plan(organisation=Organisation(municipality=municipality), year=year)
    return deadline(any_plan, Period(period))


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
