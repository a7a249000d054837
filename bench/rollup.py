"""Benchmark: the city-wide roll-up of every board's report, for each period, on a synthetic city.

Run with `.venv/bin/python bench/rollup.py` (or `make bench-rollup`); `--boards 20 --items 60`
makes a smaller city for a quicker run. On SQLite (a temporary file) and PostgreSQL (skipped
if it does not answer) it builds the city board by board: each board's plan for one year
(`synthetic_city`; about `items` / 5 indicators a plan, 30 by default) is imported, its
*alla nämnder* indicators drawn from the city's eight, each with its own way of making the
city's value), adopted, and its T1, T2 and annual report filled with approved values
(`report_fill`). When the city has 10, 25 and then all its boards it times the roll-up of each
period: the selector alone (`city_rollup`) and the city page through Django's test client,
prints the median, the 95th percentile, the SQL queries and the peak memory (tracemalloc) of
one run, and checks that the queries do not grow with the boards.

As in bench/pages.py each database is measured in a subprocess with its own DATABASE_URL
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
POSTGRES_DATABASE = "styr_bench_rollup"
MUNICIPALITY = "Exempelstad"
RUNS = 30
GOAL_MS = 300
STEPS = (10, 25)  # the city is measured at these sizes too, and at its full size

sys.path.insert(0, str(ROOT))  # run as a script from a checkout, installed or not


def arguments(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--boards", type=int, default=50, help="boards of the city (50)")
    parser.add_argument("--items", type=int, default=150, help="items a plan, about (150)")
    parser.add_argument("--year", type=int, default=2024, help="the year followed up (2024)")
    return parser.parse_args(argv)


def percentile_95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20)[-1]


# --- The worker: measures one database, named by DATABASE_URL --------------------------------


def worker(options: argparse.Namespace) -> None:
    django_ready()
    from django.db import connection

    from styr.planning.synthetic import synthetic_city

    results = {"vendor": connection.vendor, "version": database_version(connection), "steps": []}
    documents = synthetic_city(
        boards=options.boards, items=options.items, years=[options.year], municipality=MUNICIPALITY
    )
    city = City(options.year)
    sizes = sorted({*(n for n in STEPS if n < len(documents)), len(documents)})
    for size in sizes:
        start = time.perf_counter()
        for document in documents[len(city.plans) : size]:
            city.add(document)
        built = time.perf_counter() - start
        results["steps"].append(
            {"boards": size, "built_s": built, **city.counts(), **city.measure()}
        )
    print(json.dumps(results))


class City:
    """The synthetic city as it grows, and the roll-up's figures at its present size."""

    def __init__(self, year: int):
        from django.contrib.auth import get_user_model
        from django.test import Client

        self.year = year
        self.plans = []
        self.client = Client()
        user = get_user_model().objects.create_superuser("bench", "bench@example.se", None)
        self.client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")

    def add(self, document) -> None:
        """Import a board's plan, adopt it, and fill and approve its three reports."""
        from styr.decisions.services import plan_adopt
        from styr.followup.choices import Period
        from styr.followup.services import report_open
        from styr.followup.synthetic import report_fill
        from styr.planning.services import plan_import

        plan = plan_import(document=document)
        plan_adopt(plan=plan)
        plan.refresh_from_db()
        for n, period in enumerate(Period, start=1):
            report_fill(report_open(plan=plan, period=period), seed=plan.pk * 10 + n, approved=True)
        central_values_set(plan, self.year)
        self.plans.append(plan)

    def counts(self) -> dict:
        from styr.followup.models import GoalAssessment, Outcome
        from styr.planning.models import Indicator

        plans = [plan.pk for plan in self.plans]
        indicators = Indicator.objects.filter(area_goal__direction__plan__in=plans).count()
        indicators += Indicator.objects.filter(
            board_goal__area_goal__direction__plan__in=plans
        ).count()
        return {
            "indicators": indicators,
            "outcomes": Outcome.objects.filter(report__plan__in=plans).count(),
            "assessments": GoalAssessment.objects.filter(report__plan__in=plans).count(),
        }

    def measure(self) -> dict:
        from styr.followup.choices import Period

        return {period.slug: self.measure_period(period) for period in Period}

    def measure_period(self, period) -> dict:
        from django.db import connection, reset_queries
        from django.test.utils import CaptureQueriesContext

        from styr.followup.rollup import city_rollup
        from styr.organisations.models import Municipality

        municipality = Municipality.objects.get(name=MUNICIPALITY)
        url = f"/uppfoljning/{self.year}/{period.slug}/stad/?kommun={MUNICIPALITY}"

        def selector():
            return city_rollup(municipality=municipality, year=self.year, period=period)

        def page():
            response = self.client.get(url)
            if response.status_code != 200:
                sys.exit(f"{url} answered {response.status_code}")
            return response

        figures = {}
        for name, run in (("selector", selector), ("page", page)):
            run()  # warm-up: templates, the connection, the database's caches
            reset_queries()  # as a request does when it starts, which the count must not straddle
            with CaptureQueriesContext(connection) as queries:
                run()
            times = [timed(run) for _ in range(RUNS)]
            tracemalloc.start()
            run()
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            figures[name] = {
                "median_ms": statistics.median(times),
                "p95_ms": percentile_95(times),
                "queries": len(queries),
                "peak_mib": peak / 1024 / 1024,
            }
        rollup = selector()
        figures["boards"] = len(rollup.boards)
        figures["city_indicators"] = len(rollup.indicators)
        figures["area_goals"] = sum(len(direction.goals) for direction in rollup.directions)
        return figures


