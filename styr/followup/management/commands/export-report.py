"""styr export-report PLAN_ID PERIOD: write a plan's follow-up for a period as open-data JSON."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from styr.followup.choices import Period
from styr.followup.export import report_json
from styr.followup.models import Report
from styr.planning.commands import plan_numbered


class Command(BaseCommand):
    help = (
        "Write the follow-up of a plan for a period (T1, T2 or year) in Styr's open-data JSON "
        "(docs/report-json.md): outcomes, assessments, activity status, goal fulfilment and "
        "the budget forecast."
    )

    def add_arguments(self, parser):
        parser.add_argument("plan_id", type=int)
        parser.add_argument("period", choices=[period.value for period in Period])
        parser.add_argument("--format", choices=["json"], default="json")
        parser.add_argument("--output", help="Write to this file rather than standard output.")

    def handle(self, *args, **options):
        plan = plan_numbered(options["plan_id"])
        report = Report.objects.filter(plan=plan, period=options["period"]).first()
        if report is None:
            raise CommandError(
                _("plan %(id)s has no %(period)s report: a plan is followed up once it is adopted")
                % {"id": plan.pk, "period": options["period"]}
            )
        text = json.dumps(report_json(report), ensure_ascii=False, indent=2)
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8") as file:
                file.write(text + "\n")
            self.stdout.write(_("wrote %(path)s") % {"path": options["output"]})
        else:
            self.stdout.write(text)
