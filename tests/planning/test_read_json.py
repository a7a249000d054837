"""A plan in JSON with mistakes is refused with the path of each mistake."""

import copy
import dataclasses
import json
from datetime import date

import pytest
from django.utils import translation

from styr.decisions.services import plan_adopt
from styr.planning.document import AssignmentDoc
from styr.planning.models import Plan
from styr.planning.selectors import plan_document
from styr.planning.services import plan_import

pytestmark = pytest.mark.usefixtures("in_english")


@pytest.fixture
def exported(sample_document):
    return sample_document.to_json()


def import_json(styr, tmp_path, data):
    path = tmp_path / "plan.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return styr("import-plan", str(path))


def test_it_names_the_line_of_broken_json(db, styr, tmp_path):
    run = import_json(styr, tmp_path, '{\n  "organisation": "Kommunstyrelsen",\n  "year": \n}')
    assert "plan.json: line 4: not valid JSON: Expecting value (column 1)" in run.err


def test_it_names_the_path_of_each_wrong_value(db, styr, tmp_path, exported):
    exported["year"] = "2013"
    run = import_json(styr, tmp_path, exported)
    assert 'plan.json: year: must be int, not "2013"' in run.err
    assert not Plan.objects.exists()


def test_it_reports_every_bad_item_not_just_the_first(db, styr, tmp_path, exported):
    goal = exported["directions"][0]["goals"][0]
    goal["activities"][0]["end"] = "2013-13-01"
    goal["indicators"][0]["council_target"]["kind"] = "more"
    exported["budget"]["lines"][1]["costs"] = "79,80"
    run = import_json(styr, tmp_path, exported)
    assert (
        "directions[0].goals[0].activities[0].end: “2013-13-01” is not a date (YYYY-MM-DD)"
        in run.err
    )
    assert (
        "directions[0].goals[0].indicators[0].council_target.kind: “more” is not one of" in run.err
    )
    assert "budget.lines[1].costs: “79,80” is not a number" in run.err
    assert "3 problems; nothing was saved" in str(run.error)


def test_it_checks_sums_in_json_too(db, styr, tmp_path, exported):
    exported["budget"]["total"]["costs"] = "1385.70"
    run = import_json(styr, tmp_path, exported)
    assert (
        "budget.total: the lines' costs add up to 1\u00a0385,60, but the total "
        "“KS förslag till budget” says 1\u00a0385,70" in run.err
    )
    assert not Plan.objects.exists()


def test_it_checks_fields_against_the_model(db, styr, tmp_path, exported):
    exported["directions"][0]["goals"][0]["indicators"][0]["council_target"]["unit"] = "x" * 30
    with translation.override("en"):
        run = import_json(styr, tmp_path, exported)
    assert "directions[0].goals[0].indicators[0]: unit: Ensure this value has at most 20" in run.err


def test_it_refuses_a_number_used_twice(db, styr, tmp_path, exported):
    exported["directions"][0]["goals"][1]["number"] = "1.1"
    run = import_json(styr, tmp_path, exported)
    assert "plan.json: directions[0].goals[1]: the number 1.1 is used twice" in run.err
    assert not Plan.objects.exists()


def test_it_refuses_a_target_whose_value_does_not_fit_its_kind(db, styr, tmp_path, exported):
    indicator = exported["directions"][0]["goals"][0]["indicators"][0]
    indicator["council_target"]["value"] = None
    indicator["board_target"] = {"text": "öka", "kind": "increase", "value": "3", "unit": ""}
    run = import_json(styr, tmp_path, exported)
    assert (
        "the target “36 %” of “Andel upphandlad verksamhet i konkurrens (alla nämnder)” is "
        "of kind value, which needs a value" in run.err
    )
    assert (
        "the target “öka” of “Andel upphandlad verksamhet i konkurrens (alla nämnder)” is "
        "of kind increase, which takes no value" in run.err
    )


def test_it_refuses_positive_revenues_and_a_net_without_costs(db, styr, tmp_path, exported):
    lines = exported["budget"]["lines"]
    lines[1].update(revenues="22.00", net="101.80")
    lines[0].update(costs=None)
    run = import_json(styr, tmp_path, exported)
    assert (
        "budget.lines[1]: the budget line “Förnyelseavdelning” has revenues 22,00: write "
        "revenues as negative numbers" in run.err
    )
    assert (
        "budget.lines[0]: the budget line “Stadsledning” has a net but no costs or revenues, "
        "and the net is their sum" in run.err
    )
    assert not Plan.objects.exists()


def test_a_plan_needs_its_municipality_and_organisation(db, styr, tmp_path, exported):
    exported["municipality"] = " "
    exported["organisation"] = ""
    run = import_json(styr, tmp_path, exported)
    assert "plan.json: organisation: is missing" in run.err
    assert not Plan.objects.exists()


def test_the_councils_assignments_go_through_json_and_back(db, styr, sample_document, tmp_path):
    document = copy.deepcopy(sample_document)
    document.assignments = [
        AssignmentDoc("Ta fram en plan för klimatkansliet", "Redovisas i T2.", date(2013, 8, 31)),
        AssignmentDoc("Utred licenspooler"),
    ]
    plan = plan_import(document=document)
    exported = plan_document(plan.pk).to_json()
    assert exported["assignments"] == [
        {
            "title": "Ta fram en plan för klimatkansliet",
            "description": "Redovisas i T2.",
            "due": "2013-08-31",
        },
        {"title": "Utred licenspooler", "description": "", "due": None},
    ]
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(exported, ensure_ascii=False), encoding="utf-8")
    assert styr("import-plan", str(path), "--replace").error is None
    assert plan_document(plan.pk).to_json() == exported


