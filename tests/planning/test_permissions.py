"""Who may do what with a plan: every role against every page and action.

A citizen reads adopted plans; a board's readers also read its drafts and proposals; its
planners change them until they are adopted; the central office (administrators) may do all
of that for every board. Nobody changes an adopted plan on the web: those who may change the
board's plans are told it is adopted (409), the others that they may not (403).
"""

import copy

import pytest

from styr.decisions.services import plan_adopt
from styr.planning.models import Activity, AreaGoal, Plan
from styr.planning.services import plan_import

ROLES = ["citizen", "outsider", "reader", "planner", "administrator"]


@pytest.fixture
def adopted(sample_plan, sample_document):
    """Last year's plan of the same board, adopted."""
    document = copy.deepcopy(sample_document)
    document.year = 2012
    plan = plan_import(document=document)
    plan_adopt(plan=plan)
    plan.refresh_from_db()
    return plan


def pages(plan: Plan) -> dict[str, str]:
    base = f"/planer/{plan.organisation.slug}/{plan.year}/"
    activity = Activity.objects.filter(board_goal__area_goal__direction__plan=plan).first()
    goal = AreaGoal.objects.filter(direction__plan=plan).first()
    return {
        "overview": base,
        "budget": base + "budget/",
        "texts": base + "texter/",
        "problems": base + "problem/",
        "activity": f"{base}aktiviteter/{activity.pk}/",
        "edit form": f"{base}aktiviteter/{activity.pk}/andra/",
        "add form": f"{base}aktiviteter/ny/?under=mal-{goal.pk}",
        "remove form": f"{base}aktiviteter/{activity.pk}/ta-bort/",
        "plan form": base + "andra/",
    }


READ = {"overview", "budget", "texts", "problems", "activity"}
CHANGE = {"edit form", "add form", "remove form", "plan form"}
MAY_READ_PROPOSAL = {"reader", "planner", "administrator"}
MAY_CHANGE_PROPOSAL = {"planner", "administrator"}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", sorted(READ | CHANGE))
def test_pages_of_a_proposal(
    as_role, sample_plan, planner, reader, outsider, administrator, role, page
):
    allowed = MAY_READ_PROPOSAL if page in READ else MAY_CHANGE_PROPOSAL
    response = as_role(role).get(pages(sample_plan)[page])
    assert response.status_code == (200 if role in allowed else 403)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", sorted(READ | CHANGE))
def test_pages_of_an_adopted_plan(
    as_role, adopted, planner, reader, outsider, administrator, role, page
):
    response = as_role(role).get(pages(adopted)[page])
    if page in READ:
        assert response.status_code == 200
    elif role in MAY_CHANGE_PROPOSAL:
        assert response.status_code == 409
        assert "antagen" in response.text
    else:
        assert response.status_code == 403


def actions(plan: Plan) -> dict[str, tuple[str, dict]]:
    urls = pages(plan)
    activity = Activity.objects.filter(board_goal__area_goal__direction__plan=plan).first()
    edit = {
        "title": "Genomföra medarbetarenkäten i två steg.",
        "start": "2013-01-01",
        "end": "2013-10-31",
        "version": activity.version,
    }
    return {
        "change": (urls["edit form"], edit),
        "add": (urls["add form"], {**edit, "version": ""}),
        "move": (urls["activity"] + "flytta/", {"riktning": "upp"}),
        "remove": (urls["remove form"], {}),
        "retitle": (
            urls["plan form"],
            {"title": "Ny titel", "status": "draft", "version": plan.version},
        ),
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ["change", "add", "move", "remove", "retitle"])
def test_actions_on_a_proposal(
    as_role, sample_plan, planner, reader, outsider, administrator, role, action
):
    url, data = actions(sample_plan)[action]
    before = Activity.objects.count(), Plan.objects.get(pk=sample_plan.pk).title
    response = as_role(role).post(url, data)
    if role in MAY_CHANGE_PROPOSAL:
        assert response.status_code == 302
    else:
        assert response.status_code == 403
        assert (Activity.objects.count(), Plan.objects.get(pk=sample_plan.pk).title) == before


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ["change", "add", "move", "remove", "retitle"])
def test_nobody_changes_an_adopted_plan(
    as_role, adopted, planner, reader, outsider, administrator, role, action
):
    url, data = actions(adopted)[action]
    history = adopted.history.count()
    refused = 409 if role in MAY_CHANGE_PROPOSAL else 403
    assert as_role(role).post(url, data).status_code == refused
    assert adopted.history.count() == history


@pytest.mark.parametrize("role", ROLES)
def test_who_may_start_a_new_plan(
    as_role, sample_plan, planner, reader, outsider, administrator, role
):
    allowed = {"planner", "outsider", "administrator"}
    assert as_role(role).get("/planer/ny/").status_code == (200 if role in allowed else 403)


def test_a_planner_may_only_start_plans_for_their_own_board(as_role, sample_plan, outsider):
    response = as_role("outsider").post(
        "/planer/ny/", {"organisation": sample_plan.organisation_id, "year": 2014}
    )
    assert "organisation" in response.context["form"].errors
    assert not Plan.objects.filter(year=2014).exists()


def test_a_part_of_another_plan_is_not_found_through_this_one(
    as_role, sample_plan, adopted, planner
):
    other = Activity.objects.filter(board_goal__area_goal__direction__plan=adopted).first()
    url = f"/planer/kommunstyrelsen/2013/aktiviteter/{other.pk}/andra/"
    assert as_role("planner").get(url).status_code == 404
