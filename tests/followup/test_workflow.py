"""The central office follows the boards' reporting: which boards and people have reported, who
is late, who gets a reminder, and when the reports are due. And a report's whole workflow."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from styr.decisions.services import plan_adopt
from styr.followup.calendar import deadline, deadlines_set
from styr.followup.choices import ActivityStatus, EntryStatus, Period, ReportStatus
from styr.followup.completion import NOT_BEGUN, completion
from styr.followup.models import Outcome, ReportingDeadline
from styr.followup.selectors import report_sheet
from styr.followup.services import (
    Refused,
    entries_submit,
    entry_approve,
    entry_return,
    goal_assessment_save,
    outcome_save,
    progress_save,
    report_approve,
    report_open,
    report_submit,
)
from styr.followup.synthetic import report_fill
from styr.organisations.models import Municipality
from styr.planning.editing import item_create, item_update
from styr.planning.models import Assignment, Indicator
from styr.planning.services import plan_import
from styr.planning.synthetic import synthetic_plan
from tests.conftest import person

CITY = "Stockholms stad"
T1_DUE = date(2013, 5, 15)  # by default fifteen days after the tertial closes on 30 April
LINK = "http://127.0.0.1:8000/planer/kommunstyrelsen/2013/uppfoljning/t1/"


def board_plan(name: str, seed: int):
    """A small synthetic board's plan for 2013 in the sample's city, adopted."""
    document = synthetic_plan(organisation=name, year=2013, items=30, seed=seed, municipality=CITY)
    plan = plan_import(document=document)
    plan_adopt(plan=plan)
    plan.refresh_from_db()
    return plan


@pytest.fixture
def city(sample_plan):
    return Municipality.objects.get(name=CITY)


@pytest.fixture
def culture(adopted_plan):
    """Kulturnämnden, a second board with an adopted plan for the year."""
    return board_plan("Kulturnämnden", seed=7)


def sick_leave(plan) -> Indicator:
    """The executive board's sick leave, reported every tertial."""
    return Indicator.objects.get(name__startswith="Sjukfrånvaro", area_goal__direction__plan=plan)


def tertial_indicators(report) -> list[Indicator]:
    return report_sheet(report).due_indicators()


def value(number: str) -> dict:
    return {"value": Decimal(number), "value_kind": "rolling_12"}


def board_named(found, name: str):
    return next(board for board in found.boards if board.name == name)


def expected_counts(report) -> dict:
    """What the report's sheet says the period asks for, by kind of item."""
    sheet = report_sheet(report)
    return {
        "indicators": len(sheet.due_indicators()),
        "activities": len(list(sheet.activities())),
        "assignments": len(sheet.assignments),
        "goals": len(list(sheet.goals())),
    }


# --- The completion overview ---------------------------------------------------------------


@pytest.fixture
def reporting(sample_plan, planner, request):
    """The executive board halfway through T1: one value of each status, a person or two
    responsible; the culture board has not begun."""
    anna = person("anna", organisation=sample_plan.organisation, role="reader")
    # The council's assignment is part of the plan the decision adopts.
    item_create(
        model=Assignment,
        parent={"plan": sample_plan},
        data={
            "title": "Utreda en ny budgetprocess",
            "due": date(2013, 12, 31),
            "responsible": anna,
        },
    )
    request.getfixturevalue("culture")  # adopts the executive board's plan as it now stands
    sample_plan.refresh_from_db()
    report = report_open(plan=sample_plan, period=Period.T1)
    indicators = tertial_indicators(report)
    first, second, third, fourth = indicators[:4]
    for indicator in (first, second):
        item_update(item=indicator, data={"responsible": anna}, version=None)
    draft = outcome_save(report=report, indicator=first, data=value("3"), user=planner)
    submitted, approved, returned = (
        outcome_save(report=report, indicator=i, data=value("5"), user=planner)
        for i in (second, third, fourth)
    )
    entries_submit(entries=[submitted, approved, returned], user=planner)
    entry_approve(entry=approved, user=planner)
    entry_return(entry=returned, reason="Fel period.", user=planner)
    return {"report": report, "anna": anna, "draft": draft, "returned": returned}


def test_each_board_shows_its_reports_status_and_how_far_its_values_have_come(
    city, reporting, culture
):
    report = reporting["report"]
    found = completion(municipality=city, year=2013, period=Period.T1, on=date(2013, 5, 2))
    assert [board.name for board in found.boards] == ["Kommunstyrelsen", "Kulturnämnden"]
    executive = board_named(found, "Kommunstyrelsen")
    expected = expected_counts(report)
    assert expected["assignments"] == 1
    assert {group: counts.due for group, counts in executive.groups.items()} == expected
    assert executive.status == ReportStatus.DRAFT
    assert executive.counts.due == sum(expected.values())
    counts = executive.counts
    assert (counts.valued, counts.submitted, counts.approved, counts.returned) == (4, 1, 1, 1)
    assert found.deadline == T1_DUE and not executive.late

    not_begun = board_named(found, "Kulturnämnden")
    assert not_begun.status == NOT_BEGUN
    assert (not_begun.counts.valued, not_begun.counts.submitted) == (0, 0)
    opened = report_open(plan=culture, period=Period.T1)
    assert not_begun.counts.due == sum(expected_counts(opened).values())


