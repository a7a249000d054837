"""styr import-plan PATH: read a plan document (text, PDF or JSON) and save it as a plan."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from styr.decisions.services import DecisionError, case_import
from styr.planning.choices import PlanStatus
from styr.planning.commands import COUNTED
from styr.planning.document import Problem
from styr.planning.parsing import read_plan_file
from styr.planning.services import InvalidPlan, PlanExists, plan_import


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
        decision = reading.decision
        try:
            with transaction.atomic():
                plan = plan_import(document=document, replace=options["replace"])
                if decision is not None:
                    case_import(plan=plan, decision=decision)
                if options["dry_run"]:
                    transaction.set_rollback(True)
        except PlanExists as exists:
            if options["if_absent"]:
                self.report(exists.plan.pk, document.counts(), options, _("already imported as"))
                return
            raise CommandError(
                _("%(exists)s; use --replace to replace its content") % {"exists": exists}
            ) from exists
        except InvalidPlan as invalid:
            self.fail(path, invalid.problems)
        except DecisionError as error:
            self.fail(path, [Problem(_("the decision"), str(error))])
        verb = _("would import as") if options["dry_run"] else _("imported as")
        self.report(None if options["dry_run"] else plan.pk, document.counts(), options, verb)
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
