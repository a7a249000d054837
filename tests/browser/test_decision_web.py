"""A decision recorded on the web, for a plan made on the web.

The board's planners made next year's plan as a copy of this year's (as "Next year's plan" does)
and proposed it. The central office records the board's decision: its particulars, two points,
two amendments picked from the plan's own lists and a reservation; then carries it out. The
public reads the adopted plan. Later a revision is opened, and while it is being recorded the
public still reads the first decision. Pages are found by their addresses and fields, so that
the tests do not depend on how the new words are translated.
"""

import re

import pytest
from playwright.sync_api import expect

from styr.decisions.models import Case
from styr.planning.choices import PlanStatus
from styr.planning.editing import plan_create
from styr.planning.lifecycle import plan_step
from styr.planning.models import Indicator
from tests.browser.axe import assert_accessible
from tests.browser.conftest import ACTIVITY, log_in, words

PLAN = "/planer/kommunstyrelsen/2014/"
DECISION = PLAN + "beslut/"
RECORD = DECISION + "nytt/"
SICK_LEAVE = "Sjukfrånvaro (alla nämnder/bolag)"
DIARY = "123-4567/2013"
REVISION_DIARY = "123-9999/2014"

ADOPTED = words("Antagen", "Adopted")
LOG_OUT = words("Logga ut", "Log out")
CARRIED_OUT = re.compile(r"Verkställt: version 2 av planen|Carried out: version 2 of the plan")
ROWS = "table.changes tbody tr"


@pytest.fixture
def web_plan(sample_plan):
    """Next year's plan, made on the web as a copy of this year's, and proposed by its planner."""
    plan = plan_create(organisation=sample_plan.organisation, year=2014, copy_from=sample_plan)
    return plan_step(plan=plan, step="propose", actor=None)


def submit(page) -> None:
    """Submit the page's form (the one of class form) and wait for the next page."""
    page.locator("main form.form button[type=submit]").click()
    page.wait_for_load_state()


def log_out(page) -> None:
    page.locator(".user-nav").get_by_role("button", name=LOG_OUT).click()
    page.wait_for_load_state()
    expect(page.locator(".user-nav .who")).to_have_count(0)


def record(page, *, title: str, meeting: str, diary: str) -> None:
    """Fill the form that records a decision (its body is filled in already) and save it."""
    page.fill("#id_title", title)
    page.fill("#id_meeting_date", meeting)
    page.fill("#id_diary_number", diary)
    submit(page)


def add_point(page, text: str) -> None:
    """Add the next point on the decision's page, with the number the form suggests."""
    form = page.locator("main form[action$='/punkter/ny/']")
    form.locator("#id_text").fill(text)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()


def amend(page, operation: str, point: str, **fields) -> None:
    """Record an amendment: its kind, its point, then each field, chosen by the label a list
    gives it, by its value (`value_<field>`), or typed where the decision writes something new
    (`typed_<field>`)."""
    page.locator("main a[href$='/andringar/ny/']").click()
    page.check(f"input[name=typ][value={operation}]")
    page.locator("main form.choice button[type=submit]").click()
    page.wait_for_load_state()
    page.select_option("#id_point", point)
    for field, value in fields.items():
        if field.startswith("typed_"):
            page.fill(f"#id_{field.removeprefix('typed_')}", value)
        elif field.startswith("value_"):
            page.select_option(f"#id_{field.removeprefix('value_')}", value)
        else:
            page.select_option(f"#id_{field}", label=value)
    submit(page)
    expect(page).to_have_url(re.compile(r"/arenden/\d+/#andringar$"))


