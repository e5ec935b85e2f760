"""Cohorts and their events (coordination only)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kommunen.audit import audit

from ..models import Kohorte, Veranstaltung
from ..selectors import belegte_plaetze
from ._gemeinsam import BERLIN, ES, TS, datum, gesperrt, nur_koordination
from .einschreibungen import nachruecken
from .teilnahmen import teilnahme_anlegen, teilnahme_nachruecken

KOHORTE_FELDER = (
    "name",
    "jahr",
    "beschreibung",
    "beginn",
    "ende",
    "anmeldeschluss",
    "max_kommunen",
    "automatisch_bestaetigen",
    "status",
)
VERANSTALTUNG_FELDER = (
    "typ",
    "titel",
    "beschreibung",
    "beginn",
    "ende",
    "format",
    "ort_oder_link",
    "kapazitaet",
    "aufzeichnung_url",
    "material",
)


def _zeitraum(kohorte_beginn: date, kohorte_ende: date) -> str:
    return f"{kohorte_beginn:%d.%m.%Y} – {kohorte_ende:%d.%m.%Y}"


def _ausserhalb(beginn: datetime, ende: datetime, k_beginn: date, k_ende: date) -> bool:
    """An event outside the cohort's period, by its Berlin calendar dates."""
    return (
        timezone.localtime(beginn, BERLIN).date() < k_beginn
        or timezone.localtime(ende, BERLIN).date() > k_ende
    )


def _kohorte_pruefen(daten: dict[str, Any]) -> None:
    fehler: dict[str, str] = {}
    if not (daten.get("name") or "").strip():
        fehler["name"] = _("Bitte geben Sie der Kohorte einen Namen.")
    beginn, ende, schluss = daten.get("beginn"), daten.get("ende"), daten.get("anmeldeschluss")
    if isinstance(beginn, date) and isinstance(ende, date) and ende < beginn:
        fehler["ende"] = _("Das Ende liegt vor dem Beginn.")
    if isinstance(schluss, date) and isinstance(ende, date) and schluss > ende:
        fehler["anmeldeschluss"] = _("Der Anmeldeschluss liegt nach dem Ende der Kohorte.")
    plaetze = daten.get("max_kommunen")
    if plaetze is None or plaetze < 1:
        fehler["max_kommunen"] = _("Die Zahl der Plätze muss mindestens 1 sein.")
    if daten.get("status") not in Kohorte.Status.values:
        fehler["status"] = _("Diesen Status gibt es nicht.")
    if fehler:
        raise ValidationError(fehler)


def kohorte_erstellen(*, user, **daten: Any) -> Kohorte:
    """Create a cohort (coordination only)."""
    nur_koordination(user)
    daten = {k: daten[k] for k in KOHORTE_FELDER if k in daten}
    daten.setdefault("status", Kohorte.Status.ENTWURF)
    _kohorte_pruefen(daten)
    with transaction.atomic():
        kohorte = Kohorte.objects.create(**daten)
        audit(wer=user, aktion="kohorte.erstellt", objekt=kohorte, details={"name": kohorte.name})
    return kohorte


def kohorte_aendern(*, user, kohorte: Kohorte, **daten: Any) -> Kohorte:
    """Change a cohort; more places let the waitlist move up. Refused: fewer places than
    Kommunen confirmed, and a period that would leave one of its events outside."""
    nur_koordination(user)
    with transaction.atomic():
        kohorte = gesperrt(kohorte)
        neu = {k: getattr(kohorte, k) for k in KOHORTE_FELDER}
        neu.update({k: daten[k] for k in KOHORTE_FELDER if k in daten})
        _kohorte_pruefen(neu)
        bestaetigt = kohorte.einschreibungen.filter(status=ES.BESTAETIGT).count()
        if neu["max_kommunen"] < bestaetigt:
            raise ValidationError(
                {
                    "max_kommunen": _(
                        "Es sind bereits %(n)s Kommunen bestätigt; weniger Plätze gehen nicht."
                    )
                    % {"n": bestaetigt}
                }
            )
        draussen = [
            v
            for v in kohorte.veranstaltungen.order_by("beginn")
            if _ausserhalb(v.beginn, v.ende, neu["beginn"], neu["ende"])
        ]
        if draussen:
            raise ValidationError(
                {
                    "beginn": _(
                        "„%(titel)s“ am %(datum)s läge außerhalb des neuen Zeitraums "
                        "(%(zeitraum)s). Verlegen Sie zuerst die Veranstaltung."
                    )
                    % {
                        "titel": draussen[0].titel,
                        "datum": datum(draussen[0].beginn),
                        "zeitraum": _zeitraum(neu["beginn"], neu["ende"]),
                    }
                }
            )
        for k, v in neu.items():
            setattr(kohorte, k, v)
        kohorte.save()
        audit(wer=user, aktion="kohorte.geaendert", objekt=kohorte, details={"name": kohorte.name})
        nachruecken(kohorte)
    return kohorte


