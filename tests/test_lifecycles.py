"""Every lifecycle as a table: each state × each step × each role × each way in.

The expected outcome is read from the lifecycles' own tables (styr/*/lifecycle.py): a step is
allowed when the record's state is among the step's sources and the step's rule allows the
person; `None` is the command line, which every rule allows. Each case builds nothing: the
records in every state are built once for the module, through the services, and each case
runs in a transaction that is undone after it. A refused step must leave everything as it
was; on the web a refusal for the person's role is a 403 and one for the record's state never
is (a 409 with the reason, or back to the page with the reason as an error message).

The ways in:

- the service a page or a command calls, with the person as the actor (or None);
- the page, POSTed by the person logged in (the citizen is not logged in);
- for a report's values also the Excel import on the command line, `styr import-followup PATH
  --user NAME`, with a workbook from `styr export-followup-template`;
- for the adoption also `styr adopt ID`, which is the command line's alone.

A decision carried out on the web (or by the decision services) adopts a plan not adopted yet
and revises an adopted one, so the web's “adopt” is tried where the plan is not adopted and its
“revise” where it is; the plan's own step (planning.lifecycle.plan_step) is tried everywhere.
A page may ask more of the person than the step's rule does (`Caller.rule`): the report's page
and its summary are for those who review the report (planners and the central office).

Cases that fail today for a bug reported to the lead are marked by `known_bug`, strictly: a
fix makes them pass, and then the mark has to go. `test_the_table_says_what_is_known` holds a
few expectations written by hand, so that the table cannot pass by saying nothing, and
`test_the_docs_draw_each_lifecycle_as_it_is` keeps docs/lifecycles.md in step with the tables.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
import rules
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.test import Client, override_settings
from django.urls import reverse
from openpyxl import load_workbook

from styr.accounts.models import User
from styr.audit.models import Event
from styr.decisions import services as decisions
from styr.decisions.document import AmendmentDoc
from styr.decisions.lifecycle import CASE
from styr.decisions.models import Case
from styr.followup import services as followup
from styr.followup.choices import Period
from styr.followup.entry import entry_block, goal_key
from styr.followup.lifecycle import ENTRY, REPORT
from styr.followup.models import GoalAssessment, Outcome, Progress, Report
from styr.followup.selectors import report_sheet
from styr.followup.synthetic import report_fill
from styr.lifecycle import Refused
from styr.organisations.services import organisation_get_or_create
from styr.planning.editing import plan_create
from styr.planning.kinds import KINDS
from styr.planning.lifecycle import PLAN, plan_step
from styr.planning.models import Activity, Plan
from styr.planning.services import plan_import
from tests.conftest import Run, person

LIFECYCLES = (PLAN, CASE, REPORT, ENTRY)
DOCS = Path(__file__).resolve().parent.parent / "docs/lifecycles.md"

# The people, as the cases' names call them. "operator" is the command line: no actor at all.
ROLES = {
    "citizen": "a citizen",
    "outsider": "a planner of another board",
    "reader": "a reader of the board",
    "planner": "a planner of the board",
    "administrator": "the central office",
    "operator": "the command line",
}
PEOPLE = ("citizen", "outsider", "reader", "planner", "administrator")
USERNAMES = {
    "outsider": "annan",
    "reader": "ledamoten",
    "planner": "planeraren",
    "administrator": "centralen",
}

# The records in each state, as the cases' names call them.
RECORDS = {
    ("plan", "draft"): "a draft plan",
    ("plan", "proposal"): "a proposed plan",
    ("plan", "adopted"): "an adopted plan",
    ("decision", "recorded"): "a recorded decision",
    ("decision", "carried_out"): "a carried-out decision",
    ("report", "draft"): "a draft report",
    ("report", "submitted"): "a submitted report",
    ("report", "returned"): "a returned report",
    ("report", "approved"): "an approved report",
    ("value", "draft"): "a draft value",
    ("value", "submitted"): "a submitted value",
    ("value", "approved"): "an approved value",
    ("value", "returned"): "a returned value",
}
VERBS = {
    "propose": "proposes",
    "withdraw": "withdraws",
    "adopt": "adopts",
    "revise": "revises",
    "change": "changes",
    "amend": "amends",
    "carry_out": "carries out",
    "edit": "edits",
    "submit": "submits",
    "return": "returns",
    "approve": "approves",
    "reopen": "reopens",
}

ADOPTION = {
    "title": "Verksamhetsplan 2013 för kommunstyrelsen",
    "decided_by": "Kommunstyrelsen",
    "meeting_date": date(2013, 1, 23),
    "diary_number": "112-1726/2012",
}
SURVEY = "Genomföra medarbetarenkäten."
REASON = "Komplettera med budgetens prognos."


# -- The records in every state, built once for the module ------------------------------------


@dataclass
class World:
    users: dict[str, int]  # role → the user's id
    records: dict[tuple[str, str], int]  # (lifecycle, state) → the record's id
    workbooks: dict[str, Path]  # report state → a workbook of it with a comment changed


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, sample_document, tmp_path_factory):
    """Plans, decisions, reports and values in every state, undone after the module."""
    fast = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with django_db_blocker.unblock(), fast, transaction.atomic():
        built = world_built(sample_document, tmp_path_factory.mktemp("lifecycles"))
        yield built
        transaction.set_rollback(True)


def world_built(document, folder: Path) -> World:
    sample = plan_import(document=document)  # the sample, a proposal for 2013
    board = sample.organisation
    other = organisation_get_or_create(
        municipality_name="Stockholms stad", name="Utbildningsnämnden"
    )
    users = {
        "outsider": person("annan", organisation=other, role="planner"),
        "reader": person("ledamoten", organisation=board, role="reader"),
        "planner": person("planeraren", organisation=board, role="planner"),
        "administrator": person("centralen", superuser=True),
    }
    # Plans of other years, copied from the proposal before it is adopted: an empty draft, a
    # proposal, a proposal whose decision will be recorded, and a plan to adopt for reports.
    draft = plan_create(organisation=board, year=2015)
    proposal = plan_create(organisation=board, year=2014, copy_from=sample)
    deciding = plan_create(organisation=board, year=2016, copy_from=sample)
    earlier = plan_create(organisation=board, year=2012, copy_from=sample)
    proposal, deciding, earlier = (
        plan_step(plan=plan, step="propose", actor=None) for plan in (proposal, deciding, earlier)
    )

    # The sample adopted by a decision recorded part by part; the 2016 plan's decision recorded.
    adoption = decisions.case_record(plan=sample, fields=ADOPTION)
    decisions.decision_point_add(case=adoption, text="Verksamhetsplanen godkänns.")
    decisions.decision_point_add(case=adoption, text="Medarbetarenkäten utgår.")
    decisions.amendment_add(
        case=adoption, amendment=AmendmentDoc(2, "remove_activity", "2.4", activity=SURVEY)
    )
    decisions.decision_carry_out(case=adoption)
    recorded = decisions.case_record(
        plan=deciding, fields={**ADOPTION, "meeting_date": date(2015, 12, 9)}
    )
    decisions.decision_point_add(case=recorded, text="Verksamhetsplanen godkänns.")
    decisions.decision_point_add(case=recorded, text="Ändringar.")
    decisions.plan_adopt(plan=earlier)
    sample, earlier = (Plan.objects.get(pk=plan.pk) for plan in (sample, earlier))

    # The reports: the sample's three and two of 2012's, each through the services.
    draft_report = report_fill(followup.report_open(plan=sample, period=Period.T1), seed=1)
    submitted = report_fill(followup.report_open(plan=sample, period=Period.T2), seed=2)
    submitted = followup.report_submit(report=submitted, user=None)
    returned = report_fill(followup.report_open(plan=sample, period=Period.YEAR), seed=3)
    followup.report_submit(report=returned, user=None)
    returned = followup.report_return(report=returned, reason=REASON, user=None)
    approved = report_fill(followup.report_open(plan=earlier, period=Period.T1), approved=True)
    values = report_fill(followup.report_open(plan=earlier, period=Period.T2), seed=5)

    # Four activities' values in 2012's T2 report (a draft), one in each state.
    entries = list(Progress.objects.filter(report=values, activity__isnull=False).order_by("pk"))
    draft_value, submitted_value, approved_value, returned_value = entries[:4]
    followup.entries_submit(entries=[submitted_value, approved_value, returned_value], user=None)
    followup.entry_approve(entry=approved_value, user=None)
    followup.entry_return(entry=returned_value, reason=REASON, user=None)

    records = {
        ("plan", "draft"): draft.pk,
        ("plan", "proposal"): proposal.pk,
        ("plan", "adopted"): sample.pk,
        ("decision", "recorded"): recorded.pk,
        ("decision", "carried_out"): adoption.pk,
        ("report", "draft"): draft_report.pk,
        ("report", "submitted"): submitted.pk,
        ("report", "returned"): returned.pk,
        ("report", "approved"): approved.pk,
        ("value", "draft"): draft_value.pk,
        ("value", "submitted"): submitted_value.pk,
        ("value", "approved"): approved_value.pk,
        ("value", "returned"): returned_value.pk,
    }
    for (name, state), pk in records.items():
        lifecycle = LIFECYCLE_NAMED[name]
        assert lifecycle.state(fetch(name, pk)) == state, (name, state)
    workbooks = {
        state: workbook_exported(
            fetch("report", records["report", state]), folder / f"{state}.xlsx"
        )
        for state in REPORT.states.values
    }
    return World({role: user.pk for role, user in users.items()}, records, workbooks)


LIFECYCLE_NAMED = {lifecycle.name: lifecycle for lifecycle in LIFECYCLES}


def fetch(name: str, pk: int):
    """Return the record of a lifecycle as it stands now."""
    if name == "plan":
        return Plan.objects.select_related("organisation__municipality").get(pk=pk)
    if name == "decision":
        return Case.objects.select_related("plan__organisation", "version").get(pk=pk)
    if name == "report":
        return Report.objects.select_related("plan__organisation").get(pk=pk)
    return Progress.objects.select_related("report__plan__organisation", "activity").get(pk=pk)


def workbook_exported(report: Report, path: Path) -> Path:
    """Export the report's workbook and change the first activity's comment in it."""
    run = Run("export-followup-template", str(report.plan_id), report.period, "--output", str(path))
    assert run.error is None, run.error
    book = load_workbook(path)
    titles = dict(book["styr"].iter_rows(min_col=1, max_col=2, values_only=True))
    sheet = book[titles["activities"]]
    keys = [cell.value for cell in sheet[1]]
    sheet.cell(3, keys.index("comment") + 1, "Ändrad i Excel.")
    book.save(path)
    return path


# -- What a case tries, and what came of it ---------------------------------------------------

DONE, STATE, ROLE, REFUSED, ODD = (
    "done",
    "refused by the state",
    "refused by the role",
    "refused",
    "odd",
)


@dataclass
class Answer:
    verdict: str
    detail: str = ""


@dataclass
class Attempt:
    """One person's try at one step on one record."""

    world: World
    record: object
    user: object  # a User, AnonymousUser (the citizen) or None (the command line)
    username: str  # for the command line's --user; "" for none
    client: Client | None

    @property
    def plan(self) -> Plan:
        record = self.record
        if isinstance(record, Plan):
            return record
        if isinstance(record, Progress):
            return record.report.plan
        return record.plan

    @property
    def report(self) -> Report:
        return self.record if isinstance(self.record, Report) else self.record.report

    def administrator(self) -> User:
        return User.objects.get(pk=self.world.users["administrator"])


