"""A live server of the real application, in processes of its own, on a database of its own.

The database is of the kind the run uses (DATABASE_URL): a temporary SQLite file, or a
temporary PostgreSQL database on the run's server. The command line prepares it as `make demo`
does: the sample plan, adopted, with its T1 report approved and T2 open, and the demo users.
gunicorn serves it with several workers of several threads, as a production server would.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import dj_database_url
import psycopg
import pytest

from tests.concurrency.browser import Browser

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "styr/samples/stockholm-ks-verksamhetsplan-2013.txt"
PASSWORDS = {"centralen": "demo-centralen", "planerare": "demo-planerare"}


class Server:
    def __init__(self, url: str, environment: dict):
        self.url = url
        self.environment = environment
        self.database = environment["DATABASE_URL"]
        self.logged_in: dict[str, Browser] = {}

    def browser(self, username: str) -> Browser:
        """Return a browser tab of the user's: a window of its own on one login, as a person
        with several tabs has (a login takes the server a second: its password hashing)."""
        if username not in self.logged_in:
            self.logged_in[username] = Browser(self.url).log_in(username, PASSWORDS[username])
        return self.logged_in[username].tab()

    def styr(self, *args: str) -> str:
        done = subprocess.run(  # noqa: S603 -- our own command, with the test's arguments
            [sys.executable, "-m", "styr", *args],
            env=self.environment,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    def events(self) -> list[dict]:
        """Return the audit events, oldest first, as `styr events --json` prints them."""
        return [json.loads(line) for line in self.styr("events", "--json").splitlines()]


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    with scratch_database(tmp_path_factory.mktemp("live")) as url:
        environment = {**os.environ, "DATABASE_URL": url, "DEBUG": "1", "LANGUAGE": "sv"}
        prepared = Server("", environment)
        prepared.styr("migrate", "--verbosity", "0")
        prepared.styr("import-plan", str(SAMPLE), "--if-absent")
        prepared.styr("demo-users")
        prepared.styr("demo-followup", "kommunstyrelsen", "2013")
        port = free_port()
        process = subprocess.Popen(  # noqa: S603 -- gunicorn, with the test's arguments
            [
                *(sys.executable, "-m", "gunicorn", "styr.wsgi"),
                *("--bind", f"127.0.0.1:{port}", "--workers", "4"),
                *("--worker-class", "gthread", "--threads", "4", "--timeout", "60"),
            ],
            env=environment,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            url = f"http://127.0.0.1:{port}"
            answering(url, process)
            yield Server(url, environment)
        finally:
            process.terminate()
            process.wait(timeout=30)


@pytest.fixture(scope="session")
def draft_indicators(server) -> list[str]:
    """Return the addresses of the indicators of next year's plan, a draft the planner makes."""
    planner = server.browser("planerare")
    form = planner.form("/planer/ny/", "copy_from")
    form.fields |= {
        "organisation": form.option("organisation", "Kommunstyrelsen"),
        "year": "2014",
        "copy_from": form.option("copy_from", "2013"),
    }
    assert planner.post("/planer/ny/", form.fields).status == 302
    plan = "/planer/kommunstyrelsen/2014/"
    return re.findall(rf'href="({plan}indikatorer/\d+/)andra/"', planner.get(plan).text)


class scratch_database:
    """A database of the run's kind for the live server, removed afterwards."""

    def __init__(self, folder: Path):
        self.run = dj_database_url.parse(os.environ.get("DATABASE_URL", "sqlite://"))
        self.folder = folder

    def __enter__(self) -> str:
        if "sqlite" in self.run["ENGINE"]:
            return f"sqlite:///{self.folder / 'live.sqlite3'}"
        self.name = f"{self.run['NAME']}_live"
        self.maintenance(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
        self.maintenance(f'CREATE DATABASE "{self.name}"')
        user = self.run["USER"] + (f":{self.run['PASSWORD']}" if self.run["PASSWORD"] else "")
        return f"postgres://{user}@{self.run['HOST']}:{self.run['PORT'] or 5432}/{self.name}"

    def __exit__(self, *exc) -> None:
        if "sqlite" not in self.run["ENGINE"]:
            self.maintenance(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    def maintenance(self, statement: str) -> None:
        with psycopg.connect(
            dbname="postgres",
            user=self.run["USER"],
            password=self.run["PASSWORD"] or None,
            host=self.run["HOST"],
            port=self.run["PORT"] or 5432,
            autocommit=True,
        ) as connection:
            connection.execute(statement)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def answering(url: str, process: subprocess.Popen) -> None:
    for _ in range(100):
        assert process.poll() is None, "gunicorn stopped"
        try:
            with urllib.request.urlopen(url + "/", timeout=30):  # noqa: S310 -- http, our own
                return
        except OSError:  # not listening yet
            time.sleep(0.2)
    raise AssertionError("the live server did not answer")
