"""Benchmark: the follow-up's pages and writes, for the sample and a plan four times its size.

Run with `.venv/bin/python bench/followup.py` (or `make bench-followup`); `--runs 5
--big-runs 3 --write-runs 2` for a quicker run. On SQLite (a temporary file) and PostgreSQL
(skipped if it does not answer), with production settings (DEBUG off, static files collected
and served from their manifest, the client coming in over HTTPS as behind the proxy), it sets up:

- the sample as `make demo` does: imported, adopted by its decision, T1 filled in and
  approved, T2 open (`import-plan`, `demo-followup kommunstyrelsen 2013`);
- a synthetic board in another municipality whose plan has four times the sample's goals,
  indicators and activities, adopted, T1 filled in and approved, T2 open.

It requests each follow-up page as the central office (a superuser) through Django's test
client, as a browser would, and prints its median and 95th percentile over the runs after a
warm-up, and its SQL queries. Then it times the writes, each run on the same state: every run
is in a transaction rolled back after it (the step's own transaction becomes a savepoint, so
the commit itself is not in the figure):

- saving changed values: the T2 report page is read as a browser does (all goals, then the
  goal with the most items), its entry form's fields parsed from the HTML (names and values
  only, never the markup), up to 20 of them changed (outcomes to 12,5, activity statuses,
  goal assessments) and the form posted to its action; the answer must be a redirect and
  the values saved. The page shows one goal at a time, so it may hold fewer than 20: the
  service it calls, `styr.followup.saving.entries_save`, is also timed with 20 values;
- approving a whole report: T2 filled in and submitted outside the timing, then the service
  `report_approve`, and the POST to the report's approve address;
- importing a full workbook of the annual report: `workbook_bytes`, every entered cell filled
  in with openpyxl outside the timing, then `workbook_read` as the Excel page calls it.

The figures are held against the follow-up's goals (docs/architecture.md); a missed goal is
reported, and the benchmark still exits 0. As the other benches, each database is measured in
a subprocess with its own DATABASE_URL (and BENCH_WORKER set), which prints its figures as JSON.
"""

from __future__ import annotations

import argparse
import atexit
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from decimal import Decimal
from html.parser import HTMLParser
from io import BytesIO
from pathlib import Path

from common import database_version, django_ready, run_on_both

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "styr/samples/stockholm-ks-verksamhetsplan-2013.txt"
POSTGRES_DATABASE = "styr_bench_followup"
YEAR = 2013
BIG_ORGANISATION = "Utbildningsnämnden"
BIG_MUNICIPALITY = "Exempelstad"
SCALE = 4
ITEMS = ("area_goals", "board_goals", "indicators", "activities")
VALUES_SAVED = 20

# Issue 12's goals.
QUERY_GOAL = 15
REPORT_PAGE_GOAL_MS = 150  # the sample's report page, median, SQLite
OVERVIEW_GOAL_MS = 100  # the plan overview, median, the sample and the big plan
SAVE_GOAL_MS = 300
APPROVE_GOAL_MS = 500
IMPORT_GOAL_MS = 1000

# Production settings for the workers (settings.py reads them from the environment).
PRODUCTION = {"DEBUG": "0", "SECRET_KEY": "bench-followup-" + "x" * 50, "LOG_LEVEL": "ERROR"}

sys.path.insert(0, str(ROOT))  # run as a script from a checkout, installed or not


def arguments(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="requests a page, the sample (15)")
    parser.add_argument("--big-runs", type=int, default=8, help="requests a page, the big plan (8)")
    parser.add_argument("--write-runs", type=int, default=5, help="runs of each write (5)")
    return parser.parse_args(argv)


# --- The worker: measures one database, named by DATABASE_URL --------------------------------


def worker(options: argparse.Namespace) -> None:
    started = time.perf_counter()
    django_ready()
    static_collected()
    from django.db import connection

    sample, sample_items = sample_set_up()
    big = big_set_up(items=SCALE * sample_items)
    client, user = central_office()
    results = {
        "vendor": connection.vendor,
        "version": database_version(connection),
        "plans": [],
        "set_up_s": time.perf_counter() - started,
    }
    for name, plan, municipality, runs in (
        ("sample", sample, "Stockholms stad", options.runs),
        (f"{SCALE}× sample", big, BIG_MUNICIPALITY, options.big_runs),
    ):
        results["plans"].append(
            {
                "plan": name,
                "items": plan_items(plan),
                "pages": pages_measure(client, plan, municipality, runs),
                "writes": writes_measure(client, user, plan, options.write_runs),
            }
        )
    results["run_s"] = time.perf_counter() - started
    print(json.dumps(results))


