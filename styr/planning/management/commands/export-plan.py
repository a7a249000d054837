"""styr export-plan ID: write a plan, or one of its versions, in a format of the registry's."""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from styr.documents.commands import ExportCommand
from styr.documents.subjects import PlanSubject
from styr.planning.choices import PlanStatus
from styr.planning.commands import plan_numbered
from styr.planning.versions import latest_version


class Command(ExportCommand):
    help = (
        "Write a plan with the decision on it: as open-data JSON (docs/plan-json.md) by default, "
        "or as a document, a table or a package (--format)."
    )
    subject_kind = "plan"

    def create_parser(self, prog_name, subcommand, **kwargs):
        # Our --version names a version of the plan, not Django's.
        return super().create_parser(prog_name, subcommand, conflict_handler="resolve", **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("plan_id", type=int)
        super().add_arguments(parser)
        parser.add_argument(
            "--version",
            choices=[PlanStatus.PROPOSAL, PlanStatus.ADOPTED],
            help="A kept version of the plan: the proposal, or the adopted plan. "
            "Without it, the plan as it stands.",
        )

    def subject(self, options) -> PlanSubject:
        plan = plan_numbered(options["plan_id"])
        if not options["version"]:
            return PlanSubject(plan)
        version = latest_version(plan, options["version"])
        if version is None:
            missing = {
                PlanStatus.PROPOSAL: _("plan %(id)s has no kept version of its proposal"),
                PlanStatus.ADOPTED: _("plan %(id)s has no kept version as adopted"),
            }
            raise CommandError(missing[options["version"]] % {"id": plan.pk})
        return PlanSubject(plan, version)
