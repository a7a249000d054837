"""styr export-plan writes the plan as open-data JSON, and that JSON imports back to the same."""

import json

from styr.planning.models import Plan


def test_it_exports_the_plan_as_read_from_the_document(db, styr, sample_plan, sample_document):
    run = styr("export-plan", str(sample_plan.pk), "--format", "json")
    assert json.loads(run.out) == sample_document.to_json()


def test_the_export_has_the_documented_shape(db, styr, sample_plan):
    exported = json.loads(styr("export-plan", str(sample_plan.pk)).out)
    assert exported["organisation"] == "Kommunstyrelsen"
    assert (exported["year"], exported["status"]) == (2013, "proposal")
    goal = exported["directions"][2]["goals"][0]
    assert goal["number"] == "3.1"
    assert goal["indicators"][2] == {
        "name": "Nämndens prognossäkerhet T2 (alla nämnder)",
        "periodicity": "year",
        "all_boards": True,
        "polarity": "higher",
        "aggregation": "by_unit",
        "board_target": None,
        "council_target": {
            "text": "+/- 1 %",
            "kind": "within",
            "value": "1",
            "unit": "%",
            "upper": None,
        },
    }
    assert goal["board_goals"][0]["activities"][0] == {
        "title": "Anpassa stadens projektstyrningsmetodik.",
        "start": "2013-01-01",
        "end": "2013-12-31",
    }
    budget = exported["budget"]
    assert budget["lines"][0] == {
        "name": "Stadsledning",
        "costs": "53.10",
        "revenues": None,
        "net": "53.10",
    }
    assert budget["total"] == {
        "name": "KS förslag till budget",
        "costs": "1385.60",
        "revenues": "-46.60",
        "net": "1339.00",
    }


def test_json_import_then_export_gives_identical_json(db, styr, sample_plan, tmp_path):
    exported = styr("export-plan", str(sample_plan.pk)).out
    Plan.objects.all().delete()
    path = tmp_path / "plan.json"
    path.write_text(exported, encoding="utf-8")
    plan_id = json.loads(styr("import-plan", str(path), "--json").out)["id"]
    assert styr("export-plan", str(plan_id)).out == exported


def test_it_lists_the_plans(db, styr, sample_plan):
    assert json.loads(styr("plans", "--json").out) == [
        {
            "id": sample_plan.pk,
            "organisation": "Kommunstyrelsen",
            "municipality": "Stockholms stad",
            "year": 2013,
            "status": "proposal",
            "title": "Verksamhetsplan 2013 för kommunstyrelsen",
        }
    ]


def test_it_says_when_there_is_no_such_plan(db, styr):
    assert (
        str(styr("export-plan", "4711").error)
        == "det finns ingen plan 4711; `styr plans` listar planerna"
    )
