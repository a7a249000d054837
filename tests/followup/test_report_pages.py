"""The report's pages: planners enter many values at once, reviewers approve or return them,
the central office approves the report, and each role sees only what it may."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from styr.decisions.services import plan_adopt
from styr.followup.choices import EntryStatus, Period, ReportStatus
from styr.followup.entry import goal_key
from styr.followup.models import GoalAssessment, Outcome, Progress
from styr.followup.selectors import report_sheet
from styr.followup.services import (
    entries_submit,
    entry_return,
    goal_assessment_save,
    outcome_save,
    progress_save,
    report_open,
    report_return,
    report_submit,
)
from styr.followup.synthetic import report_fill
from styr.planning.models import AreaGoal, Assignment, Indicator
from styr.planning.services import plan_import
from styr.planning.synthetic import synthetic_plan

ROLES = ["citizen", "outsider", "reader", "planner", "administrator"]


def url(report, rest: str = "") -> str:
    return report.get_absolute_url() + rest


def goal_with_tertial_indicator(report) -> AreaGoal:
    """The area goal under which sick leave is reported every tertial."""
    return AreaGoal.objects.get(indicators__name__startswith="Sjukfrånvaro")


def goal_of(indicator):
    """The goal the indicator belongs to, as the report's sheet has it."""
    return indicator.area_goal or indicator.board_goal


def form_data(report, goal, **values) -> dict:
    """The entry form for one goal as the page gives it, with `values` typed in."""
    data = versions(report)
    for item in report_sheet(report).goals():
        if item == goal:
            for indicator in item.indicator_list:
                if indicator.due:
                    data[f"o-{indicator.pk}-value_kind"] = "year_to_date"
    data.update(values)
    return data


def versions(report) -> dict:
    """The version each row of the entry page carries: 0 for a value not yet saved."""
    sheet = report_sheet(report)
    rows = [(f"u-{item.pk}", item.entry) for item in sheet.assignments]
    for goal in sheet.goals():
        rows.append((goal_key(goal), goal.entry))
        rows += [(f"o-{i.pk}", i.outcome) for i in goal.indicator_list if i.due]
        rows += [(f"a-{a.pk}", a.entry) for a in goal.activity_list]
    return {f"{prefix}-version": entry.version if entry else 0 for prefix, entry in rows}


def input_tag(page, name: str) -> str:
    return re.search(rf'<input[^>]*name="{name}"[^>]*>', page.text).group(0)


def test_a_planner_enters_a_goals_values_in_swedish_and_submits_them(as_role, t1_report):
    goal = goal_with_tertial_indicator(t1_report)
    sick_leave = Indicator.objects.get(name__startswith="Sjukfrånvaro")
    activity = goal.activities.first()
    client = as_role("planner")
    page = client.get(url(t1_report, f"?mal=mal-{goal.pk}"))
    assert page.status_code == 200
    assert f'name="o-{sick_leave.pk}-value"' in page.text
    data = form_data(
        t1_report,
        goal,
        **{
            f"o-{sick_leave.pk}-value": "3,4",
            f"o-{sick_leave.pk}-women": "4,1",
            f"o-{sick_leave.pk}-men": "2,2",
            f"o-{sick_leave.pk}-comment": "Lägre än förra året.",
            f"a-{activity.pk}-progress": "ongoing",
            f"mal-{goal.pk}-assessment": "partly_met",
            f"mal-{goal.pk}-motivation": "Sjukfrånvaron minskar men är över målet.",
            "skicka": "1",
        },
    )
    response = client.post(url(t1_report, f"?mal=mal-{goal.pk}"), data, follow=True)
    assert "Sparade 3 värden" in response.text or "Saved 3 values" in response.text
    outcome = Outcome.objects.get(indicator=sick_leave)
    assert (outcome.value, outcome.women, outcome.unit) == (Decimal("3.4"), Decimal("4.1"), "%")
    assert outcome.status == EntryStatus.SUBMITTED
    assert Progress.objects.get(activity=activity).status == EntryStatus.SUBMITTED
    assert GoalAssessment.objects.get(area_goal=goal).assessment == "partly_met"


