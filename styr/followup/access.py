"""Fetch reports for a request, refusing what the user may not see or change.

Every follow-up view gets its report through these functions, so that no page forgets a check.
"""

from __future__ import annotations

from datetime import MAXYEAR, MINYEAR

import rules
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404

from styr.followup.choices import PERIOD_OF_SLUG, Period
from styr.followup.lifecycle import REPORT
from styr.followup.models import Report
from styr.organisations.models import Municipality
from styr.planning.access import plan_for


def period_named(slug: str) -> Period:
    try:
        return PERIOD_OF_SLUG[slug]
    except KeyError as error:
        raise Http404(slug) from error


def report_for(request, slug: str, year: int, period: str, *, review: bool = False) -> Report:
    """Return the plan's report for the period, if the user may read it (or review it).

    Reports are opened when their plan is adopted: a plan not adopted has none (404).
    """
    plan = plan_for(request, slug, year)
    report = Report.objects.filter(plan=plan, period=period_named(period)).first()
    if report is None:
        raise Http404(period)
    report.plan = plan
    # The role is checked here; whether the report's state allows the step, by its lifecycle.
    rule = "followup.report" if review else "followup.view_report"
    if not rules.test_rule(rule, request.user, report):
        raise PermissionDenied
    return report


def municipality_for(request, year: int) -> tuple[Municipality, list[Municipality]]:
    """Refuse anyone but the central office; return the municipality asked for, and all.

    The municipality is the one ?kommun= names, else the settings' one, else the only one.
    """
    if not rules.test_rule("followup.view_city", request.user):
        raise PermissionDenied
    if not MINYEAR < year < MAXYEAR:
        raise Http404(year)
    municipalities = list(Municipality.objects.all())
    by_name = {m.name: m for m in municipalities}
    name = request.GET.get("kommun") or settings.STYR_MUNICIPALITY
    if name in by_name:
        return by_name[name], municipalities
    if len(municipalities) == 1 and "kommun" not in request.GET:
        return municipalities[0], municipalities
    raise Http404(name)


def enters(user, report: Report, item) -> bool:
    """Say whether the user's role lets them enter the item's value: a planner or the central
    office any value, anyone else those of the items they answer for. The report's state is
    its lifecycle's to check."""
    return rules.test_rule("followup.report", user, report) or rules.test_rule(
        "followup.enter_item", user, item
    )


def may_enter(user, report: Report, item) -> bool:
    """Say whether the user may enter a value for the item in the report as it stands."""
    return REPORT.allows(report, "edit", None) and enters(user, report, item)
