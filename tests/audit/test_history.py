"""An item's history shows its tags and the person responsible by name, one entry a save:
"Taggar: A → A, B" and "Ansvarig: Anna Andersson → Bo Berg"."""

import re

import pytest
from django.utils import translation

from styr.planning.history import history_of
from styr.planning.models import Activity, Tag
from tests.conftest import person

BASE = "/planer/kommunstyrelsen/2013/"
SURVEY = "Genomföra medarbetarenkäten."


@pytest.fixture
def survey(sample_plan):
    return Activity.objects.get(title=SURVEY)


@pytest.fixture
def people(sample_plan):
    anna = person("anna", organisation=sample_plan.organisation, role="planner")
    bo = person("bo", organisation=sample_plan.organisation, role="reader")
    anna.first_name, anna.last_name = "Anna", "Andersson"
    bo.first_name, bo.last_name = "Bo", "Berg"
    anna.save()
    bo.save()
    return anna, bo


@pytest.fixture
def tags(db):
    return Tag.objects.create(name="A", slug="a"), Tag.objects.create(name="B", slug="b")


def edit(client, activity, **changes):
    activity.refresh_from_db()
    data = {
        "title": activity.title,
        "start": activity.start.isoformat(),
        "end": activity.end.isoformat(),
        "version": activity.version,
        **changes,
    }
    response = client.post(f"{BASE}aktiviteter/{activity.pk}/andra/", data)
    assert response.status_code == 302, response.context["form"].errors


def newest_changes(activity) -> dict:
    """Return the newest entry's changes by field, the fields named in English."""
    with translation.override("en"):
        return {c.field: (c.old, c.new) for c in history_of(activity)[0].changes}


def changes_shown(page: str) -> list[tuple[str, str, str]]:
    """Return the history's rows of changes: field, before, after."""
    pattern = r'<tr><th scope="row">([^<]*)</th><td>([^<]*)</td><td>([^<]*)</td></tr>'
    return re.findall(pattern, page)


def test_tag_changes_and_the_responsible_person_are_shown_by_name(
    client, planner, survey, people, tags
):
    anna, bo = people
    a, b = tags
    client.force_login(planner)
    edit(client, survey, tags=[a.pk], responsible=anna.pk)
    edit(client, survey, tags=[a.pk, b.pk], responsible=bo.pk)
    page = client.get(f"{BASE}aktiviteter/{survey.pk}/").content.decode()
    rows = changes_shown(page[page.index('id="history-title"') :])
    assert ("Taggar", "A", "A, B") in rows
    assert ("Ansvarig", "Anna Andersson", "Bo Berg") in rows
    assert ("Taggar", "–", "A") in rows
    assert ("Ansvarig", "–", "Anna Andersson") in rows


def test_a_save_and_its_tag_change_are_one_entry(client, planner, survey, tags):
    a, b = tags
    client.force_login(planner)
    before = len(history_of(survey))
    edit(client, survey, tags=[a.pk])
    edit(client, survey, tags=[b.pk], title="Genomföra enkäten.")
    entries = history_of(survey)
    assert len(entries) == before + 2
    assert newest_changes(survey) == {"tags": ("A", "B"), "title": (SURVEY, "Genomföra enkäten.")}
    assert entries[0].who == planner


def test_a_removed_person_or_tag_is_named_as_removed(client, planner, survey, people, tags):
    anna, _bo = people
    a, _b = tags
    client.force_login(planner)
    edit(client, survey, tags=[a.pk], responsible=anna.pk)
    edit(client, survey, tags=[], responsible="")
    anna.delete()
    a.delete()
    with translation.override("en"):  # "(removed)" is translated when it is shown
        assert newest_changes(survey) == {
            "tags": ("(removed)", None),
            "responsible": ("(removed)", None),
        }


def test_the_history_takes_a_few_queries_however_long_it_is(
    client, planner, survey, people, tags, django_assert_max_num_queries
):
    anna, bo = people
    client.force_login(planner)
    for n in range(10):
        edit(client, survey, tags=[tags[n % 2].pk], responsible=(anna, bo)[n % 2].pk)
    survey.refresh_from_db()
    with django_assert_max_num_queries(4):
        entries = history_of(survey)
    assert len(entries) >= 11