def test_a_bad_value_is_shown_beside_its_field_and_nothing_is_saved(as_role, t1_report):
    goal = goal_with_tertial_indicator(t1_report)
    sick_leave = Indicator.objects.get(name__startswith="Sjukfrånvaro")
    data = form_data(
        t1_report,
        goal,
        **{
            f"o-{sick_leave.pk}-value": "tre",
            f"mal-{goal.pk}-assessment": "met",
            f"mal-{goal.pk}-motivation": "",
        },
    )
    response = as_role("planner").post(url(t1_report, f"?mal=mal-{goal.pk}"), data)
    assert response.status_code == 200
    assert f'id="id_o-{sick_leave.pk}-value_error"' in response.text
    assert f'id="id_mal-{goal.pk}-motivation_error"' in response.text
    assert not Outcome.objects.exists() and not GoalAssessment.objects.exists()


def test_a_unit_other_than_the_targets_is_refused_on_the_page(as_role, t1_report):
    goal = goal_with_tertial_indicator(t1_report)
    sick_leave = Indicator.objects.get(name__startswith="Sjukfrånvaro")
    data = form_data(
        t1_report, goal, **{f"o-{sick_leave.pk}-value": "3", f"o-{sick_leave.pk}-unit": "dagar"}
    )
    response = as_role("planner").post(url(t1_report, f"?mal=mal-{goal.pk}"), data)
    assert f'id="id_o-{sick_leave.pk}-unit_error"' in response.text
    assert not Outcome.objects.exists()


def test_someone_responsible_for_an_item_enters_only_that_item(as_role, t1_report, reader):
    sick_leave = Indicator.objects.get(name__startswith="Sjukfrånvaro")
    Indicator.objects.filter(pk=sick_leave.pk).update(responsible=reader)
    other = next(i for i in report_sheet(t1_report).due_indicators() if i.pk != sick_leave.pk)
    goal = goal_with_tertial_indicator(t1_report)
    client = as_role("reader")
    page = client.get(url(t1_report, f"?mal=mal-{goal.pk}"))
    assert "disabled" not in input_tag(page, f"o-{sick_leave.pk}-value")
    assert f'name="o-{other.pk}-value"' not in page.text  # shown as text, not as an input
    client.post(
        url(t1_report, f"?mal=mal-{goal.pk}"),
        {
            **versions(t1_report),
            f"o-{sick_leave.pk}-value": "3",
            f"o-{sick_leave.pk}-value_kind": "year_to_date",
            f"o-{other.pk}-value": "99",
            f"o-{other.pk}-value_kind": "year_to_date",
        },
    )
    assert list(Outcome.objects.values_list("indicator", flat=True)) == [sick_leave.pk]


