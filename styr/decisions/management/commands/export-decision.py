"""styr export-decision PLAN_ID: write the decision on a plan, as JSON by default."""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from styr.decisions.models import Case
from styr.documents.commands import ExportCommand
from styr.documents.subjects import DecisionSubject


class Command(ExportCommand):
    help = "Write the case that decides a plan, with its points, reservations and amendments."
    subject_kind = "decision"

    def add_arguments(self, parser):
        parser.add_argument("plan_id", type=int)
        super().add_arguments(parser)

    def subject(self, options) -> DecisionSubject:
        case = Case.objects.filter(plan_id=options["plan_id"]).order_by("-created_at").first()
        if case is None:
            raise CommandError(
                _("plan %(id)s has no recorded decision") % {"id": options["plan_id"]}
            )
        return DecisionSubject(case)
