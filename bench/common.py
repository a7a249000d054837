"""What the benchmarks share: a worker process per database, and how they report."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile


def run_worker(script: str, database_url: str, argv: tuple[str, ...] = ()) -> dict:
    """Run the script again as a worker on one database; return what it printed as JSON.

    Settings read DATABASE_URL when Django starts, so each database gets its own process.
    A failed worker is reported in a few lines, and the other database goes on.
    """
    env = {**os.environ, "DATABASE_URL": database_url, "BENCH_WORKER": "1"}
    done = subprocess.run(  # noqa: S603 (our own script, with this interpreter)
        [sys.executable, script, *argv], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode:
        return {"failed": done.stderr.strip().splitlines()[-3:]}
    return json.loads(done.stdout.splitlines()[-1])


def django_ready() -> None:
    """Set Django up in a worker: its database migrated and empty, the test client let in."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "styr.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)  # a PostgreSQL database may be reused


def city_adopt(plans: list[tuple]) -> int:
    """Adopt by its decision each plan whose document says adopted; return how many were.

    An import saves such a plan as a proposal: only a decision adopts it, as in a real city,
    which also keeps its versions and opens its reports. `plans` pairs a plan with its document.
    """
    from styr.decisions.services import plan_adopt
    from styr.planning.choices import PlanStatus

    adopted = [plan for plan, document in plans if document.status == PlanStatus.ADOPTED]
    for plan in adopted:
        plan_adopt(plan=plan)
    return len(adopted)


def run_on_both(script: str, postgres_database: str, argv=()) -> tuple[list, str]:
    """Run the script as a worker on a new SQLite file and, if it answers, on PostgreSQL.

    Return the runs that did not fail, by database name, and why PostgreSQL was skipped, if it
    was ("" if not).
    """
    with tempfile.TemporaryDirectory() as directory:
        databases = [("SQLite", run_worker(script, f"sqlite:///{directory}/bench.sqlite3", argv))]
    skipped = postgres_ready(postgres_database)
    if not skipped:
        url = f"postgres://postgres@127.0.0.1:5432/{postgres_database}"
        databases.append(("PostgreSQL", run_worker(script, url, argv)))
    return succeeded(databases), skipped


def postgres_ready(database: str) -> str:
    """Make the benchmark's database anew; return why PostgreSQL is skipped, or ""."""
    import psycopg

    try:
        with psycopg.connect(
            "postgresql://postgres@127.0.0.1:5432/postgres", connect_timeout=3, autocommit=True
        ) as admin:
            # A database of its own, made anew, so that old migrations never get in the way.
            admin.execute(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
            admin.execute(f"CREATE DATABASE {database}")
    except psycopg.Error as error:
        return f"PostgreSQL skipped: 127.0.0.1:5432 does not answer ({str(error).strip()})"
    return ""


def database_version(connection) -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
        else:
            cursor.execute("SELECT sqlite_version()")
        return cursor.fetchone()[0].split()[0]


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def succeeded(databases: list[tuple[str, dict]]) -> list[tuple[str, dict]]:
    """Print why any database's run failed; return those that did not, or stop if none did."""
    for name, result in databases:
        if "failed" in result:
            print(f"{name}: the benchmark failed:", *result["failed"], sep="\n  ")
    done = [(name, result) for name, result in databases if "failed" not in result]
    if not done:
        sys.exit(1)
    return done
