"""Lock out guessing: a user name at one address after a few failures, an address after many.

django-axes compares the failures of each of its lockout parameters with one limit. This
handler counts both (`AXES_LOCKOUT_PARAMETERS`: the user name and address, then the address)
and gives each its own limit: `AXES_FAILURE_LIMIT` for a user name at an address, and
`STYR_LOGIN_FAILURES_PER_ADDRESS` for all the user names tried from an address.
"""

from __future__ import annotations

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from django.conf import settings
from django.db.models import Sum


class LockoutHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials: dict | None = None) -> int:
        """Return the failures of the user name at the address, or the limit if the address
        has failed with as many user names as it may."""
        per_name, per_address = (
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        if per_address >= settings.STYR_LOGIN_FAILURES_PER_ADDRESS:
            return max(per_name, get_failure_limit(request, credentials))
        return per_name

    def reset_user_attempts(self, request, credentials: dict | None = None) -> int:
        """Forget the failures of the user name who logged in, not those of their address:
        else whoever knows one password could guess on at others."""
        by_name_and_address = self.filter_user_attempts(request, credentials)[0]
        count, _ = by_name_and_address.delete()
        return count
