"""styr import-plan PATH: read a plan document (text, PDF or JSON) and save it as a plan.

Every warning is written on stderr; `--dry-run` also prints the summary the upload page
previews (planning.importing.import_summary): the goal tree, the budget and the decision.
"""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from styr.planning.choices import PlanStatus
from styr.planning.commands import COUNTED
from styr.planning.document import Problem
from styr.planning.importing import (
    REFUSALS,
    ImportSummary,
    import_summary,
    plan_and_decision_import,
    refusal_problems,
)
from styr.planning.parsing import read_plan_file
from styr.planning.services import PlanExists


class Command(BaseCommand):
    help = (
        "Read a plan document (text, PDF or Styr's JSON) and save it: a draft or a proposal, "
        "never adopted (adopt it by its decision with `styr adopt`)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--json", action="store_true", help="Print the result as JSON.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would be created; save nothing."
        )
        parser.add_argument(
            "--organisation", help="The body whose plan it is, if the title lacks it."
        )
        parser.add_argument("--year", type=int, help="The plan's year, if the title lacks it.")
        parser.add_argument(
            "--municipality",
            help=f"The municipality, if the document lacks it ({settings.STYR_MUNICIPALITY}).",
        )
        parser.add_argument(
            "--replace", action="store_true", help="Replace the content of an existing plan."
        )
        parser.add_argument(
            "--if-absent",
            action="store_true",
            help="Do nothing, successfully, if the organisation already has a plan for the year.",
        )

    def handle(self, *args, **options):
        path: Path = options["path"]
        try:
            reading = read_plan_file(
                path, organisation=options["organisation"], year=options["year"]
            )
        except OSError as error:
            raise CommandError(
                _("%(path)s: cannot read the file: %(reason)s")
                % {"path": path, "reason": error.strerror}
            ) from error
        document = reading.document
        if document is None or reading.problems:
            self.fail(path, reading.problems)
        document.municipality = (
            options["municipality"] or document.municipality or settings.STYR_MUNICIPALITY
        )
        summary = import_summary(reading)
        try:
            with transaction.atomic():
                plan = plan_and_decision_import(
                    document=document, decision=reading.decision, replace=options["replace"]
                )
                if options["dry_run"]:
                    transaction.set_rollback(True)
        except PlanExists as exists:
            if options["if_absent"]:
                self.report(exists.plan.pk, document.counts(), options, _("already imported as"))
                return
            raise CommandError(
                _("%(exists)s; use --replace to replace its content") % {"exists": exists}
            ) from exists
        except REFUSALS as error:
            self.fail(path, refusal_problems(error))
        verb = _("would import as") if options["dry_run"] else _("imported as")
        self.report(None if options["dry_run"] else plan.pk, document.counts(), options, verb)
        if options["dry_run"] and not options["json"]:
            self.stdout.write("\n".join(summary_text(summary)))
        # The reader's warnings; that the document says adopted is said with the next step.
        self.warn(path, reading.warnings)
        if document.status == PlanStatus.ADOPTED:
            self.warn_adopted(path, None if options["dry_run"] else plan.pk)

    def warn_adopted(self, path: Path, plan_id: int | None) -> None:
        """Say that the document says adopted, that it is imported as a proposal, and what next."""
        if plan_id is None:
            message = _(
                "%(path)s: warning: the document says adopted; it would be imported as a "
                "proposal: adopt it with `styr adopt ID` by its decision"
            )
        else:
            message = _(
                "%(path)s: warning: the document says adopted; it was imported as a proposal: "
                "adopt it with `styr adopt %(id)s` by its decision"
            )
        self.stderr.write(self.style.WARNING(message % {"path": path, "id": plan_id}))

    def warn(self, path: Path, warnings: list[Problem]) -> None:
        """Write every warning, with its place: a guess the reader made is never silent."""
        for warning in warnings:
            message = (
                _("%(path)s: %(where)s: warning: %(message)s")
                if warning.where
                else _("%(path)s: warning: %(message)s")
            )
            self.stderr.write(
                self.style.WARNING(
                    message % {"path": path, "where": warning.where, "message": warning.message}
                )
            )

    def report(self, plan_id, counts: dict, options: dict, verb: str) -> None:
        if options["json"]:
            self.stdout.write(json.dumps({"id": plan_id, "counts": counts}))
            return
        target = _("plan %(id)s") % {"id": plan_id} if plan_id else _("a new plan")
        summary = ", ".join(f"{count} {COUNTED[name]}" for name, count in counts.items())
        self.stdout.write(f"{options['path']}: {verb} {target}: {summary}")

    def fail(self, path: Path, problems: list[Problem]) -> None:
        for problem in problems:
            self.stderr.write(f"{path}: {problem}")
        count = len(problems)
        raise CommandError(
            ngettext(
                "%(path)s: %(count)d problem; nothing was saved",
                "%(path)s: %(count)d problems; nothing was saved",
                count,
            )
            % {"path": path, "count": count}
        )


def summary_text(summary: ImportSummary) -> list[str]:
    """Return the dry run's lines: the goal tree, the budget's total and the decision."""
    document, lines = summary.document, []
    for direction in document.directions:
        lines.append(f"  {direction.number}. {direction.title}")
        for goal in direction.goals:
            lines.append(f"    {goal.number} {goal.title} ({items(goal)})")
            lines += [f"      – {b.title} ({items(b)})" for b in goal.board_goals]
    if summary.total is not None:
        lines.append(
            _("  budget total (%(name)s): %(net)s %(unit)s")
            % {"name": summary.total.name, "net": summary.total.net, "unit": document.budget.unit}
        )
    if decision := summary.decision:
        lines.append(
            _("  decision: %(points)d decision points, %(amendments)d amendments")
            % {"points": len(decision.decision_points), "amendments": len(decision.amendments)}
        )
        lines += [f"    {point.number}. {point.text}" for point in decision.decision_points]
    return lines


def items(goal) -> str:
    indicators, activities = len(goal.indicators), len(goal.activities)
    return ", ".join(
        [
            ngettext("%(count)d indicator", "%(count)d indicators", indicators)
            % {"count": indicators},
            ngettext("%(count)d activity", "%(count)d activities", activities)
            % {"count": activities},
        ]
    )