def test_a_reviewer_approves_and_returns_values(as_role, t1_report, planner):
    report_fill(t1_report, seed=4)
    entries = list(report_sheet(t1_report).entries())
    entries_submit(entries=entries[:3], user=planner)
    first, second = entries[0], entries[1]
    key = {Outcome: "o", Progress: "p", GoalAssessment: "g"}
    client = as_role("planner")
    assert client.get(url(t1_report, "granska/")).status_code == 200
    client.post(url(t1_report, "granska/godkann/"), {"valda": [f"{key[type(first)]}-{first.pk}"]})
    client.post(
        url(t1_report, f"granska/{key[type(second)]}-{second.pk}/returnera/"),
        {"reason": "Kontrollera källan."},
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == EntryStatus.APPROVED
    assert (second.status, second.return_reason) == (EntryStatus.RETURNED, "Kontrollera källan.")


def test_the_central_office_approves_a_submitted_report(as_role, t1_report, planner):
    report_fill(t1_report, seed=4)
    report_submit(report=t1_report, user=planner)
    as_role("planner").post(url(t1_report, "godkann/"))
    t1_report.refresh_from_db()
    assert t1_report.status == ReportStatus.SUBMITTED
    client = as_role("administrator")
    client.post(url(t1_report, "godkann/"))
    t1_report.refresh_from_db()
    assert t1_report.status == ReportStatus.APPROVED
    assert "Spara" not in client.get(url(t1_report)).text


MAY_SEE_DRAFT = {"reader", "planner", "administrator"}
MAY_REVIEW = {"planner", "administrator"}


@pytest.mark.parametrize("role", ROLES)
def test_who_may_see_and_enter_a_draft_report(as_role, t1_report, role):
    client = as_role(role)
    page = client.get(url(t1_report))
    assert page.status_code == (200 if role in MAY_SEE_DRAFT else 403)
    review = client.get(url(t1_report, "granska/"))
    assert review.status_code == (200 if role in MAY_REVIEW else 403)
    submit = client.post(url(t1_report, "skicka-in/"))
    assert submit.status_code == (302 if role in MAY_REVIEW else 403)


@pytest.mark.parametrize("role", ROLES)
def test_everyone_may_read_an_approved_report_and_nobody_change_it(as_role, year_of_reports, role):
    report = year_of_reports[Period.T1]
    client = as_role(role)
    indicator = report_sheet(report).due_indicators()[0]
    page = client.get(url(report))
    assert page.status_code == 200
    assert f'name="o-{indicator.pk}-value"' not in page.text
    review = client.get(url(report, "granska/"))
    # Reviewers may read the list or be refused it; either way nothing in it can be moved.
    assert review.status_code in ({200, 403} if role in MAY_REVIEW else {403})
    assert "granska/godkann/" not in review.text and "/returnera/" not in review.text
    changed = client.post(url(report), {f"o-{indicator.pk}-value": "1"})
    # Reviewers are told the report is approved; the others that they may not change it.
    assert changed.status_code == (409 if role in MAY_REVIEW else 403)


def test_a_report_not_yet_approved_is_not_shown_to_a_citizen(client, adopted_plan):
    assert (
        client.get(f"/planer/{adopted_plan.organisation.slug}/2013/uppfoljning/t2/").status_code
        == 403
    )


def test_a_report_of_a_plan_not_adopted_is_not_found(client, administrator, sample_plan):
    client.force_login(administrator)
    assert (
        client.get(f"/planer/{sample_plan.organisation.slug}/2013/uppfoljning/t1/").status_code
        == 404
    )


def test_a_period_that_does_not_exist_is_not_found(as_role, t1_report):
    plan = t1_report.plan
    response = as_role("planner").get(f"/planer/{plan.organisation.slug}/2013/uppfoljning/t3/")
    assert response.status_code == 404
    assert report_open(plan=plan, period=Period.T1) == t1_report


def test_the_plan_lists_its_reports_with_their_deadlines(client, t1_report):
    page = client.get(f"/planer/{t1_report.plan.organisation.slug}/2013/uppfoljning/")
    assert page.status_code == 200
    assert "2013-04-30" in page.text and "2013-05-15" in page.text
    assert "2014-01-31" in page.text


def test_the_central_office_finds_the_citys_follow_up_on_the_start_page(as_role, adopted_plan):
    page = as_role("administrator").get("/")
    assert "/uppfoljning/2013/t1/status/" in page.text
    assert "/uppfoljning/2013/ar/stad/" in page.text
    assert "/uppfoljning/2013/t1/status/" not in as_role("planner").get("/").text


def test_the_entry_and_review_pages_take_as_many_queries_for_a_large_plan(
    client, administrator, t1_report
):
    large = plan_import(
        document=synthetic_plan(organisation="Socialnämnden", year=2013, items=600, seed=5)
    )
    plan_adopt(plan=large)
    large.refresh_from_db()
    reports = [report_fill(t1_report, seed=1), report_fill(report_open(plan=large, period="T1"))]
    client.force_login(administrator)

    def queries(path: str) -> list[int]:
        counts = []
        for report in reports:
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url(report, path)).status_code == 200
            counts.append(len(captured))
        return counts

    for path in ("", "granska/"):
        small, big = queries(path)
        assert small == big, path


