"""The Kreise and Kommunen of Baden-Württemberg from the shipped fixture (facts, not demo data)."""

from __future__ import annotations

import json
from pathlib import Path

from .suche import suchtext_fuer

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
    # The data migration 0002 passes a historical model that has no search text yet (0003 adds
    # and fills it); later callers get it filled here, since bulk_create skips save().
    mit_suchtext = any(f.name == "suchtext" for f in kommune_model._meta.get_fields())
    neu = []
    for row in daten:
        if row["model"] != "kommunen.kommune" or (f := row["fields"])["ags"] in vorhanden:
            continue
        kreis = kreise[f["kreis"]]
        kommune = kommune_model(ags=f["ags"], name=f["name"], slug=f["slug"], kreis=kreis)
        if mit_suchtext:
            kommune.suchtext = suchtext_fuer(f["name"], kreis.art, kreis.name)
        neu.append(kommune)
    kommune_model.objects.bulk_create(neu, batch_size=500)
    return len(neu)
