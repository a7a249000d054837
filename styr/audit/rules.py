"""Who may read the audit events: the central office (administrators) alone."""

import rules

from styr.accounts.predicates import is_administrator

rules.add_rule("audit.view_events", is_administrator)