def test_each_responsible_person_sees_their_items_and_what_is_overdue(city, reporting):
    on_time = completion(municipality=city, year=2013, period=Period.T1, on=T1_DUE)
    anna = next(p for p in on_time.people if p.person == reporting["anna"])
    assert anna.counts.due == 3  # two indicators and the assignment
    assert (anna.counts.valued, anna.counts.submitted) == (2, 1)
    assert anna.overdue == []
    no_one = on_time.people[-1]
    assert no_one.person is None  # last: the items no one is responsible for
    assert no_one.boards == ["Kommunstyrelsen", "Kulturnämnden"]
    assert no_one.counts.returned == 1

    late = completion(municipality=city, year=2013, period=Period.T1, on=date(2013, 5, 16))
    anna = next(p for p in late.people if p.person == reporting["anna"])
    # The draft outcome and the assignment are overdue; the submitted value is not.
    overdue = {item.label for item in anna.overdue}
    assert overdue == {reporting["draft"].indicator.name, "Utreda en ny budgetprocess"}
    # The items no one answers for are counted by board: the board not begun has them all late.
    unassigned = dict(late.people[-1].overdue_by_board())
    assert unassigned["Kulturnämnden"] == board_named(late, "Kulturnämnden").counts.due


def test_a_board_is_late_after_its_deadline_until_it_submits(city, adopted_plan, culture, planner):
    report_open(plan=adopted_plan, period=Period.T1)
    report_submit(report=report_fill(report_open(plan=culture, period=Period.T1)), user=None)

    def late_boards(on: date) -> list[str]:
        found = completion(municipality=city, year=2013, period=Period.T1, on=on)
        return [board.name for board in found.boards if board.late]

    assert late_boards(T1_DUE) == []
    assert late_boards(date(2013, 5, 16)) == ["Kommunstyrelsen"]


def test_the_overview_reads_as_many_queries_whatever_the_number_of_boards(city, reporting):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            completion(municipality=city, year=2013, period=Period.T1, on=T1_DUE)
        return len(captured)

    two = queries()
    board_plan("Idrottsnämnden", seed=8)
    board_plan("Miljönämnden", seed=9)
    assert queries() == two <= 12


# --- Reminders ------------------------------------------------------------------------------


@pytest.fixture
def reminded(adopted_plan, planner):
    """T1 of the executive board: Anna answers for sick leave and an activity, Bertil for
    another indicator, Cecilia for one she has submitted; the rest answer to no one."""
    people = {
        name: person(name, organisation=adopted_plan.organisation, role="reader")
        for name in ("anna", "bertil", "cecilia")
    }
    report = report_open(plan=adopted_plan, period=Period.T1)
    leave = sick_leave(adopted_plan)
    other, submitted = [i for i in tertial_indicators(report) if i.pk != leave.pk][:2]
    activity = next(report_sheet(report).activities())
    for item, name in ((leave, "anna"), (activity, "anna"), (other, "bertil")):
        item_update(item=item, data={"responsible": people[name]}, version=None)
    item_update(item=submitted, data={"responsible": people["cecilia"]}, version=None)
    entry = outcome_save(report=report, indicator=submitted, data=value("4"), user=planner)
    entries_submit(entries=[entry], user=planner)
    return {"report": report, **people, "leave": leave, "activity": activity, "other": other}


# Each test asks for `mailoutbox` after its data: setting up the database empties Django's
# outbox by giving it a new list, which an outbox asked for earlier would not see.


def mail_to(mailoutbox, user):
    found = [mail for mail in mailoutbox if mail.to == [user.email]]
    assert len(found) == 1, f"{user} got {len(found)} mails"
    return found[0]


def test_each_responsible_person_gets_one_mail_listing_their_items(styr, reminded, mailoutbox):
    run = styr("send-reminders", "--date", "2013-05-08")
    assert run.error is None, run.error
    anna = mail_to(mailoutbox, reminded["anna"])
    assert reminded["leave"].name in anna.body
    assert reminded["activity"].title in anna.body
    assert reminded["other"].name not in anna.body
    assert LINK in anna.body and "2013-05-15" in anna.body
    assert "Indikator: Sjukfrånvaro" in anna.body  # in Swedish
    assert reminded["other"].name in mail_to(mailoutbox, reminded["bertil"]).body
    assert "anna <anna@example.se>: 2 poster" in run.out
    assert "bertil <bertil@example.se>: 1 post\n" in run.out


