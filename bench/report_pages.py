"""Benchmark: the follow-up pages of the sample plan, an approved report beside one in progress.

Run with `.venv/bin/python bench/report_pages.py` (or `make bench-report-pages`). On SQLite (a
temporary file) and PostgreSQL (skipped if it does not answer) it sets up the demo as `make demo`
does (the sample imported and adopted by its decision, T1 filled in and approved, T2 open),
then requests each page as the central office through Django's test client and prints the
median, the 95th percentile and the SQL queries of each. An approved report is read from the
record it keeps; the report in progress is judged against the plan as it stands.

As in bench/pages.py each database is measured in a subprocess with its own DATABASE_URL
(and BENCH_WORKER set), which prints its figures as JSON.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

from common import database_version, django_ready, run_on_both

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "styr/samples/stockholm-ks-verksamhetsplan-2013.txt"
POSTGRES_DATABASE = "styr_bench_report_pages"
RUNS = 20
BASE = "/planer/kommunstyrelsen/2013/"
PAGES = {
    "plan overview": "",
    "decision": "beslut/",
    "T1 approved: report": "uppfoljning/t1/",
    "T1 approved: dashboard": "uppfoljning/t1/oversikt/",
    "T1 approved: budget": "uppfoljning/t1/budget/",
    "T2 in progress: report": "uppfoljning/t2/",
    "T2 in progress: dashboard": "uppfoljning/t2/oversikt/",
    "T2 in progress: review": "uppfoljning/t2/granska/",
}

sys.path.insert(0, str(ROOT))  # run as a script from a checkout, installed or not


def worker() -> None:
    django_ready()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    call_command("import-plan", str(SAMPLE), verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    call_command("demo-followup", "kommunstyrelsen", "2013", stdout=open(os.devnull, "w"))  # noqa: SIM115
    client = Client()
    client.force_login(get_user_model().objects.create_superuser("bench", password=None))
    pages = []
    for name, path in PAGES.items():
        url = BASE + path
        if client.get(url).status_code != 200:  # warm-up
            sys.exit(f"{url} did not answer 200")
        times = []
        for _ in range(RUNS):
            start = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        pages.append(
            {
                "page": name,
                "median_ms": statistics.median(times),
                "p95_ms": statistics.quantiles(times, n=20)[-1],
                "queries": len(queries),
            }
        )
    print(json.dumps({"version": database_version(connection), "pages": pages}))


def main() -> None:
    databases, skipped = run_on_both(__file__, POSTGRES_DATABASE)
    print(
        f"The sample's follow-up pages, {RUNS} requests each after a warm-up, as the central office"
    )
    print(f"  {'database':<18} {'page':<28} {'median':>9} {'p95':>9} {'queries':>8}")
    for name, result in databases:
        for page in result["pages"]:
            print(
                f"  {name + ' ' + result['version']:<18} {page['page']:<28} "
                f"{page['median_ms']:6.1f} ms {page['p95_ms']:6.1f} ms {page['queries']:>8}"
            )
    if skipped:
        print(f"  {skipped}")


if __name__ == "__main__":
    worker() if os.environ.get("BENCH_WORKER") else main()
