"""styr export-report PLAN_ID PERIOD: write a plan's follow-up for a period, as open-data JSON
by default."""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from styr.documents.commands import ExportCommand
from styr.documents.subjects import ReportSubject
from styr.followup.choices import Period
from styr.followup.models import Report
from styr.planning.commands import plan_numbered


class Command(ExportCommand):
    help = (
        "Write the follow-up of a plan for a period (T1, T2 or year): outcomes, assessments, "
        "activity status, goal fulfilment and the budget forecast; in Styr's open-data JSON "
        "(docs/report-json.md) by default, or as a document or a table (--format)."
    )
    subject_kind = "report"

    def add_arguments(self, parser):
        parser.add_argument("plan_id", type=int)
        parser.add_argument("period", choices=[period.value for period in Period])
        super().add_arguments(parser)

    def subject(self, options) -> ReportSubject:
        plan = plan_numbered(options["plan_id"])
        report = Report.objects.filter(plan=plan, period=options["period"]).first()
        if report is None:
            raise CommandError(
                _("plan %(id)s has no %(period)s report: a plan is followed up once it is adopted")
                % {"id": plan.pk, "period": options["period"]}
            )
        return ReportSubject(report)
