"""The worker's pipeline: results, idempotence, poison files, lost messages."""

from __future__ import annotations

from datetime import timedelta

import pytest
from bpmn_bau import mit_befund, prozess, schemaverletzung
from django.utils import timezone

from modelle import ablage, services, tasks
from modelle.models import Darstellung, Modellversion, Vorschau
from modelle.services import verarbeitung
from prozessbibliothek.celery import app as celery_app

pytestmark = pytest.mark.django_db
V = Modellversion.Verarbeitung


def _frisch(version) -> Modellversion:
    return Modellversion.objects.get(pk=version.pk)


def test_sauberes_modell_ist_ok_mit_zeichnung_vorschau_und_suchtext(
    redakteur_a, kommune_a, datei, verarbeitet
):
    # Tasks run eagerly in the embedded default: processing happened on commit.
    version = _frisch(
        verarbeitet(
            services.modell_anlegen,
            user=redakteur_a,
            kommune=kommune_a,
            datei=datei("h.bpmn", prozess("Hundesteuer", ("Steuermarke ausgeben",))),
        )
    )
    assert version.verarbeitung == V.OK
    assert version.befunde == []
    assert version.verarbeitung_versuche == 1
    assert version.kennzahlen["counts"]["tasks"]["total"] == 1
    assert version.diagramme == [{"name": "D", "elemente": 5}]
    assert "Steuermarke ausgeben" in version.suchtext
    darstellung = Darstellung.objects.get(version=version)
    assert darstellung.svg.startswith("<svg") and 'data-element-id="T0"' in darstellung.svg
    vorschau = Vorschau.objects.get(version=version)
    assert bytes(vorschau.png[:8]) == b"\x89PNG\r\n\x1a\n" and vorschau.breite == 400


def test_befunde_tragen_den_elementnamen(redakteur_a, kommune_a, datei, verarbeitet):
    version = _frisch(
        verarbeitet(
            services.modell_anlegen,
            user=redakteur_a,
            kommune=kommune_a,
            datei=datei("g", mit_befund()),
        )
    )
    assert version.verarbeitung == V.WARNUNGEN
    lose = [b for b in version.befunde if b["element_id"] == "Lose"]
    assert {b["rule"] for b in lose} == {
        "no-disconnected", "no-implicit-start", "no-implicit-end"
    }  # fmt: skip
    assert {b["name"] for b in lose} == {"Vergessene Aufgabe"}
    assert (
        'class="bpmn-shape bpmn-task befund-error"' in Darstellung.objects.get(version=version).svg
    )


def test_schemaverletzung_ist_ungueltig(redakteur_a, kommune_a, datei, verarbeitet):
    version = _frisch(
        verarbeitet(
            services.modell_anlegen,
            user=redakteur_a,
            kommune=kommune_a,
            datei=datei("k", schemaverletzung()),
        )
    )
    assert version.verarbeitung == V.UNGUELTIG
    assert [b["rule"] for b in version.befunde if b["rule"] == "xsd"] == ["xsd"]


def test_zweimal_verarbeiten_aendert_nichts(redakteur_a, kommune_a, modell_von):
    version = _frisch(modell_von(redakteur_a, kommune_a))
    vorher = (version.befunde, version.kennzahlen, version.verarbeitet_am)
    assert verarbeitung.version_verarbeiten(version_id=version.pk) is None
    nachher = _frisch(version)
    assert (nachher.befunde, nachher.kennzahlen, nachher.verarbeitet_am) == vorher
    assert nachher.verarbeitung_versuche == 1
    assert Darstellung.objects.filter(version=version).count() == 1


def test_erneute_zustellung_waehrend_des_laufs_ist_harmlos(redakteur_a, kommune_a, modell_von):
    # GIVEN a version whose first run died (still "laeuft") WHEN the message comes again
    version = modell_von(redakteur_a, kommune_a)
    Modellversion.objects.filter(pk=version.pk).update(
        verarbeitung=V.LAEUFT, verarbeitung_versuche=1
    )
    Darstellung.objects.filter(version=version).delete()
    # THEN it is processed once more, counted as attempt 2, and ends with one drawing
    assert verarbeitung.version_verarbeiten(version_id=version.pk) == V.OK
    frisch = _frisch(version)
    assert (frisch.verarbeitung, frisch.verarbeitung_versuche) == (V.OK, 2)
    assert Darstellung.objects.filter(version=version).count() == 1


def test_giftige_datei_endet_nach_drei_versuchen_als_fehler(redakteur_a, kommune_a, modell_von):
    # A file that killed the worker three times (each claim counted) is not tried a fourth time.
    version = modell_von(redakteur_a, kommune_a)
    Modellversion.objects.filter(pk=version.pk).update(
        verarbeitung=V.LAEUFT, verarbeitung_versuche=3
    )
    assert verarbeitung.version_verarbeiten(version_id=version.pk) == V.FEHLER
    frisch = _frisch(version)
    assert frisch.verarbeitung == V.FEHLER
    assert frisch.verarbeitung_grund.startswith("Die Verarbeitung wurde 3-mal abgebrochen")
    assert frisch.verarbeitung_versuche == 3