def serviced(call: Callable[[Attempt], object]) -> Callable[[Attempt], Answer]:
    def run(attempt: Attempt) -> Answer:
        try:
            call(attempt)
        except Refused as refused:
            return Answer(STATE, str(refused))
        except PermissionDenied as denied:
            return Answer(ROLE, str(denied))
        except Exception as error:  # the table says what happened, whatever it was
            return Answer(ODD, repr(error))
        return Answer(DONE)

    return run


def answered(response) -> Answer:
    """Read a page's answer: done, or refused by the role (403) or by the state (not 403)."""
    if response.status_code == 403:
        return Answer(ROLE, "403")
    if response.status_code == 409:
        reason = response.context["reason"] if response.context else ""
        return Answer(STATE if reason else ODD, f"409: {reason}")
    if response.status_code == 302:
        errors = [
            str(message)
            for message in messages.get_messages(response.wsgi_request)
            if message.level == messages.ERROR
        ]
        return Answer(STATE, "; ".join(errors)) if errors else Answer(DONE, response.url)
    form = (response.context or {}).get("form") if response.context else None
    problems = form.errors.as_text() if form is not None else ""
    return Answer(ODD, f"{response.status_code} {problems}")


def posted(path: Callable[[Attempt], str], data: Callable[[Attempt], dict] | None = None):
    def run(attempt: Attempt) -> Answer:
        try:
            response = attempt.client.post(path(attempt), data(attempt) if data else {})
        except Exception as error:  # a 500
            return Answer(ODD, repr(error))
        return answered(response)

    return run


