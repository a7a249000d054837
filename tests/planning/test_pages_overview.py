"""The plan overview: its rows, the row htmx swaps back in after "Change", and its add links.

The overview reads each row from plain values and translates its repeated texts once (a large
plan has hundreds of rows); these tests hold it to what a reader and a planner see.
"""

import re

import pytest

from styr.planning.choices import Level
from styr.planning.editing import item_update
from styr.planning.models import Activity, AreaGoal, BoardGoal, Indicator, Tag

pytestmark = pytest.mark.usefixtures("in_english")

BASE = "/planer/kommunstyrelsen/2013/"
SURVEY = "Genomföra medarbetarenkäten."


@pytest.fixture
def survey(sample_plan, planner):
    """The survey activity, with a person responsible and two tags, one of them in need of
    escaping."""
    survey = Activity.objects.get(title=SURVEY)
    planner.first_name, planner.last_name = "Anna", "O'Berg"
    planner.save()
    tags = [Tag.objects.get(slug="agenda-2030-5"), Tag.objects.create(name="Skola & <barn>")]
    return item_update(
        item=survey,
        data={"responsible": planner, "tags": tags},
        version=survey.version,
    )


def row_of(page: str, row_id: str) -> str:
    found = re.search(rf'<tr id="{row_id}"[^>]*>.*?</tr>', page, re.S)
    assert found, f"no row {row_id}"
    return found.group(0)


def squeezed(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", html)).strip()


def test_a_row_shows_the_activity_its_responsible_and_tags(web, survey, planner):
    row = row_of(web.get(BASE).content.decode(), f"aktiviteter-{survey.pk}")
    assert f'<a href="{BASE}aktiviteter/{survey.pk}/">{SURVEY}</a>' in row
    assert f'<span class="responsible">Responsible: {planner}</span>'.replace("'", "&#x27;") in row
    assert '<span class="tag">Skola &amp; &lt;barn&gt;</span>' in row
    assert f'<td class="date">{survey.start.isoformat()}</td>' in row
    assert f'href="{BASE}aktiviteter/{survey.pk}/andra/"' in row
    assert f'hx-get="{BASE}aktiviteter/{survey.pk}/andra/?i=rad"' in row
    assert ">Change<" in row
    assert "autofocus" not in row


def test_an_indicator_row_shows_its_targets_and_periodicity(web, sample_plan):
    indicator = Indicator.objects.get(name="Sjukfrånvaro (alla nämnder/bolag)")
    row = row_of(web.get(BASE).content.decode(), f"indikatorer-{indicator.pk}")
    targets = {t.level: t.text for t in indicator.targets.filter(year=2013)}
    cells = re.findall(r"<td>([^<]*)</td>", row)
    board, council = targets.get(Level.BOARD, ""), targets.get(Level.COUNCIL, "")
    assert cells == [board, council, indicator.get_periodicity_display()]
    assert "4,4 %" in cells


def test_the_row_swapped_in_after_a_change_is_the_overviews_row_focused(web, survey):
    before = row_of(web.get(BASE).content.decode(), f"aktiviteter-{survey.pk}")
    data = {
        "title": survey.title,
        "start": survey.start.isoformat(),
        "end": survey.end.isoformat(),
        "responsible": survey.responsible_id,
        "tags": list(survey.tags.values_list("pk", flat=True)),
        "version": survey.version,
    }
    swapped = web.post(
        f"{BASE}aktiviteter/{survey.pk}/andra/?i=rad", data, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert " autofocus" in swapped
    assert squeezed(swapped.replace(" autofocus", "")) == squeezed(before)


def test_a_reader_sees_rows_without_the_change_button(client, reader, survey):
    client.force_login(reader)
    row = row_of(client.get(BASE).content.decode(), f"aktiviteter-{survey.pk}")
    assert "andra/" not in row
    assert row.count("<td") == 3


def test_a_planner_has_add_links_under_every_goal(web, sample_plan):
    page = web.get(BASE).content.decode()
    goal = AreaGoal.objects.filter(direction__plan=sample_plan).first()
    board_goal = BoardGoal.objects.filter(area_goal__direction__plan=sample_plan).first()
    for kind in ("indikatorer", "aktiviteter"):
        assert f'href="{BASE}{kind}/ny/?under=mal-{goal.pk}"' in page
        assert f'href="{BASE}{kind}/ny/?under=namndmal-{board_goal.pk}"' in page
    assert f'href="{BASE}namndmal/ny/?under=mal-{goal.pk}"' in page
    assert f'href="{BASE}mal/ny/?under=inriktningsmal-{goal.direction_id}"' in page
    assert "Add an indicator</a>" in page
    assert "Board goal: <a" in page
    assert "<caption>Council's indicators</caption>" in page.replace("&#x27;", "'")


def test_a_filter_marks_the_rows_it_finds(web, survey):
    page = web.get(f"{BASE}?tagg=agenda-2030-5").content.decode()
    assert f'<tr id="aktiviteter-{survey.pk}" class="hit">' in page


def test_a_large_plan_opens_folded_and_each_area_goal_loads_when_asked(web, settings):
    """Past STYR_OVERVIEW_FOLD_FROM rows the area goals are folded, without their rows; each
    folded goal offers its own filtered page, which shows it whole (htmx fetches the same)."""
    settings.STYR_OVERVIEW_FOLD_FROM = 10
    goal = AreaGoal.objects.filter(indicators__isnull=False).first()
    indicator = goal.indicators.first()
    page = web.get(BASE).text
    assert "The plan is large: open an area goal" in page
    assert f'id="indikatorer-{indicator.pk}"' not in page
    assert f'href="?mal={goal.pk}#mal-{goal.pk}"' in page

    whole = web.get(f"{BASE}?mal={goal.pk}", headers={"HX-Request": "true"}).text
    body = re.search(rf'<div id="mal-innehall-{goal.pk}">.*?</details>', whole, re.S).group(0)
    assert f'id="indikatorer-{indicator.pk}"' in body


def test_a_plan_of_the_samples_size_opens_whole(web):
    page = web.get(BASE).text
    assert "The plan is large" not in page
    assert all(f'id="indikatorer-{i.pk}"' in page for i in Indicator.objects.all())
