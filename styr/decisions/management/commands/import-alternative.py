"""styr import-alternative RESERVATION_ID PATH: give a reservation its party's alternative plan."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from styr.decisions.models import Reservation
from styr.decisions.services import reservation_alternative_set
from styr.planning.parsing import read_plan_file


class Command(BaseCommand):
    help = "Read a party's alternative plan (text, PDF or JSON) into its reservation."

    def add_arguments(self, parser):
        parser.add_argument("reservation_id", type=int)
        parser.add_argument("path", type=Path)

    def handle(self, *args, **options):
        reservation = (
            Reservation.objects.select_related("case__plan__organisation")
            .filter(pk=options["reservation_id"])
            .first()
        )
        if reservation is None:
            raise CommandError(
                _("there is no reservation %(id)s") % {"id": options["reservation_id"]}
            )
        plan = reservation.case.plan
        try:
            reading = read_plan_file(
                options["path"], organisation=plan.organisation.name, year=plan.year
            )
        except OSError as error:
            raise CommandError(
                _("%(path)s: cannot read the file: %(error)s")
                % {"path": options["path"], "error": error.strerror}
            ) from error
        if reading.document is None or reading.problems:
            for problem in reading.problems:
                self.stderr.write(f"{options['path']}: {problem}")
            raise CommandError(_("%(path)s: nothing was saved") % {"path": options["path"]})
        reservation_alternative_set(reservation=reservation, document=reading.document)
        self.stdout.write(
            _("%(reservation)s: alternative plan saved") % {"reservation": reservation}
        )