def test_a_planner_writes_the_reports_summary_and_carry_over(as_role, t1_report):
    client = as_role("planner")
    data = {"summary": "Verksamheten följer planen.", "carry_over": "−2,50", "version": "1"}
    client.post(url(t1_report, "sammanfattning/"), data)
    t1_report.refresh_from_db()
    assert (t1_report.summary, t1_report.carry_over) == (data["summary"], Decimal("-2.50"))
    assert data["summary"] in client.get(url(t1_report, "oversikt/")).text
    stale = client.post(
        url(t1_report, "sammanfattning/"), {**data, "summary": "Äldre"}, follow=True
    )
    assert "din sparades inte" in stale.text or "yours was not saved" in stale.text
    t1_report.refresh_from_db()
    assert t1_report.summary == data["summary"]
    assert as_role("reader").post(url(t1_report, "sammanfattning/"), data).status_code == 403


def test_a_reviewer_approves_every_submitted_value_at_once(as_role, t1_report, planner):
    report_fill(t1_report, seed=4)
    entries = list(report_sheet(t1_report).entries())
    entries_submit(entries=entries[:5], user=planner)
    as_role("planner").post(url(t1_report, "granska/godkann/"), {"alla": "1"})
    statuses = [e.status for e in report_sheet(t1_report).entries()]
    assert statuses.count(EntryStatus.APPROVED) == 5
    assert statuses.count(EntryStatus.DRAFT) == len(entries) - 5


def test_an_indicator_asks_only_for_what_it_uses(as_role, t1_report):
    """Sick leave, a share of all boards, asks for its numerator and denominator, from which
    the city's share is made; summed, it asks for neither; without a direction target, no
    board asks for last year's outcome."""
    sick_leave = Indicator.objects.get(name__startswith="Sjukfrånvaro")
    path = url(t1_report, f"?mal=mal-{goal_with_tertial_indicator(t1_report).pk}")
    page = as_role("planner").get(path)
    assert f'name="o-{sick_leave.pk}-value"' in page.text
    assert f'name="o-{sick_leave.pk}-denominator"' in page.text
    assert f'name="o-{sick_leave.pk}-baseline"' not in page.text
    Indicator.objects.filter(pk=sick_leave.pk).update(aggregation="sum")
    page = as_role("planner").get(path)
    assert f'name="o-{sick_leave.pk}-numerator"' not in page.text


def commented(report, user) -> dict:
    """Fill the report, then write a comment on every kind of value; return the values."""
    report_fill(report, seed=4)
    sheet = report_sheet(report)
    indicator = sheet.due_indicators()[0]
    activity = next(iter(sheet.activities()))
    goal = next(iter(sheet.goals()))
    return {
        "outcome": outcome_save(
            report=report,
            indicator=indicator,
            data={"comment": "Utfallet <stiger>.", "override": "met", "override_reason": "Känt."},
            user=user,
        ),
        "progress": progress_save(
            report=report, item=activity, data={"comment": "Arbetet pågår."}, user=user
        ),
        "goal": goal_assessment_save(
            report=report,
            goal=goal,
            data={"assessment": "met", "motivation": "Alla indikatorer är uppfyllda."},
            user=user,
        ),
    }


def test_the_review_page_shows_every_kind_of_value_with_its_comment(as_role, t1_report, planner):
    values = commented(t1_report, planner)
    entries_submit(entries=list(values.values()), user=planner)
    entry_return(entry=values["progress"], reason="Ange när det blir klart.", user=planner)
    page = as_role("planner").get(url(t1_report, "granska/"))
    assert page.status_code == 200
    for text in [
        "Utfallet &lt;stiger&gt;.",
        "Känt.",
        "Arbetet pågår.",
        "Alla indikatorer är uppfyllda.",
        "Ange när det blir klart.",
    ]:
        assert text in page.text
    assert 'name="valda"' in page.text  # the submitted values may be approved