def static_collected() -> None:
    """Collect the static files into a temporary folder, as a deployment does: with DEBUG off
    `{% static %}` reads the manifest, and WhiteNoise serves the collected files."""
    from django.conf import settings
    from django.core.management import call_command

    settings.STATIC_ROOT = tempfile.mkdtemp(prefix="bench-followup-static-")
    atexit.register(shutil.rmtree, settings.STATIC_ROOT, ignore_errors=True)
    call_command("collectstatic", interactive=False, verbosity=0)


def sample_set_up():
    """The sample as `make demo` leaves it; return its plan and its count of items."""
    from django.core.management import call_command

    from styr.planning.models import Plan
    from styr.planning.parsing import read_plan_file

    quiet = open(os.devnull, "w")  # noqa: SIM115
    call_command("import-plan", str(SAMPLE), verbosity=0, stdout=quiet)
    call_command("demo-followup", "kommunstyrelsen", str(YEAR), stdout=quiet)
    counts = read_plan_file(SAMPLE).document.counts()
    plan = Plan.objects.get(organisation__slug="kommunstyrelsen", year=YEAR)
    return plan, sum(counts[kind] for kind in ITEMS)


def big_set_up(*, items: int):
    """A board's synthetic plan of about `items` items: adopted, T1 approved, T2 open."""
    from styr.decisions.services import plan_adopt
    from styr.followup.choices import Period
    from styr.followup.services import report_open
    from styr.followup.synthetic import report_fill
    from styr.planning.services import plan_import
    from styr.planning.synthetic import synthetic_plan

    document = synthetic_plan(
        organisation=BIG_ORGANISATION,
        year=YEAR,
        items=items,
        seed=12,
        municipality=BIG_MUNICIPALITY,
    )
    plan = plan_import(document=document)
    plan_adopt(plan=plan)
    plan.refresh_from_db()
    report_fill(report_open(plan=plan, period=Period.T1), seed=1, approved=True)
    report_open(plan=plan, period=Period.T2)
    return plan


def plan_items(plan) -> dict:
    """The plan's goals, indicators and activities, counted in the database."""
    from django.db.models import Q

    from styr.planning.models import Activity, AreaGoal, BoardGoal, Indicator

    of_goal = Q(area_goal__direction__plan=plan) | Q(board_goal__area_goal__direction__plan=plan)
    return {
        "area_goals": AreaGoal.objects.filter(direction__plan=plan).count(),
        "board_goals": BoardGoal.objects.filter(area_goal__direction__plan=plan).count(),
        "indicators": Indicator.objects.filter(of_goal).count(),
        "activities": Activity.objects.filter(of_goal).count(),
    }


