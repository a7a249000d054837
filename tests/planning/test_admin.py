"""Staff can open every part of an imported plan in the admin to correct it, and the admin
meets the plan's lifecycle as every other way in does: nothing of an adopted plan is added,
changed, moved or removed there, and no status is set by hand."""

import copy
import re

import pytest
from django.contrib import admin

from styr.audit.models import Event
from styr.decisions.services import case_import, plan_adopt
from styr.organisations.models import Department, Organisation
from styr.planning.lifecycle import plan_step
from styr.planning.models import (
    Activity,
    AreaGoal,
    BoardGoal,
    BudgetLine,
    Direction,
    Indicator,
    Investment,
    Plan,
    PlanVersion,
    ResultUnit,
    Section,
    Tag,
    Target,
)
from styr.planning.parsing import read_plan_file
from styr.planning.services import plan_import
from tests.admin import admin_url, form_data, refusal, row
from tests.conftest import person

MODELS = [
    model
    for model in admin.site._registry
    if model._meta.app_label in {"planning", "organisations", "decisions", "accounts"}
]


# --- Fixtures ---------------------------------------------------------------------------------


@pytest.fixture
def everything(sample_plan, sample_path, planner):
    """A plan with an object of every kind: its decision carried out, a department, a member."""
    case_import(plan=sample_plan, decision=read_plan_file(sample_path).decision)
    plan_adopt(plan=sample_plan)
    Department.objects.create(office=sample_plan.organisation.office, name="Finansavdelning")
    return sample_plan


@pytest.fixture
def adopt(sample_plan):
    """Adopt the sample plan by its decision, when the test has opened its pages."""

    def adopt():
        plan_adopt(plan=sample_plan)
        sample_plan.refresh_from_db()
        return sample_plan

    return adopt


@pytest.fixture
def next_year(sample_plan, sample_document):
    """The same board's proposal for 2014, open for changes beside the adopted 2013 plan."""
    document = copy.deepcopy(sample_document)
    document.year = 2014
    return plan_import(document=document)


# --- Every page opens -------------------------------------------------------------------------


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_every_model_has_a_list_and_a_change_page(staff, everything, model):
    assert staff.get(admin_url(model, "changelist")).status_code == 200
    instance = model.objects.first()
    assert staff.get(admin_url(model, "change", instance.pk)).status_code == 200
    assert staff.get(admin_url(model, "history", instance.pk)).status_code == 200


# --- What may be corrected: a plan that is not adopted ----------------------------------------


def test_staff_can_correct_a_plan_title(staff, sample_plan):
    url = admin_url(Plan, "change", sample_plan.pk)
    data = form_data(staff.get(url))
    data["title"] = "Verksamhetsplan 2013 för kommunstyrelsen (rättad)"
    assert staff.post(url, data).status_code == 302
    plan = Plan.objects.get()
    assert plan.title == "Verksamhetsplan 2013 för kommunstyrelsen (rättad)"
    assert (plan.status, plan.version) == ("proposal", sample_plan.version + 1)
    assert plan.history.first().history_user == staff.user


def test_staff_can_add_a_goal_to_a_proposal_inline_and_an_indicator_on_its_page(staff, sample_plan):
    direction = sample_plan.directions.first()
    url = admin_url(Direction, "change", direction.pk)
    data = form_data(staff.get(url))
    total = int(data["goals-TOTAL_FORMS"])
    data.update(
        {
            "goals-TOTAL_FORMS": total + 1,
            f"goals-{total}-position": 99,
            f"goals-{total}-number": "9.9",
            f"goals-{total}-title": "Ett nytt mål",
            f"goals-{total}-direction": direction.pk,
        }
    )
    assert staff.post(url, data).status_code == 302
    goal = AreaGoal.objects.get(number="9.9")
    assert goal.history.get().history_user == staff.user

    page = staff.get(admin_url(Indicator, "add"))
    data = form_data(page) | {"area_goal": goal.pk, "name": "Ny indikator"}
    assert staff.post(admin_url(Indicator, "add"), data).status_code == 302
    assert goal.indicators.get().name == "Ny indikator"