def _speicher_faellt_aus(monkeypatch, mal: int, fehler: Exception) -> list[int]:
    """The storage fails `mal` times with `fehler`, then answers again; returns the read count."""
    echt = ablage.lesen
    lesungen: list[int] = []

    def lesen(key):
        lesungen.append(1)
        if len(lesungen) <= mal:
            raise fehler
        return echt(key)

    monkeypatch.setattr(ablage, "lesen", lesen)
    return lesungen


def test_kurze_speicherausfaelle_verbrauchen_keine_versuche(
    redakteur_a, kommune_a, datei, monkeypatch
):
    # GIVEN a good model just uploaded (not committed, so not processed yet)
    version = services.modell_anlegen(
        user=redakteur_a, kommune=kommune_a, datei=datei("h.bpmn", prozess("Hundesteuer"))
    )
    # … and a storage that times out three times in a row and then is back
    lesungen = _speicher_faellt_aus(monkeypatch, 3, TimeoutError("S3 antwortet nicht"))
    # WHEN the task runs with Celery's own retries (eager: each retry runs at once; with
    # propagation on, eager mode would raise the first Retry instead of running it)
    monkeypatch.setitem(celery_app.conf, "task_eager_propagates", False)
    ergebnis = tasks.verarbeite_version.apply(args=[version.pk])
    # THEN the fourth run processes it: ok, no reason shown, one attempt counted
    assert ergebnis.get() == V.OK
    frisch = _frisch(version)
    assert len(lesungen) == 4
    assert (frisch.verarbeitung, frisch.verarbeitung_grund) == (V.OK, "")
    assert frisch.verarbeitung_versuche == 1
    assert Darstellung.objects.filter(version=version).count() == 1


