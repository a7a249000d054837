"""The one registry of event codes and what each is called on the page, in the admin and in docs.

Every code a lifecycle (`Transition.event`), a service (`event_log`) or a refusal logs has a
label here; tests/audit/test_labels.py checks the lifecycles against it. A code missing from
the registry is shown as it is.
"""

from django.utils.translation import gettext_lazy as _

EVENT_LABELS = {
    # The plan's lifecycle (styr/planning/lifecycle.py).
    "plan.proposed": _("Plan proposed"),
    "plan.withdrawn": _("Plan taken back to draft"),
    "plan.adopted": _("Plan adopted"),
    "plan.revised": _("Plan revised"),
    "plan.changed": _("Plan changed"),
    "plan.version_changed": _("Kept version of a plan changed"),
    # A plan read from a document (styr/planning/importing.py).
    "plan.imported": _("Plan imported"),
    # Decisions (styr/decisions/lifecycle.py, services.py).
    "decision.recorded": _("Decision recorded"),
    "decision.changed": _("Decision changed"),
    "decision.amended": _("Decision amended"),
    "decision.carried_out": _("Decision carried out"),
    # Follow-up reports (styr/followup/lifecycle.py, services.py).
    "report.opened": _("Report opened"),
    "report.changed": _("Report changed"),
    "report.submitted": _("Report submitted"),
    "report.returned": _("Report returned"),
    "report.approved": _("Report approved"),
    "report.reopened": _("Report reopened"),
    # The values of a report.
    "value.changed": _("Value changed"),
    "value.submitted": _("Value submitted"),
    "value.approved": _("Value approved"),
    "value.returned": _("Value returned"),
    # Logging in (styr/audit/logins.py).
    "login.failed": _("Login failed"),
    "login.locked_out": _("Locked out after failed logins"),
    # Accounts (styr/accounts/admin.py): deleting one named in the record is refused.
    "user.deleted": _("Account deleted"),
    # Refusals without a step of their own (styr/audit/middleware.py).
    "permission.denied": _("Permission denied"),
    "refused": _("Refused"),
    # A change the database could not make in time: someone else was saving (middleware.py).
    "request.busy": _("Busy: asked to try again"),
}


def event_label(code: str) -> str:
    """Return what an event code is called, or the code itself if it has no label."""
    label = EVENT_LABELS.get(code)
    return str(label) if label is not None else code


# The details an event may carry (Event.data), as the page names them.
DETAIL_LABELS = {
    "username": _("user name tried"),
    "ip": _("IP address"),
    "count": _("number of values"),
    "version": _("version"),
    "point": _("decision point"),
    "path": _("address"),
    "method": _("method"),
    "replaced": _("replaced the content of an existing plan"),
}


def event_details(data: dict) -> list[tuple[str, object]]:
    """Return an event's details as (name, value) pairs, named as the page names them."""
    return [(str(DETAIL_LABELS.get(key, key)), value) for key, value in (data or {}).items()]
