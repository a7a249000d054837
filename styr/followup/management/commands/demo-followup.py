"""styr demo-followup ORGANISATION YEAR: a plan in the middle of its year, to try follow-up with.

The plan is adopted as its decision says, the first tertial report is filled in with made-up
values and approved, and the second is open for the planner. Run it again and nothing changes.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from styr.decisions.services import plan_adopt
from styr.followup.choices import Period, ReportStatus
from styr.followup.services import report_open
from styr.followup.synthetic import report_fill
from styr.planning.choices import PlanStatus, Polarity
from styr.planning.editing import item_update
from styr.planning.models import Indicator, Plan

# The sample plan does not say which way is better; for these of its indicators, less is.
LESS_IS_BETTER = [
    "Sjukfrånvaro",
    "Antal dygn över normvärdet",
    "Elanvändning per kvadratmeter",
    "Energianvändning per kvadratmeter",
    "Administrationens andel",
    "Stadens kapitalkostnader",
    "Stadens nettodriftskostnader",
]


class Command(BaseCommand):
    help = "Adopt a plan, fill in and approve its T1 report, and open T2, for the demo."

    def add_arguments(self, parser):
        parser.add_argument("organisation", help="As in web addresses: kommunstyrelsen.")
        parser.add_argument("year", type=int)

    @transaction.atomic
    def handle(self, *args, **options):
        plan = Plan.objects.filter(
            organisation__slug=options["organisation"], year=options["year"]
        ).first()
        if plan is None:
            raise CommandError(
                _("%(organisation)s has no plan for %(year)s; `styr plans` lists them")
                % {"organisation": options["organisation"], "year": options["year"]}
            )
        if plan.status != PlanStatus.ADOPTED:
            # A planner's change to the proposal, so the decision adopts it as it stands.
            for indicator in Indicator.objects.filter(
                Q(area_goal__direction__plan=plan) | Q(board_goal__area_goal__direction__plan=plan)
            ):
                if indicator.name.startswith(tuple(LESS_IS_BETTER)):
                    item_update(item=indicator, data={"polarity": Polarity.LOWER}, version=None)
            plan_adopt(plan=plan)
            plan.refresh_from_db()
            self.stdout.write(_("adopted %(plan)s") % {"plan": plan})
        t1 = report_open(plan=plan, period=Period.T1)
        if t1.status == ReportStatus.DRAFT and not t1.outcomes.exists():
            report_fill(t1, seed=2013, approved=True)
            self.stdout.write(_("filled in and approved the T1 report with made-up values"))
        self.stdout.write(
            _("T2 is open: %(address)s") % {"address": f"{plan.get_absolute_url()}uppfoljning/t2/"}
        )
