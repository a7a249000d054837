"""Reminders by e-mail to those whose follow-up values are due or overdue.

For every report not yet approved whose deadline is at most `settings.STYR_REMINDER_DAYS` days
away, or has passed, each responsible person gets one mail listing what they still have to
report: the items not entered, in draft or returned, in this year's plans and last year's.
Items no one answers for go to the board's planners. Submitted and approved values, and
approved reports, are left alone. A report nobody has opened yet is not approved either, so
its board is reminded too.

The mail is in Swedish, whatever language the command runs in.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import send_mass_mail
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from styr.accounts.models import Membership
from styr.followup.calendar import deadline_of
from styr.followup.choices import EntryStatus, Period
from styr.followup.completion import DONE, BoardCompletion, Completion, Item, completion
from styr.organisations.models import Municipality
from styr.planning.choices import PlanStatus
from styr.planning.models import Plan


@dataclass
class ReportDue:
    """A board's report for a period, with the items one recipient has left in it."""

    state: Completion
    board: BoardCompletion
    items: list[Item] = field(default_factory=list)

    @property
    def url(self) -> str:
        path = reverse(
            "followup:report", args=[self.board.slug, self.state.year, self.state.period.slug]
        )
        return settings.STYR_BASE_URL.rstrip("/") + path


@dataclass
class Reminder:
    recipient: object  # a User
    reports: list[ReportDue] = field(default_factory=list)

    @property
    def items(self) -> list[Item]:
        return [item for report in self.reports for item in report.items]


@dataclass
class Reminders:
    """The reminders of a day, and the items nobody could be reminded of."""

    reminders: list[Reminder]
    unreached: list[Item]  # no responsible person, and the board has no planner


def reminders_due(*, on: date) -> Reminders:
    """Return the reminders to send on the day: one per person with values left to report."""
    states = completions_due(on)
    boards = [(state, board) for state in states for board in state.boards if not board.approved]
    people = {row.person.pk: row.person for state in states for row in state.people if row.person}
    planners = planners_of({board.organisation_id for _state, board in boards})
    by_recipient: dict[object, dict[int, ReportDue]] = defaultdict(dict)
    unreached = []
    for n, (state, board) in enumerate(boards):
        for item in board.items:
            if item.status in DONE:
                continue
            recipients = (
                [people[item.responsible]] if item.responsible else planners[board.organisation_id]
            )
            if not recipients:
                unreached.append(item)
            for user in recipients:
                by_recipient[user].setdefault(n, ReportDue(state, board)).items.append(item)
    reminders = [Reminder(user, list(due.values())) for user, due in by_recipient.items()]
    reminders.sort(key=lambda reminder: str(reminder.recipient).lower())
    return Reminders(reminders, unreached)


def completions_due(on: date) -> list[Completion]:
    """Return the completion of every period whose reminders have begun by the day: each
    municipality's, for this year's plans and last year's (whose annual report is due now).

    Older reports never approved are left to the central office's completion overview, rather
    than reminded of every day for ever.
    """
    last = on + timedelta(days=settings.STYR_REMINDER_DAYS)
    adopted = Plan.objects.filter(status=PlanStatus.ADOPTED, year__gte=on.year - 1)
    years = sorted(set(adopted.values_list("organisation__municipality", "year")))
    municipalities = Municipality.objects.in_bulk({municipality for municipality, _ in years})
    return [
        completion(municipality=municipalities[pk], year=year, period=period, on=on)
        for pk, year in years
        for period in Period
        if deadline_of(municipalities[pk], year, period) <= last
    ]


def planners_of(organisations: set[int]) -> dict[int, list]:
    """Return each organisation's planners, who get the items no one is responsible for."""
    found = defaultdict(list)
    memberships = Membership.objects.filter(
        organisation__in=organisations, role=Membership.Role.PLANNER
    ).select_related("user")
    for membership in memberships.order_by("user__username"):
        found[membership.organisation_id].append(membership.user)
    return found


def reminders_send(reminders: list[Reminder]) -> int:
    """Send each reminder whose recipient has an e-mail address; return how many were sent."""
    return send_mass_mail(
        [(*reminder_text(r), None, [r.recipient.email]) for r in reminders if r.recipient.email]
    )


def reminder_text(reminder: Reminder) -> tuple[str, str]:
    """Return the reminder's subject and body, in Swedish."""
    with translation.override("sv"):
        first = min(report.state.deadline for report in reminder.reports)
        subject = _("Styr: follow-up values to report by %(deadline)s") % {
            "deadline": first.isoformat()
        }
        lines = [
            _("Hello %(name)s,") % {"name": reminder.recipient},
            "",
            _("These values of the follow-up are yours to report in Styr:"),
        ]
        for report in reminder.reports:
            lines += ["", *report_lines(report)]
        if any(item.responsible is None for item in reminder.items):
            lines += [
                "",
                _(
                    "No one is responsible for the items marked *; as a planner of the board, "
                    "you get them."
                ),
            ]
        return subject, "\n".join(lines) + "\n"


def report_lines(report: ReportDue) -> list[str]:
    state = report.state
    due = _("Due %(deadline)s") % {"deadline": state.deadline.isoformat()}
    if state.passed:
        due += " " + _("(the deadline has passed)")
    return [
        f"{report.board.plan_title}: {state.period.label} {state.year}",
        due,
        report.url,
        *(item_line(item) for item in report.items),
    ]


def item_line(item: Item) -> str:
    state = str(item.status_label).lower()
    if item.status == EntryStatus.RETURNED and item.return_reason:
        state += f": {item.return_reason}"
    star = "" if item.responsible else " *"
    return f"- {capfirst(item.kind_label)}: {item.label} ({state}){star}"