def test_a_subsection_added_inline_is_in_its_sections_plan(staff, sample_plan):
    section = sample_plan.sections.filter(parent=None).first()
    url = admin_url(Section, "change", section.pk)
    data = form_data(staff.get(url))
    total = int(data["subsections-TOTAL_FORMS"])
    data.update(
        {
            "subsections-TOTAL_FORMS": total + 1,
            f"subsections-{total}-position": 99,
            f"subsections-{total}-title": "Ett nytt avsnitt",
            f"subsections-{total}-parent": section.pk,
        }
    )
    assert staff.post(url, data).status_code == 302
    assert Section.objects.get(title="Ett nytt avsnitt").plan == sample_plan


def test_a_plans_status_is_read_only_in_the_admin(staff, sample_plan):
    url = admin_url(Plan, "change", sample_plan.pk)
    page = staff.get(url)
    assert "status" not in page.context["adminform"].form.fields
    data = form_data(page) | {"status": "adopted", "title": "Antagen för hand"}
    assert staff.post(url, data).status_code == 302
    plan = Plan.objects.get()
    assert (plan.title, plan.status) == ("Antagen för hand", "proposal")


def test_a_new_plan_is_a_draft_whatever_is_posted(staff, sample_plan):
    page = staff.get(admin_url(Plan, "add"))
    data = form_data(page) | {
        "organisation": sample_plan.organisation_id,
        "year": 2015,
        "title": "Verksamhetsplan 2015",
        "status": "adopted",
    }
    assert staff.post(admin_url(Plan, "add"), data).status_code == 302
    assert Plan.objects.get(year=2015).status == "draft"


def test_reverting_to_an_earlier_version_keeps_the_plans_status(staff, sample_plan):
    """A plan withdrawn to draft stays a draft when its title is reverted to the proposal's."""
    url = admin_url(Plan, "change", sample_plan.pk)
    staff.post(url, form_data(staff.get(url)) | {"title": "Rättad titel"})
    plan = plan_step(plan=sample_plan, step="withdraw", actor=None)
    earliest = plan.history.earliest("history_date")
    assert earliest.status == "proposal"
    history = admin_url(Plan, "simple_history", plan.pk, earliest.history_id)
    response = staff.post(history, form_data(staff.get(history)))
    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.title, plan.status) == (sample_plan.title, "draft")


# --- What is refused: anything of an adopted plan ---------------------------------------------

TEXTS = {
    Plan: "title",
    Direction: "title",
    AreaGoal: "title",
    BoardGoal: "title",
    Indicator: "name",
    Target: "text",
    Activity: "title",
    BudgetLine: "name",
    Investment: "text",
    ResultUnit: "name",
    Section: "title",
}


@pytest.mark.parametrize("model", TEXTS, ids=lambda model: model.__name__)
def test_staff_can_correct_any_part_of_a_proposal(staff, sample_plan, model):
    instance = model.objects.first()
    url = admin_url(model, "change", instance.pk)
    data = form_data(staff.get(url)) | {TEXTS[model]: "Rättad"}

    assert staff.post(url, data).status_code == 302

    after = row(instance)
    assert after[TEXTS[model]] == "Rättad"
    if "version" in after:  # counted, so that a planner's older form meets a conflict
        assert after["version"] == instance.version + 1
    assert model.history.filter(id=instance.pk).latest("history_date").history_user == staff.user


@pytest.mark.parametrize("model", TEXTS, ids=lambda model: model.__name__)
def test_nobody_changes_a_part_of_an_adopted_plan(staff, adopt, model):
    instance = model.objects.first()
    url = admin_url(model, "change", instance.pk)
    data = form_data(staff.get(url)) | {TEXTS[model]: "Ändrad utan beslut"}  # opened before
    plan = adopt()
    before = row(instance)

    response = staff.post(url, data)

    assert str(plan) in refusal(response)
    assert row(instance) == before
    assert staff.get(url).context["has_change_permission"] is False
    assert Event.objects.filter(action="plan.changed", refused=True).exists()


@pytest.mark.parametrize("model", TEXTS, ids=lambda model: model.__name__)
def test_nobody_deletes_a_part_of_an_adopted_plan(staff, adopt, model):
    instance = model.objects.first()
    plan = adopt()
    count = model.objects.count()

    response = staff.post(admin_url(model, "delete", instance.pk), {"post": "yes"})

    assert str(plan) in refusal(response)
    assert model.objects.count() == count


def test_nobody_deletes_parts_of_an_adopted_plan_from_the_list(staff, adopt):
    plan = adopt()
    activities = list(Activity.objects.values_list("pk", flat=True)[:3])
    data = {"action": "delete_selected", "_selected_action": activities, "post": "yes"}

    response = staff.post(admin_url(Activity, "changelist"), data)

    assert str(plan) in refusal(response)
    assert Activity.objects.filter(pk__in=activities).count() == 3


