"""The admin meets the report's lifecycle as the web pages do: values are added, changed,
moved and removed only in a report that is a draft or returned, and no status is set by hand."""

from datetime import date
from decimal import Decimal

import pytest

from styr.audit.models import Event
from styr.followup.budget import budget_adjustment_add
from styr.followup.choices import Period
from styr.followup.models import (
    BudgetAdjustment,
    BudgetOutcome,
    CityOutcome,
    GoalAssessment,
    Outcome,
    Progress,
    Report,
    ReportingDeadline,
)
from styr.followup.services import report_approve, report_open, report_reopen, report_submit
from styr.followup.synthetic import report_fill
from styr.planning.models import Activity, AreaGoal, BudgetLine, Indicator
from tests.admin import admin_url, form_data, refusal, row

ENTRIES = [Outcome, Progress, GoalAssessment, BudgetOutcome]
TEXTS = {Outcome: "comment", Progress: "comment", GoalAssessment: "motivation"}
TEXTS[BudgetOutcome] = "comment"


@pytest.fixture
def t1(adopted_plan):
    """The first tertial's report, every value entered, still a draft."""
    return report_fill(report_open(plan=adopted_plan, period=Period.T1), seed=1)


@pytest.fixture
def t2(adopted_plan):
    """The second tertial's report, every value entered, still a draft."""
    return report_fill(report_open(plan=adopted_plan, period=Period.T2), seed=2)


def approved(report: Report) -> Report:
    return report_approve(report=report_submit(report=report, user=None), user=None)


def submitted(report: Report) -> Report:
    return report_submit(report=report, user=None)


STEPS = {"approved": approved, "submitted": submitted}


def new_value(model, report: Report) -> dict:
    """Return the fields of a value the admin would add to the report."""
    plan = report.plan
    item = {
        Outcome: {"indicator": Indicator.objects.filter(area_goal__direction__plan=plan).first()},
        Progress: {"activity": Activity.objects.filter(area_goal__direction__plan=plan).first()},
        GoalAssessment: {"area_goal": AreaGoal.objects.filter(direction__plan=plan).first()},
        BudgetOutcome: {"budget_line": BudgetLine.objects.filter(plan=plan).first()},
    }[model]
    return {"report": report.pk, **{name: value.pk for name, value in item.items()}}


# --- What may be corrected: the values of an open report --------------------------------------


@pytest.mark.parametrize("model", ENTRIES, ids=lambda model: model.__name__)
def test_staff_can_correct_a_value_of_an_open_report(staff, t1, model):
    value = model.objects.filter(report=t1).first()
    url = admin_url(model, "change", value.pk)

    response = staff.post(url, form_data(staff.get(url)) | {TEXTS[model]: "Rättad av centralen"})

    assert response.status_code == 302
    after = row(value)
    assert after[TEXTS[model]] == "Rättad av centralen"
    assert after["version"] == value.version + 1
    if "status" in after:
        assert (after["status"], after["updated_by_id"]) == ("draft", staff.user.pk)
    assert value.history.latest("history_date").history_user == staff.user


def test_a_corrected_value_of_a_returned_report_is_a_draft_again(staff, t1):
    """As on the web: a changed value goes back to draft, to be submitted again."""
    report = submitted(t1)
    Report.objects.filter(pk=report.pk).update(status="returned")
    outcome = Outcome.objects.filter(report=t1).first()
    assert outcome.status == "submitted"
    url = admin_url(Outcome, "change", outcome.pk)

    response = staff.post(url, form_data(staff.get(url)) | {"comment": "Rättad"})

    assert response.status_code == 302
    assert row(outcome)["status"] == "draft"


def test_staff_can_add_a_value_to_an_open_report(staff, adopted_plan):
    report = report_open(plan=adopted_plan, period=Period.T1)
    page = staff.get(admin_url(Outcome, "add"))
    data = form_data(page) | new_value(Outcome, report) | {"value": "12"}

    assert staff.post(admin_url(Outcome, "add"), data).status_code == 302
    outcome = Outcome.objects.get(report=report)
    assert (outcome.value, outcome.status, outcome.updated_by) == (12, "draft", staff.user)


def test_a_reports_summary_may_be_corrected_but_not_its_status(staff, t1):
    url = admin_url(Report, "change", t1.pk)
    page = staff.get(url)
    assert {"status", "plan", "period"}.isdisjoint(page.context["adminform"].form.fields)
    data = form_data(page) | {"summary": "Rättad sammanfattning", "status": "approved"}

    assert staff.post(url, data).status_code == 302

    after = row(t1)
    assert (after["summary"], after["status"]) == ("Rättad sammanfattning", "draft")
    assert after["version"] == t1.version + 1


def test_a_values_status_is_read_only(staff, t1):
    outcome = Outcome.objects.filter(report=t1).first()
    url = admin_url(Outcome, "change", outcome.pk)
    page = staff.get(url)
    assert "status" not in page.context["adminform"].form.fields

    staff.post(url, form_data(page) | {"status": "approved"})

    assert row(outcome)["status"] == "draft"


def test_reports_are_opened_by_adoption_not_added_in_the_admin(staff, adopted_plan):
    count = Report.objects.count()
    data = {"plan": adopted_plan.pk, "period": "T1", "status": "approved"}
    assert staff.post(admin_url(Report, "add"), data).status_code == 403
    assert Report.objects.count() == count


# --- What is refused: anything of a submitted or approved report ------------------------------


