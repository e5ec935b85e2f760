"""Nachnutzung with provenance and licence, and comparing versions and variants."""

from __future__ import annotations

import pytest
from bpmn_bau import prozess
from django.test import Client
from rest_framework.test import APIClient

from modelle import services
from modelle.models import Modellversion, Prozessmodell
from modelle.services import freigabe
from prozessbibliothek.fehler import KeineBerechtigung, Konflikt

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


@pytest.fixture
def original(redakteur_a, admin_a, kommune_a, modell_von, verarbeitet):
    version = modell_von(redakteur_a, kommune_a, "Hundesteuer anmelden", lizenz="cc-by-4.0")
    verarbeitet(freigabe.zur_pruefung_geben, user=redakteur_a, version=version)
    verarbeitet(freigabe.freigeben, user=admin_a, version=version)
    return Modellversion.objects.get(pk=version.pk)


@pytest.fixture
def redakteur_b(make_mitglied, kommune_b):
    return make_mitglied(kommune_b, "bearbeiten", username="redakteur_b")


def test_in_meine_kommune_uebernehmen(original, redakteur_b, kommune_b, verarbeitet):
    client = _client(redakteur_b)
    seite = client.get(f"/modelle/{original.modell.uuid}/").content.decode()
    assert "In meine Kommune übernehmen" in seite
    antwort = verarbeitet(
        client.post, f"/modelle/{original.modell.uuid}/versionen/1/nachnutzen/",
        {"kommune": kommune_b.pk},
    )  # fmt: skip
    kopie = Prozessmodell.objects.get(kommune=kommune_b)
    assert antwort["Location"] == f"/modelle/{kopie.uuid}/"
    assert (kopie.abgeleitet_von, kopie.titel, kopie.lizenz) == (
        original, "Hundesteuer anmelden", "cc-by-4.0")  # fmt: skip
    v1 = kopie.versionen.get()
    assert (v1.status, v1.sha256, v1.verarbeitung) == ("entwurf", original.sha256, "ok")
    assert v1.aenderungsnotiz == (
        "Übernommen von Böblingen, Stadt: „Hundesteuer anmelden“, Version 1 "
        "(CC BY 4.0 (Namensnennung))."
    )
    text = client.get(antwort["Location"]).content.decode()
    assert "Übernommen von Böblingen, Stadt:" in text
    # the original shows by whom
    original.modell.refresh_from_db()
    assert original.modell.nachnutzungen == 1
    assert "1 Kommune hat dieses Modell übernommen: Leonberg, Stadt." in (
        _client(redakteur_b).get(f"/modelle/{original.modell.uuid}/").content.decode()
    )
    # a second time: refused, nothing doubled
    with pytest.raises(Konflikt):
        services.nachnutzen(user=redakteur_b, version=original, kommune=kommune_b)


def test_nachnutzungen_zaehlen_jede_uebernahme_genau_einmal(
    original, kommune_a, kommune_b, make_mitglied, verarbeitet
):
    from kommunen.models import Kommune
    from modelle.services.suchindex import katalog_aktualisieren

    # GIVEN a published model that was already taken over twice before the register recorded
    # where copies came from (its count says 2, no copy points at it)
    Prozessmodell.objects.filter(pk=original.modell_id).update(nachnutzungen=2)
    weitere = list(Kommune.objects.exclude(pk__in=[kommune_a.pk, kommune_b.pk]).order_by("ags")[:2])
    Kommune.objects.filter(pk__in=[k.pk for k in weitere]).update(ist_mitglied=True)

    def zahl() -> int:
        return Prozessmodell.objects.get(pk=original.modell_id).nachnutzungen

    # WHEN three more Kommunen take it over, THEN each one counts exactly once
    zaehlungen = []
    for i, kommune in enumerate([kommune_b, *weitere]):
        redaktion = make_mitglied(kommune, "bearbeiten", username=f"red{i}")
        kopie = verarbeitet(services.nachnutzen, user=redaktion, version=original, kommune=kommune)
        zaehlungen.append(zahl())
    assert zaehlungen == [3, 4, 5]
    # … and changing a copy leaves the original's count alone
    services.modell_aendern(user=redaktion, modell=kopie.modell, daten={"titel": "Unsere Fassung"})
    assert zahl() == 5
    # Only the full refresh (a repair) recounts from the copies that exist.
    katalog_aktualisieren(alle=True)
    assert zahl() == 3


