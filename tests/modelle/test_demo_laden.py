"""The demo library of `make run` goes through the real services and pipeline."""

from __future__ import annotations

import pytest

from modelle.demo import demo_erzeugen
from modelle.demo_daten.katalog import KATALOG
from modelle.models import Modellversion, Prozessmodell

pytestmark = pytest.mark.django_db(transaction=True)


def test_demo_modelle_laden(stammdaten, speicher):
    from kommunen.demo import demo_erzeugen as kommunen_demo
    from schulungen.demo import demo_erzeugen as schulungen_demo

    kommunen_demo(log=lambda _text: None)
    schulungen_demo(log=lambda _text: None)
    meldungen: list[str] = []
    demo_erzeugen(log=meldungen.append)

    assert Prozessmodell.objects.count() == len(KATALOG) == 20
    assert Modellversion.objects.count() == 28
    assert meldungen[0] == (
        "Demo-Modelle: 20 Prozessmodelle mit 28 Versionen geladen, 18 freigegeben."
    )
    assert meldungen[1].startswith("  Redaktion und Verwaltung je Demo-Kommune: redaktion.<ort>")
    # every version went through the worker's pipeline
    assert set(Modellversion.objects.values_list("verarbeitung", flat=True)) == {"ok", "warnungen"}
    # every state can be seen
    assert set(Modellversion.objects.values_list("status", flat=True)) == {
        "entwurf", "in_pruefung", "freigegeben", "archiviert"}  # fmt: skip
    kopie = Prozessmodell.objects.get(kommune__ags="08116019", titel="Hundesteuer anmelden")
    assert (kopie.abgeleitet_von.modell.kommune.name, kopie.abgeleitet_von.nummer) == (
        "Leonberg, Stadt", 1)  # fmt: skip
    assert kopie.abgeleitet_von.modell.nachnutzungen == 1
    # running it again changes nothing
    demo_erzeugen(log=meldungen.append)
    assert Modellversion.objects.count() == 28 and len(meldungen) == 2
