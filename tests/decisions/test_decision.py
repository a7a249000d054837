"""The decision that adopts the sample plan: read from the document, recorded, carried out."""

import json
import re
import time

import pytest

from styr.decisions.amendments import AmendmentError, rehearse
from styr.decisions.document import AmendmentDoc
from styr.decisions.models import Case
from styr.decisions.services import DecisionError, case_import, plan_adopt
from styr.lifecycle import Refused
from styr.planning.diff import plan_diff
from styr.planning.models import Activity, Plan
from styr.planning.parsing import read_plan, read_plan_file
from styr.planning.selectors import plan_document
from styr.planning.versions import latest_version, version_document

IDEAS = 'Ta fram riktlinjer för hur idéburen stadsförbättring inom ramen för "Idéernas Stockholm"'
NEW_ACTIVITY = (
    "Utformningen av framtidsuppdraget som tar fasta på att Stockholm är en miljonstad år 2024 "
    "ska presenteras under första halvåret 2013."
)
METHODS = "I dialog med berörda parter arbeta med metodutveckling"
EASY_CHOICE = "Det är lätt för stockholmarna att välja kommunalt finansierad service"


pytestmark = pytest.mark.usefixtures("in_english")


@pytest.fixture(scope="module")
def decision(sample_path):
    return read_plan_file(sample_path).decision


@pytest.fixture
def case(sample_plan, decision):
    return case_import(plan=sample_plan, decision=decision)


def test_it_reads_the_memorandum(decision):
    assert (decision.memorandum, decision.diary_number, decision.title) == (
        "PM 2013: RI",
        "112-1726/2012",
        "Verksamhetsplan 2013 för kommunstyrelsen",
    )
    assert (decision.proposed_by, decision.decided_by) == (
        "Borgarrådsberedningen",
        "kommunstyrelsen",
    )
    assert (decision.rapporteur_title, decision.rapporteur) == ("borgarrådet", "Sten Nordin")
    assert decision.proposal_date.isoformat() == "2013-01-09"
    assert decision.statement_date.isoformat() == "2012-12-04"
    assert decision.preparing_office == "stadsledningskontoret"


def test_it_reads_the_seven_decision_points(decision):
    points = decision.decision_points
    assert [p.number for p in points] == [1, 2, 3, 4, 5, 6, 7]
    # "slut-" / "datum" is one word.
    assert points[1].text.endswith("under avsnitt 1.3 får slutdatum 2013-06-30.")
    assert points[6].text == "Den redovisade omslutningsförändringen med 343,2 mnkr godkänns."


def test_it_reads_the_six_attachments(decision):
    assert [(a.number, a.title) for a in decision.attachments] == [
        (1, "Nämnders budget/verksamhetsplan 2013"),
        (2, "Aktivitetsplan för upphandling och konkurens"),
        (3, "Jämställdhets- och mångfaldsplan för stadsledningskontoret 2013-2015"),
        (4, "Risk & Väsentlighet Indikatorer 2013"),
        (5, "Risk & Väsentlighet Processer 2013"),
        (6, "Internkontrollplan 2013"),
    ]


def test_it_reads_the_five_reservations(decision):
    assert [(r.forum, r.party, r.members, r.refers_to) for r in decision.reservations] == [
        ("borgarrådsberedningen", "S", ["Karin Wanngård"], None),
        ("borgarrådsberedningen", "MP", ["Daniel Helldén"], None),
        (
            "kommunstyrelsen",
            "S",
            ["Karin Wanngård", "Roger Mogert", "Tomas Rudin"],
            {"party": "S", "forum": "borgarrådsberedningen"},
        ),
        (
            "kommunstyrelsen",
            "MP",
            ["Åsa Jernberg", "Stefan Nilsson"],
            {"party": "MP", "forum": "borgarrådsberedningen"},
        ),
        ("kommunstyrelsen", "V", ["Ann-Margarethe Livh"], None),
    ]
    # The memorandum names the members with their titles in the committee only.
    assert [r.titles for r in decision.reservations] == [
        ["borgarrådet"],
        ["borgarrådet"],
        ["", "", ""],
        ["", ""],
        [""],
    ]
    mp = decision.reservations[1]
    assert [p.number for p in mp.decision_points] == [1, 2, 3, 4]
    assert (
        mp.decision_points[3].text
        == "Godkänna den redovisade omslutningsförändringen med 343,2 mnkr."
    )
    assert decision.reservations[0].text.startswith("Sverige och Stockholm står inför en sjunkande")
    # Headings stand as paragraphs of their own.
    assert mp.text.startswith(
        "KOMMUNSTYRELSEN M.M.\n\nCentrala funktioner för klimat och lika rättigheter\n\n"
        "Kommunstyrelsen har det övergripande ansvaret"
    )


