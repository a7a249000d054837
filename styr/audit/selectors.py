"""Read the audit events: filtered for the central office's page and the `styr events` command."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.apps import apps
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from styr.audit.events import EVENT_LABELS, event_details, event_label
from styr.audit.models import Event
from styr.organisations.models import Organisation


@dataclass(frozen=True)
class EventFilters:
    organisation: Organisation | None = None
    action: str = ""
    person: str = ""
    since: date | None = None
    until: date | None = None
    refused: bool = False


@dataclass
class EventRow:
    event: Event
    label: str
    address: str
    details: list[tuple[str, object]]


def events_filtered(filters: EventFilters) -> QuerySet[Event]:
    """Return the events the filters select, newest first, with their organisations."""
    events = Event.objects.select_related("organisation").order_by("-created_at", "-pk")
    if filters.organisation is not None:
        events = events.filter(organisation=filters.organisation)
    if filters.action:
        events = events.filter(action=filters.action)
    if filters.person:
        # A failed login has no actor: the user name tried is in its details.
        events = events.filter(
            Q(actor_name__iexact=filters.person) | Q(data__username__iexact=filters.person)
        )
    if filters.since:
        events = events.filter(created_at__gte=day_start(filters.since))
    if filters.until:
        events = events.filter(created_at__lt=day_start(filters.until + timedelta(days=1)))
    if filters.refused:
        events = events.filter(refused=True)
    return events


def day_start(day: date) -> datetime:
    """Return the moment a day begins in Styr's time zone, so that ranges use the index."""
    return timezone.make_aware(datetime.combine(day, time.min))


def event_actions() -> list[tuple[str, str]]:
    """Return every code the registry names or an event has, with its label, by label."""
    logged = Event.objects.order_by().values_list("action", flat=True).distinct()
    codes = set(EVENT_LABELS) | set(logged)
    return sorted(((code, event_label(code)) for code in codes), key=lambda pair: pair[1])


def event_rows(events: Iterable[Event]) -> list[EventRow]:
    """Return the events with their labels and the addresses of their objects.

    One query for each kind of object among them, however many events there are.
    """
    events = list(events)
    addresses = addresses_of(events)
    return [
        EventRow(
            event=event,
            label=event_label(event.action),
            address=addresses.get((event.target_type, event.target_id), ""),
            details=event_details(event.data),
        )
        for event in events
    ]


def plan_address(plan) -> str:
    return plan.get_absolute_url()


def report_address(report) -> str:
    return report.get_absolute_url()


def value_address(entry) -> str:
    return entry.report.get_absolute_url()


def case_address(case) -> str:
    if case.plan is None:
        return ""
    plan = case.plan
    return reverse("decisions:case", args=[plan.organisation.slug, plan.year, case.pk])


# The kinds of object that have a page: what to fetch with them and how to address it.
# A value (an entry) has none of its own, so it links to its report.
ADDRESSES: dict[str, tuple[str, Callable]] = {
    "planning.plan": ("organisation", plan_address),
    "followup.report": ("plan__organisation", report_address),
    "followup.outcome": ("report__plan__organisation", value_address),
    "followup.progress": ("report__plan__organisation", value_address),
    "followup.goalassessment": ("report__plan__organisation", value_address),
    "decisions.case": ("plan__organisation", case_address),
}


def addresses_of(events: list[Event]) -> dict[tuple[str, int], str]:
    """Return the address of each event's object that still exists and has one."""
    wanted: dict[str, set[int]] = defaultdict(set)
    for event in events:
        if event.target_type in ADDRESSES and event.target_id is not None:
            wanted[event.target_type].add(event.target_id)
    addresses = {}
    for label, ids in wanted.items():
        related, address = ADDRESSES[label]
        model = apps.get_model(label)
        for target in model._base_manager.select_related(related).filter(pk__in=ids):
            addresses[(label, target.pk)] = address(target)
    return addresses
