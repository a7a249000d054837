"""Which database errors are "busy, try again", and how an htmx request is told (no server)."""

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import OperationalError
from django.test import RequestFactory
from django_htmx.middleware import HtmxDetails

from styr.audit.middleware import RefusalMiddleware
from styr.audit.models import Event


class PostgresError(Exception):
    """What psycopg raises, as far as the answer looks at it: the SQLSTATE code."""

    def __init__(self, sqlstate: str):
        super().__init__(sqlstate)
        self.sqlstate = sqlstate


def database_error(message: str, cause: Exception | None = None) -> OperationalError:
    error = OperationalError(message)
    error.__cause__ = cause
    return error


def answer(error: Exception, *, htmx: bool = False, method: str = "post"):
    request = getattr(RequestFactory(), method)("/planer/", HTTP_HX_REQUEST="true" if htmx else "")
    request.user = AnonymousUser()
    request.htmx = HtmxDetails(request)
    return RefusalMiddleware(lambda request: None).process_exception(request, error)


@pytest.mark.parametrize(
    "error",
    [
        database_error("database is locked"),
        database_error("canceling statement due to lock timeout", PostgresError("55P03")),
        database_error("deadlock detected", PostgresError("40P01")),
        database_error("could not serialize access", PostgresError("40001")),
    ],
    ids=["sqlite-locked", "lock-timeout", "deadlock", "serialization"],
)
def test_a_database_that_gave_up_waiting_is_answered_try_again_and_logged(db, error):
    busy = answer(error)
    wait = str(settings.DATABASE_WAIT_SECONDS)
    assert (busy.status_code, busy.headers["Retry-After"]) == (503, wait)
    event = Event.objects.get()
    assert (event.action, event.refused, event.data) == (
        "request.busy",
        True,
        {"path": "/planer/", "method": "POST"},
    )


def test_an_htmx_request_gets_the_message_atop_the_page_it_has_open(db):
    busy = answer(database_error("database is locked"), htmx=True)
    assert busy.status_code == 200  # htmx swaps in only what succeeded
    assert (busy.headers["HX-Retarget"], busy.headers["HX-Reswap"]) == ("#main", "afterbegin")
    assert 'role="alert"' in busy.content.decode()


def test_a_page_asked_for_is_answered_busy_but_writes_no_event(db):
    assert answer(database_error("database is locked"), method="get").status_code == 503
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    "error",
    [database_error("no such table: x"), database_error("deadlock?", PostgresError("42P01"))],
)
def test_any_other_database_error_stays_a_server_error(db, error):
    assert answer(error) is None