def commanded(arguments: Callable[[Attempt], list[str]]) -> Callable[[Attempt], Answer]:
    def run(attempt: Attempt) -> Answer:
        command = Run(*arguments(attempt))
        if command.error is None:
            return Answer(DONE, command.out)
        if isinstance(command.error, CommandError):
            return Answer(REFUSED, f"{command.error} {command.err}".strip())
        return Answer(ODD, repr(command.error))

    return run


# The plan's steps.


def plan_args(attempt: Attempt) -> list:
    return [attempt.plan.organisation.slug, attempt.plan.year]


def heading(status: str):
    def data(attempt: Attempt) -> dict:
        plan = attempt.record
        return {"title": plan.title, "status": status, "version": plan.version}

    return data


def decided_on_the_web(attempt: Attempt) -> Answer:
    """Record a decision on the plan and carry it out, as the central office does on the web."""
    particulars = {"title": "Beslut", "decided_by": "Kommunstyrelsen", "meeting_date": "2013-06-12"}
    recorded = posted(
        lambda a: reverse("decisions:record", args=plan_args(a)), lambda a: particulars
    )
    outcome = recorded(attempt)
    if outcome.verdict != DONE:
        return outcome
    case = Case.objects.get(plan=attempt.plan, version=None)
    return posted(lambda a: reverse("decisions:carry_out", args=[*plan_args(a), case.pk]))(attempt)


