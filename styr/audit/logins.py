"""Failed logins and lockouts are events: the user name tried and where from, never a password.

Connected in AuditConfig.ready to Django's `user_login_failed` and django-axes'
`user_locked_out` signals.
"""

from __future__ import annotations

from axes.helpers import get_client_ip_address

from styr.audit.services import event_log

# A user name tried is what a stranger typed: keep no more of it than a real one can be.
NAME_LENGTH = 150


def login_failed(sender, credentials: dict, request=None, **kwargs) -> None:
    """Log a failed login: the user name tried and the address it came from."""
    event_log(
        "login.failed",
        actor=None,
        data={"username": tried(credentials.get("username")), "ip": address_of(request)},
        refused=True,
    )


def locked_out(sender, request=None, username=None, ip_address=None, **kwargs) -> None:
    """Log that django-axes locked a user name and address out after repeated failures."""
    event_log(
        "login.locked_out",
        actor=None,
        data={"username": tried(username), "ip": ip_address or address_of(request)},
        refused=True,
    )


def tried(username) -> str:
    return str(username or "")[:NAME_LENGTH]


def address_of(request) -> str:
    """Return the client's IP address as django-axes sees it, or "" without a request."""
    if request is None:
        return ""
    return getattr(request, "axes_ip_address", None) or get_client_ip_address(request) or ""
