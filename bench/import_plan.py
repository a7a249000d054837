"""Benchmark: parse the sample plan, import it into SQLite and PostgreSQL, export it again;
and import the sample made into a PDF (page numbers and a running header) and a Word document.

Run with `.venv/bin/python bench/import_plan.py` (or `make bench`). Prints a table of times,
query counts and the goals they are measured against.

Django's settings read DATABASE_URL when they are imported, so each database is measured in
a subprocess of this script with its own DATABASE_URL (and BENCH_WORKER set); the worker
prints its figures as JSON and the parent prints the table.
"""

from __future__ import annotations

import copy
import dataclasses
import itertools
import json
import os
import statistics
import sys
import time
import tracemalloc
from decimal import Decimal
from pathlib import Path

from common import database_version, run_on_both, verdict

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "styr" / "samples" / "stockholm-ks-verksamhetsplan-2013.txt"
POSTGRES_DATABASE = "styr_bench"
PARSE_RUNS = 30
DB_RUNS = 10
PARSE_GOAL_MS = 50
SQLITE_IMPORT_GOAL_MS = 1000
FORMAT_RUNS = 5
FORMAT_GOAL_MS = 2000

sys.path.insert(0, str(ROOT))  # run as a script from a checkout, installed or not


def read_sample():
    from styr.planning.parsing import read_plan_file

    reading = read_plan_file(SAMPLE)
    if not reading.ok:
        sys.exit(f"{SAMPLE}: cannot be read: {reading.problems}")
    return reading.document


