"""Frictionless data packages: each unpacks to a datapackage.json whose resources validate
with `frictionless.validate`, and the budget's is a Fiscal Data Package whose amounts sum to
the budget's total."""

import io
import json
import zipfile
from decimal import Decimal

import frictionless
import pytest

import styr.documents.packages  # noqa: F401 (registers the exporters)
from styr.documents.exporters import NotExportable, exporter_for
from styr.documents.subjects import PlanSubject
from styr.followup.export import report_json
from styr.planning.editing import item_delete
from tests.documents.data.readback import csv_records, indicators_of, json_number, plain_number

pytestmark = pytest.mark.usefixtures("in_english")


def unpack(rendered, folder) -> dict:
    zipfile.ZipFile(io.BytesIO(rendered.content)).extractall(folder)
    return json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))


def errors(path) -> list:
    return frictionless.validate(path).flatten(["type", "note"])


def test_the_outcomes_package_validates_and_holds_the_report_outcomes(report_subjects, tmp_path):
    subject = report_subjects["year"]
    rendered = exporter_for("report", "outcomes-package").render(subject)
    package = unpack(rendered, tmp_path)

    assert errors(tmp_path / "datapackage.json") == []
    assert rendered.name == f"{subject.stem}-utfall-datapaket.zip"
    assert package["licenses"][0]["name"] == "CC0-1.0"
    assert package["contributors"] == [{"title": "Stockholms stad", "role": "publisher"}]
    records = csv_records((tmp_path / "utfall.csv").read_bytes(), ",")
    expected = indicators_of(report_json(subject.report)["goals"])
    assert [plain_number(r["outcome"]) for r in records] == [
        json_number(i["outcome"]["value"]) for i in expected
    ]
    assert "CC0" in (tmp_path / "README.md").read_text(encoding="utf-8")


def test_the_budget_package_is_a_fiscal_data_package(adopted_subject, tmp_path):
    package = unpack(exporter_for("plan", "budget-package").render(adopted_subject), tmp_path)

    assert package["profile"] == "fiscal-data-package"
    measure = package["model"]["measures"]["amount"]
    assert measure == {
        "source": "amount",
        "currency": "SEK",
        "factor": 1_000_000,
        "phase": "approved",
    }
    fields = {f["name"] for f in package["resources"][0]["schema"]["fields"]}
    dimensions = package["model"]["dimensions"]
    assert set(dimensions) == {"budget_line", "fiscal_year", "direction"}
    for dimension in dimensions.values():
        sources = {a["source"] for a in dimension["attributes"].values()}
        assert sources <= fields and dimension["primaryKey"] in dimension["attributes"]
    # frictionless would fetch the Fiscal Data Package profile from the web to check the model
    # (checked above); the package's resources and their data are checked here, offline.
    (tmp_path / "tabular.json").write_text(
        json.dumps({**package, "profile": "tabular-data-package"}), encoding="utf-8"
    )
    assert errors(tmp_path / "tabular.json") == []


def test_the_fiscal_amounts_sum_to_the_budget_total(adopted_subject, tmp_path):
    unpack(exporter_for("plan", "budget-package").render(adopted_subject), tmp_path)
    records = csv_records((tmp_path / "budget.csv").read_bytes(), ",")
    total = adopted_subject.document.budget.total

    assert sum(Decimal(r["amount"]) for r in records) == total.net == Decimal("1339.00")
    by_direction = {"expenditure": total.costs, "revenue": total.revenues}
    for direction, amount in by_direction.items():
        assert sum(Decimal(r["amount"]) for r in records if r["direction"] == direction) == amount


def test_a_proposal_is_published_as_a_proposed_budget(plan_subject, tmp_path):
    package = unpack(exporter_for("plan", "budget-package").render(plan_subject), tmp_path)

    assert package["model"]["measures"]["amount"]["phase"] == "proposed"
    assert package["name"] == plan_subject.stem


def test_the_licence_is_the_setting(plan_subject, settings, tmp_path):
    settings.STYR_OPEN_DATA_LICENCE = "CC-BY-4.0"
    package = unpack(exporter_for("plan", "budget-package").render(plan_subject), tmp_path)

    assert package["licenses"][0]["path"] == "https://creativecommons.org/licenses/by/4.0/"


def test_a_plan_without_a_budget_has_no_budget_package(sample_plan):
    for line in sample_plan.budget_lines.all():
        item_delete(item=line)

    with pytest.raises(NotExportable, match="no budget"):
        exporter_for("plan", "budget-package").render(PlanSubject(sample_plan))
