"""The Kreise and Kommunen of Baden-Württemberg from the shipped fixture (facts, not demo data)."""

from __future__ import annotations

import json
from pathlib import Path

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "bw_kommunen.json"


def stammdaten_laden(kreis_model, kommune_model) -> int:
    """Create missing Kreise and Kommunen; existing rows (membership flags) are left alone.

    Takes the model classes so the data migration can pass its historical models.
    Returns the number of Kommunen created.
    """
    daten = json.loads(FIXTURE.read_text(encoding="utf-8"))
    kreise = {}
    for row in daten:
        if row["model"] == "kommunen.kreis":
            f = row["fields"]
            kreise[row["pk"]], _ = kreis_model.objects.get_or_create(
                schluessel=f["schluessel"],
                defaults={k: f[k] for k in ("name", "art", "regierungsbezirk")},
            )
    vorhanden = set(kommune_model.objects.values_list("ags", flat=True))
    neu = kommune_model.objects.bulk_create(
        [
            kommune_model(ags=f["ags"], name=f["name"], slug=f["slug"], kreis=kreise[f["kreis"]])
            for row in daten
            if row["model"] == "kommunen.kommune" and (f := row["fields"])["ags"] not in vorhanden
        ],
        batch_size=500,
    )
    return len(neu)