def timed(function, runs: int) -> list[float]:
    """Return the time of each run in milliseconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return times


def doubled(document):
    """Return a copy of the plan twice the size: every direction, budget line and text twice.

    The copied directions are renumbered after the last one (1-3 become 4-6, goal 1.2 becomes
    4.2) so the numbering check passes, and the budget total is doubled so that it still adds up.
    """
    from styr.planning.document import BudgetLineDoc

    big = copy.deepcopy(document)
    big.organisation += " (dubbel storlek)"  # a plan of its own, not a replacement of the sample
    shift = len(document.directions)
    for direction in copy.deepcopy(document.directions):
        old = direction.number
        direction.number = str(int(old) + shift)
        for goal in direction.goals:
            goal.number = direction.number + goal.number.removeprefix(old)
        big.directions.append(direction)
    budget = big.budget
    budget.lines += [
        BudgetLineDoc(f"{line.name} (kopia)", line.costs, line.revenues, line.net, line.source)
        for line in document.budget.lines
    ]
    if budget.total:
        for column in ("costs", "revenues", "net"):
            value = getattr(budget.total, column)
            setattr(budget.total, column, None if value is None else value * Decimal(2))
    budget.investments += copy.deepcopy(document.budget.investments)
    budget.result_units += copy.deepcopy(document.budget.result_units)
    big.sections += copy.deepcopy(document.sections)
    return big


# --- The worker: measures one database, named by DATABASE_URL --------------------------------


def worker() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "styr.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from styr.planning.selectors import plan_document
    from styr.planning.services import plan_import

    call_command("migrate", verbosity=0)
    results = {"vendor": connection.vendor, "version": database_version(connection)}
    sample = read_sample()
    # A text document names no municipality; `styr import-plan` supplies it, and so do we.
    sample.municipality = settings.STYR_MUNICIPALITY
    years = itertools.count(2100, -1)

    def import_anew(document):
        """Import the document as a new plan, a year of its own, as a first import does."""
        return plan_import(document=dataclasses.replace(document, year=next(years)))

    for size, document in (("1x", sample), ("2x", doubled(sample))):
        plan_id = import_anew(document).pk  # the first also makes the organisation
        with CaptureQueriesContext(connection) as imported:
            import_anew(document)
        with CaptureQueriesContext(connection) as exported:
            plan_document(plan_id)
        results[size] = {
            "counts": document.counts(),
            "import_ms": timed(lambda d=document: import_anew(d), DB_RUNS),
            "import_queries": len(imported.captured_queries),
            "export_ms": timed(lambda p=plan_id: plan_document(p), DB_RUNS),
            "export_queries": len(exported.captured_queries),
        }
    results["formats"] = formats_measured(import_anew)
    print(json.dumps(results))


def sample_documents() -> dict[str, tuple[str, bytes]]:
    """Return the sample as a PDF and as a Word document, made as the tests make them."""
    from tests.planning.pdfs import pdf_of
    from tests.planning.words import docx_of

    text = SAMPLE.read_text(encoding="utf-8")
    pdf = pdf_of(
        text, header="Kommunstyrelsen – Verksamhetsplan 2013", page_numbers="{page} ({pages})"
    )
    return {"PDF": ("plan.pdf", pdf), "Word": ("plan.docx", docx_of(text))}


def formats_measured(import_anew) -> dict:
    """Time a whole import (read_plan, then plan_import) of the sample as PDF and as Word."""
    from django.conf import settings
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from styr.planning.parsing import read_plan

    measured = {}
    for kind, (name, data) in sample_documents().items():

        def import_document(name=name, data=data):
            reading = read_plan(data, name=name)
            if not reading.ok:
                sys.exit(f"the sample as {name} cannot be read: {reading.problems}")
            reading.document.municipality = settings.STYR_MUNICIPALITY
            return import_anew(reading.document)

        import_document()
        with CaptureQueriesContext(connection) as imported:
            import_document()
        tracemalloc.start()
        import_document()
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        measured[kind] = {
            "bytes": len(data),
            "ms": timed(import_document, FORMAT_RUNS),
            "queries": len(imported.captured_queries),
            "peak": peak,
        }
    return measured


# --- The parent: parses, starts a worker per database and prints the table -------------------


def ms(value: float) -> str:
    return f"{value:7.1f} ms"


def main() -> None:
    import django

    # Reading a document asks the settings for its limits and translates its messages.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "styr.settings")
    django.setup()

    document = read_sample()  # the first read compiles the regular expressions
    parse_times = timed(read_sample, PARSE_RUNS)
    tracemalloc.start()
    read_sample()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()

    counts = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in document.counts().items())
    print(f"Sample: {SAMPLE.relative_to(ROOT)}")
    print(f"        {counts}")
    print(f"Python {sys.version.split()[0]}, Django {django.get_version()}")
    print()
    parse_median = statistics.median(parse_times)
    print(f"Parse (read_plan_file), {PARSE_RUNS} runs")
    print(
        f"  time   min {ms(min(parse_times))}  median {ms(parse_median)}  "
        f"max {ms(max(parse_times))}   goal < {PARSE_GOAL_MS} ms: "
        f"{verdict(parse_median < PARSE_GOAL_MS)}"
    )
    print(f"  peak memory of one parse (tracemalloc): {peak / 1024 / 1024:.1f} MiB")

    databases, skipped = run_on_both(__file__, POSTGRES_DATABASE)

    print()
    print(f"Database, {DB_RUNS} runs each; 2x = the sample with every part twice")
    print("  (import = plan_import of a new plan; export = plan_document)")
    header = f"  {'database':<18} {'step':<7} {'plan':<5} {'min':>10} {'median':>10} {'queries':>8}"
    print(header)
    print("  " + "-" * (len(header) - 2))
    for name, result in databases:
        label = f"{name} {result['version']}"
        for step in ("import", "export"):
            for size in ("1x", "2x"):
                times = result[size][f"{step}_ms"]
                queries = result[size][f"{step}_queries"]
                print(
                    f"  {label:<18} {step:<7} {size:<5} {ms(min(times))} "
                    f"{ms(statistics.median(times))} {queries:>8}"
                )
    if skipped:
        print(f"  {skipped}")

    print()
    print(f"The sample as PDF and as Word, {FORMAT_RUNS} runs each")
    print("  (import = read_plan of the document, then plan_import of a new plan)")
    header = (
        f"  {'database':<18} {'format':<7} {'size':>7} {'min':>10} {'median':>10} "
        f"{'queries':>8} {'peak memory':>12}"
    )
    print(header)
    print("  " + "-" * (len(header) - 2))
    for name, result in databases:
        label = f"{name} {result['version']}"
        for kind, figures in result["formats"].items():
            times = figures["ms"]
            print(
                f"  {label:<18} {kind:<7} {figures['bytes'] / 1024:5.0f} kB {ms(min(times))} "
                f"{ms(statistics.median(times))} {figures['queries']:>8} "
                f"{figures['peak'] / 1024 / 1024:8.1f} MiB"
            )

    print()
    print("Goals")
    sqlite_import = statistics.median(databases[0][1]["1x"]["import_ms"])
    print(f"  parse under {PARSE_GOAL_MS} ms (median): {verdict(parse_median < PARSE_GOAL_MS)}")
    print(
        f"  import into SQLite under {SQLITE_IMPORT_GOAL_MS / 1000:g} s (median): "
        f"{verdict(sqlite_import < SQLITE_IMPORT_GOAL_MS)}"
    )
    for name, result in databases:
        for kind, figures in result["formats"].items():
            median = statistics.median(figures["ms"])
            print(
                f"  {name} import of the sample as {kind} under {FORMAT_GOAL_MS / 1000:g} s "
                f"(median): {verdict(median < FORMAT_GOAL_MS)}"
            )
        for step in ("import", "export"):
            small, big = result["1x"][f"{step}_queries"], result["2x"][f"{step}_queries"]
            print(
                f"  {name} {step} queries do not grow with the plan (1x {small}, 2x {big}): "
                f"{verdict(small == big)}"
            )


if __name__ == "__main__":
    worker() if os.environ.get("BENCH_WORKER") else main()
