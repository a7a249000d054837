"""The start page lists the plans and shows the goal tree; the plan page shows the whole plan."""

import copy
import re

import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext

from styr.planning.services import plan_import


def test_the_start_page_lists_the_plans_and_shows_the_goal_tree(client, sample_plan, reader):
    client.force_login(reader)
    page = client.get("/").content.decode()
    assert 'href="/planer/kommunstyrelsen/2013/"' in page
    assert "Verksamhetsplan 2013 för kommunstyrelsen" in page
    assert "Kvalitet och valfrihet ska utvecklas och förbättras" in page
    assert (
        "Stockholms stad är en attraktiv arbetsgivare med spännande och utmanande arbeten" in page
    )
    assert "Attrahera, rekrytera och behålla engagerade och kompetenta medarbetare" in page


def test_a_citizen_sees_no_proposal_on_the_start_page(client, sample_plan):
    page = client.get("/").content.decode()
    assert "Verksamhetsplan 2013 för kommunstyrelsen" not in page


def test_the_plan_page_shows_indicators_and_activities(client, sample_plan, reader):
    client.force_login(reader)
    page = client.get("/planer/kommunstyrelsen/2013/").content.decode()
    assert "Sjukfrånvaro (alla nämnder/bolag)" in page
    assert "<td>4,4 %</td>" in page
    assert "Samordna klimatanpassningsarbete" not in page
    assert "Samordna stadens klimatanpassningsarbete." in page
    assert '<td class="date">2014-10-31</td>' in page


def test_the_budget_page_shows_swedish_numbers(client, sample_plan, reader):
    client.force_login(reader)
    page = client.get("/planer/kommunstyrelsen/2013/budget/").content.decode()
    # A non-breaking space between thousands.
    assert '<td class="number">1\u00a0385,60</td>' in page
    assert '<td class="number">-46,60</td>' in page


def test_the_texts_page_shows_the_sections(client, sample_plan, reader):
    client.force_login(reader)
    page = client.get("/planer/kommunstyrelsen/2013/texter/").content.decode()
    assert "Främja hälsa och minska sjukfrånvaron" in page


def test_an_old_address_leads_to_the_readable_one(client, sample_plan, reader):
    client.force_login(reader)
    response = client.get(f"/planer/{sample_plan.pk}/")
    assert response.status_code == 301
    assert response["Location"] == "/planer/kommunstyrelsen/2013/"


def test_a_missing_plan_is_not_found(client, db):
    assert client.get("/planer/kommunstyrelsen/2099/").status_code == 404


def doubled(document):
    """Return the document with each direction goal twice, numbered on."""
    bigger = copy.deepcopy(document)
    bigger.year += 1
    extra = copy.deepcopy(document.directions)
    for offset, direction in enumerate(extra, start=len(document.directions) + 1):
        old = direction.number
        direction.number = str(offset)
        for goal in direction.goals:
            goal.number = goal.number.replace(f"{old}.", f"{offset}.", 1)
    bigger.directions.extend(extra)
    return bigger


@pytest.mark.parametrize("page", ["", "budget/", "texter/", "problem/"])
def test_pages_take_as_many_queries_however_large_the_plan(
    client, sample_plan, sample_document, planner, page
):
    big_plan = plan_import(document=doubled(sample_document))
    client.force_login(planner)
    counts = []
    for plan in (sample_plan, big_plan):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"/planer/kommunstyrelsen/{plan.year}/{page}")
            assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert counts[0] <= 15


def test_the_stylesheet_the_pages_link_is_there(client, db):
    page = client.get("/").content.decode()
    assert '<link rel="stylesheet" href="/static/styr/styr.css">' in page
    assert finders.find("styr/styr.css")


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("slutar=2013-13", "filter-ends"),
        ("slutar=99999999999999999999-01", "filter-ends"),
        ("mal=999999", "filter-goal"),
        ("mal=abc", "filter-goal"),
        ("ansvarig=abc", "filter-responsible"),
        ("niva=kommunen", "filter-level"),
        ("tagg=finns-inte", "filter-tag"),
    ],
)
def test_a_filter_that_cannot_be_read_is_said_so_beside_the_form(
    client, sample_plan, reader, query, field
):
    client.force_login(reader)
    page = client.get(f"/planer/kommunstyrelsen/2013/?{query}").content.decode()
    assert 'id="filter-problems"' in page
    assert f'href="#{field}"' in page
    assert 'aria-invalid="true"' in re.search(rf'<[^>]* id="{field}"[^>]*>', page).group(0)
    value = query.partition("=")[2]
    assert value in page
    # Only the part of the tree htmx swaps in, with the message in it.
    partial = client.get(f"/planer/kommunstyrelsen/2013/?{query}", headers={"HX-Request": "true"})
    assert partial.status_code == 200 and 'id="filter-problems"' in partial.content.decode()


def test_filters_that_can_be_read_raise_no_problem(client, sample_plan, reader):
    client.force_login(reader)
    page = client.get("/planer/kommunstyrelsen/2013/?slutar=2013-Q2&niva=board").content.decode()
    assert 'id="filter-problems"' not in page
    assert "aria-invalid" not in page


def test_the_start_page_opens_on_the_current_year_not_a_draft_for_next_year(
    client, sample_plan, sample_document, administrator
):
    from styr.decisions.services import plan_adopt

    plan_adopt(plan=sample_plan)
    next_year = copy.deepcopy(sample_document)
    next_year.year = 2014
    next_year.title = "Verksamhetsplan 2014 för kommunstyrelsen"
    plan_import(document=next_year)
    client.force_login(administrator)
    page = client.get("/").content.decode()
    assert "Verksamhetsplan 2014 för kommunstyrelsen" in page  # listed
    assert 'href="/uppfoljning/2013/t1/status/"' in page
    assert "Hela Verksamhetsplan 2013" in page or "The whole of Verksamhetsplan 2013" in page


def test_the_current_plan_is_this_years_else_the_latest_adopted():
    from styr.planning.models import Plan
    from styr.planning.views import current_plan

    adopted_2013 = Plan(year=2013, status="adopted")
    draft_2014 = Plan(year=2014, status="draft")
    draft_2015 = Plan(year=2015, status="draft")
    plans = [draft_2014, draft_2015, adopted_2013]
    assert current_plan(plans, 2026) is adopted_2013
    assert current_plan(plans, 2015) is draft_2015
    assert current_plan([draft_2014], 2026) is draft_2014
    assert current_plan([], 2026) is None


def test_a_plan_not_adopted_offers_no_follow_up(client, sample_plan, reader):
    client.force_login(reader)
    page = client.get("/planer/kommunstyrelsen/2013/").content.decode()
    assert "/uppfoljning/" not in page


@pytest.mark.parametrize("query", ["mal=²", "ansvarig=²", "mal=" + "9" * 26, "slutar=2013-Q²"])
def test_an_odd_filter_value_is_said_to_be_unknown(client, sample_plan, reader, query):
    client.force_login(reader)
    response = client.get(f"/planer/kommunstyrelsen/2013/?{query}")
    assert response.status_code == 200
    assert len(response.context["problems"]) == 1


def test_the_old_address_of_a_draft_is_not_found_by_those_who_may_not_read_it(
    client, sample_plan, outsider
):
    assert client.get(f"/planer/{sample_plan.pk}/").status_code == 404
    client.force_login(outsider)
    assert client.get(f"/planer/{sample_plan.pk}/").status_code == 404
    assert client.get(f"/planer/{sample_plan.pk + 1}/").status_code == 404
