"""What the command line's commands share."""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from styr.planning.models import Plan


def plan_numbered(plan_id: int) -> Plan:
    """Return the plan with the id a command was given, or stop with where to find the ids."""
    plan = Plan.objects.select_related("organisation__municipality").filter(pk=plan_id).first()
    if plan is None:
        raise CommandError(_("there is no plan %(id)s; `styr plans` lists them") % {"id": plan_id})
    return plan


# What a document holds, as the summary names it.
COUNTED = {
    "directions": gettext_lazy("direction goals"),
    "area_goals": gettext_lazy("area goals"),
    "board_goals": gettext_lazy("board goals"),
    "indicators": gettext_lazy("indicators"),
    "activities": gettext_lazy("activities"),
    "budget_lines": gettext_lazy("budget lines"),
    "sections": gettext_lazy("sections"),
}
