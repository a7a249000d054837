"""styr export-plan ID: write a plan as open-data JSON."""

import json

from django.core.management.base import BaseCommand, CommandError

from styr.planning.models import Plan
from styr.planning.selectors import plan_document


class Command(BaseCommand):
    help = "Write a plan to standard output in Styr's open-data JSON (docs/plan-json.md)."

    def add_arguments(self, parser):
        parser.add_argument("plan_id", type=int)
        parser.add_argument("--format", choices=["json"], default="json")

    def handle(self, *args, **options):
        try:
            document = plan_document(options["plan_id"])
        except Plan.DoesNotExist as error:
            raise CommandError(
                f"there is no plan {options['plan_id']}; `styr plans` lists them"
            ) from error
        self.stdout.write(json.dumps(document.to_json(), ensure_ascii=False, indent=2))