def timed(run) -> float:
    start = time.perf_counter()
    run()
    return (time.perf_counter() - start) * 1000


def city_indicators(plan):
    from django.db.models import Q

    from styr.planning.models import Indicator

    return Indicator.objects.filter(
        Q(area_goal__direction__plan=plan) | Q(board_goal__area_goal__direction__plan=plan),
        all_boards=True,
    )


def central_values_set(plan, year: int) -> None:
    """Enter the city's value of each central indicator of the plan, for every period."""
    from decimal import Decimal

    from styr.followup.choices import Period
    from styr.followup.rollup import city_outcome_save

    for indicator in city_indicators(plan):
        if indicator.aggregation == "central":
            for n, period in enumerate(Period):
                city_outcome_save(
                    municipality=plan.organisation.municipality,
                    year=year,
                    period=period,
                    indicator_name=indicator.name,
                    value=Decimal(40 + n),
                )


# --- The parent: starts a worker per database and prints the table ---------------------------


def main() -> None:
    import django

    options = arguments()
    argv = sys.argv[1:]
    print(f"Python {sys.version.split()[0]}, Django {django.get_version()}")
    print(
        f"City: {options.boards} boards, year {options.year}, about {options.items} items a plan "
        f"(about {options.items // 5} indicators); T1, T2 and the annual report filled and approved"
    )
    databases, skipped = run_on_both(__file__, POSTGRES_DATABASE, argv)
    print()
    print("Building the city (import, adopt, fill T1, T2 and the year, approved)")
    for name, result in databases:
        for step in result["steps"]:
            print(
                f"  {name:<11} {step['boards']:>3} boards: {step['indicators']} indicators, "
                f"{step['outcomes']} outcomes, {step['assessments']} goal assessments "
                f"(+{step['built_s']:.1f} s)"
            )
    print()
    print(f"Roll-up, {RUNS} runs each after a warm-up; peak memory of one run (tracemalloc)")
    header = (
        f"  {'database':<18} {'boards':>6} {'period':<6} {'what':<9} {'median':>9} {'p95':>9} "
        f"{'queries':>7} {'memory':>9}"
    )
    print(header)
    print("  " + "-" * (len(header) - 2))
    for name, result in databases:
        label = f"{name} {result['version']}"
        for step in result["steps"]:
            for period in ("t1", "t2", "ar"):
                figures = step[period]
                for what in ("selector", "page"):
                    f = figures[what]
                    print(
                        f"  {label:<18} {step['boards']:>6} {period:<6} {what:<9} "
                        f"{f['median_ms']:6.1f} ms {f['p95_ms']:6.1f} ms {f['queries']:>7} "
                        f"{f['peak_mib']:5.1f} MiB"
                    )
    if skipped:
        print(f"  {skipped}")
    last = databases[0][1]["steps"][-1]["ar"]
    print(
        f"  (the full city rolls up {last['area_goals']} area goals and "
        f"{last['city_indicators']} indicators of all boards)"
    )

    print()
    print("Goals")
    for name, result in databases:
        steps = result["steps"]
        slowest = max(step[p]["page"]["p95_ms"] for step in steps for p in ("t1", "t2", "ar"))
        print(
            f"  {name}: the city page under {GOAL_MS} ms (95th percentile, slowest: "
            f"{slowest:.1f} ms): {verdict(slowest < GOAL_MS)}"
        )
        for what in ("selector", "page"):
            counts = [step[p][what]["queries"] for step in steps for p in ("t1", "t2", "ar")]
            sizes = ", ".join(str(step["boards"]) for step in steps)
            found = "/".join(str(count) for count in sorted(set(counts)))
            print(
                f"  {name}: the {what} takes as many queries for {sizes} boards ({found}): "
                f"{verdict(len(set(counts)) == 1)}"
            )


if __name__ == "__main__":
    worker(arguments()) if os.environ.get("BENCH_WORKER") else main()