def central_office():
    """A client logged in as the central office, coming in over HTTPS through the proxy."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    user = get_user_model().objects.create_superuser("bench", "bench@example.se", None)
    client = Client(HTTP_X_FORWARDED_PROTO="https")
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client, user


# --- Pages --------------------------------------------------------------------------------


def page_list(client, plan, municipality: str) -> list[tuple[str, str]]:
    """The follow-up pages of a plan, as (name, address)."""
    from urllib.parse import quote

    from styr.followup.choices import Period
    from styr.followup.models import Report

    base = plan.get_absolute_url()
    t1 = Report.objects.get(plan=plan, period=Period.T1).get_absolute_url()
    t2 = Report.objects.get(plan=plan, period=Period.T2).get_absolute_url()
    city = f"?kommun={quote(municipality)}"
    return [
        ("plan overview", base),
        ("periods", f"{base}uppfoljning/"),
        ("T1 approved: report", t1),
        ("T1 approved: dashboard", f"{t1}oversikt/"),
        ("T2 open: report", t2),
        ("T2 open: report, one goal", f"{t2}?mal={goal_chosen(client, t2, plan)}"),
        ("T2 open: review", f"{t2}granska/"),
        ("T2 open: dashboard", f"{t2}oversikt/"),
        ("T2 open: budget", f"{t2}budget/"),
        ("T2 open: Excel", f"{t2}excel/"),
        ("T2 completion", f"/uppfoljning/{YEAR}/t2/status/{city}"),
        ("T2 city", f"/uppfoljning/{YEAR}/t2/stad/{city}"),
        ("indicator chart", indicator_address(plan)),
    ]


def goal_chosen(client, report_url: str, plan) -> str:
    """The goal with the most indicators and activities, as the page's goal chooser names it
    (mal-3, namndmal-12); the chooser's first goal if its names are not of that shape."""
    from django.db.models import Count

    from styr.planning.models import AreaGoal, BoardGoal

    page = Form.parsed(client.get(report_url).content.decode())
    keys = page.goal_keys
    sizes = {}
    for prefix, model, of_plan in (
        ("mal", AreaGoal, {"direction__plan": plan}),
        ("namndmal", BoardGoal, {"area_goal__direction__plan": plan}),
    ):
        counted = model.objects.filter(**of_plan).annotate(
            size=Count("indicators", distinct=True) + Count("activities", distinct=True)
        )
        sizes |= {f"{prefix}-{goal.pk}": goal.size for goal in counted}
    if not keys:  # no chooser on the page: the largest goal, named as the page once did
        return max(sizes, key=sizes.get)
    return max(keys, key=lambda key: sizes.get(key, -1))


def indicator_address(plan) -> str:
    from django.db.models import Q

    from styr.planning.models import Indicator

    indicator = (
        Indicator.objects.filter(
            Q(area_goal__direction__plan=plan) | Q(board_goal__area_goal__direction__plan=plan)
        )
        .order_by("pk")
        .first()
    )
    return f"{plan.get_absolute_url()}indikatorer/{indicator.pk}/utfall/"


def pages_measure(client, plan, municipality: str, runs: int) -> list[dict]:
    figures = []
    for name, url in page_list(client, plan, municipality):
        measured = attempt(page_measure, client, url, runs)
        figures.append({"page": name, "url": url, **measured})
    return figures