@pytest.mark.parametrize("state", STEPS)
@pytest.mark.parametrize("model", ENTRIES, ids=lambda model: model.__name__)
def test_nobody_adds_a_value_to_a_report_that_is_not_open(staff, t1, model, state):
    report = STEPS[state](t1)
    page = staff.get(admin_url(model, "add"))
    count = model.objects.count()

    response = staff.post(admin_url(model, "add"), form_data(page) | new_value(model, report))

    assert str(report) in refusal(response)
    assert model.objects.count() == count


@pytest.mark.parametrize("state", STEPS)
@pytest.mark.parametrize("model", ENTRIES, ids=lambda model: model.__name__)
def test_nobody_changes_a_value_of_a_report_that_is_not_open(staff, t1, model, state):
    value = model.objects.filter(report=t1).first()
    url = admin_url(model, "change", value.pk)
    data = form_data(staff.get(url)) | {TEXTS[model]: "Ändrad i efterhand"}  # opened before
    report = STEPS[state](t1)
    before = row(value)

    response = staff.post(url, data)

    assert str(report) in refusal(response)
    assert row(value) == before
    assert staff.get(url).context["has_change_permission"] is False
    assert Event.objects.filter(action="report.changed", refused=True).exists()


@pytest.mark.parametrize("model", ENTRIES, ids=lambda model: model.__name__)
def test_nobody_deletes_a_value_of_an_approved_report(staff, t1, model):
    value = model.objects.filter(report=t1).first()
    report = approved(t1)

    response = staff.post(admin_url(model, "delete", value.pk), {"post": "yes"})

    assert str(report) in refusal(response)
    assert model.objects.filter(pk=value.pk).exists()


@pytest.mark.parametrize("model", ENTRIES, ids=lambda model: model.__name__)
def test_nobody_moves_a_t2_value_into_the_approved_t1(staff, t1, t2, model):
    value = model.objects.filter(report=t2).first()
    report = approved(t1)
    url = admin_url(model, "change", value.pk)
    before = row(value)

    response = staff.post(url, form_data(staff.get(url)) | {"report": report.pk})

    assert str(report) in refusal(response)
    assert row(value) == before
    assert model.objects.filter(report=report).count() == model.objects.filter(report=t1).count()


def test_nobody_changes_an_approved_value_of_a_reopened_report(staff, t1):
    """An approved value must be returned before it changes, on the web and here."""
    outcome = Outcome.objects.filter(report=t1).first()
    url = admin_url(Outcome, "change", outcome.pk)
    data = form_data(staff.get(url)) | {"comment": "Ändrad utan att återsändas"}
    report_reopen(report=approved(t1), reason="Fel i budgeten", user=None)
    before = row(outcome)
    assert before["status"] == "approved"

    response = staff.post(url, data)

    assert refusal(response)
    assert row(outcome) == before


@pytest.mark.parametrize("state", STEPS)
def test_nobody_changes_a_report_that_is_not_open(staff, t1, state):
    url = admin_url(Report, "change", t1.pk)
    data = form_data(staff.get(url)) | {"summary": "Ändrad i efterhand"}
    report = STEPS[state](t1)
    before = row(report)

    response = staff.post(url, data)

    assert str(report) in refusal(response)
    assert row(report) == before


def test_nobody_deletes_an_approved_report(staff, t1):
    report = approved(t1)

    response = staff.post(admin_url(Report, "delete", report.pk), {"post": "yes"})

    assert str(report) in refusal(response)
    assert Outcome.objects.filter(report=report).exists()


def test_nobody_reverts_an_approved_report_to_its_draft(staff, t1):
    url = admin_url(Report, "change", t1.pk)
    data = form_data(staff.get(url))
    report = approved(t1)
    draft = report.history.filter(status="draft").earliest("history_date")
    before = row(report)

    response = staff.post(admin_url(Report, "simple_history", report.pk, draft.history_id), data)

    assert str(report) in refusal(response)
    assert row(report) == before


def test_nobody_changes_or_adds_a_budget_adjustment_an_approved_report_counts(staff, t1):
    """An adjustment decided by T1's close counts in the approved T1: the admin refuses it as
    the budget's page does; one decided after the close may still be recorded there."""
    plan = t1.plan
    counted = budget_adjustment_add(plan=plan, data=ADJUSTMENT, user=None)
    approved(t1)
    url = admin_url(BudgetAdjustment, "change", counted.pk)
    before = row(counted)

    response = staff.post(url, form_data(staff.get(url)) | {"amount": "9"})

    assert response.status_code in (302, 403) or refusal(response)
    assert row(counted) == before
    add = form_data(staff.get(admin_url(BudgetAdjustment, "add"))) | {
        "plan": plan.pk,
        "kind": "operating",
        "amount": "1",
        "funding_source": "CM 2",
        "decision": "KS",
    }
    staff.post(admin_url(BudgetAdjustment, "add"), add | {"decided_on": "2013-03-01"})
    assert BudgetAdjustment.objects.count() == 1
    staff.post(admin_url(BudgetAdjustment, "add"), add | {"decided_on": "2013-06-01"})
    assert BudgetAdjustment.objects.filter(decided_on=date(2013, 6, 1)).exists()


ADJUSTMENT = {
    "amount": Decimal("2"),
    "kind": "operating",
    "funding_source": "CM 2 oförutsedda behov",
    "decision": "KS T1",
    "decided_on": date(2013, 3, 1),
}


def test_an_earlier_city_value_at_an_address_without_ids_is_not_found(staff):
    for model in (CityOutcome, ReportingDeadline):
        assert staff.get(admin_url(model, "simple_history", "²", "1")).status_code == 404
