"""Benchmark: the time to write the sample's plan and its annual report in every format.

Run with `.venv/bin/python bench/documents.py` (or `make bench-documents`); `--runs 3` for a
quicker run. On SQLite (a temporary file) and PostgreSQL (skipped if it does not answer) it sets
the sample up as `make demo` does (imported, adopted by its decision), fills in and approves the
annual report, and then renders, through the exporters' registry, the adopted plan (with its
decision) and the approved annual report in each registered format: the median over the runs
after a warm-up, the SQL queries of one rendering, the peak of Python's memory (tracemalloc,
in a run of its own) and the file's size. Goals: a PDF under 5 s, a Word document under 1 s.
As the other benches, each database is measured in a subprocess with its own DATABASE_URL
(and BENCH_WORKER set), which prints its figures as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

from common import database_version, django_ready, run_on_both, verdict

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "styr/samples/stockholm-ks-verksamhetsplan-2013.txt"
POSTGRES_DATABASE = "styr_bench_documents"
# Seconds a format may take, where a goal is set.
GOALS = {"pdf": 5.0, "docx": 1.0}


def arguments(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="renderings per format (median)")
    return parser.parse_args(argv)


def worker(options: argparse.Namespace) -> None:
    django_ready()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import translation

    from styr.documents.exporters import exporters_for

    subjects = subjects_set_up()
    results = []
    with translation.override("sv"):
        for subject in subjects:
            for exporter in exporters_for(subject.kind):
                fresh = type(subject)(*subject_fields(subject))
                with CaptureQueriesContext(connection) as queries:
                    rendered = exporter.render(fresh)
                times = []
                for _run in range(options.runs):
                    fresh = type(subject)(*subject_fields(subject))
                    started = time.perf_counter()
                    exporter.render(fresh)
                    times.append(time.perf_counter() - started)
                tracemalloc.start()
                exporter.render(type(subject)(*subject_fields(subject)))
                peak = tracemalloc.get_traced_memory()[1]
                tracemalloc.stop()
                results.append(
                    {
                        "subject": subject.kind,
                        "format": exporter.identifier,
                        "median": statistics.median(times),
                        "queries": len(queries),
                        "memory": peak,
                        "size": len(rendered.content),
                    }
                )
    print(json.dumps({"version": database_version(connection), "results": results}))


def subject_fields(subject) -> list:
    """The records a subject is made of, so that each run reads them anew."""
    if subject.kind == "plan":
        return [subject.plan, subject.version]
    return [subject.report]


def subjects_set_up() -> list:
    """Import the sample and adopt it by the decision it records, approve its annual report;
    return the two subjects."""
    from io import StringIO

    from django.core.management import call_command

    from styr.decisions.services import plan_adopt
    from styr.documents.subjects import PlanSubject, ReportSubject
    from styr.followup.choices import Period
    from styr.followup.services import report_open
    from styr.followup.synthetic import report_fill
    from styr.planning.choices import PlanStatus
    from styr.planning.models import Plan
    from styr.planning.versions import latest_version

    call_command("import-plan", str(SAMPLE), verbosity=0, stdout=StringIO())
    plan = Plan.objects.select_related("organisation__municipality").get()
    plan_adopt(plan=plan)
    plan.refresh_from_db()
    report = report_fill(report_open(plan=plan, period=Period.YEAR), seed=1, approved=True)
    # The adopted version in force: the record every format writes (the archive only that).
    return [PlanSubject(plan, latest_version(plan, PlanStatus.ADOPTED)), ReportSubject(report)]


def main() -> None:
    import django

    options = arguments()
    print(f"Python {sys.version.split()[0]}, Django {django.get_version()}")
    databases, skipped = run_on_both(__file__, POSTGRES_DATABASE, sys.argv[1:])
    print(f"The sample's adopted plan and its approved annual report; median of {options.runs}")
    header = (
        f"  {'database':<18} {'subject':<8} {'format':<16} {'median':>9} {'queries':>7} "
        f"{'memory':>9} {'size':>9}  goal"
    )
    print(header)
    print("  " + "-" * (len(header) + 10))
    for name, result in databases:
        for row in result["results"]:
            goal = GOALS.get(row["format"])
            mark = f"< {goal:.0f} s {verdict(row['median'] < goal)}" if goal else ""
            print(
                f"  {name + ' ' + result['version']:<18} {row['subject']:<8} {row['format']:<16} "
                f"{row['median'] * 1000:>7.0f} ms {row['queries']:>7} "
                f"{row['memory'] / 2**20:>6.1f} MB {row['size'] / 1024:>6.0f} kB  {mark}"
            )
    if skipped:
        print(skipped)


if __name__ == "__main__":
    worker(arguments()) if os.environ.get("BENCH_WORKER") else main()
