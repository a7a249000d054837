"""Fetch reports for a request, refusing what the user may not see or change.

Every follow-up view gets its report through these functions, so that no page forgets a check.
"""

from __future__ import annotations

from datetime import MAXYEAR, MINYEAR

import rules
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Subquery
from django.http import Http404

from styr.followup.calendar import default_deadline
from styr.followup.choices import PERIOD_OF_SLUG, Period
from styr.followup.lifecycle import REPORT
from styr.followup.models import Report, ReportingDeadline, VersionInForce
from styr.organisations.models import Municipality
from styr.planning.access import plan_for
from styr.planning.choices import PlanStatus
from styr.planning.models import PlanVersion


def period_named(slug: str) -> Period:
    try:
        return PERIOD_OF_SLUG[slug]
    except KeyError as error:
        raise Http404(slug) from error


def report_for(request, slug: str, year: int, period: str, *, review: bool = False) -> Report:
    """Return the plan's report for the period, if the user may read it (or review it).

    Reports are opened when their plan is adopted: a plan not adopted has none (404). One
    query reads the report with its plan, organisation and municipality, the plan's version
    in force (`judged_against`) and the period's deadline (`deadline`), which every report
    page shows.
    """
    found = PERIOD_OF_SLUG.get(period)
    report = None
    if found is not None:
        report = (
            Report.objects.select_related("plan__organisation__municipality")
            .filter(plan__organisation__slug=slug, plan__year=year, period=found)
            .annotate(**report_facts(found))
            .first()
        )
    if report is None:
        plan_for(request, slug, year)  # 404 without the plan, 403 if the user may not read it
        raise Http404(period)
    if not rules.test_rule("planning.view_plan", request.user, report.plan):
        raise PermissionDenied
    facts_attach(report)
    # The role is checked here; whether the report's state allows the step, by its lifecycle.
    rule = "followup.report" if review else "followup.view_report"
    if not rules.test_rule(rule, request.user, report):
        raise PermissionDenied
    return report


def report_facts(period: Period) -> dict:
    """Return the subqueries that read, with a report, its plan's version in force and the
    municipality's deadline for the period."""
    versions = PlanVersion.objects.filter(
        plan=OuterRef("plan"), status=PlanStatus.ADOPTED
    ).order_by("-number")
    deadlines = ReportingDeadline.objects.filter(
        municipality=OuterRef("plan__organisation__municipality"),
        year=OuterRef("plan__year"),
        period=period,
    )
    return {
        "in_force_number": Subquery(versions.values("number")[:1]),
        "in_force_decided_on": Subquery(versions.values("decided_on")[:1]),
        "calendar_due": Subquery(deadlines.values("due")[:1]),
    }


def facts_attach(report: Report) -> None:
    """Give the report what report_facts read, as Report.judged_against and
    calendar.deadline would: an approved report names the version its record keeps."""
    if report.record is None:
        number = report.in_force_number
        report.__dict__["judged_against"] = (
            VersionInForce(number, report.in_force_decided_on) if number is not None else None
        )
    report.deadline = report.calendar_due or default_deadline(report.plan.year, report.period)


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
