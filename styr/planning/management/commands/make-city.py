"""styr make-city: fill the database with a synthetic city's plans, for benchmarks and demos.

The plans of past years are adopted as a real city's are: imported as proposals, then adopted
by their decision (decisions.services.plan_adopt), which keeps their versions and opens their
reports.
"""

import time
from collections import Counter

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from styr.decisions.services import plan_adopt
from styr.planning.choices import PlanStatus
from styr.planning.commands import COUNTED
from styr.planning.services import PlanExists, plan_import
from styr.planning.synthetic import synthetic_city


def years(text: str) -> list[int]:
    """Read "2021-2025" or "2021,2023" as a list of years."""
    try:
        if "-" in text:
            first, last = (int(part) for part in text.split("-", 1))
            return list(range(first, last + 1))
        return [int(part) for part in text.split(",")]
    except ValueError as error:
        raise CommandError(
            _("%(text)s: give years as 2021-2025 or 2021,2023") % {"text": repr(text)}
        ) from error


@transaction.atomic
def plan_made(document) -> bool:
    """Import the plan; adopt it if its document says it is adopted. Say if it was."""
    plan = plan_import(document=document)
    if document.status != PlanStatus.ADOPTED:
        return False
    plan_adopt(plan=plan)
    return True


class Command(BaseCommand):
    help = "Make and save the plans of a synthetic city: each board's plan for each year."

    def add_arguments(self, parser):
        parser.add_argument("--boards", type=int, default=50, help="Number of boards (50).")
        parser.add_argument(
            "--items", type=int, default=150, help="Goals, indicators and activities a plan (150)."
        )
        parser.add_argument("--years", default="2021-2025", help="Years (2021-2025).")
        parser.add_argument("--municipality", default="Exempelstad")
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, **options):
        start = time.perf_counter()
        documents = synthetic_city(
            boards=options["boards"],
            items=options["items"],
            years=years(options["years"]),
            municipality=options["municipality"],
            seed=options["seed"],
        )
        built = time.perf_counter()
        counts, skipped, adopted = Counter(), 0, 0
        for document in documents:
            try:
                adopted += plan_made(document)
            except PlanExists:
                skipped += 1
                continue
            counts.update(document.counts())
        made = len(documents) - skipped
        summary = ", ".join(f"{n} {COUNTED[kind]}" for kind, n in counts.items())
        self.stdout.write(
            _(
                "%(municipality)s: made %(made)d plans (%(summary)s; %(objects)d objects), "
                "%(adopted)d of them adopted by their decision, in %(seconds).1f s "
                "(%(generating).1f s to generate)"
            )
            % {
                "municipality": options["municipality"],
                "made": made,
                "summary": summary,
                "objects": sum(counts.values()),
                "adopted": adopted,
                "seconds": time.perf_counter() - start,
                "generating": built - start,
            }
        )
        if skipped:
            self.stdout.write(
                _("%(count)d plans were there already and were left as they were")
                % {"count": skipped}
            )
