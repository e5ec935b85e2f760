"""Processing a version in the worker: analyse the stored file, save findings, drawings, thumbnail.

Safe to run any number of times, at once or one after another (late ack and redelivery do that):
- a conditional UPDATE claims the version (wartend/laeuft → laeuft, attempts + 1); a version that
  is already finished is left alone, so a second run changes nothing;
- results are saved only while the version is still `laeuft`, in one transaction with its
  drawings and thumbnail — a half-saved result never exists;
- a file that kills the worker (memory, crash) is redelivered; after `MAX_VERSUCHE` claims it ends
  as `fehler` with its reason instead of looping forever;
- a bad file is a final, explained state (`ungueltig`/`fehler`), never a retry. Only transient
  trouble (`VORUEBERGEHEND`: database or storage unreachable) propagates, for the task to retry;
  the run gives its claim back first, so an outage never uses up the attempts — they count only
  runs that were killed or hit a time limit.
"""

from __future__ import annotations

import logging
import struct
from datetime import datetime, timedelta

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from prozessbibliothek.auftraege import VORUEBERGEHEND, einreihen_nach_commit

from .. import ablage
from ..bpmn import BpmnError
from ..bpmn.analyse import Analysis, analyse
from ..models import Darstellung, Modellversion, Vorschau
from . import aehnlichkeit
from .suchindex import katalog_aktualisieren

log = logging.getLogger(__name__)

MAX_VERSUCHE = 3
V = Modellversion.Verarbeitung
OFFEN = (V.WARTEND, V.LAEUFT)


def version_verarbeiten(*, version_id: int) -> str | None:
    """Process one version; returns its final state, or None if there was nothing to do."""
    jetzt = timezone.now()
    offen = Modellversion.objects.filter(pk=version_id, verarbeitung__in=OFFEN)
    beansprucht = offen.filter(verarbeitung_versuche__lt=MAX_VERSUCHE).update(
        verarbeitung=V.LAEUFT,
        verarbeitung_versuche=F("verarbeitung_versuche") + 1,
        verarbeitung_beginn=jetzt,
    )
    if not beansprucht:
        # Finished already, deleted, or this file ended the previous attempts abruptly.
        if offen.update(
            verarbeitung=V.FEHLER,
            verarbeitung_grund=_(
                "Die Verarbeitung wurde %(n)s-mal abgebrochen (z. B. Speicher- oder Zeitgrenze "
                "des Servers überschritten) und wird nicht erneut versucht."
            )
            % {"n": MAX_VERSUCHE},
            verarbeitet_am=jetzt,
        ):
            return V.FEHLER
        return None
    try:
        return _verarbeiten(version_id)
    except VORUEBERGEHEND:
        _anspruch_zurueckgeben(version_id, beansprucht_am=jetzt)
        raise


def _anspruch_zurueckgeben(version_id: int, *, beansprucht_am: datetime) -> None:
    """Give this run's claim back (waiting again, the attempt not counted) before the task
    retries. Conditional on the claim's start, so a run that claimed it since keeps its own."""
    try:
        Modellversion.objects.filter(
            pk=version_id, verarbeitung=V.LAEUFT, verarbeitung_beginn=beansprucht_am
        ).update(verarbeitung=V.WARTEND, verarbeitung_versuche=F("verarbeitung_versuche") - 1)
    except VORUEBERGEHEND:
        # The database itself is away: the attempt stays counted and the retry claims anew.
        log.warning("Modellversion %s: Anspruch nicht zurückgegeben", version_id, exc_info=True)


def _verarbeiten(version_id: int) -> str | None:
    version = Modellversion.objects.only("id", "datei", "sha256").get(pk=version_id)
    try:
        daten = ablage.lesen(version.datei)
    except FileNotFoundError:
        return _scheitern(version_id, _("Die gespeicherte Datei ist nicht mehr vorhanden."))
    if ablage.sha256(daten) != version.sha256:
        return _scheitern(
            version_id, _("Die gespeicherte Datei stimmt nicht mit ihrer Prüfsumme überein.")
        )
    try:
        ergebnis = analyse(daten)
        vorschau = ergebnis.thumbnail()
    except BpmnError as exc:
        return _ungueltig(version_id, exc)
    except SoftTimeLimitExceeded:
        return _scheitern(version_id, _("Die Verarbeitung hat das Zeitlimit überschritten."))
    except MemoryError:
        return _scheitern(version_id, _("Die Verarbeitung hat die Speichergrenze überschritten."))
    except Exception:
        # A defect on our side, not in the file: logged in full, shown to the user as such.
        log.exception("Verarbeitung von Modellversion %s fehlgeschlagen", version_id)
        return _scheitern(
            version_id,
            _("Bei der Verarbeitung ist ein interner Fehler aufgetreten; er wurde protokolliert."),
        )
    return _speichern(version_id, ergebnis, vorschau)