def test_a_json_that_says_adopted_is_imported_as_a_proposal_with_a_warning(
    db, styr, tmp_path, exported
):
    exported["status"] = "adopted"
    run = import_json(styr, tmp_path, exported)
    assert run.error is None
    plan = Plan.objects.get()
    assert plan.status == "proposal"
    assert not plan.versions.exists()
    assert (
        f"plan.json: warning: the document says adopted; it was imported as a proposal: "
        f"adopt it with `styr adopt {plan.pk}` by its decision"
    ) in run.err
    assert f"imported as plan {plan.pk}" in run.out


def test_a_dry_run_of_a_json_that_says_adopted_warns_too(db, styr, tmp_path, exported):
    exported["status"] = "adopted"
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(exported), encoding="utf-8")
    run = styr("import-plan", str(path), "--dry-run")
    assert "the document says adopted; it would be imported as a proposal" in run.err
    assert not Plan.objects.exists()


def test_a_json_that_says_proposal_gives_no_warning(db, styr, tmp_path, exported):
    run = import_json(styr, tmp_path, exported)
    assert Plan.objects.get().status == "proposal"
    assert "warning" not in run.err


def test_plan_import_never_makes_an_adopted_plan(db, sample_document):
    plan = plan_import(document=dataclasses.replace(sample_document, status="adopted"))
    assert plan.status == "proposal"
    assert Plan.objects.get().status == "proposal"


def test_replacing_an_adopted_plan_stays_refused(db, styr, tmp_path, sample_plan, exported):
    plan_adopt(plan=sample_plan)
    title, exported["title"] = exported["title"], "Ändrad utan beslut"
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(exported), encoding="utf-8")
    run = styr("import-plan", str(path), "--replace")
    assert f"plan {sample_plan.pk} is adopted: only a decision changes it" in run.err
    sample_plan.refresh_from_db()
    assert (sample_plan.status, sample_plan.title) == ("adopted", title)


# Hostile documents: each is refused with a message, never a traceback, and nothing is saved.
HOSTILE_JSON = {
    "nested 100 000 levels deep": (
        '{"sections": ' + "[" * 100_000 + "]" * 100_000 + "}",
        "the JSON is nested too deeply",
    ),
    "a number of 100 000 digits": (
        '{"year": ' + "9" * 100_000 + "}",
        "the JSON holds a number of 100000 digits; no value in a plan has more than 40",
    ),
    "a fraction of 100 000 digits": (
        '{"year": 0.' + "9" * 100_000 + "}",
        "the JSON holds a number of 100002 digits; no value in a plan has more than 40",
    ),
}


@pytest.mark.parametrize("case", HOSTILE_JSON)
def test_it_refuses_hostile_json_with_a_message(db, styr, tmp_path, case):
    text, message = HOSTILE_JSON[case]
    run = import_json(styr, tmp_path, text)
    assert f"plan.json: {message}" in run.err
    assert "1 problem; nothing was saved" in str(run.error)
    assert not Plan.objects.exists()


def test_it_refuses_an_amount_too_large_to_write(db, styr, tmp_path, exported):
    exported["budget"]["lines"][0]["costs"] = "1e999999"
    exported["budget"]["investments"][0]["amount"] = "-" + "9" * 100
    run = import_json(styr, tmp_path, exported)
    assert "budget.lines[0].costs: “1e999999” is not an amount Styr can keep" in run.err
    assert f"budget.investments[0].amount: “-{'9' * 29}…” is not an amount" in run.err
    assert len(run.err) < 2000
    assert not Plan.objects.exists()


def test_it_refuses_text_with_nul_or_lone_surrogates(db, styr, tmp_path, exported):
    exported["sections"][0]["title"] = "Ärendet\u0000"
    exported["directions"][0]["title"] = "Trygg \ud800stad"
    run = import_json(styr, tmp_path, json.dumps(exported))
    assert "plan.json: sections[0].title: holds a character that is not text (U+0000)" in run.err
    assert "directions[0].title: holds a character that is not text (U+D800)" in run.err
    assert not Plan.objects.exists()


def test_it_refuses_sections_nested_deeper_than_a_document_goes(db, styr, tmp_path, exported):
    section = {"title": "Djup", "text": "", "sections": []}
    exported["sections"] = [section]
    for _ in range(400):
        section["sections"] = [{"title": "Djupare", "text": "", "sections": []}]
        section = section["sections"][0]
    run = import_json(styr, tmp_path, exported)
    assert (
        "plan.json: sections[0]" + ".sections[0]" * 10 + ": sections are nested more than "
        "10 levels deep" in run.err
    )
    assert not Plan.objects.exists()


def test_it_refuses_a_name_longer_than_the_register_keeps(db, styr, tmp_path, exported):
    exported["organisation"] = "K" * 201
    exported["office"] = "S" * 201
    with translation.override("en"):
        run = import_json(styr, tmp_path, exported)
    assert "plan.json: organisation: Ensure this value has at most 200 characters" in run.err
    assert "plan.json: office: Ensure this value has at most 200 characters" in run.err
    assert not Plan.objects.exists()