def test_lizenz_alle_rechte_verbietet_nachnutzung(original, redakteur_b, kommune_b):
    Prozessmodell.objects.filter(pk=original.modell_id).update(lizenz="alle-rechte")
    original.refresh_from_db()
    with pytest.raises(KeineBerechtigung) as fehler:
        services.nachnutzen(user=redakteur_b, version=original, kommune=kommune_b)
    assert "erlaubt keine Nachnutzung" in fehler.value.meldung
    seite = _client(redakteur_b).get(f"/modelle/{original.modell.uuid}/").content.decode()
    assert "In meine Kommune übernehmen" not in seite
    assert "Die Lizenz „alle Rechte vorbehalten“ erlaubt keine Nachnutzung." in seite
    antwort = _client(redakteur_b).post(
        f"/modelle/{original.modell.uuid}/versionen/1/nachnutzen/", {"kommune": kommune_b.pk}
    )
    assert antwort.status_code == 403
    assert not Prozessmodell.objects.filter(kommune=kommune_b).exists()


def test_fremde_zielkommune_und_entwurf(original, redakteur_b, kommune_a, redakteur_a, modell_von):
    # the target must be one of the user's own Kommunen
    antwort = _client(redakteur_b).post(
        f"/modelle/{original.modell.uuid}/versionen/1/nachnutzen/", {"kommune": kommune_a.pk}
    )
    assert antwort.status_code == 404
    entwurf = modell_von(redakteur_a, kommune_a, "Entwurf")
    assert (
        _client(redakteur_b)
        .post(f"/modelle/{entwurf.modell.uuid}/versionen/1/nachnutzen/", {"kommune": 1})
        .status_code
        == 404
    )


def test_neuere_version_des_originals_meldet_sich(
    original, redakteur_a, admin_a, redakteur_b, kommune_b, datei, verarbeitet, mailoutbox
):
    kopie = verarbeitet(services.nachnutzen, user=redakteur_b, version=original, kommune=kommune_b)
    v2 = verarbeitet(
        services.version_hochladen, user=redakteur_a, modell=original.modell,
        datei=datei("v2.bpmn", prozess("Hundesteuer anmelden", ("Antrag prüfen", "Marke aus"))),
    )  # fmt: skip
    verarbeitet(freigabe.zur_pruefung_geben, user=redakteur_a, version=v2)
    verarbeitet(freigabe.freigeben, user=admin_a, version=v2)
    hinweis = [
        m for m in mailoutbox if m.subject == "Neue Version des Originals: Hundesteuer anmelden"
    ]
    assert [m.to for m in hinweis] == [["redakteur_b@example.org"]]
    seite = _client(redakteur_b).get(f"/modelle/{kopie.modell.uuid}/").content.decode()
    assert "Böblingen, Stadt hat inzwischen Version 2 des Originals freigegeben." in seite
    vergleich = f'href="/vergleich/?a={kopie.uuid}&amp;b={v2.uuid}"'
    assert vergleich in seite
    text = _client(redakteur_b).get(f"/vergleich/?a={kopie.uuid}&b={v2.uuid}").content.decode()
    assert "<strong>Neu:</strong> Aufgabe „Marke aus“" in text


def test_versionen_vergleichen(redakteur_a, kommune_a, modell_von, datei, verarbeitet):
    v1 = modell_von(redakteur_a, kommune_a, "Bauantrag")
    verarbeitet(
        services.version_hochladen, user=redakteur_a, modell=v1.modell,
        datei=datei("v2.bpmn", prozess("Bauantrag", ("Antrag vollständig prüfen", "Bescheid"))),
    )  # fmt: skip
    client = _client(redakteur_a)
    antwort = client.get(f"/modelle/{v1.modell.uuid}/vergleich/?a=1&b=2")
    text = antwort.content.decode()
    assert antwort.status_code == 200
    assert "<strong>Neu:</strong> Aufgabe „Bescheid“" in text
    assert (
        "<strong>Geändert:</strong> Aufgabe „Antrag vollständig prüfen“<ul><li>Name: "
        "„Antrag prüfen“ → „Antrag vollständig prüfen“</li></ul>" in text
    )
    # the new task is coloured in the newer picture, the renamed one in both
    assert 'class="bpmn-shape bpmn-task diff-neu" data-element-id="T1"' in text
    assert text.count('diff-geaendert" data-element-id="T0"') == 2
    api = APIClient()
    api.force_authenticate(redakteur_a)
    daten = api.get(f"/api/v1/modelle/{v1.modell.uuid}/vergleich/?a=1&b=2").json()
    assert (daten["neu"], daten["geaendert"], daten["entfernt"]) == (1, 1, 0)


