"""The history on the model page: every step in German, with what a reader needs to know."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from modelle import services
from modelle.models import Modellversion
from modelle.services import diskussion, freigabe, nachnutzung

pytestmark = pytest.mark.django_db


def _verlauf(user, modell) -> list[str]:
    """The history's lines as a reader sees them, without the timestamps."""
    client = Client()
    client.force_login(user)
    seite = client.get(f"/modelle/{modell.uuid}/").content.decode()
    anfang = seite.index('<ol class="verlauf">')
    liste = seite[anfang : seite.index("</ol>", anfang)]
    zeilen = re.findall(r"<li>(.*?)</li>", liste, flags=re.S)
    ohne_zeit = [re.sub(r'<span class="help">[^<]*</span> – ', "", z) for z in zeilen]
    return [re.sub(r"\s+", " ", z).strip() for z in ohne_zeit]


def test_verlauf_nennt_jeden_schritt_deutsch(
    redakteur_a, admin_a, kommune_a, make_mitglied, kommune_b, modell_von, verarbeitet
):
    # GIVEN a model of A that went through review, got new details, a comment and a reuse by B
    version = modell_von(redakteur_a, kommune_a, "Hundesteuer anmelden", lizenz="cc-by-4.0")
    modell = version.modell
    verarbeitet(freigabe.zur_pruefung_geben, user=redakteur_a, version=version)
    verarbeitet(freigabe.zurueckgeben, user=admin_a, version=version, kommentar="Lane fehlt")
    verarbeitet(freigabe.zur_pruefung_geben, user=redakteur_a, version=version)
    verarbeitet(freigabe.freigeben, user=admin_a, version=version)
    services.modell_aendern(
        user=redakteur_a,
        modell=modell,
        daten={"titel": "Hundesteuer an- und abmelden", "ansprechperson": "Frau Muster"},
    )
    redakteur_b = make_mitglied(kommune_b, "bearbeiten")
    version = Modellversion.objects.get(pk=version.pk)
    kommentar = verarbeitet(
        diskussion.kommentar_schreiben, user=redakteur_b, version=version, text="Gut gemacht"
    )
    diskussion.kommentar_loeschen(user=redakteur_b, kommentar=kommentar)
    verarbeitet(nachnutzung.nachnutzen, user=redakteur_b, version=version, kommune=kommune_b)

    # WHEN A's admin reads the history
    zeilen = _verlauf(admin_a, modell)

    # THEN every step has its German name and only the detail meant for people: no action keys,
    # no comment ids, the return remark quoted, the reusing Kommune and the changed fields named
    a, r, b = admin_a.anzeigename(), redakteur_a.anzeigename(), redakteur_b.anzeigename()
    assert zeilen == [
        f"{b}: Von einer anderen Kommune nachgenutzt (Version 1) – {kommune_b.name}",
        f"{b}: Kommentar gelöscht",
        f"{b}: Kommentar geschrieben (Version 1)",
        f"{r}: Angaben zum Prozessmodell geändert – Titel, Ansprechperson",
        f"{a}: Version freigegeben (Version 1)",
        f"{r}: Version zur Prüfung gegeben (Version 1)",
        f"{a}: Version zurückgegeben (Version 1)<br><q>Lane fehlt</q>",
        f"{r}: Version zur Prüfung gegeben (Version 1)",
        f"{r}: Version hochgeladen (Version 1)",
        f"{r}: Prozessmodell angelegt",
    ]
