"""styr export-decision PLAN_ID: write the decision on a plan as JSON."""

import json

from django.core.management.base import BaseCommand, CommandError

from styr.decisions.models import Case
from styr.decisions.selectors import case_document


class Command(BaseCommand):
    help = "Write the case that decides a plan, with its points, reservations and amendments."

    def add_arguments(self, parser):
        parser.add_argument("plan_id", type=int)
        parser.add_argument("--format", choices=["json"], default="json")

    def handle(self, *args, **options):
        case = Case.objects.filter(plan_id=options["plan_id"]).order_by("-created_at").first()
        if case is None:
            raise CommandError(f"plan {options['plan_id']} has no recorded decision")
        document = case_document(case).to_json()
        self.stdout.write(json.dumps(document, ensure_ascii=False, indent=2))
