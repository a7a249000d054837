"""styr export-plan ID: write a plan, or one of its versions, as open-data JSON."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from styr.planning.choices import PlanStatus
from styr.planning.commands import plan_numbered
from styr.planning.selectors import plan_document
from styr.planning.versions import latest_version


class Command(BaseCommand):
    help = "Write a plan to standard output in Styr's open-data JSON (docs/plan-json.md)."

    def create_parser(self, prog_name, subcommand, **kwargs):
        # Our --version names a version of the plan, not Django's.
        return super().create_parser(prog_name, subcommand, conflict_handler="resolve", **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("plan_id", type=int)
        parser.add_argument("--format", choices=["json"], default="json")
        parser.add_argument(
            "--version",
            choices=[PlanStatus.PROPOSAL, PlanStatus.ADOPTED],
            help="A kept version of the plan: the proposal, or the adopted plan. "
            "Without it, the plan as it stands.",
        )

    def handle(self, *args, **options):
        plan = plan_numbered(options["plan_id"])
        if options["version"]:
            version = latest_version(plan, options["version"])
            if version is None:
                missing = {
                    PlanStatus.PROPOSAL: _("plan %(id)s has no kept version of its proposal"),
                    PlanStatus.ADOPTED: _("plan %(id)s has no kept version as adopted"),
                }
                raise CommandError(missing[options["version"]] % {"id": plan.pk})
            document = version.document
        else:
            document = plan_document(plan.pk).to_json()
        self.stdout.write(json.dumps(document, ensure_ascii=False, indent=2))
