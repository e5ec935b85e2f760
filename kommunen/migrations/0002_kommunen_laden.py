"""Load the 44 Kreise and 1,104 Kommunen of Baden-Württemberg (facts, from the shipped fixture).

Every database has them from the start; existing rows (e.g. membership flags) are left alone.
"""

import json
from pathlib import Path

from django.db import migrations

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "bw_kommunen.json"


def laden(apps, schema_editor):
    Kreis = apps.get_model("kommunen", "Kreis")
    Kommune = apps.get_model("kommunen", "Kommune")
    daten = json.loads(FIXTURE.read_text(encoding="utf-8"))
    kreise = {}
    for row in daten:
        if row["model"] == "kommunen.kreis":
            f = row["fields"]
            kreis, _ = Kreis.objects.get_or_create(
                schluessel=f["schluessel"],
                defaults={k: f[k] for k in ("name", "art", "regierungsbezirk")},
            )
            kreise[row["pk"]] = kreis
    vorhanden = set(Kommune.objects.values_list("ags", flat=True))
    Kommune.objects.bulk_create(
        [
            Kommune(
                ags=row["fields"]["ags"],
                name=row["fields"]["name"],
                slug=row["fields"]["slug"],
                kreis=kreise[row["fields"]["kreis"]],
            )
            for row in daten
            if row["model"] == "kommunen.kommune" and row["fields"]["ags"] not in vorhanden
        ],
        batch_size=500,
    )


class Migration(migrations.Migration):
    dependencies = [("kommunen", "0001_initial")]
    operations = [migrations.RunPython(laden, migrations.RunPython.noop)]