def test_vergleich_mit_fremdem_entwurf_ist_404(original, redakteur_a, kommune_a, mitglied_b,
                                               modell_von):  # fmt: skip
    entwurf = modell_von(redakteur_a, kommune_a, "Entwurf")
    client = _client(mitglied_b)
    assert client.get(f"/vergleich/?a={original.uuid}&b={entwurf.uuid}").status_code == 404
    assert client.get(f"/modelle/{entwurf.modell.uuid}/vergleich/?a=1&b=1").status_code == 404
    assert client.get("/vergleich/?a=kaputt&b=").status_code == 404


def test_vergleich_nennt_angaben_deutsch_und_nie_none(
    redakteur_a, kommune_a, modell_von, datei, verarbeitet
):
    # GIVEN version 1 with a documented task, version 2 where the task lost its documentation,
    # repeats for several cases at once and carries a modelling tool's own attribute
    aufgabe = '<bpmn:task id="T0" name="Antrag prüfen">'
    v1 = prozess("Bauantrag").replace(
        aufgabe.encode(),
        (aufgabe + "<bpmn:documentation>Vollständigkeit prüfen</bpmn:documentation>").encode(),
    )
    v2 = (
        prozess("Bauantrag")
        .replace(
            aufgabe.encode(),
            '<bpmn:task xmlns:camunda="http://camunda.org/schema/1.0/bpmn" '
            'camunda:assignee="sachbearbeitung" id="T0" name="Antrag prüfen">'.encode(),
        )
        .replace(
            b"</bpmn:task>",
            b"<bpmn:multiInstanceLoopCharacteristics/></bpmn:task>",
        )
    )
    erste = verarbeitet(
        services.modell_anlegen, user=redakteur_a, kommune=kommune_a,
        datei=datei("v1.bpmn", v1), metadaten={"titel": "Bauantrag"},
    )  # fmt: skip
    verarbeitet(
        services.version_hochladen, user=redakteur_a, modell=erste.modell,
        datei=datei("v2.bpmn", v2),
    )  # fmt: skip
    # WHEN the two versions are compared
    text = _client(redakteur_a).get(f"/modelle/{erste.modell.uuid}/vergleich/?a=1&b=2")
    text = text.content.decode()
    # THEN each change is said in German; a side without a value is never "None"
    assert (
        "<strong>Geändert:</strong> Aufgabe „Antrag prüfen“<ul>"
        "<li>weitere Angabe „camunda:assignee“: neu gesetzt „sachbearbeitung“</li>"
        "<li>Dokumentation: entfernt (war „Vollständigkeit prüfen“)</li>"
        "<li>Wiederholung: neu gesetzt „mehrfach, gleichzeitig“</li></ul>"
    ) in text
    assert "None" not in text and "multiInstance" not in text


@pytest.mark.parametrize("verbergen", ["intern", "archiviert"])
def test_verborgenes_original_zeigt_nur_die_vermerkte_herkunft(
    original, admin_a, redakteur_b, kommune_b, verarbeitet, verbergen
):
    # GIVEN B's copy of A's published model
    kopie = verarbeitet(services.nachnutzen, user=redakteur_b, version=original, kommune=kommune_b)
    api = APIClient()
    api.force_authenticate(redakteur_b)
    url = f"/api/v1/modelle/{kopie.modell.uuid}/"
    assert api.get(url).json()["nachnutzung_von"] == {
        "modell": str(original.modell.uuid), "titel": "Hundesteuer anmelden", "version": 1,
        "kommune": "Böblingen, Stadt", "lizenz": "cc-by-4.0",
    }  # fmt: skip
    # WHEN A renames its model, changes the licence and hides it (intern, or archived)
    aenderung = {"titel": "Hundesteuer 2027 GEHEIM", "lizenz": "cc0-1.0"}
    if verbergen == "intern":
        aenderung["sichtbarkeit"] = "intern"
    services.modell_aendern(user=admin_a, modell=original.modell, daten=aenderung)
    if verbergen == "archiviert":
        freigabe.modell_archivieren(user=admin_a, modell=original.modell)
    client = _client(redakteur_b)
    assert client.get(f"/modelle/{original.modell.uuid}/").status_code == 404
    # THEN B's copy names only what it recorded: A's Kommune and the version taken over
    seite = client.get(f"/modelle/{kopie.modell.uuid}/").content.decode()
    assert "<p>Übernommen von Böblingen, Stadt, Version 1.</p>" in seite
    assert "GEHEIM" not in seite
    assert str(original.modell.uuid) not in seite
    assert "CC0" not in seite
    assert api.get(url).json()["nachnutzung_von"] == {
        "modell": None, "titel": None, "version": 1, "kommune": "Böblingen, Stadt",
        "lizenz": None,
    }  # fmt: skip
