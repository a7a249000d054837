"""Several people take the same step of one report at the same moment: it is taken once."""

from collections import Counter

from tests.concurrency.browser import no_server_error, simultaneously

REPORT = "/planer/kommunstyrelsen/2013/uppfoljning/t1/"


def step_at_once(server, username: str, step: str, times: int, **data) -> None:
    """Take the step `times` at once, each from a tab of its own."""
    tabs = [server.browser(username) for _ in range(times)]

    answers = simultaneously(*(lambda tab=tab: tab.post(REPORT + step, data) for tab in tabs))

    no_server_error(answers)
    # Each is sent back to the report, where it reads what came of its step.
    assert [a.status for a in answers] == [302] * times


def test_simultaneous_reopenings_submissions_and_approvals_of_a_report_each_happen_once(server):
    before = len(server.events())

    step_at_once(server, "centralen", "aterappna/", 3, reason="Rätta T1.")
    step_at_once(server, "planerare", "skicka-in/", 4)
    step_at_once(server, "centralen", "godkann/", 4)

    steps = [e for e in server.events()[before:] if e["action"].startswith("report.")]
    taken = Counter(e["action"] for e in steps if not e["refused"])
    refused = Counter(e["action"] for e in steps if e["refused"])
    assert taken == {"report.reopened": 1, "report.submitted": 1, "report.approved": 1}
    assert refused == {"report.reopened": 2, "report.submitted": 3, "report.approved": 3}
