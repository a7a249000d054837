"""Benchmark: hostile follow-up workbooks, uploaded on the web and read by the command.

Run with `.venv/bin/python bench/upload_hostile.py` (or `make bench-uploads`). On SQLite (a
temporary file) and PostgreSQL (skipped if it does not answer) it imports and adopts the sample,
downloads its T1 workbook and makes from it a workbook of 400 000 filled-in rows (about 4,5 MB)
and a zip bomb (a sheet that unpacks to 1 GB). Each is uploaded on the report's Excel page as
a planner and read by `styr import-followup`; for each the time, the peak memory Python
allocated (tracemalloc, in a second run) and the size of the answer are printed, against the
targets: under 5 s, under 200 MB, a page under 100 KB.

As in bench/pages.py each database is measured in a subprocess with its own DATABASE_URL
(and BENCH_WORKER set), which prints its figures as JSON.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from io import StringIO
from pathlib import Path

from common import database_version, django_ready, run_on_both, verdict

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "styr/samples/stockholm-ks-verksamhetsplan-2013.txt"
POSTGRES_DATABASE = "styr_bench_uploads"
ROWS = 400_000
BOMB_MB = 1024
TARGET_SECONDS, TARGET_MB, TARGET_PAGE_KB = 5, 200, 100

sys.path.insert(0, str(ROOT))  # run as a script from a checkout, installed or not


def measured(run) -> dict:
    """Run once for the time and once under tracemalloc for the peak; return both, and the
    size of what the run answered."""
    start = time.perf_counter()
    answer = run()
    seconds = time.perf_counter() - start
    tracemalloc.start()
    run()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {"seconds": seconds, "peak_mb": peak / 2**20, "answer_kb": len(answer) / 1024}


def worker() -> None:
    django_ready()
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from styr.decisions.services import plan_adopt
    from styr.followup.choices import Period
    from styr.followup.services import report_open
    from styr.followup.workbook import workbook_bytes
    from styr.planning.models import Indicator, Plan
    from tests.hostile.workbooks import rows_appended, zip_bomb

    call_command("import-plan", str(SAMPLE), verbosity=0, stdout=StringIO())
    plan = Plan.objects.get()
    plan_adopt(plan=plan)
    plan.refresh_from_db()
    report = report_open(plan=plan, period=Period.T1)
    template = workbook_bytes(report)
    indicator = Indicator.objects.filter(name__startswith="Sjukfrånvaro").first()
    hostile = {
        f"{ROWS:,} rows".replace(",", " "): rows_appended(template, ROWS, item_id=indicator.pk),
        f"zip bomb ({BOMB_MB} MB)": zip_bomb(template, BOMB_MB),
    }
    client = Client()
    client.force_login(get_user_model().objects.create_superuser("bench", password=None))
    page = report.get_absolute_url() + "excel/"
    results = []
    with tempfile.TemporaryDirectory() as directory:
        for name, data in hostile.items():
            path = Path(directory) / "hostile.xlsx"
            path.write_bytes(data)

            def upload(data=data):
                file = SimpleUploadedFile("hostile.xlsx", data)
                return client.post(page, {"workbook": file}).content

            def command(path=path):
                err = StringIO()
                try:
                    call_command("import-followup", str(path), stdout=StringIO(), stderr=err)
                except Exception as error:  # the command refuses the file, as it should
                    err.write(str(error))
                return err.getvalue().encode()

            for way, run in (("web upload", upload), ("import-followup", command)):
                figures = measured(run)
                results.append({"file": name, "mb": len(data) / 2**20, "way": way, **figures})
            said = command().decode().splitlines()[0]
            results[-1]["said"] = said.split(": ", 1)[-1][:120]
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"version": database_version(connection), "results": results, "rss": maxrss}))


def main() -> None:
    databases, skipped = run_on_both(__file__, POSTGRES_DATABASE)
    print(
        f"Hostile workbooks for the sample's T1 report; targets: under {TARGET_SECONDS} s, "
        f"under {TARGET_MB} MB allocated, an answer under {TARGET_PAGE_KB} KB"
    )
    print(
        f"  {'database':<18} {'file':<22} {'size':>7} {'read by':<16} "
        f"{'time':>8} {'peak':>9} {'answer':>9}"
    )
    for name, result in databases:
        for row in result["results"]:
            ok = (
                row["seconds"] < TARGET_SECONDS
                and row["peak_mb"] < TARGET_MB
                and row["answer_kb"] < TARGET_PAGE_KB
            )
            print(
                f"  {name + ' ' + result['version']:<18} {row['file']:<22} "
                f"{row['mb']:5.1f} MB {row['way']:<16} {row['seconds']:6.2f} s "
                f"{row['peak_mb']:6.1f} MB {row['answer_kb']:6.1f} KB  {verdict(ok)}"
            )
            if "said" in row:
                print(f"    {row['said']}")
        print(f"  {name}: the worker's largest resident size was {result['rss']:.0f} MB")
    if skipped:
        print(f"  {skipped}")


if __name__ == "__main__":
    worker() if os.environ.get("BENCH_WORKER") else main()
