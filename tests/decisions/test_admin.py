"""The admin meets the decision's lifecycle: an open case may be corrected; a carried-out one is
a record, with its points, attachments, reservations and amendments, and which version it
adopted is never set by hand."""

import pytest

from styr.decisions.models import Amendment, Attachment, Case, DecisionPoint, Reservation
from styr.decisions.services import case_import, decision_carry_out
from styr.planning.models import PlanVersion
from styr.planning.parsing import read_plan_file
from tests.admin import admin_url, form_data, refusal, row

PARTS = {
    "decision_points": (DecisionPoint, {"number": 99, "text": "Ny punkt"}),
    "attachments": (Attachment, {"number": 99, "title": "Ny bilaga"}),
    "reservations": (Reservation, {"forum": "KS", "party": "X", "members": "[]"}),
    "amendments": (
        Amendment,
        {"point": 1, "operation": "change_text", "section": "1.1", "text": "Ny", "position": 9},
    ),
}


@pytest.fixture
def case(sample_plan, sample_path):
    """The decision on the sample plan, recorded and not yet carried out."""
    return case_import(plan=sample_plan, decision=read_plan_file(sample_path).decision)


def carried_out(case: Case) -> Case:
    decision_carry_out(case=case)
    case.refresh_from_db()
    return case


def parts(case: Case) -> dict:
    return {name: list(getattr(case, name).values()) for name in PARTS}


def added(data: dict, prefix: str, fields: dict) -> dict:
    """Return the page's data with a new inline row."""
    total = int(data[f"{prefix}-TOTAL_FORMS"])
    new = {f"{prefix}-{total}-{name}": value for name, value in fields.items()}
    return data | new | {f"{prefix}-TOTAL_FORMS": total + 1}


# --- What may be corrected: a case not carried out ---------------------------------------------


def test_staff_can_correct_an_open_case_and_add_a_point(staff, case):
    url = admin_url(Case, "change", case.pk)
    data = added(form_data(staff.get(url)), "decision_points", PARTS["decision_points"][1])

    response = staff.post(url, data | {"title": "Rättad rubrik"})

    assert response.status_code == 302
    assert row(case)["title"] == "Rättad rubrik"
    assert case.decision_points.filter(number=99).exists()
    assert case.history.latest("history_date").history_user == staff.user


def test_which_version_a_case_adopted_is_not_set_by_hand(staff, case, sample_plan):
    version = PlanVersion.objects.create(plan=sample_plan, number=1, status="adopted", document={})
    url = admin_url(Case, "change", case.pk)
    page = staff.get(url)
    assert "version" not in page.context["adminform"].form.fields

    assert staff.post(url, form_data(page) | {"version": version.pk}).status_code == 302

    assert row(case)["version_id"] is None


def test_an_amendment_naming_what_the_plan_lacks_is_refused(staff, case):
    url = admin_url(Case, "change", case.pk)
    amendment = {
        "point": 1,
        "operation": "remove_activity",
        "section": "1.1",
        "activity": "En aktivitet som planen inte har",
        "position": 9,
    }
    data = added(form_data(staff.get(url)), "amendments", amendment)
    before = parts(case)

    response = staff.post(url, data)

    assert "En aktivitet som planen inte har" in refusal(response)
    assert parts(case) == before


def test_a_second_open_case_on_the_plan_is_refused(staff, case, sample_plan):
    page = staff.get(admin_url(Case, "add"))
    data = form_data(page) | {
        "organisation": sample_plan.organisation_id,
        "plan": sample_plan.pk,
        "title": "Ett andra beslut",
    }

    response = staff.post(admin_url(Case, "add"), data)

    assert str(sample_plan) in refusal(response)
    assert Case.objects.count() == 1


# --- What is refused: anything of a carried-out decision ---------------------------------------


def test_nobody_changes_a_carried_out_decision(staff, case):
    url = admin_url(Case, "change", case.pk)
    data = form_data(staff.get(url)) | {"title": "Ändrad i efterhand"}  # opened before
    case = carried_out(case)
    before = row(case), parts(case)

    response = staff.post(url, data)

    assert str(case) in refusal(response)
    assert (row(case), parts(case)) == before
    assert staff.get(url).context["has_change_permission"] is False


@pytest.mark.parametrize("prefix", PARTS)
def test_nobody_adds_to_a_carried_out_decision(staff, case, prefix):
    url = admin_url(Case, "change", case.pk)
    data = added(form_data(staff.get(url)), prefix, PARTS[prefix][1])
    case = carried_out(case)
    before = parts(case)

    response = staff.post(url, data)

    assert str(case) in refusal(response)
    assert parts(case) == before


def test_nobody_changes_the_points_of_a_carried_out_decision(staff, case):
    url = admin_url(Case, "change", case.pk)
    data = form_data(staff.get(url)) | {"decision_points-0-text": "Ändrad punkt"}
    data["decision_points-1-DELETE"] = "on"
    case = carried_out(case)
    before = parts(case)

    response = staff.post(url, data)

    assert str(case) in refusal(response)
    assert parts(case) == before


def test_nobody_deletes_a_carried_out_decision(staff, case):
    case = carried_out(case)

    response = staff.post(admin_url(Case, "delete", case.pk), {"post": "yes"})

    assert str(case) in refusal(response)
    assert Case.objects.filter(pk=case.pk, version__isnull=False).exists()
