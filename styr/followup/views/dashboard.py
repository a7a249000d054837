"""The dashboards: a report's assessments at a glance, and an indicator's outcomes over the
years as a chart with its numbers in a table."""

from __future__ import annotations

from django.shortcuts import render

from styr.followup.access import report_for
from styr.followup.budget import report_budget
from styr.followup.dashboard import (
    history_chart,
    indicator_history,
    periods_readable,
    report_overview,
)
from styr.planning.access import item_for, plan_for
from styr.planning.kinds import KINDS


def dashboard(request, slug: str, year: int, period: str):
    """Show the counts of the report's assessments, then every goal with its indicators."""
    report = report_for(request, slug, year, period)
    context = {
        "report": report,
        "plan": report.plan,
        "overview": report_overview(report),
        "budget": report_budget(report, changing=False),
        "periods": periods_readable(report.plan, request.user),
    }
    return render(request, "followup/dashboard.html", context)


def indicator(request, slug: str, year: int, pk: int):
    """Show the indicator's outcomes by period over the years against its targets."""
    plan = plan_for(request, slug, year)
    found = item_for(request, plan, KINDS["indikatorer"], pk)
    history = indicator_history(plan=plan, indicator=found, user=request.user)
    context = {
        "plan": plan,
        "indicator": found,
        "history": history,
        "chart": history_chart(history),
        "periods": periods_readable(plan, request.user),
    }
    return render(request, "followup/indicator.html", context)
