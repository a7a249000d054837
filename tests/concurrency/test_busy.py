"""A change that waits too long for another's lock is answered "try again" (503), not an error."""

import re
import sqlite3
import threading

import dj_database_url
import psycopg
from django.conf import settings
from django.utils.translation import gettext

BUSY = "Someone else is saving just now; try again in a moment."
# Seconds: longer than the server waits (the same setting, from the same environment), shorter
# than it waits twice.
HELD = settings.DATABASE_WAIT_SECONDS + 2


class held_lock:
    """Hold what an edit of the indicator needs, from outside the server, for HELD seconds.

    On SQLite, the database's write lock; on PostgreSQL, the indicator's row.
    """

    def __init__(self, url: str, indicator: int):
        self.url, self.indicator = url, indicator

    def __enter__(self):
        settings = dj_database_url.parse(self.url)
        if "sqlite" in settings["ENGINE"]:
            self.connection = sqlite3.connect(
                settings["NAME"], isolation_level=None, check_same_thread=False
            )
            self.connection.execute("BEGIN IMMEDIATE")
        else:
            self.connection = psycopg.connect(self.url)
            self.connection.execute(
                "SELECT id FROM planning_indicator WHERE id = %s FOR UPDATE", [self.indicator]
            )
        self.release = threading.Timer(HELD, self.connection.rollback)
        self.release.start()
        return self

    def __exit__(self, *exc):
        self.release.join()
        self.connection.close()


def test_an_edit_that_waits_too_long_for_a_lock_is_told_to_try_again_and_logged(
    server, draft_indicators
):
    edit = draft_indicators[1] + "andra/"
    planner = server.browser("planerare")
    form = planner.form(edit, "version")
    before = len(server.events())

    with held_lock(server.database, int(re.search(r"/(\d+)/andra/", edit).group(1))):
        answer = planner.post(edit, {**form.fields, "name": "Ändrad medan låst"})

    assert answer.status == 503
    assert answer.headers["Retry-After"] == str(settings.DATABASE_WAIT_SECONDS)
    assert gettext(BUSY) in answer.text  # in Swedish, the site's language
    [event] = server.events()[before:]
    assert (event["action"], event["refused"], event["actor"]) == (
        "request.busy",
        True,
        "planerare",
    )
    assert event["data"] == {"path": edit, "method": "POST"}
    # Nothing was saved: the form opened before still saves, as if nothing had happened.
    assert planner.post(edit, {**form.fields, "name": "Ändrad sedan"}).status == 302
