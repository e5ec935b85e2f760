"""Search text for Kommunen: umlaut- and spelling-tolerant ("Boeblingen" finds Böblingen)."""

from django.db import migrations, models

from kommunen.suche import suchtext_fuer


def fuellen(apps, schema_editor):
    Kommune = apps.get_model("kommunen", "Kommune")
    kommunen = list(Kommune.objects.select_related("kreis"))
    for k in kommunen:
        k.suchtext = suchtext_fuer(k.name, k.kreis.art, k.kreis.name)
    Kommune.objects.bulk_update(kommunen, ["suchtext"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("kommunen", "0002_kommunen_laden")]
    operations = [
        migrations.AddField(
            model_name="kommune",
            name="suchtext",
            field=models.CharField(blank=True, editable=False, max_length=300),
        ),
        migrations.RunPython(fuellen, migrations.RunPython.noop),
    ]
