"""The start page lists the plans and shows the goal tree; the plan page shows the whole plan."""

import copy

import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext

from styr.planning.services import plan_import


def test_the_start_page_lists_the_plans_and_shows_the_goal_tree(client, sample_plan):
    page = client.get("/").content.decode()
    assert f'href="/planer/{sample_plan.pk}/"' in page
    assert "Verksamhetsplan 2013 för kommunstyrelsen" in page
    assert "Kvalitet och valfrihet ska utvecklas och förbättras" in page
    assert (
        "Stockholms stad är en attraktiv arbetsgivare med spännande och utmanande arbeten" in page
    )
    assert "Attrahera, rekrytera och behålla engagerade och kompetenta medarbetare" in page


def test_the_start_page_says_when_there_are_no_plans(client, db):
    assert "styr import-plan" in client.get("/").content.decode()


def test_the_plan_page_shows_indicators_activities_and_the_budget(client, sample_plan):
    page = client.get(f"/planer/{sample_plan.pk}/").content.decode()
    assert "Sjukfrånvaro (alla nämnder/bolag)" in page
    assert "<td>4,4 %</td>" in page
    assert "Samordna klimatanpassningsarbete" not in page
    assert "Samordna stadens klimatanpassningsarbete." in page
    assert '<td class="date">2014-10-31</td>' in page
    # Swedish number format, with a non-breaking space between thousands.
    assert '<td class="number">1\u00a0385,60</td>' in page
    assert '<td class="number">-46,60</td>' in page
    assert "Främja hälsa och minska sjukfrånvaron" in page


def test_a_missing_plan_is_not_found(client, db):
    assert client.get("/planer/4711/").status_code == 404


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


@pytest.mark.parametrize("url", ["/", "/planer/{pk}/"])
def test_pages_take_as_many_queries_however_large_the_plan(
    client, sample_plan, sample_document, url
):
    big_plan = plan_import(document=doubled(sample_document))
    counts = []
    for plan in (sample_plan, big_plan):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url.format(pk=plan.pk)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert counts[0] <= 15


def test_the_stylesheet_the_pages_link_is_there(client, db):
    page = client.get("/").content.decode()
    assert '<link rel="stylesheet" href="/static/styr/styr.css">' in page
    assert finders.find("styr/styr.css")
