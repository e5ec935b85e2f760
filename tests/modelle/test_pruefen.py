"""Modell prüfen: upload a BPMN file, see findings on the diagram; bad files get a German reason."""

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
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "kein wohlgeformtes XML"),
        (
            b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b'<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">&x;</definitions>',
            "DOCTYPE",
        ),
        (b"<html><body>kein Modell</body></html>", "kein BPMN-2.0-Modell"),
    ],
)
def test_ungeeignete_datei_deutsche_begruendung(client_als, redakteur_a, inhalt, meldung):
    antwort = _hochladen(client_als(redakteur_a), "modell.bpmn", inhalt)
    text = antwort.content.decode()
    assert antwort.status_code == 400
    assert "Die Datei kann nicht geprüft werden" in text
    assert meldung in text
    assert "root:" not in text  # nothing from /etc/passwd


def test_zu_grosse_datei(client_als, redakteur_a):
    antwort = _hochladen(client_als(redakteur_a), "gross.bpmn", b" " * (10 * 1024 * 1024 + 1))
    assert antwort.status_code == 400
    assert "größer als 10 MiB" in antwort.content.decode()


def test_ohne_datei(client_als, redakteur_a):
    antwort = client_als(redakteur_a).post("/modelle/pruefen/", {})
    assert antwort.status_code == 400
    assert "Bitte wählen Sie eine Datei aus." in antwort.content.decode()


def test_nur_angemeldet(client):
    assert client.get("/modelle/pruefen/").status_code == 302
