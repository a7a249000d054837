"""styr export-followup-template PLAN_ID PERIOD --output PATH: write a report's Excel workbook."""

from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from styr.followup.choices import Period
from styr.followup.services import Refused, report_open
from styr.followup.workbook import workbook_write
from styr.language import number
from styr.planning.commands import plan_numbered


class Command(BaseCommand):
    help = (
        "Write an Excel workbook (.xlsx) in which officials fill in a plan's follow-up for a "
        "period (T1, T2 or year): a row per indicator, activity, assignment and goal to report, "
        "with what is already entered. `styr import-followup` reads it back."
    )

    def add_arguments(self, parser):
        parser.add_argument("plan_id", type=int)
        parser.add_argument("period", choices=[period.value for period in Period])
        parser.add_argument("--output", required=True, help="The .xlsx file to write.")

    def handle(self, *args, **options):
        plan = plan_numbered(options["plan_id"])
        try:
            report = report_open(plan=plan, period=options["period"])
        except Refused as refused:
            raise CommandError(f"plan {plan.pk}: {refused}") from refused
        book = workbook_write(report)
        try:
            book.save(options["output"])
        except OSError as error:
            raise CommandError(
                _("%(path)s: cannot write: %(error)s")
                % {"path": options["output"], "error": error.strerror}
            ) from error
        counts = ", ".join(
            ngettext("%(count)s row of %(sheet)s", "%(count)s rows of %(sheet)s", rows)
            % {"count": number(Decimal(rows)), "sheet": worksheet.title}
            for worksheet in book.worksheets[1:]
            if worksheet.sheet_state == "visible"
            for rows in [worksheet.max_row - 2]
        )
        self.stdout.write(
            _("wrote %(path)s: %(counts)s") % {"path": options["output"], "counts": counts}
        )
