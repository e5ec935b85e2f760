"""The programme's results for the coordination, and a Kommune's public list of models."""

from __future__ import annotations

import pytest
from django.test import Client

from modelle.services import freigabe
from schulungen.models import Einschreibung, Kohorte

pytestmark = pytest.mark.django_db


@pytest.fixture
def kohorte(kommune_a, kommune_b):
    k = Kohorte.objects.create(
        name="Kohorte 2025/26", jahr=2025, beginn="2025-09-01", ende="2026-07-31",
        anmeldeschluss="2025-08-01", max_kommunen=10, status="laufend",
    )  # fmt: skip
    for kommune in (kommune_a, kommune_b):
        Einschreibung.objects.create(kohorte=k, kommune=kommune, status="bestaetigt")
    return k


def test_ergebnisse_je_kohorte_und_kommune_mit_csv(
    kohorte, redakteur_a, admin_a, kommune_a, koordinator, modell_von, verarbeitet, mitglied_a
):
    eins = modell_von(redakteur_a, kommune_a, "Hundesteuer", kohorte=kohorte)
    modell_von(redakteur_a, kommune_a, "Bauantrag", kohorte=kohorte)
    modell_von(redakteur_a, kommune_a, "Ohne Kohorte")
    verarbeitet(freigabe.zur_pruefung_geben, user=redakteur_a, version=eins)
    verarbeitet(freigabe.freigeben, user=admin_a, version=eins)

    client = Client()
    client.force_login(koordinator)
    text = client.get("/koordination/ergebnisse/").content.decode()
    assert "Kohorte 2025/26" in text
    assert (
        '<th scope="row"><a href="/kommunen/boeblingen/">Böblingen, Stadt</a></th>'
        "<td>2</td><td>0</td><td>1</td>" in text
    )
    assert (
        '<a href="/kommunen/leonberg/">Leonberg, Stadt</a></th><td>0</td><td>0</td><td>0</td>'
        in text
    )
    csv = client.get("/koordination/ergebnisse.csv")
    assert csv["Content-Disposition"].startswith('attachment; filename="programm-ergebnisse-')
    assert csv.content.decode("utf-8-sig").splitlines() == [
        "Kohorte;Jahr;Kommune;AGS;eingebracht;in Prüfung;freigegeben",
        "Kohorte 2025/26;2025;Böblingen, Stadt;08115003;2;0;1",
        "Kohorte 2025/26;2025;Leonberg, Stadt;08115028;0;0;0",
    ]
    # members of a Kommune do not see it
    mitglied = Client()
    mitglied.force_login(mitglied_a)
    assert mitglied.get("/koordination/ergebnisse/").status_code == 404
    assert mitglied.get("/koordination/ergebnisse.csv").status_code == 404


def test_kommunenseite_zeigt_freigegebene_modelle(
    redakteur_a, admin_a, kommune_a, mitglied_b, modell_von, verarbeitet
):
    frei = modell_von(redakteur_a, kommune_a, "Hundesteuer", sichtbarkeit="oeffentlich")
    verarbeitet(freigabe.zur_pruefung_geben, user=redakteur_a, version=frei)
    verarbeitet(freigabe.freigeben, user=admin_a, version=frei)
    modell_von(redakteur_a, kommune_a, "Geheimer Entwurf")
    b = Client()
    b.force_login(mitglied_b)
    text = b.get("/kommunen/boeblingen/").content.decode()
    assert f'href="/modelle/{frei.modell.uuid}/"' in text
    assert f'src="/modelle/{frei.modell.uuid}/versionen/1/vorschau.png"' in text
    assert "Geheimer Entwurf" not in text
    anonym = Client().get("/kommunen/boeblingen/").content.decode()
    assert f'href="/modelle/{frei.modell.uuid}/"' in anonym


def test_csv_kopf_geht_durch_die_uebersetzung(monkeypatch):
    # GIVEN a translation (here: upper case) — WHEN the CSV is built — THEN its header follows it
    from modelle import ergebnisse

    monkeypatch.setattr(ergebnisse, "_", str.upper)
    assert ergebnisse.als_csv_zeilen([]) == [
        ["KOHORTE", "JAHR", "KOMMUNE", "AGS", "EINGEBRACHT", "IN PRÜFUNG", "FREIGEGEBEN"]
    ]
