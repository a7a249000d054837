"""styr import-followup PATH: read a filled-in follow-up workbook back into its report."""

from decimal import Decimal
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from styr.followup.workbook import workbook_read
from styr.language import number


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
                raise CommandError(_("there is no user %(name)s") % {"name": options["user"]})
        try:
            reading = workbook_read(None, path, user=user, dry_run=options["dry_run"])
        except OSError as error:
            raise CommandError(
                _("%(path)s: cannot read the file: %(error)s")
                % {"path": path, "error": error.strerror}
            ) from error
        if not reading.ok:
            for problem in reading.listed:
                self.stderr.write(f"{path}: {problem}")
            if reading.unlisted():
                self.stderr.write(f"{path}: {reading.unlisted()}")
            count = len(reading.problems)
            raise CommandError(
                ngettext(
                    "%(path)s: %(count)s problem; nothing was saved",
                    "%(path)s: %(count)s problems; nothing was saved",
                    count,
                )
                % {"path": path, "count": number(Decimal(count))}
            )
        report = reading.report
        self.stdout.write(
            _("%(path)s: plan %(plan)s, %(period)s: %(summary)s")
            % {
                "path": path,
                "plan": report.plan_id,
                "period": report.period,
                "summary": reading.summary(),
            }
        )
