"""styr adopt PLAN_ID: adopt a plan by its recorded decision."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from styr.decisions.services import plan_adopt
from styr.lifecycle import Refused
from styr.planning.commands import plan_numbered


class Command(BaseCommand):
    help = "Adopt a plan by its decision: apply the amendments and freeze the adopted version."

    def add_arguments(self, parser):
        parser.add_argument("plan_id", type=int)

    def handle(self, *args, **options):
        plan = plan_numbered(options["plan_id"])
        try:
            version = plan_adopt(plan=plan)
        except Refused as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            _("%(plan)s: adopted as version %(number)s") % {"plan": plan, "number": version.number}
        )