def test_a_submitted_report_is_read_only_until_it_is_returned(as_role, t1_report, planner):
    report_fill(t1_report, seed=4)
    report_submit(report=t1_report, user=planner)
    indicator = report_sheet(t1_report).due_indicators()[0]
    page = as_role("planner").get(url(t1_report))
    assert f'name="o-{indicator.pk}-value"' not in page.text
    assert 'name="spara"' not in page.text and "skicka-in/" not in page.text
    assert 'class="message"' in page.text  # says it is submitted and waits for the office
    assert "sammanfattning/" not in page.text
    office = as_role("administrator").get(url(t1_report))
    assert "godkann/" in office.text and "returnera/" in office.text

    report_return(report=t1_report, reason="Komplettera budgeten.", user=None)
    page = as_role("planner").get(url(t1_report, f"?mal={goal_key(goal_of(indicator))}"))
    assert f'name="o-{indicator.pk}-value"' in page.text and "skicka-in/" in page.text
    assert "status-returned" in page.text and "Komplettera budgeten." in page.text


def test_a_returned_report_is_shown_as_returned_wherever_its_status_shows(
    as_role, t1_report, planner
):
    report_fill(t1_report, seed=4)
    report_submit(report=t1_report, user=planner)
    report_return(report=t1_report, reason="Komplettera budgeten.", user=None)
    client = as_role("administrator")
    plan = t1_report.plan
    for path in [
        f"/planer/{plan.organisation.slug}/2013/uppfoljning/",
        url(t1_report),
        url(t1_report, "oversikt/"),
        url(t1_report, "budget/"),
        "/uppfoljning/2013/t1/status/",
    ]:
        page = client.get(path)
        assert page.status_code == 200, path
        assert "status-returned" in page.text, path
        assert "Komplettera budgeten." in page.text, path


def test_the_central_office_may_reopen_an_approved_report(as_role, year_of_reports):
    report = year_of_reports[Period.T1]
    assert "aterappna/" in as_role("administrator").get(url(report)).text
    assert "aterappna/" not in as_role("planner").get(url(report)).text


def test_an_unknown_goal_is_said_to_be_unknown(as_role, t1_report):
    page = as_role("planner").get(url(t1_report, "?mal=mal-99999999999999999999"))
    assert page.status_code == 200
    assert 'id="mal-error"' in page.text and "mal-99999999999999999999" in page.text
    assert 'href="#goal-nav"' in page.text and 'id="goal-nav"' in page.text


# Hostile or broken input: a form error, never a server error, never a silent overwrite.


def test_a_value_without_the_version_it_was_opened_at_is_refused(as_role, t1_report, planner):
    goal = goal_with_tertial_indicator(t1_report)
    sick_leave = Indicator.objects.get(name__startswith="Sjukfrånvaro")
    outcome_save(report=t1_report, indicator=sick_leave, data={"value": Decimal(5)}, user=planner)
    data = form_data(t1_report, goal, **{f"o-{sick_leave.pk}-value": "3"})
    del data[f"o-{sick_leave.pk}-version"]
    response = as_role("planner").post(url(t1_report, f"?mal=mal-{goal.pk}"), data)
    assert response.status_code == 200
    assert "Sidan är inaktuell" in response.text or "This page is out of date" in response.text
    assert Outcome.objects.get(indicator=sick_leave).value == Decimal(5)


def test_a_value_saved_by_a_colleague_since_the_page_opened_empty_is_not_overwritten(
    as_role, t1_report, planner
):
    goal = goal_with_tertial_indicator(t1_report)
    sick_leave = Indicator.objects.get(name__startswith="Sjukfrånvaro")
    client = as_role("planner")
    page = client.get(url(t1_report, f"?mal=mal-{goal.pk}"))
    found = re.search(r'value="(\d*)"', input_tag(page, f"o-{sick_leave.pk}-version"))
    given = found[1] if found else ""  # as a page that gives no version sends it
    data = form_data(t1_report, goal, **{f"o-{sick_leave.pk}-value": "3"})
    data[f"o-{sick_leave.pk}-version"] = given
    outcome_save(report=t1_report, indicator=sick_leave, data={"value": Decimal(5)}, user=planner)
    client.post(url(t1_report, f"?mal=mal-{goal.pk}"), data)
    assert Outcome.objects.get(indicator=sick_leave).value == Decimal(5)