def decided_by_the_services(attempt: Attempt) -> None:
    case = decisions.case_open(plan=attempt.record, actor=attempt.user)
    decisions.decision_carry_out(case=case, actor=attempt.user)


# The decision's steps.


def case_args(attempt: Attempt) -> list:
    return [*plan_args(attempt), attempt.record.pk]


def particulars_changed(attempt: Attempt) -> dict:
    case = attempt.record
    return {
        "title": f"{case.title} (ändrad)",
        "decided_by": case.decided_by,
        "meeting_date": case.meeting_date.isoformat(),
        "diary_number": case.diary_number,
    }


def an_activity(attempt: Attempt) -> Activity:
    return Activity.objects.filter(KINDS["aktiviteter"].in_plan(attempt.plan)).order_by("pk")[0]


# The report's and its values' steps.


def report_url(rest: str) -> Callable[[Attempt], str]:
    return lambda attempt: attempt.report.get_absolute_url() + rest


def first_activitys_value(report: Report) -> Progress:
    return (
        Progress.objects.filter(report=report, activity__isnull=False)
        .select_related("activity")
        .order_by("pk")[0]
    )


def value_saved(attempt: Attempt) -> None:
    progress = (
        attempt.record
        if isinstance(attempt.record, Progress)
        else first_activitys_value(attempt.report)
    )
    followup.progress_save(
        report=attempt.report,
        item=progress.activity,
        data={"comment": "Ändrad genom tjänsten."},
        user=attempt.user,
    )


def entered_on_the_page(attempt: Attempt) -> Answer:
    """Change an activity's comment on the report's page, posting its goal's form as shown."""
    report = attempt.report
    progress = (
        attempt.record if isinstance(attempt.record, Progress) else first_activitys_value(report)
    )
    activity = progress.activity
    key = goal_key(activity.board_goal or activity.area_goal)
    data = {}
    block = entry_block(report_sheet(report), key, data=None, user=attempt.administrator())
    for row in block.rows():
        for bound in row.form:
            value = bound.field.widget.format_value(bound.value())
            if isinstance(value, list):
                value = value[0] if value else ""
            data[bound.html_name] = "" if value is None else value
    data[f"a-{activity.pk}-comment"] = "Ändrad på sidan."
    return posted(lambda a: report.get_absolute_url() + f"?mal={key}", lambda a: data)(attempt)


def imported(attempt: Attempt) -> list[str]:
    path = attempt.world.workbooks[attempt.record.status]
    return [
        "import-followup",
        str(path),
        *(["--user", attempt.username] if attempt.username else []),
    ]


def entry_key(attempt: Attempt) -> str:
    return f"p-{attempt.record.pk}"


def submitted_alone(attempt: Attempt) -> Answer:
    """Submit the value; the service passes over values not open (not a draft, not returned)."""
    try:
        count = followup.entries_submit(entries=[attempt.record], user=attempt.user)
    except Refused as refused:
        return Answer(STATE, str(refused))
    except PermissionDenied as denied:
        return Answer(ROLE, str(denied))
    except Exception as error:  # the table says what happened, whatever it was
        return Answer(ODD, repr(error))
    return Answer(DONE) if count else Answer(STATE, "passed over: the value is not open")


@dataclass(frozen=True)
class Caller:
    """A way in to a step: `how` finishes the case's sentence."""

    kind: str  # "service", "web" or "command"
    how: str
    run: Callable[[Attempt], Answer]
    states: tuple[str, ...] | None = None  # the states it takes this step from; None: all
    rule: str = ""  # the role the way in asks, where it asks more than the step's rule
    quiet: bool = False  # passes over a record its state refuses, saying nothing
    people: tuple[str, ...] = ()  # who uses it; by default everyone who may call it

    def who(self) -> tuple[str, ...]:
        if self.people:
            return self.people
        return (*PEOPLE, "operator") if self.kind == SERVICE else PEOPLE