def test_items_no_one_answers_for_go_to_the_boards_planners(styr, reminded, planner, mailoutbox):
    styr("send-reminders", "--date", "2013-05-08")
    body = mail_to(mailoutbox, planner).body
    unassigned = [i for i in report_sheet(reminded["report"]).due_indicators() if not i.responsible]
    assert all(indicator.name in body for indicator in unassigned)
    assert reminded["leave"].name not in body


def test_the_summary_names_boards_whose_unassigned_items_reach_no_one(styr, reminded, culture):
    run = styr("send-reminders", "--date", "2013-05-08", "--dry-run")
    assert "i nämnder utan planerare: Kulturnämnden" in run.out


def test_no_one_is_reminded_of_a_submitted_value(styr, reminded, planner, mailoutbox):
    styr("send-reminders", "--date", "2013-05-08")
    assert not [mail for mail in mailoutbox if mail.to == [reminded["cecilia"].email]]
    submitted = Outcome.objects.get(status=EntryStatus.SUBMITTED).indicator.name
    assert all(submitted not in mail.body for mail in mailoutbox)


def test_no_one_is_reminded_before_the_reminders_begin(styr, reminded, settings, mailoutbox):
    styr("send-reminders", "--date", "2013-05-07")
    assert mailoutbox == []
    settings.STYR_REMINDER_DAYS = 8
    styr("send-reminders", "--date", "2013-05-07")
    assert len(mailoutbox) == 3  # anna, bertil and the planner


def test_no_one_is_reminded_of_an_approved_report(styr, adopted_plan, planner, mailoutbox):
    report_fill(report_open(plan=adopted_plan, period=Period.T1), approved=True)
    styr("send-reminders", "--date", "2013-05-20")
    assert mailoutbox == []


def test_reports_older_than_last_year_are_left_to_the_overview(styr, reminded, mailoutbox):
    styr("send-reminders", "--date", "2015-01-05")
    assert mailoutbox == []
    styr("send-reminders", "--date", "2014-01-20")  # 2013's annual report is due now
    assert mailoutbox


def test_a_dry_run_says_who_would_be_reminded_and_sends_nothing(styr, reminded, mailoutbox):
    run = styr("send-reminders", "--date", "2013-05-20", "--dry-run")
    assert "Skulle skicka 3 påminnelser" in run.out and "bertil <bertil@example.se>" in run.out
    assert mailoutbox == []


def test_a_bad_date_is_refused_with_the_format(styr, db):
    run = styr("send-reminders", "--date", "15/5 2013")
    assert "--date 15/5 2013: skriv dagen som ÅÅÅÅ-MM-DD" in str(run.error)


# --- The reporting calendar -----------------------------------------------------------------


def test_the_calendar_shows_the_default_deadlines(client, administrator, adopted_plan):
    client.force_login(administrator)
    page = client.get("/uppfoljning/2013/kalender/")
    assert page.status_code == 200
    for day in ("2013-05-15", "2013-09-15", "2014-01-31"):
        assert f'value="{day}"' in page.text


def test_the_central_office_sets_the_deadlines(client, administrator, adopted_plan):
    client.force_login(administrator)
    data = {"T1": "2013-05-20", "T2": "2013-09-30", "year": "2014-02-15"}
    response = client.post("/uppfoljning/2013/kalender/", data)
    assert response.status_code == 302
    assert deadline(adopted_plan, Period.T1) == date(2013, 5, 20)
    assert deadline(adopted_plan, Period.YEAR) == date(2014, 2, 15)
    client.post("/uppfoljning/2013/kalender/", {**data, "T1": "2013-05-22"})
    assert deadline(adopted_plan, Period.T1) == date(2013, 5, 22)
    assert ReportingDeadline.objects.count() == 3


def test_a_year_no_calendar_has_is_not_found(client, administrator, sample_plan):
    client.force_login(administrator)
    assert client.get("/uppfoljning/0/kalender/").status_code == 404
    assert client.get("/uppfoljning/9999/t1/status/").status_code == 404


def test_a_deadline_before_its_period_closes_is_refused(client, administrator, adopted_plan):
    client.force_login(administrator)
    data = {"T1": "2013-04-01", "T2": "2013-09-30", "year": "2014-02-15"}
    page = client.post("/uppfoljning/2013/kalender/", data)
    assert page.status_code == 200
    assert "2013-04-01" in page.text and "2013-04-30" in page.text
    assert not ReportingDeadline.objects.exists()


# --- Who may see the overview ---------------------------------------------------------------


