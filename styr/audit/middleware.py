"""Turn refusals into answers a person understands, and log them as events.

A step the record's state does not allow (`Refused`) is answered 409 with its reason: the plan
is adopted, the report is approved. A change someone's role does not allow is answered 403 by
Django as before. Both are logged when a change was tried (not on GET), after the transaction
that tried it has been undone.

A change the database could not make in time, because another request held the lock it needed
for longer than the wait allowed (settings.DATABASE_WAIT_SECONDS), is answered 503 with
Retry-After: someone else is saving just now, try again. It is logged as `request.busy`.
"""

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, OperationalError
from django.shortcuts import render

from styr.audit.services import event_log
from styr.lifecycle import Refused

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
# PostgreSQL's answers when it gave up waiting: serialization failure, deadlock, lock timeout.
GAVE_UP = {"40001", "40P01", "55P03"}

logger = logging.getLogger(__name__)


class RefusalMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        # Only what was tried is logged: a page asked for (GET) tries nothing, and writes nothing.
        tried = request.method not in SAFE_METHODS
        if isinstance(exception, Refused):
            if tried:
                refusal_log(exception, request.user, path=request.path)
            return render(request, "409.html", {"reason": str(exception)}, status=409)
        if isinstance(exception, PermissionDenied) and tried:
            event_log(
                str(exception) or "permission.denied",
                actor=request.user,
                data={"path": request.path, "method": request.method},
                refused=True,
            )
        if busy(exception):
            return busy_answer(request, tried)
        return None


def busy(error: Exception) -> bool:
    """Say whether the database gave up waiting for a lock another request held."""
    if not isinstance(error, OperationalError):
        return False
    if getattr(error.__cause__, "sqlstate", None) in GAVE_UP:
        return True
    return "database is locked" in str(error) or "database table is locked" in str(error)


def busy_answer(request, tried: bool):
    """Tell the user to try again (503); an htmx request gets the message atop the page."""
    logger.warning("busy: %s %s gave up waiting for the database", request.method, request.path)
    if tried:
        try:
            event_log(
                "request.busy",
                actor=request.user,
                data={"path": request.path, "method": request.method},
                refused=True,
            )
        except DatabaseError:  # still busy: the warning above is all that is kept
            logger.warning("busy: the event could not be logged either")
    wait = str(settings.DATABASE_WAIT_SECONDS)
    if getattr(request, "htmx", False):
        # htmx swaps only successful answers; this one keeps the open form and tells why.
        answer = render(request, "_busy.html")
        answer["HX-Retarget"], answer["HX-Reswap"] = "#main", "afterbegin"
    else:
        answer = render(request, "busy.html", status=503)
    answer.headers["Retry-After"] = wait
    return answer


def refusal_log(refused: Refused, actor, **data) -> None:
    """Log what was tried and refused, with the reason given."""
    event_log(
        refused.event or "refused",
        actor=actor,
        target=refused.target,
        reason=str(refused),
        data=data,
        refused=True,
    )
