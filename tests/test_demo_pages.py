"""Every page of the demo answers every role without a server error.

The demo is built as `make demo` builds it (the sample imported, the demo users, the plan
adopted with T1 approved and T2 open), then the planner writes a comment on every kind of value
in T2 and submits them, and one is returned. Each page is then asked for as a citizen, the
board's reader, its planner and the central office: any answer may be a refusal (403, 404, 409)
but none may be a 5xx.
"""

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import Client
from django.urls import NoReverseMatch, reverse

from styr.accounts.models import User
from styr.decisions.models import Case, Reservation
from styr.followup.choices import Period
from styr.followup.models import Report
from styr.followup.selectors import report_sheet
from styr.followup.services import (
    entries_submit,
    entry_return,
    goal_assessment_save,
    outcome_save,
    progress_save,
)
from styr.planning.kinds import KINDS
from styr.planning.models import AreaGoal, Indicator, Plan

ROLES = {
    "anonymous": None,
    "reader": "ledamot",
    "planner": "planerare",
    "administrator": "centralen",
}


@pytest.fixture
def demo(db, sample_path) -> Plan:
    """The demo's state, made by the commands `make demo` runs."""
    quiet = {"stdout": StringIO(), "stderr": StringIO()}
    call_command("import-plan", str(sample_path), "--if-absent", **quiet)
    call_command("demo-users", **quiet)
    call_command("demo-followup", "kommunstyrelsen", "2013", **quiet)
    plan = Plan.objects.select_related("organisation").get(
        organisation__slug="kommunstyrelsen", year=2013
    )
    comment_every_kind(Report.objects.get(plan=plan, period=Period.T2))
    return plan


def comment_every_kind(report: Report) -> None:
    """Write a value with a comment on every kind of item in T2, submit them, return one."""
    planner = User.objects.get(username="planerare")
    sheet = report_sheet(report)
    indicator = sheet.due_indicators()[0]
    activity = next(iter(sheet.activities()))
    area_goal = next(goal for goal in sheet.goals() if isinstance(goal, AreaGoal))
    board_goal = next(goal for goal in sheet.goals() if not isinstance(goal, AreaGoal))
    comment = {"comment": "Kommentar med <tecken> & radbrytning.\nAndra raden."}
    motivation = {"assessment": "partly_met", "motivation": "Motivering: delvis uppfyllt."}
    entries = [
        outcome_save(
            report=report,
            indicator=indicator,
            data={"value": 3, **comment, "override": "met", "override_reason": "Skäl."},
            user=planner,
        ),
        progress_save(
            report=report, item=activity, data={"progress": "ongoing", **comment}, user=planner
        ),
        goal_assessment_save(report=report, goal=area_goal, data=motivation, user=planner),
        goal_assessment_save(report=report, goal=board_goal, data=motivation, user=planner),
    ]
    if sheet.assignments:
        entries.append(
            progress_save(report=report, item=sheet.assignments[0], data=comment, user=planner)
        )
    entries_submit(entries=entries, user=planner)
    entry_return(entry=entries[1], reason="Ange när aktiviteten blir klar.", user=planner)


def optional(name: str, *args) -> list[str]:
    """Return the page's address if the project has the page (yet), else nothing."""
    try:
        return [reverse(name, args=args)]
    except NoReverseMatch:
        return []


def demo_pages(plan: Plan) -> list[str]:
    """Return the address of every page the demo has, read-only ones (GET)."""
    slug, year = plan.organisation.slug, plan.year
    pages = ["/", plan.get_absolute_url(), reverse("accessibility:statement")]
    pages += [reverse(f"planning:{name}", args=[slug, year]) for name in ("budget", "texts")]
    pages += optional("planning:problems", slug, year)
    pages += [reverse("planning:plan", args=[slug, year]) + "?slutar=2013-13&mal=x&ansvarig=a"]
    for kind in KINDS.values():
        for pk in kind.model.objects.filter(kind.in_plan(plan)).values_list("pk", flat=True):
            pages.append(reverse("planning:item", args=[slug, year, kind.slug, pk]))
    pages += optional("decisions:decision", slug, year)
    pages += optional("decisions:versions", slug, year)
    for pk in Case.objects.filter(plan=plan).values_list("pk", flat=True):
        pages += optional("decisions:case", slug, year, pk)
    for pk in Reservation.objects.filter(case__plan=plan).values_list("pk", flat=True):
        pages += optional("decisions:reservation", slug, year, pk)
    pages.append(reverse("followup:periods", args=[slug, year]))
    for period in Period:
        report = [slug, year, period.slug]
        for name in ("report", "review", "dashboard", "budget", "excel"):
            pages.append(reverse(f"followup:{name}", args=report))
        pages.append(reverse("followup:excel", args=report) + "?ladda-ner=1")
        pages.append(reverse("followup:report", args=report) + "?mal=mal-0")
        pages.append(reverse("followup:completion", args=[year, period.slug]))
        pages.append(reverse("followup:city", args=[year, period.slug]))
    indicators = Indicator.objects.filter(KINDS["indikatorer"].in_plan(plan))
    for pk in indicators.values_list("pk", flat=True):
        pages.append(reverse("followup:indicator", args=[slug, year, pk]))
    pages.append(reverse("followup:calendar", args=[year]))
    pages += optional("audit:events")
    return pages


# The apps that hold the record and its history; a GET request writes to none of them.
RECORD_APPS = {"organisations", "planning", "decisions", "followup", "audit"}


def record_rows() -> dict[str, int]:
    """Count the rows of every model of the record, its history tables included."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in RECORD_APPS
    }


def test_every_page_of_the_demo_answers_every_role_without_a_server_error(demo):
    pages = demo_pages(demo)
    before = record_rows()
    answers = {}
    for role, username in ROLES.items():
        client = Client(raise_request_exception=False)
        if username:
            client.force_login(User.objects.get(username=username))
        for page in pages:
            answers[role, page] = client.get(page).status_code
    failures = [
        f"{role} {page}: {status}" for (role, page), status in answers.items() if status >= 500
    ]
    assert not failures, "\n".join(failures)
    # No GET request wrote anything: no row, no history, no event.
    assert record_rows() == before
    # The walk reached the pages themselves, not only refusals.
    t1, t2 = (Report.objects.get(plan=demo, period=p).get_absolute_url() for p in ("T1", "T2"))
    assert answers["planner", t2 + "granska/"] == answers["administrator", t2] == 200
    assert (answers["anonymous", t1], answers["anonymous", t2]) == (200, 403)
    assert sum(status == 200 for status in answers.values()) > 0.9 * len(answers)