def page_measure(client, url: str, runs: int) -> dict:
    """The page's median and 95th percentile over `runs` requests after a warm-up, and its
    queries (counted in a request of their own: counting them slows the request)."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    response = client.get(url)  # warm-up: templates, the connection, the database's caches
    if response.status_code != 200:
        raise Failed(f"answered {response.status_code}")
    reset_queries()  # as a request does when it starts, which the count must not straddle
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    count = len(queries)  # read now: the next request clears the log it slices
    times = [timed(lambda: client.get(url)) for _ in range(runs)]
    return {"queries": count, **spread(times)}


def timed(run) -> float:
    start = time.perf_counter()
    run()
    return (time.perf_counter() - start) * 1000


def spread(times: list[float]) -> dict:
    p95 = statistics.quantiles(times, n=20)[-1] if len(times) > 1 else times[0]
    return {"median_ms": statistics.median(times), "p95_ms": p95, "runs": len(times)}


# --- Writes -------------------------------------------------------------------------------


@contextmanager
def rolled_back():
    """Run the block in a transaction that is rolled back after it, leaving the state as it was."""
    from django.db import transaction

    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def writes_measure(client, user, plan, runs: int) -> dict:
    return {
        "save": attempt(save_measure, client, user, plan, runs),
        "approve": attempt(approve_measure, client, user, plan, runs),
        "import": attempt(import_measure, user, plan, runs),
    }


class Failed(Exception):
    """A write that did not do what a user would see it do (a refusal, an error page)."""


def attempt(measure, *args) -> dict:
    """Run a measure; if it fails, say why in its figures, so that the others are still
    measured (the code under measure may be changing while the benchmark runs)."""
    try:
        return measure(*args)
    except Exception as error:  # reported in the table, never hidden
        return {"failed": f"{type(error).__name__}: {str(error).strip().splitlines()[0][:160]}"}


def save_measure(client, user, plan, runs: int) -> dict:
    """Time saving changed values of T2: through the report page, and 20 through the service.

    The page is read as a browser does (all goals, then the goal with the most items) and
    the form with the most values to change is posted with up to 20 of them changed. The
    page shows one goal at a time, so it may hold fewer than 20: `entries_save`, which the
    page calls, is then the figure for 20 values.
    """
    from styr.followup.choices import Period
    from styr.followup.models import Report

    report = Report.objects.get(plan=plan, period=Period.T2)
    return {
        "page": attempt(page_save, client, report.get_absolute_url(), plan, runs),
        "service": attempt(service_save, user, report, runs),
    }


def page_save(client, url: str, plan, runs: int) -> dict | None:
    """Time posting the report page's entry form with up to 20 values changed; None if the
    page has no entry form."""
    found = None
    for address in (url, f"{url}?mal={goal_chosen(client, url, plan)}"):
        form = Form.parsed(client.get(address).content.decode())
        changed = form.changed(VALUES_SAVED)
        if changed and (found is None or changed[2] > found[2][2]):
            found = (form.target(address), address, changed)
        if found and found[2][2] >= VALUES_SAVED:
            break
    if found is None:
        return None
    target, address, (data, description, count) = found
    before = entries_state(plan)
    times = []
    for _ in range(runs):
        with rolled_back():
            start = time.perf_counter()
            response = client.post(target, data)
            times.append((time.perf_counter() - start) * 1000)
            if response.status_code != 302 or entries_state(plan) == before:
                raise Failed(f"saving {count} values on {target} answered {response.status_code}")
    shown = address.removeprefix(url) or "all goals"
    return {"values": count, "how": f"POST {shown}: {description}", **spread(times)}


def entries_state(plan) -> tuple[int, int]:
    """T2's values and the sum of their versions: a save adds a value or raises a version."""
    from django.db.models import Count, Sum

    from styr.followup.choices import Period
    from styr.followup.models import GoalAssessment, Outcome, Progress

    state = [0, 0]
    for model in (Outcome, Progress, GoalAssessment):
        found = model.objects.filter(report__plan=plan, report__period=Period.T2).aggregate(
            n=Count("pk"), versions=Sum("version")
        )
        state[0] += found["n"]
        state[1] += found["versions"] or 0
    return tuple(state)


def service_save(user, report, runs: int) -> dict:
    """Time `entries_save` with 20 changes: outcomes first, then activity statuses; return
    None if the service is not there (it is new)."""
    try:
        from styr.followup.saving import Change, entries_save
    except ImportError:
        return None
    from styr.followup.selectors import report_sheet

    sheet = report_sheet(report)
    changes = [
        Change(indicator, {"value": Decimal("12.5")}, None) for indicator in sheet.due_indicators()
    ][:VALUES_SAVED]
    changes += [Change(activity, {"progress": "delayed"}, None) for activity in sheet.activities()][
        : VALUES_SAVED - len(changes)
    ]
    times = []
    for _ in range(runs):
        with rolled_back():
            start = time.perf_counter()
            saving = entries_save(report, changes, user)
            times.append((time.perf_counter() - start) * 1000)
            if not saving.ok or len(saving.saved) != len(changes):
                raise Failed(f"entries_save refused: {saving.problems[:3]}")
    return spread(times)


def approve_measure(client, user, plan, runs: int) -> dict:
    """Time approving T2 filled in and submitted: the service, and the POST to its address."""
    from styr.followup.choices import Period, ReportStatus
    from styr.followup.models import Report
    from styr.followup.services import report_approve, report_submit
    from styr.followup.synthetic import report_fill

    def submitted() -> Report:
        report = Report.objects.get(plan=plan, period=Period.T2)
        report_fill(report, seed=2)
        return report_submit(report=report, user=user)

    service, page, entries = [], [], 0
    for _ in range(runs):
        with rolled_back():
            report = submitted()
            entries = report.outcomes.count() + report.progress.count()
            entries += report.goal_assessments.count()
            start = time.perf_counter()
            report_approve(report=report, user=user)
            service.append((time.perf_counter() - start) * 1000)
        with rolled_back():
            report = submitted()
            address = f"{report.get_absolute_url()}godkann/"
            start = time.perf_counter()
            response = client.post(address)
            page.append((time.perf_counter() - start) * 1000)
            report.refresh_from_db()
            if response.status_code != 302 or report.status != ReportStatus.APPROVED:
                raise Failed(f"{address} answered {response.status_code}, report {report.status}")
    return {"values": entries, "service": spread(service), "page": spread(page)}


