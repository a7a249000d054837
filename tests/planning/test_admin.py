"""Staff can open every part of an imported plan in the admin to correct it."""

import pytest
from django.contrib import admin
from django.urls import reverse

from styr.decisions.parsing import read_decision
from styr.decisions.services import case_import, plan_adopt
from styr.organisations.models import Department
from styr.planning.models import Plan
from styr.planning.parsing import read_plan_file

MODELS = [
    model
    for model in admin.site._registry
    if model._meta.app_label in {"planning", "organisations", "decisions", "accounts"}
]


@pytest.fixture
def everything(sample_plan, sample_path, planner):
    """A plan with an object of every kind: its decision carried out, a department, a member."""
    case_import(plan=sample_plan, decision=read_decision(read_plan_file(sample_path).lines))
    plan_adopt(plan=sample_plan)
    Department.objects.create(office=sample_plan.organisation.office, name="Finansavdelning")
    return sample_plan


@pytest.fixture
def staff(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "admin@example.se", "secret")
    client.force_login(user)
    return client


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_every_model_has_a_list_and_a_change_page(staff, everything, model):
    meta = model._meta
    assert (
        staff.get(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")).status_code
        == 200
    )
    instance = model.objects.first()
    change = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[instance.pk])
    assert staff.get(change).status_code == 200


def test_staff_can_correct_a_plan_title(staff, sample_plan):
    url = reverse("admin:planning_plan_change", args=[sample_plan.pk])
    form = staff.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(
        {
            "title": "Verksamhetsplan 2013 för kommunstyrelsen (rättad)",
            "organisation": sample_plan.organisation_id,
        }
    )
    for prefix in ("directions", "budget_lines", "investments", "result_units"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    staff.post(url, data)
    assert Plan.objects.get().title == "Verksamhetsplan 2013 för kommunstyrelsen (rättad)"


def test_nobody_changes_an_adopted_plan_in_the_admin(staff, sample_plan):
    Plan.objects.filter(pk=sample_plan.pk).update(status="adopted")
    activity = sample_plan.directions.first().goals.first().activities.first()
    page = staff.get(reverse("admin:planning_activity_change", args=[activity.pk]))
    assert page.context["has_change_permission"] is False
    response = staff.post(
        reverse("admin:planning_activity_delete", args=[activity.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert type(activity).objects.filter(pk=activity.pk).exists()