def test_it_reads_the_three_amendments_as_operations(decision):
    assert [(a.point, a.operation, a.section) for a in decision.amendments] == [
        (2, "change_activity", "1.3"),
        (3, "add_activity", "2.1"),
        (4, "remove_activity", "2.2"),
    ]
    change, add, remove = decision.amendments
    assert change.activity.startswith(IDEAS) and change.end.isoformat() == "2013-06-30"
    assert (add.board_goal, add.title) == (EASY_CHOICE, NEW_ACTIVITY)
    assert remove.activity.startswith(METHODS)


def test_importing_the_sample_records_its_decision(db, styr, sample_path):
    styr("import-plan", str(sample_path))
    case = Case.objects.get()
    assert case.plan.title == "Verksamhetsplan 2013 för kommunstyrelsen"
    assert (
        case.decision_points.filter(reservation=None).count(),
        case.attachments.count(),
        case.reservations.count(),
        case.amendments.count(),
    ) == (7, 6, 5, 3)
    referring = case.reservations.exclude(refers_to=None)
    assert [(r.party, r.refers_to.party, r.refers_to.forum) for r in referring] == [
        ("S", "S", "borgarrådsberedningen"),
        ("MP", "MP", "borgarrådsberedningen"),
    ]


def test_adopting_applies_the_amendments_and_keeps_the_proposal(db, sample_plan, case):
    plan_adopt(plan=sample_plan)
    plan = Plan.objects.get(pk=sample_plan.pk)
    assert plan.status == "adopted"
    ideas = Activity.objects.get(title__startswith=IDEAS)
    assert ideas.end.isoformat() == "2013-06-30"
    new = Activity.objects.get(title=NEW_ACTIVITY)
    assert new.board_goal.title == EASY_CHOICE
    assert (new.start.isoformat(), new.end.isoformat()) == ("2013-01-01", "2013-12-31")
    assert not Activity.objects.filter(title__startswith=METHODS).exists()
    proposal = version_document(latest_version(plan, "proposal"))
    assert any(a.title.startswith(METHODS) for a in proposal.activities())
    assert proposal.status == "proposal"


def test_the_diff_between_proposal_and_adopted_plan_is_the_three_amendments(db, sample_plan, case):
    plan_adopt(plan=sample_plan)
    proposal = version_document(latest_version(sample_plan, "proposal"))
    adopted = version_document(latest_version(sample_plan, "adopted"))
    assert adopted.to_json() == plan_document(sample_plan.pk).to_json()
    changes = [
        (d.change, d.kind, d.where.split(" ›")[0], d.name[:30], d.fields)
        for d in plan_diff(proposal, adopted)
    ]
    assert changes == [
        ("changed", "activity", "1.3", IDEAS[:30], [("end", "2013-12-31", "2013-06-30")]),
        ("removed", "activity", "2.2", METHODS[:30], []),
        ("added", "activity", "2.1", NEW_ACTIVITY[:30], []),
    ]


def test_an_adopted_plan_is_not_adopted_again(db, sample_plan, case):
    plan_adopt(plan=sample_plan)
    with pytest.raises(Refused, match="is adopted: only a decision changes it"):
        plan_adopt(plan=Plan.objects.get(pk=sample_plan.pk))


def test_the_command_line_refuses_to_replace_an_adopted_plan(
    db, styr, sample_path, sample_plan, case
):
    plan_adopt(plan=sample_plan)
    run = styr("import-plan", str(sample_path), "--replace")
    assert "is adopted: only a decision changes it" in run.err


def test_an_amendment_naming_what_the_plan_lacks_is_refused(sample_plan):
    missing = AmendmentDoc(2, "remove_activity", "1.3", activity="Bygga en bro till månen")
    with pytest.raises(AmendmentError) as error:
        rehearse(sample_plan, [missing])
    assert str(error.value) == "point 2: section 1.3 has no activity “Bygga en bro till månen”"
    no_section = AmendmentDoc(3, "add_activity", "9.9", title="Något")
    with pytest.raises(AmendmentError, match=re.escape("point 3: the plan has no section 9.9")):
        rehearse(sample_plan, [no_section])