def import_measure(user, plan, runs: int) -> dict:
    """Time reading a full workbook of the annual report, every entered cell filled in."""
    from styr.followup.choices import Period
    from styr.followup.services import report_open
    from styr.followup.workbook.reading import workbook_read
    from styr.followup.workbook.writing import workbook_bytes

    report = report_open(plan=plan, period=Period.YEAR)
    data, rows = workbook_filled(workbook_bytes(report))
    times, saved = [], 0
    for _ in range(runs):
        with rolled_back():
            start = time.perf_counter()
            reading = workbook_read(report, data, user=user, name="bench.xlsx")
            times.append((time.perf_counter() - start) * 1000)
            if not reading.ok:
                raise Failed(f"the workbook was refused: {[str(p) for p in reading.problems[:3]]}")
            saved = sum(reading.saved.values())
    return {"rows": rows, "saved": saved, "bytes": len(data), **spread(times)}


def workbook_filled(data: bytes) -> tuple[bytes, int]:
    """Type a value into every entered cell of every row, as an official would in Excel.

    The sheets are found by the keys in their first row (hidden), so that a renamed heading
    does not matter. Numerator and denominator are left blank: a share's value comes from
    them only when it has none, and both with a value must agree. Return the workbook's bytes
    and its rows.
    """
    from datetime import datetime

    from openpyxl import load_workbook

    from styr.followup.choices import ActivityStatus, Assessment, ValueKind

    typed = {
        "value": 12.5,
        "women": 13.0,
        "men": 12.0,
        "value_kind": str(ValueKind.YEAR_TO_DATE.label),
        "comment": "Utfallet är i linje med årets mål.",
        "source": "Verksamhetssystemet",
        "progress": str(ActivityStatus.COMPLETED.label),
        "completed_on": datetime(YEAR, 11, 30),
        "assessment": str(Assessment.PARTLY_MET.label),
        "motivation": "Indikatorerna når nästan sina målvärden och aktiviteterna är klara.",
    }
    book = load_workbook(BytesIO(data))
    rows = 0
    for worksheet in book.worksheets:
        if worksheet.sheet_state != "visible":
            continue
        keys = next(worksheet.iter_rows(min_row=1, max_row=1, values_only=True), ())
        columns = {key: index for index, key in enumerate(keys, start=1) if key in typed}
        if not columns:
            continue  # the instructions
        for number in range(3, worksheet.max_row + 1):
            if worksheet.cell(number, 1).value in (None, ""):
                continue
            rows += 1
            for key, column in columns.items():
                worksheet.cell(number, column, typed[key])
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue(), rows


# --- Reading a page's forms as a browser does ---------------------------------------------


