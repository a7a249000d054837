"""The lifecycles of follow-up: the report's and each value's.

A report is opened when its plan is adopted. The board enters values while it is a draft or
returned; a planner submits it (every item due reported); the central office approves it or
returns it with a reason, and may reopen an approved report, with a reason. An approved report
is a record: nothing writes to it, and it is shown as it was approved (followup.record).

A value goes draft → submitted → approved, or returned (with a reason) from submitted or
approved; changing a draft, submitted or returned value makes it a draft again, while its
report is open. An approved value must be returned before it changes.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from styr.followup.choices import EntryStatus, ReportStatus
from styr.lifecycle import Lifecycle, Transition

DRAFT, SUBMITTED = ReportStatus.DRAFT, ReportStatus.SUBMITTED
RETURNED, APPROVED = ReportStatus.RETURNED, ReportStatus.APPROVED


def report_refusal(report, step: Transition, state: str) -> str:
    """Say, in a whole sentence, why the report's state does not allow the step."""
    if state == APPROVED:
        message = _("%(report)s is approved: it is a record and can no longer be changed.")
    elif step.name == "reopen":
        message = _("%(report)s is not approved: only an approved report is reopened.")
    elif state == SUBMITTED and step.name == "submit":
        message = _("%(report)s is submitted already.")
    elif state == SUBMITTED:
        message = _(
            "%(report)s is submitted: its values can be changed when the central office returns it."
        )
    else:
        message = _("%(report)s is not submitted: only a submitted report is approved or returned.")
    return message % {"report": report}


REPORT = Lifecycle(
    "report",
    ReportStatus,
    [
        # Entering values, the summary and the budget's figures: the state stays.
        Transition(
            "edit",
            (DRAFT, RETURNED),
            None,
            "followup.enter",
            "report.changed",
            gettext_lazy("Changed"),
        ),
        Transition(
            "submit",
            (DRAFT, RETURNED),
            SUBMITTED,
            "followup.report",
            "report.submitted",
            gettext_lazy("Submitted"),
        ),
        Transition(
            "return",
            (SUBMITTED,),
            RETURNED,
            "followup.approve_report",
            "report.returned",
            gettext_lazy("Returned"),
        ),
        Transition(
            "approve",
            (SUBMITTED,),
            APPROVED,
            "followup.approve_report",
            "report.approved",
            gettext_lazy("Approved"),
        ),
        Transition(
            "reopen",
            (APPROVED,),
            RETURNED,
            "followup.approve_report",
            "report.reopened",
            gettext_lazy("Reopened"),
        ),
    ],
    refusal=report_refusal,
)


def entry_refusal(entry, step: Transition, state: str) -> str:
    """Say, in a whole sentence, why the value's state does not allow the step."""
    if state == EntryStatus.APPROVED:
        if step.name == "edit":
            return _("This value is approved: return it before you change it.")
        return _("This value is approved already.")
    if state == EntryStatus.SUBMITTED:
        return _("This value is submitted already.")
    if step.name == "approve":
        return _("This value is not submitted: only a submitted value is approved.")
    return _("This value is not submitted: only a submitted or approved value is returned.")


E = EntryStatus
ENTRY = Lifecycle(
    "value",
    EntryStatus,
    [
        Transition(
            "edit",
            (E.DRAFT, E.SUBMITTED, E.RETURNED),
            E.DRAFT,
            "followup.enter",
            "value.changed",
            gettext_lazy("Changed"),
        ),
        Transition(
            "submit",
            (E.DRAFT, E.RETURNED),
            E.SUBMITTED,
            "followup.enter",
            "value.submitted",
            gettext_lazy("Submitted"),
        ),
        Transition(
            "approve",
            (E.SUBMITTED,),
            E.APPROVED,
            "followup.report",
            "value.approved",
            gettext_lazy("Approved"),
        ),
        Transition(
            "return",
            (E.SUBMITTED, E.APPROVED),
            E.RETURNED,
            "followup.report",
            "value.returned",
            gettext_lazy("Returned"),
        ),
    ],
    refusal=entry_refusal,
)
