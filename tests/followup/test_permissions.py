"""Who may do what in follow-up: every role against every page, on a report in draft and on
an approved one.

Anyone reads an approved report; the board's members also read its drafts. Planners enter,
review and submit values until the report is approved; the central office (administrators)
also approves reports and alone sees the city-wide pages. Nobody changes an approved report.
"""

import pytest

from styr.followup.choices import Period
from styr.followup.selectors import report_sheet
from styr.followup.services import report_open

ROLES = ["citizen", "outsider", "reader", "planner", "administrator"]
MEMBERS = {"reader", "planner", "administrator"}
REVIEWERS = {"planner", "administrator"}
EVERYONE = set(ROLES)
CENTRAL = {"administrator"}


def pages(report) -> dict[str, str]:
    plan = report.plan
    base = report.get_absolute_url()
    plan_base = f"/planer/{plan.organisation.slug}/{plan.year}/"
    indicator = report_sheet(report).due_indicators()[0].pk
    return {
        "reports": plan_base + "uppfoljning/",
        "values": base,
        "overview": base + "oversikt/",
        "budget": base + "budget/",
        "excel": base + "excel/",
        "review": base + "granska/",
        "indicator": f"{plan_base}indikatorer/{indicator}/utfall/",
        "city": f"/uppfoljning/{plan.year}/{report.period_choice.slug}/stad/",
        "completion": f"/uppfoljning/{plan.year}/{report.period_choice.slug}/status/",
        "calendar": f"/uppfoljning/{plan.year}/kalender/",
    }


MAY_SEE_DRAFT = {
    "reports": EVERYONE,
    "values": MEMBERS,
    "overview": MEMBERS,
    "budget": MEMBERS,
    "excel": MEMBERS,
    "review": REVIEWERS,
    "indicator": EVERYONE,
    "city": CENTRAL,
    "completion": CENTRAL,
    "calendar": CENTRAL,
}
MAY_SEE_APPROVED = {
    **MAY_SEE_DRAFT,
    "values": EVERYONE,
    "overview": EVERYONE,
    "budget": EVERYONE,
    "excel": EVERYONE,
    # Reviewers still read what was approved; nothing there can be approved or returned.
    "review": REVIEWERS,
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", sorted(MAY_SEE_DRAFT))
def test_who_may_see_the_pages_of_a_draft_report(as_role, t1_report, role, page):
    response = as_role(role).get(pages(t1_report)[page])
    assert (response.status_code == 200) == (role in MAY_SEE_DRAFT[page]), response.status_code


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", sorted(MAY_SEE_APPROVED))
def test_who_may_see_the_pages_of_an_approved_report(as_role, year_of_reports, role, page):
    response = as_role(role).get(pages(year_of_reports[Period.T1])[page])
    assert (response.status_code == 200) == (role in MAY_SEE_APPROVED[page]), response.status_code


ACTIONS = {
    "enter values": ("", {}),
    "write the summary": ("sammanfattning/", {}),
    "submit the report": ("skicka-in/", {}),
    "approve the report": ("godkann/", {}),
    "return the report": ("returnera/", {"reason": "Komplettera."}),
    "approve values": ("granska/godkann/", {}),
    "enter the budget": ("budget/", {"action": "outcomes"}),
    "upload a workbook": ("excel/", {}),
}
MAY_ACT_ON_DRAFT = {
    "enter values": REVIEWERS,
    "write the summary": REVIEWERS,
    "submit the report": REVIEWERS,
    "approve the report": CENTRAL,
    "return the report": CENTRAL,
    "approve values": REVIEWERS,
    "enter the budget": REVIEWERS,
    "upload a workbook": REVIEWERS,
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_who_may_act_on_a_draft_report(as_role, t1_report, role, action):
    path, data = ACTIONS[action]
    response = as_role(role).post(t1_report.get_absolute_url() + path, data)
    refused = response.status_code in (403, 404)
    assert refused != (role in MAY_ACT_ON_DRAFT[action]), response.status_code


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_nobody_acts_on_an_approved_report(as_role, year_of_reports, role, action):
    report = year_of_reports[Period.T1]
    path, data = ACTIONS[action]
    before = report.history.count()
    response = as_role(role).post(report.get_absolute_url() + path, data)
    # Those who may act on a draft are told why not (409, or a message); the others, 403.
    if role in MAY_ACT_ON_DRAFT[action]:
        assert response.status_code in (302, 409)
    else:
        assert response.status_code in (403, 404)
    assert report.history.count() == before
    report.refresh_from_db()
    assert report.frozen


def test_a_report_of_another_period_is_opened_only_for_members(as_role, adopted_plan):
    report = report_open(plan=adopted_plan, period=Period.T2)
    assert as_role("citizen").get(report.get_absolute_url()).status_code == 403
