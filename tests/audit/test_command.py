"""`styr events` prints the events, oldest first: a table, or JSON Lines with --json."""

import json
from datetime import timedelta

from django.core.management.base import CommandError
from django.utils import timezone

from styr.audit.models import Event


def lines(run) -> list[dict]:
    return [json.loads(line) for line in run.out.splitlines()]


def test_the_events_are_printed_as_json_lines_oldest_first(styr, record):
    run = styr("events", "--json")
    assert run.error is None
    printed = lines(run)
    assert [e["id"] for e in printed] == list(
        Event.objects.order_by("created_at", "pk").values_list("pk", flat=True)
    )
    adopted = next(e for e in printed if e["action"] == "plan.adopted")
    assert adopted == {
        "id": adopted["id"],
        "when": adopted["when"],
        "action": "plan.adopted",
        "label": adopted["label"],
        "actor": "centralen",
        "organisation": "kommunstyrelsen",
        "target_type": "planning.plan",
        "target_id": record.pk,
        "target": record.title,
        "reason": adopted["reason"],
        "data": {},
        "refused": False,
    }
    assert adopted["label"] in {"Plan adopted", "Plan antagen"}


def test_the_options_select_the_events(styr, record):
    assert {e["action"] for e in lines(styr("events", "--json", "--action", "plan.adopted"))} == {
        "plan.adopted"
    }
    assert lines(styr("events", "--json", "--organisation", "kommunstyrelsen"))
    today = timezone.localdate()
    assert lines(styr("events", "--json", "--since", today.isoformat()))
    tomorrow = (today + timedelta(days=1)).isoformat()
    assert lines(styr("events", "--json", "--since", tomorrow)) == []
    yesterday = (today - timedelta(days=1)).isoformat()
    assert lines(styr("events", "--json", "--until", yesterday)) == []


def test_without_json_a_table_is_printed(styr, record):
    run = styr("events", "--action", "report.approved")
    rows = run.out.splitlines()
    assert len(rows) == 2
    assert "report.approved" in rows[0]
    assert rows[1].split("  ")[1].startswith("NEKAD report.approved")
    assert "kommunstyrelsen" in rows[1]


def test_a_bad_date_is_refused_naming_the_option(styr, db):
    for option in ("--since", "--until"):
        run = styr("events", option, "2013-02-30")
        assert isinstance(run.error, CommandError)
        assert str(run.error).startswith(f"{option} 2013-02-30:")


def test_a_period_that_ends_before_it_begins_is_refused(styr, db):
    run = styr("events", "--since", "2013-05-02", "--until", "2013-05-01")
    assert isinstance(run.error, CommandError)
    assert "--until" in str(run.error)


def test_an_unknown_organisation_is_refused(styr, db):
    run = styr("events", "--organisation", "finns-inte")
    assert isinstance(run.error, CommandError)
    assert str(run.error).startswith("--organisation finns-inte:")
