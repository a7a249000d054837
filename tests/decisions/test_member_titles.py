"""Members' titles in reservations: read apart from the names, kept beside them in the decision's
JSON and in the database, shown on the decision's pages, and read off the names typed on the
web as they are off a document's."""

import json

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from styr.decisions.bodies import members_read
from styr.decisions.document_json import decision_from_json
from styr.decisions.models import Reservation
from styr.decisions.selectors import case_document
from styr.decisions.services import case_import, case_update, plan_adopt
from styr.planning.parsing import read_plan_file

BASE = "/planer/kommunstyrelsen/2013/beslut/"


@pytest.fixture
def reading(sample_path):
    return read_plan_file(sample_path)


@pytest.fixture
def case(sample_plan, reading):
    """The sample's decision, recorded and not yet carried out."""
    return case_import(plan=sample_plan, decision=reading.decision)


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def page(response) -> str:
    return response.content.decode()


def test_a_decision_keeps_its_members_titles_through_json_and_the_database(reading, case):
    written = reading.decision.to_json()

    assert decision_from_json(json.loads(json.dumps(written))).to_json() == written
    assert case_document(case).to_json()["reservations"] == written["reservations"]
    saved = case.reservations.order_by("position").first()
    assert (saved.members, saved.titles) == (["Karin Wanngård"], ["borgarrådet"])


def test_a_decision_json_without_titles_reads_with_no_title_for_each_member(reading):
    written = reading.decision.to_json()
    for reservation in written["reservations"]:
        del reservation["titles"]

    read_back = decision_from_json(written)

    assert [r.titles for r in read_back.reservations] == [[""], [""], ["", "", ""], ["", ""], [""]]


def test_a_reservation_recorded_before_titles_were_kept_exports_no_title_for_each_member(case):
    Reservation.objects.filter(case=case).update(titles=[])

    exported = case_document(case).to_json()["reservations"]

    assert [r["titles"] for r in exported] == [[""], [""], ["", "", ""], ["", ""], [""]]


def test_the_decision_page_names_the_members_with_their_titles(english, case, sample_plan):
    case_update(case=case, fields={"meeting_date": "2013-01-23"})
    plan_adopt(plan=sample_plan)

    text = page(english.get(BASE))

    assert "borgarrådet Karin Wanngård (S), borgarrådsberedningen" in text
    assert "borgarrådet Daniel Helldén (MP), borgarrådsberedningen" in text
    assert "Karin Wanngård, Roger Mogert, Tomas Rudin (S), kommunstyrelsen" in text
    first = case.reservations.order_by("position").first()
    whole = page(english.get(f"{BASE}reservationer/{first.pk}/"))
    assert "Reservation: borgarrådet Karin Wanngård (S)" in whole


def test_titles_typed_before_the_names_on_the_web_are_kept_apart(english, administrator, case):
    english.force_login(administrator)

    posted = english.post(
        f"{BASE}arenden/{case.pk}/reservationer/ny/",
        {
            "party": "V",
            "members": "ledamoten Ann-Margarethe Livh\nErsättaren Bo Ek och Cia Berg\n",
            "forum": "kommunstyrelsen",
        },
    )

    assert posted.status_code == 302
    added = case.reservations.get(party="V", text="")
    assert added.members == ["Ann-Margarethe Livh", "Bo Ek", "Cia Berg"]
    assert added.titles == ["ledamoten", "ersättaren", ""]
    text = page(english.get(f"{BASE}arenden/{case.pk}/"))
    assert "ledamoten Ann-Margarethe Livh, ersättaren Bo Ek, Cia Berg (V)" in text


NAMES = st.sampled_from(["Anna Berg", "Bo Ek", "Ann-Margarethe Livh", "Åsa Jernberg", "Omar"])
TITLES = st.sampled_from(
    ["", "ordföranden", "vice ordföranden", "andre vice ordföranden", "ledamoten", "borgarrådet"]
)


@pytest.mark.hostile
@given(st.lists(st.tuples(NAMES, TITLES), min_size=1, max_size=6))
def test_any_list_of_titled_members_reads_back_to_its_names_and_titles(members):
    written = [f"{title} {name}".strip() for name, title in members]
    text = ", ".join(written[:-1]) + " och " + written[-1] if len(written) > 1 else written[0]

    assert [tuple(member) for member in members_read(text)] == members


def test_titles_that_do_not_match_the_members_are_refused(case):
    """The admin edits members and titles as two lists: one title too many or too few would
    give a title to the wrong member, so the reservation is refused until they match."""
    reservation = case.reservations.exclude(members=[]).first()
    reservation.titles = [*reservation.titles, "ledamoten"]
    with pytest.raises(ValidationError) as refused:
        reservation.full_clean()
    assert list(refused.value.message_dict) == ["titles"]
    reservation.titles = ["" for _ in reservation.members]
    reservation.full_clean()
