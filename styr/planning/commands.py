"""What the command line's commands share."""

from django.core.management.base import CommandError

from styr.planning.models import Plan


def plan_numbered(plan_id: int) -> Plan:
    """Return the plan with the id a command was given, or stop with where to find the ids."""
    plan = Plan.objects.select_related("organisation__municipality").filter(pk=plan_id).first()
    if plan is None:
        raise CommandError(f"there is no plan {plan_id}; `styr plans` lists them")
    return plan
