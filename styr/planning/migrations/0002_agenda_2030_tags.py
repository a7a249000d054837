"""Tags for the 17 goals of Agenda 2030, which Swedish municipalities tie their plans to."""

from django.db import migrations

GOALS = [
    "Ingen fattigdom",
    "Ingen hunger",
    "Hälsa och välbefinnande",
    "God utbildning för alla",
    "Jämställdhet",
    "Rent vatten och sanitet för alla",
    "Hållbar energi för alla",
    "Anständiga arbetsvillkor och ekonomisk tillväxt",
    "Hållbar industri, innovationer och infrastruktur",
    "Minskad ojämlikhet",
    "Hållbara städer och samhällen",
    "Hållbar konsumtion och produktion",
    "Bekämpa klimatförändringarna",
    "Hav och marina resurser",
    "Ekosystem och biologisk mångfald",
    "Fredliga och inkluderande samhällen",
    "Genomförande och globalt partnerskap",
]


def add_tags(apps, schema_editor):
    Tag = apps.get_model("planning", "Tag")
    for number, name in enumerate(GOALS, start=1):
        Tag.objects.get_or_create(
            slug=f"agenda-2030-{number}", defaults={"name": f"Agenda 2030: {number}. {name}"}
        )


def remove_tags(apps, schema_editor):
    apps.get_model("planning", "Tag").objects.filter(slug__startswith="agenda-2030-").delete()


class Migration(migrations.Migration):
    dependencies = [("planning", "0001_initial")]

    operations = [migrations.RunPython(add_tags, remove_tags)]