@pytest.mark.parametrize("value", ["9" * 26, "1,1234567"])
def test_a_value_too_large_or_too_exact_is_refused_beside_its_field(as_role, t1_report, value):
    goal = goal_with_tertial_indicator(t1_report)
    sick_leave = Indicator.objects.get(name__startswith="Sjukfrånvaro")
    data = form_data(t1_report, goal, **{f"o-{sick_leave.pk}-value": value})
    response = as_role("planner").post(url(t1_report, f"?mal=mal-{goal.pk}"), data)
    assert response.status_code == 200
    assert f'id="id_o-{sick_leave.pk}-value_error"' in response.text
    assert not Outcome.objects.exists()


def test_a_summary_without_its_version_is_refused(as_role, t1_report):
    data = {"summary": "Verksamheten följer planen.", "carry_over": "−2,50"}
    response = as_role("planner").post(url(t1_report, "sammanfattning/"), data, follow=True)
    assert "Sidan är inaktuell" in response.text or "This page is out of date" in response.text
    t1_report.refresh_from_db()
    assert t1_report.summary == ""


@pytest.mark.parametrize("key", ["o-²", "o-٣", "o-" + "9" * 26])
def test_a_value_named_by_no_number_is_not_found(as_role, t1_report, key):
    client = as_role("planner")
    assert (
        client.post(url(t1_report, f"granska/{key}/returnera/"), {"reason": "x"}).status_code == 404
    )
    assert client.post(url(t1_report, "granska/godkann/"), {"valda": [key]}).status_code == 404


# The entry page shows one goal at a time, with a navigation that says what is left.


def t2_after_t1(adopted_plan):
    """T1 filled in and approved, T2 open and empty: the report officials fill in in August."""
    report_fill(report_open(plan=adopted_plan, period=Period.T1), seed=3, approved=True)
    return report_open(plan=adopted_plan, period=Period.T2)


def shown_rows(page) -> list[str]:
    """The prefixes of the rows the page shows in its form, in order."""
    return re.findall(r'<fieldset class="entry-item[^"]*" data-row="([^"]+)"', page.text)


def test_the_page_shows_one_goal_and_a_navigation_of_every_goal(as_role, t1_report):
    sheet = report_sheet(t1_report)
    goals = list(sheet.goals())
    page = as_role("planner").get(url(t1_report))
    assert page.text.count('class="entry-goal"') == 1
    statuses = page.context["statuses"]
    assert [s.key for s in statuses] == [goal_key(g) for g in goals]  # the sample has no uppdrag
    for status in statuses:
        assert f'href="?mal={status.key}"' in page.text
    # Each board goal is set in under its area goal.
    board_goals = [g for g in goals if not isinstance(g, AreaGoal)]
    assert page.text.count('<li class="board-goal') == len(board_goals) > 0
    assert page.context["key"] == goal_key(goals[0])  # nothing is reported: the first goal
    assert 'aria-current="page"' in page.text
    # The whole report: every goal's assessment, indicator due, activity and assignment.
    due = len(goals) + len(sheet.due_indicators()) + len(list(sheet.activities()))
    total = due + len(sheet.assignments)
    assert (page.context["done"], page.context["total"]) == (0, total)
    assert str(total) in page.text


def test_the_first_goal_with_something_left_is_shown_first(as_role, t1_report):
    report_fill(t1_report, seed=2)
    goals = list(report_sheet(t1_report).goals())
    GoalAssessment.objects.filter(board_goal=goals[2]).delete()
    page = as_role("planner").get(url(t1_report))
    assert page.context["key"] == goal_key(goals[2])
    status = next(s for s in page.context["statuses"] if s.key == goal_key(goals[2]))
    assert status.done == status.total - 1
    assert (page.context["left"], page.context["done"]) == (1, page.context["total"] - 1)