def parents(plan) -> dict:
    """Return, for each kind, the fields that place a new one in the plan."""
    goal = AreaGoal.objects.filter(direction__plan=plan).first()
    indicator = Indicator.objects.filter(area_goal__direction__plan=plan).first()
    return {
        Direction: {"plan": plan.pk, "number": "9", "title": "Ny"},
        AreaGoal: {"direction": goal.direction_id, "number": "9.9", "title": "Nytt"},
        BoardGoal: {"area_goal": goal.pk, "title": "Nytt"},
        Indicator: {"area_goal": goal.pk, "name": "Ny"},
        Target: {
            "indicator": indicator.pk,
            "year": 2099,
            "level": "board",
            "text": "Öka",
            "kind": "increase",
        },
        Activity: {"area_goal": goal.pk, "title": "Ny", "start": "2013-01-01", "end": "2013-12-31"},
        BudgetLine: {"plan": plan.pk, "name": "Ny"},
        Investment: {"plan": plan.pk, "text": "Ny"},
        ResultUnit: {"plan": plan.pk, "name": "Ny"},
        Section: {"plan": plan.pk, "title": "Ny"},
    }


@pytest.mark.parametrize("model", list(TEXTS)[1:], ids=lambda model: model.__name__)
def test_nobody_adds_to_an_adopted_plan_on_the_add_page(staff, adopt, model):
    plan = adopt()
    page = staff.get(admin_url(model, "add"))
    count = model.objects.count()

    response = staff.post(admin_url(model, "add"), form_data(page) | parents(plan)[model])

    assert str(plan) in refusal(response)
    assert model.objects.count() == count


@pytest.mark.parametrize(
    ("parent", "prefix", "fields"),
    [
        (Plan, "directions", {"number": "9", "title": "Ny"}),
        (Plan, "budget_lines", {"name": "Ny"}),
        (Direction, "goals", {"number": "9.9", "title": "Nytt"}),
        (AreaGoal, "indicators", {"name": "Ny"}),
        (AreaGoal, "activities", {"title": "Ny", "start": "2013-01-01", "end": "2013-02-01"}),
        (Indicator, "targets", {"year": 2099, "level": "board", "text": "Öka", "kind": "increase"}),
        (Section, "subsections", {"title": "Ny"}),
    ],
)
def test_nobody_adds_to_an_adopted_plan_inline(staff, adopt, parent, prefix, fields):
    instance = parent.objects.first()
    url = admin_url(parent, "change", instance.pk)
    data = form_data(staff.get(url))
    plan = adopt()
    total = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = total + 1
    data.update({f"{prefix}-{total}-{name}": value for name, value in fields.items()})
    child = getattr(instance, prefix).model
    count = child.objects.count()

    response = staff.post(url, data)

    assert str(plan) in refusal(response)
    assert child.objects.count() == count


def test_nobody_moves_a_proposals_indicator_into_the_adopted_plan(staff, adopt, next_year):
    indicator = Indicator.objects.filter(area_goal__direction__plan=next_year).first()
    plan = adopt()
    adopted_goal = AreaGoal.objects.filter(direction__plan=plan).first()
    url = admin_url(Indicator, "change", indicator.pk)
    before = row(indicator)

    response = staff.post(url, form_data(staff.get(url)) | {"area_goal": adopted_goal.pk})

    assert str(plan) in refusal(response)
    assert row(indicator) == before


def test_nobody_moves_a_section_under_a_section_of_the_adopted_plan(staff, adopt, next_year):
    section = next_year.sections.filter(parent=None).first()
    plan = adopt()
    adopted_section = plan.sections.filter(parent=None).first()
    url = admin_url(Section, "change", section.pk)
    before = row(section)

    response = staff.post(url, form_data(staff.get(url)) | {"parent": adopted_section.pk})

    assert str(plan) in refusal(response)
    assert row(section) == before


def test_nobody_moves_a_part_out_of_the_adopted_plan(staff, adopt, next_year):
    activity = Activity.objects.filter(area_goal__direction__plan__year=2013).first()
    url = admin_url(Activity, "change", activity.pk)
    data = form_data(staff.get(url))
    plan = adopt()
    goal = AreaGoal.objects.filter(direction__plan=next_year).first()
    before = row(activity)

    response = staff.post(url, data | {"area_goal": goal.pk})

    assert str(plan) in refusal(response)
    assert row(activity) == before