def test_a_rehearsal_changes_nothing(sample_plan, decision):
    before = plan_document(sample_plan.pk).to_json()
    rehearse(sample_plan, decision.amendments)
    assert plan_document(sample_plan.pk).to_json() == before


def test_adopting_keeps_each_parts_address_and_history(db, sample_plan, case, planner):
    ideas = Activity.objects.get(title__startswith=IDEAS)
    ideas.responsible = planner
    ideas.save()
    plan_adopt(plan=sample_plan)
    adopted = Activity.objects.get(pk=ideas.pk)
    assert (adopted.end.isoformat(), adopted.responsible) == ("2013-06-30", planner)
    assert adopted.history.count() == 3  # imported, given a responsible person, amended


def test_a_decision_with_a_bad_amendment_is_not_recorded(db, sample_plan, decision):
    bad = AmendmentDoc(4, "remove_activity", "2.2", activity="Finns inte")
    with pytest.raises(DecisionError, match=re.escape("section 2.2 has no activity “Finns inte”")):
        case_import(
            plan=sample_plan, decision=type(decision)(**{**vars(decision), "amendments": [bad]})
        )
    assert not Case.objects.exists()


def test_adopt_and_export_on_the_command_line(db, styr, sample_path):
    plan_id = json.loads(styr("import-plan", str(sample_path), "--json").out)["id"]
    assert "adopted as version 2" in styr("adopt", str(plan_id)).out
    proposal = json.loads(styr("export-plan", str(plan_id), "--version", "proposal").out)
    adopted = json.loads(styr("export-plan", str(plan_id), "--version", "adopted").out)
    assert (proposal["status"], adopted["status"]) == ("proposal", "adopted")
    exported = json.loads(styr("export-decision", str(plan_id), "--format", "json").out)
    assert exported["diary_number"] == "112-1726/2012"
    assert len(exported["decision_points"]) == 7
    assert len(exported["attachments"]) == 6
    assert [(r["forum"], r["party"]) for r in exported["reservations"]][2] == (
        "kommunstyrelsen",
        "S",
    )
    assert exported["reservations"][3]["members"] == ["Åsa Jernberg", "Stefan Nilsson"]
    assert [r["titles"] for r in exported["reservations"]][:2] == [["borgarrådet"]] * 2
    assert [a["operation"] for a in exported["amendments"]] == [
        "change_activity",
        "add_activity",
        "remove_activity",
    ]


def test_a_reservation_whose_head_never_ends_is_read_in_time():
    text = (
        "PM 2013: RI (Dnr 112-1726/2012)\nVerksamhetsplan 2013 för kommunstyrelsen\n"
        + "Reservation anfördes av ledamoten Anna Andersson (S)\n"
        + "och av fler utan punkt\n" * 25_000
        + "ÄRENDET\n"
    )
    started = time.perf_counter()
    decision = read_plan(text.encode()).decision
    assert time.perf_counter() - started < 2
    assert [(r.party, r.members) for r in decision.reservations] == [("S", ["Anna Andersson"])]


@pytest.mark.parametrize(
    "old, new, message",
    [
        (
            "Daniel Helldén (MP)",
            "Daniel Helldén (" + "P" * 50 + ")",
            "reservation 2: party: Ensure this value has at most 20 characters (it has 50).",
        ),
        (
            "1. Nämnders budget/verksamhetsplan 2013",
            "1. " + "B" * 400,
            "attachment 1: title: Ensure this value has at most 300 characters (it has 400).",
        ),
        (
            "(Dnr 112-1726/2012)",
            "(Dnr " + "1" * 80 + ")",
            "the case: diary_number: Ensure this value has at most 50 characters (it has 80).",
        ),
        (
            "under avsnitt 2.2 utgår",
            "under avsnitt 123456789.123456789 utgår",
            "amendment in point 4: section: Ensure this value has at most 10 characters",
        ),
    ],
    ids=["party", "attachment", "diary number", "amendment's section"],
)
def test_a_decision_value_too_long_to_keep_is_refused_and_nothing_saved(
    db, styr, tmp_path, sample_text, old, new, message
):
    path = tmp_path / "plan.txt"
    path.write_text(sample_text.replace(old, new, 1), encoding="utf-8")

    run = styr("import-plan", str(path))

    assert f"plan.txt: the decision: {message}" in run.err
    assert "nothing was saved" in str(run.error)
    assert not Plan.objects.exists() and not Case.objects.exists()
