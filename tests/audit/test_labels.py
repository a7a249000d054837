"""Every event code Styr logs has its label in the one registry (styr/audit/events.py)."""

import re
from pathlib import Path

import pytest

from styr.audit.events import EVENT_LABELS, event_label
from styr.decisions.lifecycle import CASE
from styr.followup.lifecycle import ENTRY, REPORT
from styr.planning.lifecycle import PLAN

SOURCE = Path(__file__).resolve().parents[2] / "styr"
# event_log("plan.adopted", …), Refused(…, event="report.opened"), "login.failed" and the like.
LOGGED = re.compile(r'(?:event_log\(\s*|event=)"([a-z_]+\.[a-z_]+)"')


@pytest.mark.parametrize("lifecycle", [PLAN, CASE, REPORT, ENTRY], ids=lambda lc: lc.name)
def test_every_step_of_every_lifecycle_has_a_label(lifecycle):
    missing = {step.event for step in lifecycle.transitions.values()} - set(EVENT_LABELS)
    assert not missing, f"give these codes a label in styr/audit/events.py: {sorted(missing)}"


def test_every_code_logged_in_the_source_has_a_label():
    logged = {
        code
        for path in SOURCE.rglob("*.py")
        for code in LOGGED.findall(path.read_text(encoding="utf-8"))
    }
    assert "report.opened" in logged
    missing = logged - set(EVENT_LABELS)
    assert not missing, f"give these codes a label in styr/audit/events.py: {sorted(missing)}"


def test_a_code_without_a_label_is_its_own_label():
    assert event_label("something.new") == "something.new"
