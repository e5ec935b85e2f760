"""Modell prüfen: upload a BPMN file, see findings on the diagram; bad files get a German reason."""

import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

pytestmark = pytest.mark.django_db

DATEN = Path(__file__).parent / "bpmn" / "data"


def _hochladen(client, name: str, inhalt: bytes):
    return client.post("/modelle/pruefen/", {"datei": SimpleUploadedFile(name, inhalt)})


def test_sauberes_modell_zeigt_diagramm_und_kennzahlen(client_als, redakteur_a):
    antwort = _hochladen(
        client_als(redakteur_a), "antrag.bpmn", (DATEN / "antrag.bpmn").read_bytes()
    )
    text = antwort.content.decode()
    assert antwort.status_code == 200
    assert "keine Befunde" in text
    assert "<svg" in text and 'data-element-id="' in text
    assert "Übergaben zwischen Lanes" in text


def test_befunde_stehen_in_der_tabelle_und_am_element(client_als, redakteur_a):
    datei = (DATEN / "render" / "hostile_labels.bpmn").read_bytes()
    text = _hochladen(client_als(redakteur_a), "x.bpmn", datei).content.decode()
    assert "end-event-required" in text
    assert "befund-error" in text  # the flagged shape carries the highlight class


def test_labels_bleiben_text(client_als, redakteur_a):
    datei = (DATEN / "render" / "hostile_labels.bpmn").read_bytes()
    text = _hochladen(client_als(redakteur_a), "x.bpmn", datei).content.decode()
    assert "<script>alert(1)</script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "<svg onload" not in text


@pytest.mark.parametrize(
    ("inhalt", "meldung"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 100,
         "Die Datei ist kein wohlgeformtes XML. Am Anfang steht kein XML-Element – ist es "
         "wirklich eine BPMN-Datei? (Zeile 1)"),
        (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
         b'<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">&x;</definitions>',
         "Die Datei verweist auf externe Entitäten; das ist nicht erlaubt. (Zeile 1)"),
        (b"<html><body>kein Modell</body></html>",
         "Die Datei ist kein BPMN-2.0-Modell: Das Wurzelelement ist „html“, erwartet wird "
         "„definitions“. (Zeile 1)"),
    ],
)  # fmt: skip
def test_ungeeignete_datei_deutsche_meldung_am_feld_mit_dateinamen(
    client_als, redakteur_a, inhalt, meldung
):
    antwort = _hochladen(client_als(redakteur_a), "modell.bpmn", inhalt)
    text = antwort.content.decode()
    assert antwort.status_code == 400
    # at the file field, naming the file; never the XML library's English text
    assert f'<p class="error" role="alert">„modell.bpmn“: {meldung}</p>' in text
    assert "root:" not in text  # nothing from /etc/passwd


def test_zu_grosse_datei_mit_der_meldung_des_hochladens(client_als, redakteur_a):
    # GIVEN an 11 MiB file; WHEN it is checked
    antwort = _hochladen(client_als(redakteur_a), "gross.bpmn", b"<" + b" " * (11 * 1024 * 1024))
    # THEN the check page says what uploading it would say: its size, at the field
    assert antwort.status_code == 400
    assert (
        '<p class="error" role="alert">„gross.bpmn“: Die Datei ist 11,0 MiB groß; erlaubt sind '
        "höchstens 10 MiB je Modell.</p>"
    ) in antwort.content.decode()


def test_datei_wird_einmal_gelesen(client_als, redakteur_a, monkeypatch):
    from modelle import eingang
    from modelle.bpmn import analyse

    aufrufe = []

    def zaehlend(echt):
        def parse(daten):
            aufrufe.append(len(daten))
            return echt(daten)

        return parse

    monkeypatch.setattr(analyse, "parse", zaehlend(analyse.parse))
    monkeypatch.setattr(eingang, "parse", zaehlend(eingang.parse))
    daten = (DATEN / "antrag.bpmn").read_bytes()
    antwort = _hochladen(client_als(redakteur_a), "antrag.bpmn", daten)
    assert "keine Befunde" in antwort.content.decode()
    assert aufrufe == [len(daten)]


def test_ohne_datei(client_als, redakteur_a):
    antwort = client_als(redakteur_a).post("/modelle/pruefen/", {})
    assert antwort.status_code == 400
    assert "Bitte wählen Sie eine Datei aus." in antwort.content.decode()


