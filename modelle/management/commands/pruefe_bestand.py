"""Consistency of the register for monitoring: files, checksums, orphans, stuck processing."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import DatabaseError
from django.utils import timezone

from ...bestand import Bericht, bestand_pruefen

OK, PROBLEME, NICHT_GEPRUEFT = 0, 1, 2
# A report is read by a person; past this many lines the JSON file has the rest.
MAX_ZEILEN = 200


class Command(BaseCommand):
    help = (
        "Prüft den Bestand: Datei und Prüfsumme jeder Modellversion, Dateien ohne Version (älter "
        "als einen Tag), hängende Verarbeitung, Zeichnungen und Vorschaubilder. Exit-Code 0: in "
        "Ordnung, 1: Probleme gefunden, 2: Prüfung nicht möglich (Datenbank oder Speicher nicht "
        "erreichbar)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--ohne-pruefsummen",
            action="store_true",
            help="nur prüfen, ob die Dateien da sind (liest sie nicht)",
        )
        parser.add_argument(
            "--mindestalter-stunden",
            type=float,
            default=24,
            help="Dateien ohne Version erst ab diesem Alter melden (Standard 24)",
        )
        parser.add_argument(
            "--haengt-nach-minuten",
            type=float,
            default=30,
            help="wartend/laeuft länger als so viele Minuten gilt als hängend (Standard 30)",
        )
        parser.add_argument("--json", metavar="DATEI", help="den Bericht auch als JSON schreiben")

    def handle(self, *args, **options):
        beginn = timezone.now()
        try:
            bericht = bestand_pruefen(
                mindestalter=timedelta(hours=options["mindestalter_stunden"]),
                haengt_nach=timedelta(minutes=options["haengt_nach_minuten"]),
                pruefsummen=not options["ohne_pruefsummen"],
            )
        except (DatabaseError, OSError) as exc:
            self.stderr.write(f"Bestandsprüfung nicht möglich: {exc}")
            self._json(options["json"], {"ok": False, "geprueft": False, "grund": str(exc)})
            raise SystemExit(NICHT_GEPRUEFT) from None
        self._bericht(bericht, beginn)
        self._json(options["json"], {"geprueft": True, **bericht.as_dict()})
        if not bericht.ok:
            raise SystemExit(PROBLEME)

    def _bericht(self, bericht: Bericht, beginn) -> None:
        zeit = timezone.localtime(beginn).strftime("%d.%m.%Y %H:%M")
        art = "Dateien gelesen und Prüfsummen verglichen"
        if not bericht.pruefsummen_verglichen:
            art = "nur Vorhandensein der Dateien geprüft"
        w = self.stdout.write
        w(f"Bestandsprüfung vom {zeit}")
        w(f"  Modellversionen: {bericht.versionen} ({art})")
        w(f"  Dateien im Speicher: {bericht.dateien}")
        if bericht.junge_dateien_ohne_version:
            w(
                f"  Dateien ohne Version, jünger als das Mindestalter (laufende Uploads): "
                f"{bericht.junge_dateien_ohne_version}"
            )
        if bericht.ok:
            w("Ergebnis: in Ordnung.")
            return
        w(f"Ergebnis: {len(bericht.probleme)} Problem(e).")
        titel = {
            "datei_fehlt": "Datei fehlt",
            "pruefsumme": "Prüfsumme falsch",
            "verwaist": "Datei ohne Version",
            "haengt": "Verarbeitung hängt",
            "darstellung": "Zeichnungen unvollständig",
            "vorschau": "Vorschaubild fehlt",
        }
        for p in bericht.probleme[:MAX_ZEILEN]:
            w(f"  - {titel.get(p.art, p.art)}: {p.objekt} – {p.meldung}")
        if len(bericht.probleme) > MAX_ZEILEN:
            w(f"  … und {len(bericht.probleme) - MAX_ZEILEN} weitere (alle mit --json).")

    def _json(self, ziel: str | None, daten: dict) -> None:
        if ziel:
            pfad = Path(ziel)
            pfad.parent.mkdir(parents=True, exist_ok=True)
            pfad.write_text(json.dumps(daten, ensure_ascii=False, indent=2) + "\n")
