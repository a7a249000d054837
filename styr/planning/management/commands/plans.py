"""styr plans: list the plans."""

import json

from django.core.management.base import BaseCommand

from styr.planning.choices import PlanStatus
from styr.planning.selectors import plan_list


class Command(BaseCommand):
    help = "List the plans: id, organisation, year and status."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="Print the list as JSON.")

    def handle(self, *args, **options):
        plans = [
            {
                "id": plan.pk,
                "organisation": plan.organisation.name,
                "municipality": plan.organisation.municipality.name,
                "year": plan.year,
                "status": plan.status,
                "title": plan.title,
            }
            for plan in plan_list()
        ]
        if options["json"]:
            self.stdout.write(json.dumps(plans, ensure_ascii=False))
            return
        for plan in plans:
            status = str(PlanStatus(plan["status"]).label)
            self.stdout.write(
                f"{plan['id']:>5}  {plan['year']}  {status:<9} {plan['organisation']}"
            )
