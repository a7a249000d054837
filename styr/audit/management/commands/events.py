"""styr events [--json] [--since DATE] [--until DATE] [--action CODE] [--organisation SLUG]:
print the audit events, oldest first (docs/events.md).

With --json each event is one JSON object on a line of its own (JSON Lines), so that a long
log can be read and filtered a line at a time; without it, a table to read.
"""

import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.translation import gettext as _

from styr.audit.events import event_label
from styr.audit.models import Event
from styr.audit.selectors import EventFilters, events_filtered
from styr.organisations.models import Organisation


class Command(BaseCommand):
    help = "Print the audit events, oldest first: as a table, or with --json as JSON Lines."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="One JSON object a line.")
        parser.add_argument("--since", help="From this day on, YYYY-MM-DD.")
        parser.add_argument("--until", help="Up to and including this day, YYYY-MM-DD.")
        parser.add_argument("--action", default="", help="Only this event, e.g. plan.adopted.")
        parser.add_argument("--organisation", help="Only this organisation, by its slug.")

    def handle(self, *args, **options):
        filters = EventFilters(
            organisation=organisation(options["organisation"]),
            action=options["action"],
            since=day(options["since"], "--since"),
            until=day(options["until"], "--until"),
        )
        if filters.since and filters.until and filters.since > filters.until:
            raise CommandError(
                _("--until %(until)s is before --since %(since)s")
                % {"until": filters.until, "since": filters.since}
            )
        events = events_filtered(filters).reverse().iterator(chunk_size=2000)
        write = self.line_json if options["json"] else self.line_table
        for event in events:
            write(event)

    def line_json(self, event: Event) -> None:
        self.stdout.write(json.dumps(event_dict(event), ensure_ascii=False, cls=DjangoJSONEncoder))

    def line_table(self, event: Event) -> None:
        when = timezone.localtime(event.created_at).strftime("%Y-%m-%d %H:%M:%S")
        refused = _("REFUSED") + " " if event.refused else ""
        who = event.actor_name or "-"
        where = event.organisation.slug if event.organisation else "-"
        what = event.target_repr or "-"
        self.stdout.write(f"{when}  {refused}{event.action:<22} {who:<15} {where:<20} {what}")


def event_dict(event: Event) -> dict:
    """Return an event as the command prints it in JSON."""
    return {
        "id": event.pk,
        "when": timezone.localtime(event.created_at).isoformat(),
        "action": event.action,
        "label": event_label(event.action),
        "actor": event.actor_name,
        "organisation": event.organisation.slug if event.organisation else None,
        "target_type": event.target_type,
        "target_id": event.target_id,
        "target": event.target_repr,
        "reason": event.reason,
        "data": event.data,
        "refused": event.refused,
    }


def day(text: str | None, option: str) -> date | None:
    """Read a day given to an option, or refuse it naming the option."""
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(
            _("%(option)s %(text)s: write the day as YYYY-MM-DD, e.g. 2013-05-08")
            % {"option": option, "text": text}
        ) from error


def organisation(slug: str | None) -> Organisation | None:
    """Return the organisation a slug names, or refuse one that names none."""
    if not slug:
        return None
    found = Organisation.objects.filter(slug=slug).first()
    if found is None:
        raise CommandError(
            _("--organisation %(slug)s: no organisation has that slug") % {"slug": slug}
        )
    return found