def _status(ergebnis: Analysis) -> str:
    if not ergebnis.schema_valid:
        return V.UNGUELTIG
    return V.WARNUNGEN if ergebnis.findings else V.OK


def _png_groesse(png: bytes) -> tuple[int, int]:
    breite, hoehe = struct.unpack(">II", png[16:24])
    return breite, hoehe


def _speichern(version_id: int, ergebnis: Analysis, png: bytes) -> str | None:
    status = _status(ergebnis)
    kennzahlen = ergebnis.metrics
    kennzahlen = kennzahlen.as_dict() if hasattr(kennzahlen, "as_dict") else kennzahlen
    with transaction.atomic():
        gespeichert = Modellversion.objects.filter(pk=version_id, verarbeitung=V.LAEUFT).update(
            verarbeitung=status,
            verarbeitung_grund="",
            verarbeitet_am=timezone.now(),
            befunde=[
                {**f.as_dict(), "name": ergebnis.element_names.get(f.element_id or "", "")}
                for f in ergebnis.findings
            ],
            kennzahlen=kennzahlen,
            diagramme=[{"name": d.name, "elemente": d.elements} for d in ergebnis.drawings],
            hauptdiagramm=ergebnis.main,
            suchtext=ergebnis.search_text,
            ablauf=ergebnis.process_text,
            elemente=ergebnis.elements,
            fehler_anzahl=ergebnis.errors,
            warnungen_anzahl=ergebnis.warnings,
        )
        if not gespeichert:
            return None  # another run finished it first, with the same result
        Darstellung.objects.filter(version_id=version_id).delete()
        Darstellung.objects.bulk_create(
            Darstellung(version_id=version_id, nummer=i, name=d.name[:200], svg=d.svg.decode())
            for i, d in enumerate(ergebnis.drawings)
        )
        breite, hoehe = _png_groesse(png)
        Vorschau.objects.update_or_create(
            version_id=version_id, defaults={"png": png, "breite": breite, "hoehe": hoehe}
        )
        aehnlichkeit.speichern(
            version_id=version_id, fingerprint=ergebnis.fingerprint, baender=ergebnis.bands
        )
        modell_id = Modellversion.objects.values_list("modell_id", flat=True).get(pk=version_id)
        einreihen_nach_commit("modelle.tasks.aehnliche_berechnen", modell_id)
        katalog_aktualisieren(versionen=[version_id])
    return status


def _ungueltig(version_id: int, exc: BpmnError) -> str | None:
    befund = {
        "rule": f"parse:{exc.code}",
        "severity": "error",
        "element_id": None,
        "message_de": exc.message_de,
        "line": exc.line,
    }
    gespeichert = Modellversion.objects.filter(pk=version_id, verarbeitung=V.LAEUFT).update(
        verarbeitung=V.UNGUELTIG,
        befunde=[befund],
        fehler_anzahl=1,
        verarbeitung_grund=exc.message_de,
        verarbeitet_am=timezone.now(),
    )
    if gespeichert:
        katalog_aktualisieren(versionen=[version_id])
    return V.UNGUELTIG if gespeichert else None


def _scheitern(version_id: int, grund: str) -> str | None:
    gespeichert = Modellversion.objects.filter(pk=version_id, verarbeitung=V.LAEUFT).update(
        verarbeitung=V.FEHLER, verarbeitung_grund=grund, verarbeitet_am=timezone.now()
    )
    return V.FEHLER if gespeichert else None


def haengende_versionen_einreihen(*, wartezeit: timedelta | None = None) -> int:
    """Enqueue versions that wait too long (a lost message; `HAENGENDE_VERSIONEN_NACH_SEKUNDEN`
    by default) or run longer than the processing task may (`VERARBEITUNG_HARD_TIME_LIMIT`: a
    lost worker). The claim in `version_verarbeiten` makes a double delivery harmless."""
    if wartezeit is None:
        wartezeit = timedelta(seconds=settings.HAENGENDE_VERSIONEN_NACH_SEKUNDEN)
    jetzt = timezone.now()
    laeuft_zu_lange = jetzt - timedelta(seconds=settings.VERARBEITUNG_HARD_TIME_LIMIT + 60)
    ids = list(
        Modellversion.objects.filter(
            Q(verarbeitung=V.WARTEND, erstellt_am__lt=jetzt - wartezeit)
            | Q(verarbeitung=V.LAEUFT, verarbeitung_beginn__lt=laeuft_zu_lange)
        )
        .order_by("erstellt_am")
        .values_list("pk", flat=True)[:1000]
    )
    with transaction.atomic():
        for version_id in ids:
            einreihen_nach_commit("modelle.tasks.verarbeite_version", version_id)
    return len(ids)
