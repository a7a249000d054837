"""Reports are opened when their plan is adopted, no longer on a first visit; a returned report
is shown as returned, no longer as a draft with a reason."""

from django.db import migrations

PERIODS = ["T1", "T2", "year"]


def forwards(apps, schema_editor):
    Plan = apps.get_model("planning", "Plan")
    Report = apps.get_model("followup", "Report")
    have = set(Report.objects.values_list("plan_id", "period"))
    Report.objects.bulk_create(
        Report(plan_id=plan_id, period=period)
        for plan_id in Plan.objects.filter(status="adopted").values_list("pk", flat=True)
        for period in PERIODS
        if (plan_id, period) not in have
    )
    Report.objects.filter(status="draft").exclude(return_reason="").update(status="returned")


def backwards(apps, schema_editor):
    Report = apps.get_model("followup", "Report")
    Report.objects.filter(status="returned").update(status="draft")


class Migration(migrations.Migration):
    dependencies = [
        ("followup", "0002_alter_historicalreport_status_alter_report_status"),
        ("planning", "0005_planversion_decided_on"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