def test_nobody_reverts_an_adopted_plan_to_its_proposal(staff, adopt):
    url = admin_url(Plan, "change", Plan.objects.get().pk)
    data = form_data(staff.get(url))
    plan = adopt()
    proposal = plan.history.filter(status="proposal").earliest("history_date")
    history = admin_url(Plan, "simple_history", plan.pk, proposal.history_id)
    before = row(plan)

    assert staff.get(history).context["revert_disabled"] is True
    response = staff.post(history, data)

    assert str(plan) in refusal(response)
    assert row(plan) == before


def test_nobody_changes_or_deletes_a_plan_version(staff, adopt):
    plan = adopt()
    version = plan.versions.last()
    before = row(version)
    url = admin_url(PlanVersion, "change", version.pk)
    assert staff.get(url).context["has_change_permission"] is False

    changed = staff.post(url, {"plan": plan.pk, "number": 9, "status": "draft", "document": "{}"})
    deleted = staff.post(admin_url(PlanVersion, "delete", version.pk), {"post": "yes"})

    assert str(version) in refusal(changed)
    assert str(version) in refusal(deleted)
    assert row(version) == before
    assert staff.post(admin_url(PlanVersion, "add"), {}).status_code == 403


# --- What an adopted plan names stays -----------------------------------------------------------


def test_a_tag_of_an_adopted_plan_is_not_deleted(staff, sample_plan, adopt):
    tag = Tag.objects.create(name="Agenda 2030: mål 3", slug="mal-3")
    Activity.objects.first().tags.add(tag)
    adopt()

    response = staff.post(admin_url(Tag, "delete", tag.pk), {"post": "yes"})

    assert str(tag) in refusal(response)
    assert Activity.objects.first().tags.get() == tag


def test_a_department_in_an_adopted_budget_is_not_deleted(staff, sample_plan, adopt):
    department = Department.objects.create(
        office=sample_plan.organisation.office, name="Finansavdelning"
    )
    BudgetLine.objects.filter(pk=BudgetLine.objects.first().pk).update(department=department)
    adopt()

    response = staff.post(admin_url(Department, "delete", department.pk), {"post": "yes"})

    assert str(department) in refusal(response)
    assert BudgetLine.objects.filter(department=department).exists()


def test_someone_responsible_in_an_adopted_plan_is_not_deleted(staff, sample_plan, planner, adopt):
    Activity.objects.filter(pk=Activity.objects.first().pk).update(responsible=planner)
    adopt()

    response = staff.post(admin_url(type(planner), "delete", planner.pk), {"post": "yes"})

    assert str(planner) in refusal(response)
    assert Activity.objects.filter(responsible=planner).exists()


@pytest.mark.parametrize("odd", ["object", "version"])
def test_an_earlier_version_at_an_address_without_ids_is_not_found(staff, sample_plan, odd):
    direction = sample_plan.directions.first()
    ids = [direction.pk, direction.history.earliest("history_date").history_id]
    ids[odd == "version"] = "²"
    assert staff.get(admin_url(Direction, "simple_history", *ids)).status_code == 404


def test_the_history_at_an_address_without_an_id_is_not_found(staff, sample_plan):
    assert staff.get(admin_url(Direction, "history", "²")).status_code == 404


@pytest.mark.parametrize(
    "model", [AreaGoal, BoardGoal, Indicator, Activity], ids=lambda m: m._meta.model_name
)
def test_the_admin_offers_the_organisations_members_as_responsible(staff, sample_plan, model):
    """As on the plan's pages: someone of another board is not offered, nor chosen by a post."""
    member = person("ledamoten", organisation=sample_plan.organisation, role="reader")
    culture = Organisation.objects.create(
        municipality=sample_plan.organisation.municipality, name="Kulturnämnden", slug="kultur"
    )
    stranger = person("utomstaende", organisation=culture, role="planner")
    instance = model.objects.first()
    url = admin_url(model, "change", instance.pk)
    page = staff.get(url)
    offered = re.search(r'<select name="responsible".*?</select>', page.text, re.S).group(0)
    assert f'<option value="{member.pk}">' in offered
    assert f'<option value="{stranger.pk}">' not in offered

    answer = staff.post(url, form_data(page) | {"responsible": stranger.pk})

    assert answer.status_code == 200  # the form again, the choice refused
    assert model.objects.get(pk=instance.pk).responsible_id is None