def test_the_central_office_sees_the_overview(client, administrator, reporting):
    client.force_login(administrator)
    page = client.get("/uppfoljning/2013/t1/status/?kommun=Stockholms stad")
    assert page.status_code == 200
    assert 'href="/planer/kommunstyrelsen/2013/uppfoljning/t1/"' in page.text
    assert "Kulturnämnden" in page.text and "anna" in page.text
    # Both boards are late, and it says so in words, not only in colour.
    assert len(re.findall(r'<td><strong class="flag">\D+</strong></td>', page.text)) == 2


@pytest.mark.parametrize("address", ["/uppfoljning/2013/t1/status/", "/uppfoljning/2013/kalender/"])
def test_a_planner_may_not_see_the_overview_or_the_calendar(client, planner, address):
    client.force_login(planner)
    assert client.get(address).status_code == 403
    assert client.post(address, {"T1": "2013-05-20"}).status_code == 403


# --- A report's workflow, end to end --------------------------------------------------------


def test_a_report_goes_from_draft_to_approved_and_is_then_frozen(
    city, t1_report, planner, administrator
):
    report = t1_report
    leave = sick_leave(report.plan)
    outcome = outcome_save(report=report, indicator=leave, data=value("3"), user=planner)
    assert outcome.status == EntryStatus.DRAFT

    with translation.override("en"), pytest.raises(Refused) as refused:
        report_submit(report=report, user=planner)
    lacking = sum(expected_counts(report).values()) - 1  # all but sick leave
    first = next(i for i in tertial_indicators(report) if i.pk != leave.pk)
    assert f"{lacking} items lack a value" in str(refused.value)
    assert f"Indicator without an outcome: {first.name}" in str(refused.value)

    report_fill(report)
    entries_submit(entries=[outcome], user=planner)
    outcome = entry_return(
        entry=Outcome.objects.get(pk=outcome.pk), reason="Avser fel period.", user=planner
    )
    assert (outcome.status, outcome.return_reason) == (EntryStatus.RETURNED, "Avser fel period.")
    found = completion(municipality=city, year=2013, period=Period.T1, on=T1_DUE)
    assert board_named(found, "Kommunstyrelsen").counts.returned == 1
    with translation.override("en"), pytest.raises(Refused, match="Returned and not yet corrected"):
        report_submit(report=report, user=planner)

    outcome = outcome_save(
        report=report, indicator=leave, data=value("3.2"), user=planner, version=outcome.version
    )
    assert outcome.status == EntryStatus.DRAFT
    report = report_submit(report=report, user=planner)
    assert report.status == ReportStatus.SUBMITTED
    assert Outcome.objects.get(pk=outcome.pk).status == EntryStatus.SUBMITTED

    with pytest.raises(PermissionDenied):
        report_approve(report=report, user=planner)
    report = report_approve(report=report, user=administrator)
    assert report.frozen
    outcome = Outcome.objects.get(pk=outcome.pk)
    assert (outcome.status, outcome.value, outcome.return_reason) == (
        EntryStatus.APPROVED,
        Decimal("3.2"),
        "",
    )
    found = completion(municipality=city, year=2013, period=Period.T1, on=date(2013, 6, 1))
    executive = board_named(found, "Kommunstyrelsen")
    assert executive.status == ReportStatus.APPROVED and not executive.late
    assert executive.counts.approved == executive.counts.due
    with pytest.raises(Refused):
        outcome_save(report=report, indicator=leave, data=value("9"), user=planner)
    activity = next(report_sheet(report).activities())
    with pytest.raises(Refused):
        progress_save(
            report=report, item=activity, data={"progress": ActivityStatus.DELAYED}, user=planner
        )
    goal = next(report_sheet(report).goals())
    with pytest.raises(Refused):
        goal_assessment_save(report=report, goal=goal, data={"assessment": ""}, user=planner)


# --- The admin ------------------------------------------------------------------------------


def test_the_admin_lists_every_follow_up_model_and_keeps_approved_reports_frozen(
    client, administrator, year_of_reports, city
):
    from django.apps import apps

    deadlines_set(municipality=city, year=2013, dues={"T1": date(2013, 5, 20)})
    administrator.is_staff = True  # the admin site is for staff
    administrator.save()
    client.force_login(administrator)
    for model in apps.get_app_config("followup").get_models():
        if model._meta.model_name.startswith("historical"):
            continue
        listing = client.get(f"/admin/followup/{model._meta.model_name}/")
        assert listing.status_code == 200, model
    approved = year_of_reports[Period.T1]
    outcome = approved.outcomes.first()
    for address in (
        f"/admin/followup/report/{approved.pk}/change/",
        f"/admin/followup/outcome/{outcome.pk}/change/",
    ):
        page = client.get(address)
        assert page.status_code == 200 and 'name="_save"' not in page.text
    deadline_row = ReportingDeadline.objects.get()
    page = client.get(f"/admin/followup/reportingdeadline/{deadline_row.pk}/change/")
    assert 'name="_save"' in page.text