def test_save_and_next_goal_saves_the_goal_and_goes_to_the_next(as_role, t1_report):
    goal = goal_with_tertial_indicator(t1_report)
    keys = [goal_key(g) for g in report_sheet(t1_report).goals()]
    data = form_data(
        t1_report,
        goal,
        **{
            f"mal-{goal.pk}-assessment": "met",
            f"mal-{goal.pk}-motivation": "Allt går enligt plan.",
            "nasta": "1",
        },
    )
    response = as_role("planner").post(url(t1_report, f"?mal=mal-{goal.pk}"), data)
    assert response.status_code == 302
    assert response["Location"].endswith(f"?mal={keys[keys.index(f'mal-{goal.pk}') + 1]}")
    assert GoalAssessment.objects.get(area_goal=goal).assessment == "met"


def test_the_council_assignments_are_entered_on_their_own(as_role, t1_report):
    assignment = Assignment.objects.create(
        plan=t1_report.plan, title="Utreda en ny hamn.", due=date(2013, 11, 30)
    )
    client = as_role("planner")
    page = client.get(url(t1_report, "?mal=uppdrag"))
    assert page.context["statuses"][-1].key == "uppdrag"
    assert shown_rows(page) == [f"u-{assignment.pk}"]
    client.post(
        url(t1_report, "?mal=uppdrag"),
        {**versions(t1_report), f"u-{assignment.pk}-progress": "ongoing"},
    )
    assert Progress.objects.get(assignment=assignment).progress == "ongoing"


def test_t2_shows_t1s_values_and_carries_its_statuses_until_saved(as_role, adopted_plan):
    t2 = t2_after_t1(adopted_plan)
    goal = next(g for g in report_sheet(t2).goals() if g.activity_list and g.indicator_list)
    activity = goal.activity_list[0]
    t1_progress = activity.previous
    assert t1_progress is not None and t1_progress.progress
    client = as_role("planner")
    page = client.get(url(t2, f"?mal={goal_key(goal)}"))
    assert 'class="previous"' in page.text and "T1:" in page.text
    assert str(t1_progress.get_progress_display()) in page.text
    select = re.search(
        rf'<select name="a-{activity.pk}-progress".*?</select>', page.text, re.DOTALL
    ).group(0)
    assert f'value="{t1_progress.progress}" selected' in select
    assert 'class="carried"' in page.text
    assert not Progress.objects.filter(report=t2).exists()  # carried is not saved yet

    # Saving the goal as shown saves what was carried, as this report's draft.
    data = {**versions(t2)}
    for item in goal.activity_list:
        if item.previous and item.previous.progress:
            data[f"a-{item.pk}-progress"] = item.previous.progress
    for indicator in goal.indicator_list:
        if indicator.due:
            data[f"o-{indicator.pk}-value_kind"] = "year_to_date"
    response = client.post(url(t2, f"?mal={goal_key(goal)}"), data)
    assert response.status_code == 302
    saved = Progress.objects.get(report=t2, activity=activity)
    assert (saved.progress, saved.status) == (t1_progress.progress, EntryStatus.DRAFT)
    page = client.get(url(t2, f"?mal={goal_key(goal)}"))
    assert f'data-row="a-{activity.pk}"' in page.text


def test_my_items_shows_only_the_rows_the_user_answers_for(as_role, t1_report, reader):
    sick_leave = Indicator.objects.get(name__startswith="Sjukfrånvaro")
    Indicator.objects.filter(pk=sick_leave.pk).update(responsible=reader)
    goal = goal_with_tertial_indicator(t1_report)
    page = as_role("reader").get(url(t1_report, "?mina=1"))
    statuses = page.context["statuses"]
    assert [(s.key, s.done, s.total) for s in statuses] == [(f"mal-{goal.pk}", 0, 1)]
    assert page.context["total"] == 1
    assert shown_rows(page) == [f"o-{sick_leave.pk}"]
    assert f'href="?mal=mal-{goal.pk}&amp;mina=1"' in page.text