def test_a_plan_made_on_the_web_is_adopted_by_a_decision_recorded_on_the_web(
    page, web_plan, administrator
):
    log_in(page, administrator)
    page.goto(DECISION)
    main = page.locator("main")
    expect(main.locator("dl.facts")).to_have_count(0)  # no decision yet
    main.locator(f"a[href='{RECORD}']").click()
    expect(page).to_have_url(re.compile(re.escape(RECORD) + "$"))
    expect(page.locator("#id_title")).to_have_value(web_plan.title)
    expect(page.locator("#id_decided_by")).to_have_value("Kommunstyrelsen")

    # Without the meeting's date the form says so beside the field, and keeps the rest.
    page.fill("#id_diary_number", DIARY)
    submit(page)
    expect(page.locator("#id_meeting_date")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_meeting_date_error")).to_be_visible()
    described = page.locator("#id_meeting_date").get_attribute("aria-describedby")
    assert "id_meeting_date_error" in described.split()
    expect(page.locator("#id_diary_number")).to_have_value(DIARY)
    assert not Case.objects.exists()
    assert_accessible(page)  # the form with its error

    record(page, title=web_plan.title, meeting="2014-01-22", diary=DIARY)
    case = Case.objects.get()
    expect(page).to_have_url(re.compile(rf"/beslut/arenden/{case.pk}/$"))
    add_point(page, "Verksamhetsplanen för 2014 godkänns med ändringarna i punkt 2.")
    add_point(page, "Medarbetarenkäten utgår och sjukfrånvaron ska minska mer.")
    expect(main.locator("ol.decision-points li")).to_have_count(2)

    amend(page, "remove_activity", "2", activity=ACTIVITY)
    amend(
        page,
        "change_target",
        "2",
        indicator=SICK_LEAVE,
        value_level="board",
        typed_target="2,5 %",
    )
    amendments = main.locator("ul.amendments li")
    expect(amendments).to_have_count(2)
    expect(amendments.nth(0)).to_contain_text(ACTIVITY)
    expect(amendments.nth(1)).to_contain_text("2,5 %")

    main.locator("a[href$='/reservationer/ny/']").click()
    page.fill("#id_party", "V")
    page.fill("#id_members", "Ann-Margarethe Livh")
    page.fill("#id_text", "Vi föreslår en annan inriktning.")
    submit(page)
    expect(main.locator("section.reservation h4")).to_have_text(
        "Ann-Margarethe Livh (V), Kommunstyrelsen"
    )
    assert_accessible(page)  # the decision being recorded, with its forms and buttons

    main.locator("form[action$='/verkstall/'] button").click()
    page.wait_for_load_state()
    expect(page).to_have_url(re.compile(re.escape(DECISION) + "$"))
    expect(page.locator("h1 .status")).to_have_text(ADOPTED)
    expect(main.locator("dl.facts")).to_contain_text(CARRIED_OUT)
    expect(main.locator("dl.facts")).to_contain_text("2014-01-22")
    expect(main.locator(ROWS)).to_have_count(2)
    expect(main.locator("tr.change-removed", has_text=ACTIVITY)).to_have_count(1)
    web_plan.refresh_from_db()
    assert web_plan.status == PlanStatus.ADOPTED
    assert [v.decided_on.isoformat() for v in web_plan.versions.all()] == ["2014-01-22"] * 2
    log_out(page)

    # The public reads the adopted plan and its decision.
    assert page.goto(PLAN).status == 200
    expect(main).not_to_contain_text(ACTIVITY)
    assert page.goto(DECISION).status == 200
    expect(main.locator("dl.facts")).to_contain_text(DIARY)
    expect(main.locator("ol.decision-points li")).to_have_count(2)
    expect(main).to_contain_text("Ann-Margarethe Livh (V)")
    expect(main.get_by_role("button")).to_have_count(0)
    assert_accessible(page)

    # Later, the board revises its plan: the revision is recorded, not carried out yet.
    log_in(page, administrator)
    page.goto(DECISION)
    main.locator(f"a[href='{RECORD}']").click()
    record(
        page, title="Revidering av verksamhetsplan 2014", meeting="2014-06-11", diary=REVISION_DIARY
    )
    revision = Case.objects.get(version=None)
    add_point(page, "Sjukfrånvaron ska minska till 2,0 %.")
    amend(page, "change_target", "1", indicator=SICK_LEAVE, typed_target="2,0 %")
    page.goto(DECISION)
    pending = main.locator("section.pending-decision")
    expect(pending).to_contain_text(REVISION_DIARY)
    expect(pending.locator(f"a[href$='/arenden/{revision.pk}/']")).to_be_visible()
    expect(main.locator("dl.facts")).to_contain_text(DIARY)  # still the decision in force
    assert_accessible(page)  # the decision in force, and the revision apart
    log_out(page)

    # While the revision is open the public reads the first decision, and the plan it made.
    page.goto(DECISION)
    expect(main.locator("h2").first).to_have_text(web_plan.title)
    expect(main.locator("dl.facts")).to_contain_text(DIARY)
    expect(main.locator("dl.facts")).to_contain_text(CARRIED_OUT)
    expect(main).not_to_contain_text(REVISION_DIARY)
    expect(main).not_to_contain_text("Revidering")
    expect(main.locator("section.pending-decision")).to_have_count(0)
    expect(main.locator(ROWS)).to_have_count(2)
    sick_leave = Indicator.objects.get(
        name=SICK_LEAVE, area_goal__direction__plan=web_plan
    ).targets.get(level="board")
    assert sick_leave.text == "2,5 %"
