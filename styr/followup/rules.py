"""Who may read and report follow-up. The object is a Report.

Anyone may read an approved report of an adopted plan; members of the organisation and
administrators read the rest. Planners and administrators enter every value and move them
through the workflow; anyone else enters only the values of the items they answer for
(`followup.enter_item`, whose object is the item). Only the central office approves a report
as a whole, and an approved report is frozen for everyone.
"""

import rules

from styr.accounts.predicates import is_administrator, is_member, is_planner
from styr.followup.choices import ReportStatus


@rules.predicate
def is_published(user, report) -> bool:
    return report is not None and report.status == ReportStatus.APPROVED


@rules.predicate
def is_frozen(user, report) -> bool:
    return report is not None and report.frozen


@rules.predicate
def answers_for(user, item) -> bool:
    return user.is_authenticated and item is not None and item.responsible_id == user.pk


rules.add_rule("followup.view_report", is_published | is_administrator | is_member)
# The roles of the lifecycles' steps (followup.lifecycle); the state is the lifecycle's to check.
rules.add_rule("followup.enter", is_administrator | is_member)
rules.add_rule("followup.report", is_administrator | is_planner)
# For pages: whether to offer the planners' steps on the report as it stands.
rules.add_rule("followup.review", ~is_frozen & (is_administrator | is_planner))
rules.add_rule("followup.enter_item", is_administrator | answers_for)
rules.add_rule("followup.approve_report", is_administrator)
# Without an object: the city-wide pages of the central office.
rules.add_rule("followup.view_city", is_administrator)