def test_nur_angemeldet(client):
    assert client.get("/modelle/pruefen/").status_code == 302


VIEWER_MODELL = Path(__file__).parent / "data" / "gebuehr_zwei_diagramme.bpmn"


def test_alle_diagramme_der_datei_im_viewer(client_als, redakteur_a):
    text = _hochladen(
        client_als(redakteur_a), "gebuehr.bpmn", VIEWER_MODELL.read_bytes()
    ).content.decode()
    # both diagrams are on the page (the script shows one at a time), with a choice between them
    assert text.count('<svg xmlns="http://www.w3.org/2000/svg" class="bpmn-diagram"') == 2
    assert 'data-diagram-id="Dia_Haupt"' in text and 'data-diagram-id="Dia_Gebuehr"' in text
    assert '<option value="0">Hauptprozess</option>' in text
    assert '<option value="1">Gebühr berechnen</option>' in text
    assert "Die Datei enthält 2 Diagramme." in text
    # the scroll region is reachable by keyboard and named
    assert 'class="dv-flaeche" tabindex="0" role="region"' in text
    # findings point at their elements; errors are listed with the element's name
    assert 'data-element-id="Task_Nachfordern"' in text
    assert '<span class="dv-elementname">Unterlagen nachfordern</span>' in text
    # the script is loaded from our own static files, deferred
    assert 'src="/static/js/diagramm.js" defer' in text


def test_elementangaben_als_json_datenblock(client_als, redakteur_a):
    antwort = _hochladen(client_als(redakteur_a), "gebuehr.bpmn", VIEWER_MODELL.read_bytes())
    text = antwort.content.decode()
    anfang = text.index('<script id="pruefung-elemente" type="application/json">')
    block = text[anfang : text.index("</script>", anfang)]
    daten = json.loads(block[block.index(">") + 1 :])
    assert daten["Task_Pruefen"] == {
        "name": "Antrag prüfen",
        "typ": "Benutzeraufgabe",
        "doku": "Die Sachbearbeitung prüft, ob der Antrag vollständig ist "
        "und die Kommune zuständig ist.",
    }
    # no other inline script: the CSP allows only 'self'
    assert text.count("<script") == 2


def test_elementnamen_im_datenblock_bleiben_text(client_als, redakteur_a):
    datei = (DATEN / "render" / "hostile_labels.bpmn").read_bytes()
    text = _hochladen(client_als(redakteur_a), "x.bpmn", datei).content.decode()
    anfang = text.index('<script id="pruefung-elemente" type="application/json">')
    block = text[anfang : text.index("</script>", anfang)]
    daten = block[block.index(">") + 1 :]
    assert "<" not in daten  # json_script escapes markup characters
    assert json.loads(daten)["T1"]["name"] == "<script>alert(1)</script>"


def test_gepruefte_datei_in_die_bibliothek_uebernehmen(client_als, redakteur_a, kommune_a,
                                                        speicher):  # fmt: skip
    from modelle.models import Prozessmodell

    client = client_als(redakteur_a)
    seite = _hochladen(client, "antrag.bpmn", (DATEN / "antrag.bpmn").read_bytes())
    text = seite.content.decode()
    assert "In die Bibliothek übernehmen" in text
    sha = seite.context["uebernehmen_sha"]
    antwort = client.post("/modelle/pruefen/uebernehmen/", {"sha": sha, "kommune": kommune_a.pk})
    modell = Prozessmodell.objects.get()
    assert antwort["Location"] == f"/modelle/{modell.uuid}/"
    assert (modell.kommune, modell.neueste_version.dateiname) == (kommune_a, "antrag.bpmn")
    # the waiting copy is used once
    nochmal = client.post(
        "/modelle/pruefen/uebernehmen/", {"sha": sha, "kommune": kommune_a.pk}, follow=True
    )
    assert "Die geprüfte Datei liegt nicht mehr bereit." in nochmal.content.decode()
    assert Prozessmodell.objects.count() == 1


def test_leser_sieht_kein_uebernehmen(client_als, mitglied_a):
    seite = _hochladen(client_als(mitglied_a), "antrag.bpmn", (DATEN / "antrag.bpmn").read_bytes())
    assert "In die Bibliothek übernehmen" not in seite.content.decode()
    # and naming a Kommune by hand does not help
    antwort = client_als(mitglied_a).post(
        "/modelle/pruefen/uebernehmen/", {"sha": "x", "kommune": 1}
    )
    assert antwort.status_code == 404