def _veranstaltung_pruefen(daten: dict[str, Any], kohorte: Kohorte) -> None:
    fehler: dict[str, str] = {}
    if not (daten.get("titel") or "").strip():
        fehler["titel"] = _("Bitte geben Sie einen Titel an.")
    beginn, ende = daten.get("beginn"), daten.get("ende")
    if not isinstance(beginn, datetime):
        fehler["beginn"] = _("Bitte geben Sie Datum und Uhrzeit des Beginns an.")
    if not isinstance(ende, datetime):
        fehler["ende"] = _("Bitte geben Sie Datum und Uhrzeit des Endes an.")
    elif isinstance(beginn, datetime) and ende <= beginn:
        fehler["ende"] = _("Das Ende muss nach dem Beginn liegen.")
    elif isinstance(beginn, datetime) and _ausserhalb(beginn, ende, kohorte.beginn, kohorte.ende):
        fehler["beginn"] = _(
            "Die Veranstaltung liegt außerhalb des Zeitraums der Kohorte (%(zeitraum)s)."
        ) % {"zeitraum": _zeitraum(kohorte.beginn, kohorte.ende)}
    kapazitaet = daten.get("kapazitaet")
    if kapazitaet is not None and kapazitaet < 1:
        fehler["kapazitaet"] = _(
            "Die Zahl der Plätze muss mindestens 1 sein (leer lassen für unbegrenzt)."
        )
    if daten.get("typ") not in Veranstaltung.Typ.values:
        fehler["typ"] = _("Diese Art von Veranstaltung gibt es nicht.")
    if daten.get("format") not in Veranstaltung.Format.values:
        fehler["format"] = _("Dieses Format gibt es nicht.")
    if fehler:
        raise ValidationError(fehler)


def veranstaltung_erstellen(*, user, kohorte: Kohorte, **daten: Any) -> Veranstaltung:
    """Add an event to a cohort; the named participants of confirmed Kommunen get a place."""
    nur_koordination(user)
    daten = {k: daten[k] for k in VERANSTALTUNG_FELDER if k in daten}
    with transaction.atomic():
        kohorte = gesperrt(kohorte)
        _veranstaltung_pruefen(daten, kohorte)
        veranstaltung = Veranstaltung.objects.create(kohorte=kohorte, **daten)
        for einschreibung in kohorte.einschreibungen.filter(status=ES.BESTAETIGT):
            for benennung in einschreibung.benennungen.gueltig().select_related("person"):
                teilnahme_anlegen(veranstaltung, benennung.person)
        audit(
            wer=user,
            aktion="veranstaltung.erstellt",
            objekt=veranstaltung,
            details={"titel": veranstaltung.titel},
        )
    return veranstaltung


def veranstaltung_aendern(*, user, veranstaltung: Veranstaltung, **daten: Any) -> Veranstaltung:
    """Change an event. Fewer places than taken are refused; moved into the future, recorded
    attendance is void again (nobody was absent from a date still to come)."""
    nur_koordination(user)
    with transaction.atomic():
        kohorte = gesperrt(veranstaltung.kohorte)
        veranstaltung = Veranstaltung.objects.get(pk=veranstaltung.pk)
        neu = {k: getattr(veranstaltung, k) for k in VERANSTALTUNG_FELDER}
        neu.update({k: daten[k] for k in VERANSTALTUNG_FELDER if k in daten})
        _veranstaltung_pruefen(neu, kohorte)
        belegt = belegte_plaetze(veranstaltung)
        if neu["kapazitaet"] is not None and neu["kapazitaet"] < belegt:
            raise ValidationError(
                {
                    "kapazitaet": _(
                        "Es sind bereits %(n)s Personen angemeldet; weniger Plätze gehen nicht."
                    )
                    % {"n": belegt}
                }
            )
        for k, v in neu.items():
            setattr(veranstaltung, k, v)
        veranstaltung.save()
        if veranstaltung.beginn > timezone.now():
            veranstaltung.teilnahmen.filter(status__in=(TS.ANWESEND, TS.ABWESEND)).update(
                status=TS.ANGEMELDET
            )
        audit(
            wer=user,
            aktion="veranstaltung.geaendert",
            objekt=veranstaltung,
            details={"titel": veranstaltung.titel},
        )
        teilnahme_nachruecken(veranstaltung)
    return veranstaltung
