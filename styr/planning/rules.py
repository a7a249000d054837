"""Who may read and change plans.

Anyone may read an adopted plan; members of the plan's organisation and administrators may
read its drafts and proposals. Planners of the organisation and administrators may change a
plan until it is adopted; after that only a decision changes it. Checked with
`rules.test_rule`, not `user.has_perm`, so that a superuser too is refused an adopted plan.
"""

import rules

from styr.accounts.models import Membership
from styr.accounts.predicates import is_administrator, is_member, is_planner, roles
from styr.planning.choices import PlanStatus


@rules.predicate
def is_adopted(user, plan) -> bool:
    return plan is not None and plan.status == PlanStatus.ADOPTED


rules.add_rule("planning.view_plan", is_adopted | is_administrator | is_member)
# The role that may change a plan and propose it (planning.lifecycle checks its state) …
rules.add_rule("planning.plan", is_administrator | is_planner)
# … and, for pages, whether to offer changes to the plan as it stands.
rules.add_rule("planning.change_plan", ~is_adopted & (is_administrator | is_planner))
# The object is the organisation that gets the new plan.
rules.add_rule("planning.add_plan", is_administrator | is_planner)


@rules.predicate
def plans_somewhere(user) -> bool:
    return Membership.Role.PLANNER in roles(user).values()


rules.add_rule("planning.add_any_plan", is_administrator | plans_somewhere)
