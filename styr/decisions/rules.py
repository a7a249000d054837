"""Who may record and carry out decisions: the central office (administrators)."""

import rules

from styr.accounts.predicates import is_administrator

# The object is the plan the decision is about.
rules.add_rule("decisions.decide", is_administrator)
