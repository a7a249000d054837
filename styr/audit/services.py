"""Write audit events. Every lifecycle step and every refusal is logged through `event_log`."""

from __future__ import annotations

from django.db import models

from styr.audit.models import Event


def event_log(
    action: str,
    *,
    actor,
    target: models.Model | None = None,
    organisation_id: int | None = None,
    reason: str = "",
    data: dict | None = None,
    refused: bool = False,
) -> Event:
    """Record that `actor` (None: the command line) did, or tried, `action` to `target`."""
    known = actor if actor is not None and actor.is_authenticated else None
    return Event.objects.create(
        action=action,
        actor=known,
        actor_name=known.get_username() if known else "",
        organisation_id=organisation_id or organisation_of(target),
        target_type=target._meta.label_lower if target is not None else "",
        target_id=target.pk if target is not None else None,
        target_repr=str(target)[:300] if target is not None else "",
        reason=reason,
        data=data or {},
        refused=refused,
    )


def organisation_of(target) -> int | None:
    """Return the organisation an object belongs to, without a query where it can."""
    if target is None:
        return None
    for path in ("organisation_id", "plan.organisation_id", "report.plan.organisation_id"):
        value = target
        for name in path.split("."):
            value = getattr(value, name, None)
        if value:
            return value
    return None