SERVICE, WEB, COMMAND = "service", "web", "command"
REVIEWERS = "followup.report"  # the report's page and summary are the reviewers'

CALLERS: dict[tuple[str, str], list[Caller]] = {
    ("plan", "propose"): [
        Caller(
            SERVICE,
            "through plan_step",
            serviced(lambda a: plan_step(plan=a.record, step="propose", actor=a.user)),
        ),
        Caller(
            WEB,
            "on the plan's heading page",
            posted(lambda a: reverse("planning:plan_edit", args=plan_args(a)), heading("proposal")),
            # The heading's form offers the status: choosing the one the plan has is no step.
            states=("draft", "adopted"),
        ),
    ],
    ("plan", "withdraw"): [
        Caller(
            SERVICE,
            "through plan_step",
            serviced(lambda a: plan_step(plan=a.record, step="withdraw", actor=a.user)),
        ),
        Caller(
            WEB,
            "on the plan's heading page",
            posted(lambda a: reverse("planning:plan_edit", args=plan_args(a)), heading("draft")),
            states=("proposal", "adopted"),
        ),
    ],
    ("plan", "adopt"): [
        Caller(
            SERVICE,
            "through plan_adopt",
            serviced(lambda a: decisions.plan_adopt(plan=a.record, actor=a.user)),
        ),
        Caller(
            WEB,
            "by recording and carrying out a decision on the web",
            decided_on_the_web,
            states=("draft", "proposal"),
        ),
        Caller(
            COMMAND,
            "with styr adopt",
            commanded(lambda a: ["adopt", str(a.record.pk)]),
            people=("operator",),
        ),
    ],
    ("plan", "revise"): [
        Caller(
            SERVICE,
            "through plan_step",
            serviced(lambda a: plan_step(plan=a.record, step="revise", actor=a.user)),
        ),
        Caller(
            SERVICE,
            "through case_open and decision_carry_out",
            serviced(decided_by_the_services),
            states=("adopted",),
        ),
        Caller(
            WEB,
            "by recording and carrying out a decision on the web",
            decided_on_the_web,
            states=("adopted",),
        ),
    ],
    ("decision", "change"): [
        Caller(
            SERVICE,
            "through case_update",
            serviced(
                lambda a: decisions.case_update(
                    case=a.record, fields={"title": "Ändrad"}, actor=a.user
                )
            ),
        ),
        Caller(
            WEB,
            "on its page",
            posted(
                lambda a: reverse("decisions:case_edit", args=case_args(a)), particulars_changed
            ),
        ),
    ],
    ("decision", "amend"): [
        Caller(
            SERVICE,
            "through amendment_add",
            serviced(
                lambda a: decisions.amendment_add(
                    case=a.record,
                    amendment=AmendmentDoc(1, "remove_activity", "2.4", activity=SURVEY),
                    actor=a.user,
                )
            ),
        ),
        Caller(
            WEB,
            "on its page",
            posted(
                lambda a: (
                    reverse("decisions:amendment_add", args=case_args(a)) + "?typ=remove_activity"
                ),
                lambda a: {"point": 1, "activity": an_activity(a).pk},
            ),
        ),
    ],
    ("decision", "carry_out"): [
        Caller(
            SERVICE,
            "through decision_carry_out",
            serviced(lambda a: decisions.decision_carry_out(case=a.record, actor=a.user)),
        ),
        Caller(
            WEB, "on its page", posted(lambda a: reverse("decisions:carry_out", args=case_args(a)))
        ),
    ],
    ("report", "edit"): [
        # A value is entered by a reviewer, or by whoever answers for its item.
        Caller(
            SERVICE,
            "by saving a value through progress_save",
            serviced(value_saved),
            rule=REVIEWERS,
        ),
        Caller(
            SERVICE,
            "by saving the summary through report_update",
            serviced(
                lambda a: followup.report_update(
                    report=a.record, data={"summary": "Ny."}, version=None, user=a.user
                )
            ),
        ),
        Caller(WEB, "by saving a value on its page", entered_on_the_page, rule=REVIEWERS),
        Caller(
            WEB,
            "by saving the summary on its page",
            posted(
                report_url("sammanfattning/"),
                lambda a: {"summary": "Ny.", "carry_over": "1,5", "version": a.record.version},
            ),
            rule=REVIEWERS,
        ),
        Caller(
            COMMAND,
            "with styr import-followup",
            commanded(imported),
            people=("outsider", "reader", "planner", "administrator", "operator"),
            rule=REVIEWERS,
        ),
    ],
    ("report", "submit"): [
        Caller(
            SERVICE,
            "through report_submit",
            serviced(lambda a: followup.report_submit(report=a.record, user=a.user)),
        ),
        Caller(WEB, "on its page", posted(report_url("skicka-in/"))),
    ],
    ("report", "return"): [
        Caller(
            SERVICE,
            "through report_return",
            serviced(lambda a: followup.report_return(report=a.record, reason=REASON, user=a.user)),
        ),
        Caller(WEB, "on its page", posted(report_url("returnera/"), lambda a: {"reason": REASON})),
    ],
    ("report", "approve"): [
        Caller(
            SERVICE,
            "through report_approve",
            serviced(lambda a: followup.report_approve(report=a.record, user=a.user)),
        ),
        Caller(WEB, "on its page", posted(report_url("godkann/"))),
    ],
    ("report", "reopen"): [
        Caller(
            SERVICE,
            "through report_reopen",
            serviced(lambda a: followup.report_reopen(report=a.record, reason=REASON, user=a.user)),
        ),
        Caller(WEB, "on its page", posted(report_url("aterappna/"), lambda a: {"reason": REASON})),
    ],
    ("value", "edit"): [
        Caller(SERVICE, "through progress_save", serviced(value_saved), rule=REVIEWERS),
        Caller(WEB, "on the report's page", entered_on_the_page, rule=REVIEWERS),
    ],
    ("value", "submit"): [
        # On the web values are submitted with the rest of their goal's form, not one by one.
        Caller(SERVICE, "through entries_submit", submitted_alone, quiet=True),
    ],
    ("value", "approve"): [
        Caller(
            SERVICE,
            "through entry_approve",
            serviced(lambda a: followup.entry_approve(entry=a.record, user=a.user)),
        ),
        Caller(
            WEB,
            "on the review page",
            posted(report_url("granska/godkann/"), lambda a: {"valda": entry_key(a)}),
        ),
    ],
    ("value", "return"): [
        Caller(
            SERVICE,
            "through entry_return",
            serviced(lambda a: followup.entry_return(entry=a.record, reason=REASON, user=a.user)),
        ),
        Caller(
            WEB,
            "on the review page",
            posted(
                lambda a: a.report.get_absolute_url() + f"granska/{entry_key(a)}/returnera/",
                lambda a: {"reason": REASON},
            ),
        ),
    ],
}


