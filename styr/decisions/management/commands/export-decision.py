"""styr export-decision PLAN_ID: write the decision on a plan as JSON."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

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
            raise CommandError(
                _("plan %(id)s has no recorded decision") % {"id": options["plan_id"]}
            )
        document = case_document(case).to_json()
        self.stdout.write(json.dumps(document, ensure_ascii=False, indent=2))
