"""The report's page: every item due in the period, with the values entered so far."""

from __future__ import annotations

from django.shortcuts import render

from styr.followup.access import report_for
from styr.followup.selectors import report_sheet


def report(request, slug: str, year: int, period: str):
    found = report_for(request, slug, year, period)
    return render(request, "followup/report.html", {"report": found, "sheet": report_sheet(found)})
