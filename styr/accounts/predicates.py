"""Who may do what: named predicates on a user and an organisation or a plan.

The rules that combine them live in each app's rules.py. Every predicate takes either an
Organisation or an object with `organisation_id` (a Plan).
"""

import rules

from styr.accounts.models import Membership


def roles(user) -> dict[int, str]:
    """Return the user's role in each organisation, by organisation id; one query a request."""
    if not user.is_authenticated:
        return {}
    if not hasattr(user, "_styr_roles"):
        user._styr_roles = dict(
            Membership.objects.filter(user=user).values_list("organisation_id", "role")
        )
    return user._styr_roles


def organisation_id(target) -> int:
    return getattr(target, "organisation_id", None) or target.pk


@rules.predicate
def is_administrator(user) -> bool:
    return user.is_authenticated and user.is_active and user.is_superuser


@rules.predicate
def is_member(user, target) -> bool:
    return target is not None and organisation_id(target) in roles(user)


@rules.predicate
def is_planner(user, target) -> bool:
    return (
        target is not None and roles(user).get(organisation_id(target)) == Membership.Role.PLANNER
    )
