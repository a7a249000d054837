"""The central office's page of audit events: who did what to which object, and what was refused."""

from __future__ import annotations

import rules
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render

from styr.audit.forms import EventFilterForm
from styr.audit.selectors import EventFilters, event_rows, events_filtered

PER_PAGE = 100


@login_required
def events(request):
    """List the events, newest first, filtered as asked; only the central office sees them."""
    if not rules.test_rule("audit.view_events", request.user):
        raise PermissionDenied
    form = EventFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        # Say what is wrong with the filter rather than show events it did not select.
        return render(request, "audit/events.html", {"form": form}, status=400)
    filters = form.filters() if form.is_bound else EventFilters()
    page = Paginator(events_filtered(filters), PER_PAGE).get_page(request.GET.get("sida"))
    context = {"form": form, "page": page, "rows": event_rows(page.object_list)}
    return render(request, "audit/events.html", context)
