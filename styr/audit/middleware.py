"""Turn refusals into answers a person understands, and log them as events.

A step the record's state does not allow (`Refused`) is answered 409 with its reason: the plan
is adopted, the report is approved. A change someone's role does not allow is answered 403 by
Django as before. Both are logged when a change was tried (not on GET), after the transaction
that tried it has been undone.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from styr.audit.services import event_log
from styr.lifecycle import Refused

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


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
        return None


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
