"""styr send-reminders [--date YYYY-MM-DD] [--dry-run]: remind by e-mail those whose follow-up
values are due within STYR_REMINDER_DAYS days, or overdue (styr/followup/reminders.py)."""

from datetime import date
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from styr.followup.reminders import reminders_due, reminders_send
from styr.language import number


class Command(BaseCommand):
    help = "E-mail each person with follow-up values due or overdue a list of them."

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", help="The day to remind as of, YYYY-MM-DD; today if not given."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Say who would be reminded; send nothing."
        )

    def handle(self, *args, **options):
        on = day(options["date"]) if options["date"] else timezone.localdate()
        due = reminders_due(on=on)
        reachable = [r for r in due.reminders if r.recipient.email]
        if options["dry_run"]:
            message = _("Would send %(reminders)s as of %(day)s:")
            sent = len(reachable)
        else:
            message = _("Sent %(reminders)s as of %(day)s:")
            sent = reminders_send(due.reminders)
        self.stdout.write(message % {"reminders": reminders(sent), "day": on.isoformat()})
        for reminder in due.reminders:
            user = reminder.recipient
            to = f"<{user.email}>" if user.email else _("(no e-mail address: not sent)")
            self.stdout.write(f"  {user} {to}: {items(len(reminder.items))}")
        if due.unreached:
            boards = ", ".join(sorted({item.board.name for item in due.unreached}))
            self.stdout.write(
                _(
                    "Nobody to remind of %(items)s that no one is responsible for, in boards "
                    "without a planner: %(boards)s"
                )
                % {"items": items(len(due.unreached)), "boards": boards}
            )


def reminders(count: int) -> str:
    return ngettext("%(count)s reminder", "%(count)s reminders", count) % {
        "count": number(Decimal(count))
    }


def items(count: int) -> str:
    return ngettext("%(count)s item", "%(count)s items", count) % {"count": number(Decimal(count))}


def day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(
            _("%(option)s %(text)s: write the day as YYYY-MM-DD, e.g. 2013-05-08")
            % {"option": "--date", "text": text}
        ) from error
