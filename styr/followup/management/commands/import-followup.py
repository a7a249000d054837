"""styr import-followup PATH: read a filled-in follow-up workbook back into its report."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from styr.followup.workbook import workbook_read


class Command(BaseCommand):
    help = (
        "Read a workbook made by `styr export-followup-template` (or the report's Excel page) "
        "and save its values in the report it names, as drafts. Every cell is checked; if any "
        "row has a problem, each is listed with its sheet, row and column and nothing is saved."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--user", help="The user name to record as having entered the values.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the workbook and report; save nothing."
        )

    def handle(self, *args, **options):
        path: Path = options["path"]
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"there is no user {options['user']}")
        try:
            reading = workbook_read(None, path, user=user, dry_run=options["dry_run"])
        except OSError as error:
            raise CommandError(f"{path}: cannot read the file: {error.strerror}") from error
        if not reading.ok:
            for problem in reading.problems:
                self.stderr.write(f"{path}: {problem}")
            count = len(reading.problems)
            raise CommandError(
                f"{path}: {count} problem{'s' if count != 1 else ''}; nothing was saved"
            )
        report = reading.report
        self.stdout.write(f"{path}: plan {report.plan_id}, {report.period}: {reading.summary()}")
