"""Benchmark: the start page and the plan page, with the sample plan and a synthetic city.

Run with `.venv/bin/python bench/pages.py` (or `make bench-pages`); `--boards 10 --items 100
--years 2024-2025` makes a smaller city for a quicker run. On SQLite (a temporary file) and
PostgreSQL (skipped if it does not answer) it imports the sample plan, requests the pages
with Django's test client, then adds the synthetic city (its past years' plans adopted by
their decision) and requests them again. Prints the server time (median, 95th percentile)
and the SQL queries of each page, beside the goals.

As in bench/import_plan.py each database is measured in a subprocess with its own
DATABASE_URL (and BENCH_WORKER set), which prints its figures as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

from common import city_adopt, database_version, django_ready, run_on_both, verdict

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "styr" / "samples" / "stockholm-ks-verksamhetsplan-2013.txt"
POSTGRES_DATABASE = "styr_bench_pages"
RUNS = 50
QUERY_GOAL = 15
SAMPLE_P95_GOAL_MS = 100
ITEMS = ("area_goals", "board_goals", "indicators", "activities")

sys.path.insert(0, str(ROOT))  # run as a script from a checkout, installed or not


def arguments(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--boards", type=int, default=50, help="boards of the city (50)")
    parser.add_argument("--items", type=int, default=150, help="items a plan, about (150)")
    parser.add_argument("--years", default="2021-2025", help="years of the city (2021-2025)")
    return parser.parse_args(argv)


def year_list(text: str) -> list[int]:
    first, _, last = text.partition("-")
    return list(range(int(first), int(last or first) + 1))


def items(document) -> int:
    counts = document.counts()
    return sum(counts[kind] for kind in ITEMS)


# --- The worker: measures one database, named by DATABASE_URL --------------------------------


def worker(options: argparse.Namespace) -> None:
    django_ready()
    from django.db import connection

    from styr.planning.parsing import read_plan_file
    from styr.planning.services import plan_import
    from styr.planning.synthetic import synthetic_city

    results = {"vendor": connection.vendor, "version": database_version(connection), "pages": []}
    pages = Pages()

    reading = read_plan_file(SAMPLE)
    sample = reading.document
    sample.municipality = "Stockholms stad"
    sample_plan = plan_import(document=sample)
    results["sample_items"] = items(sample)
    # Ask for the plan page first, so that a login it needs counts for the start page too.
    sample_url = pages.prepare(f"/planer/{sample_plan.pk}/")
    results["pages"] += [
        pages.measure("sample only", "/", "start page", sample=True),
        pages.measure("sample only", sample_url, "sample plan", sample=True),
    ]

    start = time.perf_counter()
    documents = synthetic_city(
        boards=options.boards, items=options.items, years=year_list(options.years)
    )
    generated = time.perf_counter()
    plans = [(plan_import(document=document), document) for document in documents]
    imported = time.perf_counter()
    adopted = city_adopt(plans)
    decided = time.perf_counter()
    largest, document = max(plans, key=lambda pair: items(pair[1]))
    results["city"] = {
        "plans": len(plans),
        "items": sum(items(document) for _, document in plans),
        "generate_s": generated - start,
        "import_s": imported - generated,
        "adopted": adopted,
        "adopt_s": decided - imported,
        "largest": f"{largest.organisation.name} {largest.year}",
        "largest_items": items(document),
    }
    city = f"+ city ({len(plans) + 1} plans)"
    results["pages"] += [
        pages.measure(city, "/", "start page"),
        pages.measure(city, sample_url, "sample plan", sample=True),
        pages.measure(city, f"/planer/{largest.pk}/", "largest synthetic plan"),
    ]
    results["notes"] = pages.notes
    print(json.dumps(results))


class Pages:
    """Requests pages with the test client, logging in a superuser if a page asks for it."""

    def __init__(self):
        from django.test import Client

        self.client = Client()
        self.notes: list[str] = []
        self.logged_in = False

    def prepare(self, url: str) -> str:
        """Request a page once; log in if it asks for it; return where its redirects lead."""
        from django.conf import settings
        from django.shortcuts import resolve_url

        for _ in range(5):
            try:
                response = self.client.get(url)
            except Exception as error:  # name the page in the last line of the traceback
                raise RuntimeError(f"{url}: {type(error).__name__}: {error}") from error
            location = response.headers.get("Location", "")
            to_login = location.startswith(resolve_url(settings.LOGIN_URL))
            if response.status_code == 403 or to_login:
                if self.logged_in:
                    sys.exit(f"{url} answered {response.status_code} to a superuser")
                self.log_in(url, response.status_code)
            elif response.status_code in (301, 302):
                self.notes.append(f"{url} redirects ({response.status_code}) to {location}")
                url = location
            elif response.status_code != 200:
                sys.exit(f"{url} answered {response.status_code}")
            else:
                return url
        sys.exit(f"{url}: too many redirects")

    def get(self, url: str) -> tuple[float, int]:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = self.client.get(url)
            elapsed = (time.perf_counter() - start) * 1000
        if response.status_code != 200:
            sys.exit(f"{url} answered {response.status_code}")
        return elapsed, len(queries)

    def log_in(self, url: str, status: int) -> None:
        from django.contrib.auth import get_user_model

        user = get_user_model().objects.create_superuser("bench", "bench@example.se", None)
        self.client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        self.logged_in = True
        self.notes.append(f"{url} answered {status}: a superuser requests the pages from here on")

    def measure(self, phase: str, url: str, page: str, sample: bool = False) -> dict:
        url = self.prepare(url)
        self.get(url)  # warm-up: templates, the connection, the database's caches
        runs = [self.get(url) for _ in range(RUNS)]
        times = [elapsed for elapsed, _ in runs]
        return {
            "phase": phase,
            "page": page,
            "url": url,
            "sample": sample,
            "median_ms": statistics.median(times),
            "p95_ms": statistics.quantiles(times, n=20)[-1],
            "queries": sorted({count for _, count in runs}),
            "logged_in": self.logged_in,
        }


# --- The parent: starts a worker per database and prints the table ---------------------------


def main() -> None:
    import django

    options = arguments()
    argv = sys.argv[1:]
    print(f"Python {sys.version.split()[0]}, Django {django.get_version()}")
    print(
        f"City: {options.boards} boards, years {options.years}, about {options.items} items a plan "
        f"(items = area goals, board goals, indicators and activities)"
    )
    databases, skipped = run_on_both(__file__, POSTGRES_DATABASE, argv)
    first = databases[0][1]
    print(f"Sample: {SAMPLE.relative_to(ROOT)}, {first['sample_items']} items")
    print()
    print("Building the city (synthetic_city, plan_import of each plan, plan_adopt of past years')")
    for name, result in databases:
        city = result["city"]
        print(
            f"  {name:<11} {city['plans']} plans, {city['items']} items: generated in "
            f"{city['generate_s']:.1f} s, imported in {city['import_s']:.1f} s, "
            f"{city['adopted']} adopted in {city['adopt_s']:.1f} s; largest plan "
            f"{city['largest']} with {city['largest_items']} items"
        )
    print()
    print(f"Pages, {RUNS} requests each after a warm-up (Django test client, DEBUG as set)")
    header = f"  {'database':<18} {'data':<22} {'page':<32} {'median':>9} {'p95':>9} {'queries':>8}"
    print(header)
    print("  " + "-" * (len(header) - 2))
    for name, result in databases:
        label = f"{name} {result['version']}"
        for page in result["pages"]:
            queries = "/".join(str(count) for count in page["queries"])
            print(
                f"  {label:<18} {page['phase']:<22} {page['page']:<32} "
                f"{page['median_ms']:6.1f} ms {page['p95_ms']:6.1f} ms {queries:>8}"
            )
    if skipped:
        print(f"  {skipped}")
    for name, result in databases:
        for note in result["notes"]:
            print(f"  {name}: {note}")

    print()
    print("Goals")
    for name, result in databases:
        pages = result["pages"]
        most = max(max(page["queries"]) for page in pages)
        print(
            f"  {name}: at most {QUERY_GOAL} queries a page, whatever the plan's size "
            f"(most: {most}): {verdict(most <= QUERY_GOAL)}"
        )
        constant = (
            all(len({*p["queries"]}) == 1 for p in pages)
            and len({p["queries"][0] for p in pages if p["url"] != "/"}) == 1
        )
        print(f"  {name}: the plan page takes as many queries for every plan: {verdict(constant)}")
        slowest = max(page["p95_ms"] for page in pages if page["sample"])
        print(
            f"  {name}: 95th percentile under {SAMPLE_P95_GOAL_MS} ms for the sample plan "
            f"(slowest: {slowest:.1f} ms): {verdict(slowest < SAMPLE_P95_GOAL_MS)}"
        )


if __name__ == "__main__":
    worker(arguments()) if os.environ.get("BENCH_WORKER") else main()