# -- The table --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Try:
    """One case of the table: a person's try at a step on a record in a state, by a way in."""

    name: str  # the lifecycle's
    state: str
    step: str
    caller: Caller
    role: str

    def sentence(self) -> str:
        record = RECORDS[self.name, self.state]
        return f"{ROLES[self.role]} {VERBS[self.step]} {record} {self.caller.how}"


TRIES = [
    Try(lifecycle.name, state, step, caller, role)
    for lifecycle in LIFECYCLES
    for state in lifecycle.states.values
    for step in lifecycle.transitions
    for caller in CALLERS[lifecycle.name, step]
    if caller.states is None or state in caller.states
    for role in caller.who()
]


WATCHED = ("planning", "decisions", "followup")


def watched_tables() -> list[tuple[str, str]]:
    """Return each table of plans, decisions and follow-up, with what tells it changed: the
    number of rows, or for a history (which only grows) its last row."""
    from django.apps import apps

    tables = set()
    for model in apps.get_models(include_auto_created=True):
        if model._meta.app_label in WATCHED and not model._meta.proxy:
            history = model.__name__.startswith("Historical")
            tables.add((model._meta.db_table, "MAX(history_id)" if history else "COUNT(*)"))
    return sorted(tables)


def snapshot(record) -> dict:
    """Return what a refused step must leave as it was: the rows of every table of plans,
    decisions and follow-up and their histories, the steps logged, the record and its values."""
    quote = connection.ops.quote_name
    tables = watched_tables()
    with connection.cursor() as cursor:
        # The tables' names are the models', quoted: nothing here comes from outside.
        counted = [f"(SELECT {what} FROM {quote(table)})" for table, what in tables]  # noqa: S608
        cursor.execute("SELECT " + ", ".join(counted))
        counts = dict(zip(tables, cursor.fetchone(), strict=True))
    report = record if isinstance(record, Report) else getattr(record, "report", None)
    values = []
    if report is not None:
        for model in (Outcome, Progress, GoalAssessment):
            values += model.objects.filter(report=report).values_list("pk", "status", "version")
    return {
        "tables": counts,
        "steps logged": Event.objects.filter(refused=False).count(),
        "record": type(record).objects.filter(pk=record.pk).values().get(),
        "values": sorted(values),
    }


