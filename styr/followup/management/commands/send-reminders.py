"""styr send-reminders [--date YYYY-MM-DD] [--dry-run]: remind by e-mail those whose follow-up
values are due within STYR_REMINDER_DAYS days, or overdue (styr/followup/reminders.py)."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from styr.followup.reminders import reminders_due, reminders_send


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
            self.stdout.write(f"Would send {counted(len(reachable), 'reminder')} as of {on}:")
        else:
            sent = reminders_send(due.reminders)
            self.stdout.write(f"Sent {counted(sent, 'reminder')} as of {on}:")
        for reminder in due.reminders:
            user = reminder.recipient
            to = f"<{user.email}>" if user.email else "(no e-mail address: not sent)"
            self.stdout.write(f"  {user} {to}: {counted(len(reminder.items), 'item')}")
        if due.unreached:
            boards = ", ".join(sorted({item.board.name for item in due.unreached}))
            self.stdout.write(
                f"Nobody to remind of {counted(len(due.unreached), 'item')} that no one is "
                f"responsible for, in boards without a planner: {boards}"
            )


def counted(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' * (count != 1)}"


def day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(
            f"--date {text}: write the day as YYYY-MM-DD, e.g. 2013-05-08"
        ) from error