def test_nach_einem_ausfall_wartet_die_version_wieder(
    redakteur_a, kommune_a, modell_von, monkeypatch
):
    # GIVEN a waiting version WHEN the database drops the connection while saving the result
    from django.db import OperationalError

    version = modell_von(redakteur_a, kommune_a)
    Modellversion.objects.filter(pk=version.pk).update(
        verarbeitung=V.WARTEND, verarbeitung_versuche=0
    )

    def weg(*_args, **_kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(verarbeitung, "katalog_aktualisieren", weg)
    # THEN the error goes up for the task to retry, and the page shows "wartend", not "läuft"
    with pytest.raises(OperationalError):
        verarbeitung.version_verarbeiten(version_id=version.pk)
    frisch = _frisch(version)
    assert (frisch.verarbeitung, frisch.verarbeitung_versuche) == (V.WARTEND, 0)


def test_fehlende_oder_veraenderte_datei(redakteur_a, kommune_a, modell_von, speicher):
    version = modell_von(redakteur_a, kommune_a)
    Modellversion.objects.filter(pk=version.pk).update(verarbeitung=V.WARTEND)
    pfad = speicher / version.datei
    pfad.write_bytes(b"manipuliert")
    assert verarbeitung.version_verarbeiten(version_id=version.pk) == V.FEHLER
    assert _frisch(version).verarbeitung_grund == (
        "Die gespeicherte Datei stimmt nicht mit ihrer Prüfsumme überein."
    )
    zweite = modell_von(redakteur_a, kommune_a, "Zweites")
    Modellversion.objects.filter(pk=zweite.pk).update(verarbeitung=V.WARTEND)
    ablage.entfernen(zweite.datei)
    assert verarbeitung.version_verarbeiten(version_id=zweite.pk) == V.FEHLER
    assert _frisch(zweite).verarbeitung_grund == "Die gespeicherte Datei ist nicht mehr vorhanden."


def test_interner_fehler_wird_erklaert_und_protokolliert(
    redakteur_a, kommune_a, modell_von, monkeypatch, caplog
):
    version = modell_von(redakteur_a, kommune_a)
    Modellversion.objects.filter(pk=version.pk).update(verarbeitung=V.WARTEND)

    def kaputt(_daten):
        raise KeyError("Fehler im Renderer")

    monkeypatch.setattr(verarbeitung, "analyse", kaputt)
    assert verarbeitung.version_verarbeiten(version_id=version.pk) == V.FEHLER
    assert "interner Fehler" in _frisch(version).verarbeitung_grund
    assert "Fehler im Renderer" in caplog.text


def test_haengende_versionen_werden_neu_eingereiht(
    redakteur_a, kommune_a, modell_von, django_capture_on_commit_callbacks
):
    alt = modell_von(redakteur_a, kommune_a, "Alt")
    neu = modell_von(redakteur_a, kommune_a, "Neu")
    laeuft = modell_von(redakteur_a, kommune_a, "Läuft")
    vor_einer_stunde = timezone.now() - timedelta(hours=1)
    Modellversion.objects.filter(pk=alt.pk).update(
        verarbeitung=V.WARTEND, erstellt_am=vor_einer_stunde
    )
    Modellversion.objects.filter(pk=neu.pk).update(verarbeitung=V.WARTEND)
    Modellversion.objects.filter(pk=laeuft.pk).update(
        verarbeitung=V.LAEUFT, verarbeitung_beginn=vor_einer_stunde, verarbeitung_versuche=1
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert verarbeitung.haengende_versionen_einreihen() == 2
    # eager tasks: both were processed; the fresh one is left to its own message
    assert _frisch(alt).verarbeitung == V.OK
    assert _frisch(laeuft).verarbeitung == V.OK
    assert _frisch(neu).verarbeitung == V.WARTEND


def test_speichergrenze_des_workers_greift(tmp_path):
    """The worker child's address-space cap (set on worker_process_init) turns an allocation
    beyond it into a MemoryError instead of taking the machine."""
    import os
    import subprocess
    import sys

    programm = (
        "import django; django.setup()\n"
        "from prozessbibliothek.celery import _speichergrenze\n"
        "_speichergrenze()\n"
        "import resource; print(resource.getrlimit(resource.RLIMIT_AS)[0] // 2**20)\n"
        "try:\n    bytearray(1024 * 2**20)\nexcept MemoryError:\n    print('MemoryError')\n"
    )
    env = {**os.environ, "WORKER_SPEICHERGRENZE_MB": "600", "DEBUG": "1",
           "DJANGO_SETTINGS_MODULE": "prozessbibliothek.settings"}  # fmt: skip
    lauf = subprocess.run([sys.executable, "-c", programm], env=env, capture_output=True,
                          text=True, timeout=60, check=True)  # fmt: skip
    assert lauf.stdout.split() == ["600", "MemoryError"]


def test_speicherfehler_endet_erklaert(redakteur_a, kommune_a, modell_von, monkeypatch):
    version = modell_von(redakteur_a, kommune_a)
    Modellversion.objects.filter(pk=version.pk).update(verarbeitung=V.WARTEND)

    def zu_gross(_daten):
        raise MemoryError

    monkeypatch.setattr(verarbeitung, "analyse", zu_gross)
    assert verarbeitung.version_verarbeiten(version_id=version.pk) == V.FEHLER
    assert _frisch(version).verarbeitung_grund == (
        "Die Verarbeitung hat die Speichergrenze überschritten."
    )


def test_ab_wann_eine_version_haengt_kommt_aus_den_einstellungen(
    settings, redakteur_a, kommune_a, modell_von, django_capture_on_commit_callbacks
):
    # GIVEN a version waiting for 30 seconds
    version = modell_von(redakteur_a, kommune_a, "Wartet")
    Modellversion.objects.filter(pk=version.pk).update(
        verarbeitung=V.WARTEND, erstellt_am=timezone.now() - timedelta(seconds=30)
    )
    # THEN with the default (two minutes) it is not stuck yet
    with django_capture_on_commit_callbacks(execute=True):
        assert verarbeitung.haengende_versionen_einreihen() == 0
    # … with HAENGENDE_VERSIONEN_NACH_SEKUNDEN=10 (the chaos run's kind of value) it is
    settings.HAENGENDE_VERSIONEN_NACH_SEKUNDEN = 10
    with django_capture_on_commit_callbacks(execute=True):
        assert verarbeitung.haengende_versionen_einreihen() == 1
    assert _frisch(version).verarbeitung == V.OK


def test_wann_eine_laufende_version_haengt_folgt_der_zeitgrenze_der_verarbeitung(
    settings, redakteur_a, kommune_a, modell_von, django_capture_on_commit_callbacks
):
    # GIVEN a version that has been "laeuft" for 200 seconds
    version = modell_von(redakteur_a, kommune_a, "Läuft")
    Modellversion.objects.filter(pk=version.pk).update(
        verarbeitung=V.LAEUFT,
        verarbeitung_beginn=timezone.now() - timedelta(seconds=200),
        verarbeitung_versuche=1,
    )
    # THEN with a processing limit of 600 s it may still be running: left alone
    settings.VERARBEITUNG_HARD_TIME_LIMIT = 600
    with django_capture_on_commit_callbacks(execute=True):
        assert verarbeitung.haengende_versionen_einreihen() == 0
    assert _frisch(version).verarbeitung == V.LAEUFT
    # … with the default (90 s) its worker is gone: enqueued again and processed
    settings.VERARBEITUNG_HARD_TIME_LIMIT = 90
    with django_capture_on_commit_callbacks(execute=True):
        assert verarbeitung.haengende_versionen_einreihen() == 1
    assert _frisch(version).verarbeitung == V.OK