def person_of(world: World, role: str):
    if role == "operator":
        return None
    if role == "citizen":
        return AnonymousUser()
    return User.objects.get(pk=world.users[role])


def attempt_for(world: World, tried: Try, record) -> Attempt:
    user = person_of(world, tried.role)
    client = None
    if tried.caller.kind == WEB:
        client = Client()
        if user.is_authenticated:
            client.force_login(user)
    username = USERNAMES.get(tried.role, "") if tried.caller.kind == COMMAND else ""
    return Attempt(world, record, user, username, client)


def expectation(tried: Try, record, user) -> tuple[bool, bool]:
    """Return whether the state allows the step, and whether the person's role does."""
    step = LIFECYCLE_NAMED[tried.name][tried.step]
    on = record.report if isinstance(record, Progress) else record
    rule = tried.caller.rule or step.rule
    return tried.state in step.sources, user is None or rules.test_rule(rule, user, on)


def refusals(kind: str, state_allows: bool, role_allows: bool) -> set[str]:
    """Return how a way in may answer a refused step."""
    if kind == COMMAND:
        return {REFUSED}  # a CommandError, which says why
    if kind == WEB:
        # The page asks the role first; a state refusal is never shown as missing permission.
        return {ROLE} if not role_allows else {STATE}
    # The lifecycle checks the state first; some services ask the role before the value's state.
    if not role_allows and not state_allows:
        return {STATE, ROLE}
    return {ROLE} if not role_allows else {STATE}


@pytest.mark.parametrize(
    "tried",
    [pytest.param(tried, id=tried.sentence()) for tried in TRIES],
)
def test_a_step_is_taken_only_where_its_lifecycle_allows_it(world, db, tried):
    lifecycle = LIFECYCLE_NAMED[tried.name]
    step = lifecycle[tried.step]
    record = fetch(tried.name, world.records[tried.name, tried.state])
    attempt = attempt_for(world, tried, record)
    state_allows, role_allows = expectation(tried, record, attempt.user)
    before = snapshot(record)
    logged = Event.objects.filter(action=step.event, refused=False).count()
    refusals_logged = Event.objects.filter(refused=True).count()

    outcome = tried.caller.run(attempt)

    after = snapshot(record)
    if state_allows and role_allows:
        assert outcome.verdict == DONE, outcome.detail
        assert lifecycle.state(fetch(tried.name, record.pk)) == (step.target or tried.state)
        assert after != before, "the step changed nothing"
        if tried.step != "edit":  # an edit is kept in the values' history, not as a step
            assert Event.objects.filter(action=step.event, refused=False).count() == logged + 1
        return
    expected = refusals(tried.caller.kind, state_allows, role_allows)
    assert outcome.verdict in expected, f"{outcome.verdict} ({outcome.detail}), not {expected}"
    assert after == before, "a refused step changed something"
    if tried.caller.kind == WEB:
        assert Event.objects.filter(refused=True).count() > refusals_logged, "not logged"
    if role_allows and not state_allows and not tried.caller.quiet:  # it says why: the state
        reason = str(lifecycle.refusal(record, step, tried.state))
        assert reason in outcome.detail, f"{outcome.detail!r} does not say {reason!r}"


# -- What the table must say, written by hand, so that it cannot pass by saying nothing --------