class Form(HTMLParser):
    """A page's post form with the most fields, as a browser would send it, and its goals.

    Only names and values are read (<input>, <select>, <textarea>, a form's action, links'
    ?mal=), never the markup around them, so that the page may change its layout.
    `choices` holds every select's options; `goal_keys` the goals the page offers, by its
    links or its goal chooser.
    """

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self.choices: dict[str, list[str]] = {}
        self.goal_keys: list[str] = []
        self._selected: dict[str, bool] = {}
        self._form: dict | None = None
        self._select: str | None = None
        self._textarea: str | None = None
        self.fields: dict[str, str] = {}
        self.action = ""

    @classmethod
    def parsed(cls, html: str) -> Form:
        form = cls()
        form.feed(html)
        form.close()
        posts = [f for f in form.forms if f["method"] == "post"]
        if posts:
            chosen = max(posts, key=lambda f: len(f["fields"]))
            form.fields, form.action = chosen["fields"], chosen["action"]
        form.goal_keys += [key for key in form.choices.get("mal", []) if key]
        form.goal_keys = list(dict.fromkeys(form.goal_keys))
        return form

    def target(self, address: str) -> str:
        """Where the form posts to, from the page at `address` (its own address if no action)."""
        from urllib.parse import urljoin

        return urljoin(address, self.action) if self.action else address

    def handle_starttag(self, tag, attrs):
        from urllib.parse import parse_qs, urlsplit

        a = {key: value or "" for key, value in attrs}
        if tag == "form":
            self._form = {
                "method": a.get("method", "get").lower(),
                "action": a.get("action", ""),
                "fields": {},
            }
            self.forms.append(self._form)
        elif tag == "a" and "mal=" in a.get("href", ""):
            self.goal_keys += parse_qs(urlsplit(a["href"]).query).get("mal", [])
        elif tag == "input" and a.get("name"):
            kind = a.get("type", "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self.put(a["name"], a.get("value", "on" if kind == "checkbox" else ""))
        elif tag == "select" and a.get("name"):
            self._select = a["name"]
            self.choices.setdefault(self._select, [])
            self._selected[self._select] = False
        elif tag == "option" and self._select:
            value = a.get("value", "")
            first = not self.choices[self._select]
            self.choices[self._select].append(value)
            # A browser sends the selected option, or the first if none is.
            if "selected" in a or (first and not self._selected[self._select]):
                self._selected[self._select] = "selected" in a
                self.put(self._select, value)
        elif tag == "textarea" and a.get("name"):
            self._textarea = a["name"]
            self.put(self._textarea, "")

    def handle_data(self, data):
        if self._textarea and self._form is not None:
            text = self._form["fields"][self._textarea] + data
            self._form["fields"][self._textarea] = text.removeprefix("\n")

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def put(self, name: str, value: str) -> None:
        if self._form is not None:
            self._form["fields"][name] = value

    def changed(self, count: int) -> tuple[dict, str, int] | None:
        """Return the form's data with up to `count` values changed, what was changed and how
        many, or None if it has none to change: outcomes (fields named value) set to 12,5,
        activity statuses (fields named progress) moved to another status, never to
        completed (which wants a date) or blank, and goal assessments (assessment, with a
        motivation) set to partly met."""
        data = dict(self.fields)
        done = {"outcomes": 0, "activity statuses": 0, "goal assessments": 0}

        def room() -> bool:
            return sum(done.values()) < count

        for name in [n for n in data if field_of(n) == "value"]:
            if room() and data[name] != "12,5":
                data[name] = "12,5"
                done["outcomes"] += 1
        for name in [n for n in data if field_of(n) == "progress"]:
            other = [
                v for v in self.choices.get(name, []) if v not in ("", data[name], "completed")
            ]
            if room() and other:
                data[name] = other[0]
                done["activity statuses"] += 1
        for name in [n for n in data if field_of(n) == "assessment"]:
            motivation = name.removesuffix("assessment") + "motivation"
            if room() and data[name] != "partly_met" and motivation in data:
                data[name] = "partly_met"
                data[motivation] = "Delvis uppfyllt enligt indikatorerna."
                done["goal assessments"] += 1
        total = sum(done.values())
        if not total:
            return None
        data["spara"] = ""  # the Save button, as a browser sends the button pressed
        description = ", ".join(f"{n} {what}" for what, n in done.items() if n)
        return data, description, total


def field_of(name: str) -> str:
    """The form field a prefixed name is of: o-12-value is of value."""
    return name.rsplit("-", 1)[-1]


# --- The parent: starts a worker per database and prints the table ---------------------------


def mark(ok: bool) -> str:
    return "✓" if ok else "✗"


def page_goal(database: str, plan: str, page: dict) -> str:
    """The page's goals and whether it meets them: ≤ 15 queries, and a time where one is set."""
    parts = [f"≤{QUERY_GOAL} q {mark(page['queries'] <= QUERY_GOAL)}"]
    if page["page"] == "plan overview":
        parts.append(f"<{OVERVIEW_GOAL_MS} ms {mark(page['median_ms'] < OVERVIEW_GOAL_MS)}")
    if plan == "sample" and database == "SQLite" and ": report" in page["page"]:
        parts.append(f"<{REPORT_PAGE_GOAL_MS} ms {mark(page['median_ms'] < REPORT_PAGE_GOAL_MS)}")
    return ", ".join(parts)


def page_line(label: str, plan: str, page: dict) -> str:
    if "failed" in page:
        return f"  {label:<18} {plan:<11} {page['page']:<27} FAILED: {page['failed']}"
    return (
        f"  {label:<18} {plan:<11} {page['page']:<27} "
        f"{page['median_ms']:6.1f} ms {page['p95_ms']:6.1f} ms {page['queries']:>7}"
        f"  {page_goal(label.split()[0], plan, page)}"
    )


def write_lines(writes: dict) -> list[tuple[str, dict, int]]:
    """The writes as (what, figures, goal in ms); figures may say why the write failed."""
    save, approve, reading = writes["save"], writes["approve"], writes["import"]
    lines = []
    if "failed" in save:
        lines.append(("save values", save, SAVE_GOAL_MS))
    else:
        page, service = save["page"], save["service"]
        if page and "failed" in page:
            lines.append(("save values through the report page", page, SAVE_GOAL_MS))
        elif page:
            # The goal is for 20 values; a page of fewer is held against it all the same.
            lines.append((f"save {page['values']} values, {page['how']}", page, SAVE_GOAL_MS))
        if service:
            what = f"save {VALUES_SAVED} values: entries_save (the page's service)"
            lines.append((what, service, SAVE_GOAL_MS))
    if "failed" in approve:
        lines.append(("approve T2", approve, APPROVE_GOAL_MS))
    else:
        what = f"approve T2, {approve['values']} values: report_approve"
        lines.append((what, approve["service"], APPROVE_GOAL_MS))
        lines.append(("approve T2: POST godkann/", approve["page"], APPROVE_GOAL_MS))
    what = "import the annual report's workbook"
    if "failed" not in reading:
        what += (
            f" ({reading['rows']} rows, {reading['saved']} saved, {reading['bytes'] // 1024} KiB)"
        )
    lines.append((what, reading, IMPORT_GOAL_MS))
    return lines


def write_line(label: str, plan: str, what: str, figures: dict, goal: int) -> str:
    if "failed" in figures:
        return f"  {label:<18} {plan:<11} {what}: FAILED: {figures['failed']}"
    return (
        f"  {label:<18} {plan:<11} {figures['median_ms']:7.1f} ms {figures['p95_ms']:7.1f} ms"
        f"  <{goal} ms {mark(figures['median_ms'] < goal)}  {what}"
    )


def main() -> None:
    import django

    options = arguments()
    os.environ.update(PRODUCTION)
    started = time.perf_counter()
    print(f"Python {sys.version.split()[0]}, Django {django.get_version()}; production settings")
    databases, skipped = run_on_both(__file__, POSTGRES_DATABASE, sys.argv[1:])
    for plan in databases[0][1]["plans"]:
        counts = ", ".join(f"{plan['items'][kind]} {kind.replace('_', ' ')}" for kind in ITEMS)
        print(f"  {plan['plan']}: {counts}")
    print()
    print(
        f"Pages as the central office: median and 95th percentile of {options.runs} requests "
        f"(the sample), {options.big_runs} (the {SCALE}× plan), after a warm-up"
    )
    header = (
        f"  {'database':<18} {'plan':<11} {'page':<27} {'median':>9} {'p95':>9} {'queries':>7}"
        "  goal"
    )
    print(header)
    print("  " + "-" * (len(header) + 20))
    for name, result in databases:
        label = f"{name} {result['version']}"
        for plan in result["plans"]:
            for page in plan["pages"]:
                print(page_line(label, plan["plan"], page))
    print()
    print(
        f"Writes: median and 95th percentile of {options.write_runs} runs, each on the same "
        "state (a transaction rolled back after it)"
    )
    for name, result in databases:
        label = f"{name} {result['version']}"
        for plan in result["plans"]:
            for what, figures, goal in write_lines(plan["writes"]):
                print(write_line(label, plan["plan"], what, figures, goal))
    if skipped:
        print(f"  {skipped}")
    print()
    for name, result in databases:
        print(f"{name}: set-up {result['set_up_s']:.0f} s, whole worker {result['run_s']:.0f} s")
    print(f"The benchmark took {time.perf_counter() - started:.0f} s.")


if __name__ == "__main__":
    worker(arguments()) if os.environ.get("BENCH_WORKER") else main()
