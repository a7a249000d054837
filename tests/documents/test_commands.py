"""`styr export-plan|export-report|export-decision ID --format F [--output PATH]` write every
format of the registry, the way the web does."""

import pytest

from styr.documents.exporters import exporters_for
from styr.documents.subjects import PlanSubject

pytestmark = pytest.mark.usefixtures("in_english")


def test_every_format_of_a_plan_writes_the_file_the_web_serves(
    styr, adopted_plan, client, tmp_path
):
    for exporter in exporters_for("plan"):
        if exporter.slow:
            continue  # the same exporter, made by a task: tested below with one of them
        folder = tmp_path / exporter.identifier
        folder.mkdir()
        run = styr(
            "export-plan",
            str(adopted_plan.pk),
            "--format",
            exporter.identifier,
            "--output",
            str(folder),
        )
        assert run.error is None, (exporter.identifier, run.error)
        [written] = folder.iterdir()
        assert written.name.startswith("kommunstyrelsen-2013-verksamhetsplan-antagen")
        answer = client.get(f"/planer/kommunstyrelsen/2013/ladda-ned/{exporter.identifier}/")
        assert answer["Content-Disposition"].endswith(f'filename="{written.name}"')
        if exporter.rendered(PlanSubject(adopted_plan), b"").is_text:
            # A zip (Word, Excel) differs in the moment it was packed, not in what it says.
            assert written.read_bytes() == answer.content, exporter.identifier


def test_text_goes_to_standard_output_and_binary_only_to_a_file(styr, adopted_plan):
    text = styr("export-plan", str(adopted_plan.pk), "--format", "csv").out
    assert text.startswith("\ufeffLevel;Number;Title;")
    run = styr("export-plan", str(adopted_plan.pk), "--format", "xlsx")
    assert "Excel is not text: give --output FILE or --output FOLDER" in str(run.error)


def test_a_report_writes_to_a_named_file(styr, annual_report, tmp_path):
    path = tmp_path / "arsrapport.json"
    run = styr("export-report", str(annual_report.plan.pk), "year", "--output", str(path))
    assert run.out.strip() == f"wrote {path}"
    assert path.read_text(encoding="utf-8").startswith('{\n  "format": "styr-report/1"')


def test_an_unknown_format_is_refused_with_the_choices(styr, adopted_plan):
    run = styr("export-plan", str(adopted_plan.pk), "--format", "mp3")
    assert "invalid choice: 'mp3'" in str(run.error)
    assert "json" in str(run.error)
