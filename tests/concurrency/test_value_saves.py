"""Planners save the same indicator's outcome at the same moment, each from the page they opened."""

import re

from tests.concurrency.browser import no_server_error, simultaneously

REPORT = "/planer/kommunstyrelsen/2013/uppfoljning/t2/"
CONFLICT = "Någon annan sparade värdet medan du redigerade det"


def goal_with_outcomes(server) -> str:
    """The T2 page of the first goal that asks for an outcome: the page shows one goal."""
    planner = server.browser("planerare")
    for key in re.findall(r'href="\?mal=([\w-]+)"', planner.get(REPORT).text):
        if re.search(r'name="o-\d+-value"', planner.get(f"{REPORT}?mal={key}").text):
            return f"{REPORT}?mal={key}"
    raise AssertionError("no goal of T2 asks for an outcome")


def save_at_once(server, page: str, field: str, values: list[str]) -> None:
    """Let a planner for each value save it as `field`, all at once; check one was saved."""
    planners = [server.browser("planerare") for _ in values]
    opened = planners[0].form(page, field).fields  # the page as each planner has it open

    answers = simultaneously(
        *(
            lambda planner=planner, value=value: planner.post(page, {**opened, field: value})
            for planner, value in zip(planners, values, strict=True)
        )
    )

    no_server_error(answers)
    assert sorted(a.status for a in answers) == [200] * (len(values) - 1) + [302]
    assert all(CONFLICT in a.text for a in answers if a.status == 200)
    saved = server.browser("planerare").form(page, field).fields[field]
    assert saved == values[next(n for n, a in enumerate(answers) if a.status == 302)]


def test_of_simultaneous_first_and_later_saves_of_a_value_one_is_kept_and_the_rest_told(server):
    page = goal_with_outcomes(server)
    fields = server.browser("planerare").form(page, r"o-\d+-value").fields
    field = next(name for name in fields if re.fullmatch(r"o-\d+-value", name))
    assert fields[field] == ""  # no one has entered it yet
    # The first value, where there is no version yet to compare, then a value saved before.
    # Each differs from the value saved, which would otherwise be no change at all.
    save_at_once(server, page, field, ["1000", "1001", "1002", "1003"])
    save_at_once(server, page, field, ["2000", "2001", "2002", "2003"])
