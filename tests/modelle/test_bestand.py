"""`manage.py pruefe_bestand`: what the operator's monitoring sees (report and exit code)."""

from __future__ import annotations

import json
import os
import time
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from modelle import ablage
from modelle.models import Darstellung, Modellversion, Vorschau

V = Modellversion.Verarbeitung


def _pruefen(*args) -> tuple[int, str]:
    from io import StringIO

    ausgabe = StringIO()
    try:
        call_command("pruefe_bestand", *args, stdout=ausgabe, stderr=ausgabe)
    except SystemExit as exc:
        return exc.code, ausgabe.getvalue()
    return 0, ausgabe.getvalue()


def _alt_machen(pfad, tage: float = 2) -> None:
    alt = time.time() - tage * 86400
    os.utime(pfad, (alt, alt))


@pytest.fixture
def zwei_modelle(redakteur_a, kommune_a, modell_von):
    return (
        modell_von(redakteur_a, kommune_a, "Hundesteuer anmelden"),
        modell_von(redakteur_a, kommune_a, "Gewerbe anmelden"),
    )


def test_heiler_bestand_ist_in_ordnung(zwei_modelle):
    code, bericht = _pruefen()
    assert code == 0
    assert "Modellversionen: 2 (Dateien gelesen und Prüfsummen verglichen)" in bericht
    assert "Dateien im Speicher: 2" in bericht
    assert "Ergebnis: in Ordnung." in bericht


def test_fehlende_datei_wird_mit_version_genannt(zwei_modelle, speicher):
    version, _andere = zwei_modelle
    (speicher / version.datei).unlink()
    code, bericht = _pruefen()
    assert code == 1
    assert "Ergebnis: 1 Problem(e)." in bericht
    assert f"Datei fehlt: Version 1 von „Hundesteuer anmelden“ ({version.uuid})" in bericht


def test_veraenderte_datei_verletzt_die_pruefsumme(zwei_modelle, speicher):
    version, _andere = zwei_modelle
    pfad = speicher / version.datei
    pfad.write_bytes(pfad.read_bytes().replace(b"Antrag", b"Antrug"))
    code, bericht = _pruefen()
    assert code == 1
    assert "Prüfsumme falsch: Version 1 von „Hundesteuer anmelden“" in bericht
    # Without reading the files the change goes unnoticed — that is what the option says.
    code, bericht = _pruefen("--ohne-pruefsummen")
    assert code == 0
    assert "nur Vorhandensein der Dateien geprüft" in bericht


def test_datei_ohne_version_zaehlt_erst_nach_einem_tag(zwei_modelle, speicher):
    # GIVEN a file in storage that no version refers to (e.g. an upload whose commit failed)
    key, _sha, _neu = ablage.speichern(b"<definitions/>")
    # THEN while it is young it may be an upload in progress: counted, not a problem
    code, bericht = _pruefen()
    assert code == 0
    assert "Dateien ohne Version, jünger als das Mindestalter (laufende Uploads): 1" in bericht
    # WHEN it is two days old THEN it is an orphan
    _alt_machen(speicher / key)
    code, bericht = _pruefen()
    assert code == 1
    assert f"Datei ohne Version: {key}" in bericht


def test_haengende_verarbeitung(zwei_modelle):
    version, andere = zwei_modelle
    vor_einer_stunde = timezone.now() - timedelta(hours=1)
    Modellversion.objects.filter(pk=version.pk).update(
        verarbeitung=V.WARTEND, erstellt_am=vor_einer_stunde
    )
    Modellversion.objects.filter(pk=andere.pk).update(
        verarbeitung=V.LAEUFT, verarbeitung_beginn=timezone.now() - timedelta(minutes=5)
    )
    code, bericht = _pruefen()
    # The one waiting for an hour hangs; five minutes of running is still a running task.
    assert code == 1
    assert bericht.count("Verarbeitung hängt") == 1
    assert "„Hundesteuer anmelden“" in bericht
    assert _pruefen("--haengt-nach-minuten", "2")[1].count("Verarbeitung hängt") == 2


def test_verarbeitete_version_ohne_zeichnung_oder_vorschau(zwei_modelle):
    version, andere = zwei_modelle
    Vorschau.objects.filter(version=version).delete()
    Darstellung.objects.filter(version=andere).delete()
    code, bericht = _pruefen()
    assert code == 1
    assert "Vorschaubild fehlt: Version 1 von „Hundesteuer anmelden“" in bericht
    assert (
        "Zeichnungen unvollständig: Version 1 von „Gewerbe anmelden“"
        f" ({andere.uuid}) – 0 Zeichnungen gespeichert, 1 Diagramme erwartet." in bericht
    )


def test_vom_parser_abgelehnte_version_braucht_keine_zeichnung(zwei_modelle):
    # A file refused by the parser is `ungueltig` with the reason and nothing drawn: correct.
    version, _andere = zwei_modelle
    Vorschau.objects.filter(version=version).delete()
    Darstellung.objects.filter(version=version).delete()
    Modellversion.objects.filter(pk=version.pk).update(
        verarbeitung=V.UNGUELTIG, verarbeitung_grund="Kein BPMN.", diagramme=[]
    )
    assert _pruefen()[0] == 0


def test_json_bericht_fuer_make_trust(zwei_modelle, speicher, tmp_path):
    version, _andere = zwei_modelle
    (speicher / version.datei).unlink()
    ziel = tmp_path / "trust" / "bestand.json"
    code, _bericht = _pruefen("--json", str(ziel))
    daten = json.loads(ziel.read_text())
    assert code == 1
    assert (daten["ok"], daten["geprueft"], daten["fehler"], daten["versionen"]) == (
        False,
        True,
        1,
        2,
    )
    assert daten["arten"] == {"datei_fehlt": 1}


def test_nicht_lesbarer_speicher_ergibt_exit_code_2(db, settings, tmp_path):
    # GIVEN a storage whose folder of models cannot be listed (here: a file in its place)
    settings.MEDIA_ROOT = str(tmp_path)
    (tmp_path / ablage.PREFIX).write_text("kein Ordner")
    code, bericht = _pruefen()
    assert code == 2
    assert "Bestandsprüfung nicht möglich" in bericht
