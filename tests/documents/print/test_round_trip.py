"""The key promise of the PDF: read back with `styr import-plan`, it gives the same plan."""

import json

from styr.planning.models import Plan


def test_the_plans_pdf_imports_back_to_the_same_plan(db, styr, sample_plan, sample_pdf, tmp_path):
    original = styr("export-plan", str(sample_plan.pk)).out
    path = tmp_path / sample_pdf.name
    path.write_bytes(sample_pdf.content)
    Plan.objects.all().delete()
    run = styr("import-plan", str(path), "--json")
    assert run.error is None, run.error
    assert styr("export-plan", str(json.loads(run.out)["id"])).out == original


def test_the_pdf_is_named_for_what_it_is(sample_pdf):
    assert sample_pdf.name == "kommunstyrelsen-2013-verksamhetsplan-forslag.pdf"
    assert sample_pdf.media_type == "application/pdf"
