"""styr import-alternative RESERVATION_ID PATH: give a reservation its party's alternative plan."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

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
            raise CommandError(f"there is no reservation {options['reservation_id']}")
        plan = reservation.case.plan
        try:
            reading = read_plan_file(
                options["path"], organisation=plan.organisation.name, year=plan.year
            )
        except OSError as error:
            raise CommandError(
                f"{options['path']}: cannot read the file: {error.strerror}"
            ) from error
        if reading.document is None or reading.problems:
            for problem in reading.problems:
                self.stderr.write(f"{options['path']}: {problem}")
            raise CommandError(f"{options['path']}: nothing was saved")
        reservation_alternative_set(reservation=reservation, document=reading.document)
        self.stdout.write(f"{reservation}: alternative plan saved")