EVERYONE = (*PEOPLE, "operator")
STATEMENTS = [
    ("a planner may submit a draft report", "report", "draft", "submit", ("planner",), True),
    (
        "the central office may not edit an approved report",
        "report",
        "approved",
        "edit",
        ("administrator", "operator"),
        False,
    ),
    ("nobody may propose an adopted plan", "plan", "adopted", "propose", EVERYONE, False),
    ("nobody may withdraw an adopted plan", "plan", "adopted", "withdraw", EVERYONE, False),
    ("nobody may adopt a draft", "plan", "draft", "adopt", EVERYONE, False),
    ("a planner may propose a draft plan", "plan", "draft", "propose", ("planner",), True),
    ("a reader may not propose a draft plan", "plan", "draft", "propose", ("reader",), False),
    (
        "only the central office adopts a proposal",
        "plan",
        "proposal",
        "adopt",
        ("citizen", "outsider", "reader", "planner"),
        False,
    ),
    (
        "the central office adopts a proposal",
        "plan",
        "proposal",
        "adopt",
        ("administrator", "operator"),
        True,
    ),
    ("nobody changes a carried-out decision", "decision", "carried_out", "change", EVERYONE, False),
    ("nobody amends a carried-out decision", "decision", "carried_out", "amend", EVERYONE, False),
    (
        "the central office approves a submitted report",
        "report",
        "submitted",
        "approve",
        ("administrator",),
        True,
    ),
    (
        "a planner may not approve a submitted report",
        "report",
        "submitted",
        "approve",
        ("planner",),
        False,
    ),
    (
        "nobody edits a submitted report until it is returned",
        "report",
        "submitted",
        "edit",
        EVERYONE,
        False,
    ),
    ("a planner edits a returned report", "report", "returned", "edit", ("planner",), True),
    (
        "the central office reopens an approved report",
        "report",
        "approved",
        "reopen",
        ("administrator",),
        True,
    ),
    ("nobody else reopens it", "report", "approved", "reopen", PEOPLE[:4], False),
    ("a planner approves a submitted value", "value", "submitted", "approve", ("planner",), True),
    (
        "nobody edits an approved value before it is returned",
        "value",
        "approved",
        "edit",
        EVERYONE,
        False,
    ),
    ("a citizen takes no step", "report", "draft", "edit", ("citizen",), False),
]


@pytest.mark.parametrize(
    ("name", "state", "step", "roles", "allowed"),
    [pytest.param(*statement[1:], id=statement[0]) for statement in STATEMENTS],
)
def test_the_table_says_what_is_known(world, db, name, state, step, roles, allowed):
    record = fetch(name, world.records[name, state])
    for role in roles:
        tried = [t for t in TRIES if (t.name, t.state, t.step, t.role) == (name, state, step, role)]
        assert tried, f"the table has no case of {role} {step} {name} {state}"
        for case in tried:
            state_allows, role_allows = expectation(case, record, person_of(world, role))
            assert (state_allows and role_allows) == allowed, case.sentence()


def test_the_table_allows_and_refuses_every_step_by_every_way_in(world, db):
    verdicts: dict[tuple, set[str]] = {}
    for tried in TRIES:
        record = fetch(tried.name, world.records[tried.name, tried.state])
        state_allows, role_allows = expectation(tried, record, person_of(world, tried.role))
        verdict = DONE if state_allows and role_allows else (ROLE if state_allows else STATE)
        verdicts.setdefault((tried.name, tried.step, tried.caller.how), set()).add(verdict)
    for (name, step, how), found in verdicts.items():
        assert DONE in found and found - {DONE}, f"{name} {step} {how}: only {found}"
    assert len(TRIES) > 600


def test_every_step_has_a_service_and_a_page_and_every_state_a_record():
    for lifecycle in LIFECYCLES:
        for step in lifecycle.transitions:
            kinds = {caller.kind for caller in CALLERS[lifecycle.name, step]}
            assert SERVICE in kinds, (lifecycle.name, step)
            # Values are submitted on the web with the rest of their goal's form.
            assert WEB in kinds or (lifecycle.name, step) == ("value", "submit"), step
            assert step in VERBS
        for state in lifecycle.states.values:
            assert (lifecycle.name, state) in RECORDS


def test_the_docs_draw_each_lifecycle_as_it_is():
    text = DOCS.read_text(encoding="utf-8")
    drawn = re.findall(r"```mermaid\n(.*?)\n```", text, flags=re.DOTALL)
    assert drawn == [lifecycle.diagram() for lifecycle in LIFECYCLES]
    for lifecycle in LIFECYCLES:
        for step in lifecycle.transitions.values():
            assert f"`{step.event}`" in text, f"docs/lifecycles.md does not list {step.event}"
            assert f"`{step.rule}`" in text, f"docs/lifecycles.md does not name {step.rule}"


@pytest.mark.parametrize("state", ["draft", "proposal"])
def test_a_planner_changes_a_plans_title_without_taking_a_step(world, db, state):
    plan = fetch("plan", world.records["plan", state])
    client = Client()
    client.force_login(person_of(world, "planner"))
    response = client.post(
        reverse("planning:plan_edit", args=[plan.organisation.slug, plan.year]),
        {"title": "Ny titel", "status": state, "version": plan.version},
    )
    assert response.status_code == 302
    assert (Plan.objects.get(pk=plan.pk).title, Plan.objects.get(pk=plan.pk).status) == (
        "Ny titel",
        state,
    )