def test_a_planner_may_filter_for_their_own_items_too(as_role, t1_report, planner):
    activity = goal_with_tertial_indicator(t1_report).activities.first()
    type(activity).objects.filter(pk=activity.pk).update(responsible=planner)
    page = as_role("planner").get(url(t1_report, "?mina=1"))
    assert page.context["total"] == 1
    assert shown_rows(page) == [f"a-{activity.pk}"]


def test_one_goal_of_t2_takes_at_most_15_queries(client, administrator, adopted_plan):
    t2 = t2_after_t1(adopted_plan)
    report_fill(t2, seed=5)
    client.force_login(administrator)
    for path in ("", "?mal=uppdrag", f"?mal={goal_key(next(report_sheet(t2).goals()))}"):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url(t2, path)).status_code == 200
        assert len(captured) <= 15, (path, [q["sql"][:120] for q in captured])


# Whoever may enter nothing reads the report as a document.


def document_part(page) -> str:
    return page.text[page.text.index('class="report-document"') :]


@pytest.mark.parametrize("role", ["citizen", "reader", "planner"])
def test_an_approved_report_reads_as_a_document(as_role, year_of_reports, role):
    report = year_of_reports[Period.T1]
    sheet = report_sheet(report)
    page = as_role(role).get(url(report))
    assert page.status_code == 200
    document = document_part(page)
    for tag in ("<input", "<select", "<textarea", "<form"):
        assert tag not in document, tag
    goals = list(sheet.goals())
    assert document.count('class="document-goal"') == len(goals) + bool(sheet.assignments)
    assert document.count("<h2") == len(goals) + bool(sheet.assignments)
    indicator = sheet.due_indicators()[0]
    assert indicator.name in document
    assert f"verdict-{indicator.assessment}" in document
    motivated = next(g for g in goals if g.entry and g.entry.motivation)
    assert motivated.entry.motivation.split("\n")[0][:30] in document


def test_a_reader_who_answers_for_nothing_reads_a_draft_as_a_document(as_role, t1_report):
    report_fill(t1_report, seed=4)
    page = as_role("reader").get(url(t1_report))
    assert 'class="report-document"' in page.text
    assert 'name="spara"' not in page.text and "entry.js" not in page.text


def test_a_goal_with_many_items_folds_in_the_document(as_role, year_of_reports):
    report = year_of_reports[Period.YEAR]
    page = as_role("citizen").get(url(report))
    many = [
        g
        for g in report_sheet(report).goals()
        if len([i for i in g.indicator_list if i.due]) + len(g.activity_list) > 8
    ]
    assert document_part(page).count('<details class="document-items">') == len(many)


def test_the_entry_page_loads_its_keyboard_script_and_says_how_to_use_it(as_role, t1_report):
    page = as_role("planner").get(url(t1_report))
    assert re.search(r'<script src="[^"]*styr/entry\.js" defer></script>', page.text)
    assert 'id="keyboard-hint"' in page.text and "Alt+↓" in page.text
    for name in ("spara", "nasta", "skicka"):
        assert f'<button type="submit" name="{name}"' in page.text


def test_a_budget_indicator_shows_what_the_budget_follow_up_gives(as_role, t1_report):
    """Budget adherence follows from the budget's forecast: the page shows it beside the field,
    and says so when the value reported differs."""
    report_fill(t1_report, seed=2)
    adherence = Indicator.objects.get(name__startswith="Nämndens budgetföljsamhet före")
    outcome_save(report=t1_report, indicator=adherence, data={"value": Decimal(50)}, user=None)
    goal = AreaGoal.objects.get(indicators=adherence)
    page = as_role("planner").get(url(t1_report, f"?mal={goal_key(goal)}"))
    assert "Budgetföljsamhet före resultatöverföringar, enligt budgetuppföljningen" in page.text
    assert "Det rapporterade värdet skiljer sig från budgetuppföljningen." in page.text
