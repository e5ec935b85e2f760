"""Every write about cohorts, events, enrolments and attendance.

Services check permission themselves, run in a transaction, write the audit log and raise
`Http404` for what the user may not see and `ValidationError` with a German message otherwise.

Capacity: every write that can change who holds a place locks the cohort's row
(`select_for_update`) first and then counts, so two requests at the same moment cannot both take
the last place. Locking always the Kohorte (never an event first) keeps the lock order fixed.
"""

from __future__ import annotations

import secrets
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from kommunen import permissions
from kommunen.audit import audit
from kommunen.models import Kommune, Mitgliedschaft

from . import tasks
from .models import (
    Einschreibung,
    KalenderAbo,
    Kohorte,
    Teilnahme,
    Teilnehmende,
    Veranstaltung,
)

ES = Einschreibung.Status
TS = Teilnahme.Status


def _nur_koordination(von) -> None:
    if not permissions.ist_koordination(von):
        raise Http404


def _gesperrt(kohorte: Kohorte) -> Kohorte:
    return Kohorte.objects.select_for_update().get(pk=kohorte.pk)


# --- cohorts and events --------------------------------------------------------------------

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


def kohorte_erstellen(*, von, **daten: Any) -> Kohorte:
    """Create a cohort (coordination only)."""
    _nur_koordination(von)
    daten = {k: daten[k] for k in KOHORTE_FELDER if k in daten}
    daten.setdefault("status", Kohorte.Status.ENTWURF)
    _kohorte_pruefen(daten)
    with transaction.atomic():
        kohorte = Kohorte.objects.create(**daten)
        audit(wer=von, aktion="kohorte.erstellt", objekt=kohorte, details={"name": kohorte.name})
    return kohorte


def kohorte_aendern(*, von, kohorte: Kohorte, **daten: Any) -> Kohorte:
    """Change a cohort; more places let the waitlist move up, fewer than confirmed are refused."""
    _nur_koordination(von)
    with transaction.atomic():
        kohorte = _gesperrt(kohorte)
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
        for k, v in neu.items():
            setattr(kohorte, k, v)
        kohorte.save()
        audit(wer=von, aktion="kohorte.geaendert", objekt=kohorte, details={"name": kohorte.name})
        _nachruecken(kohorte)
    return kohorte


def _veranstaltung_pruefen(daten: dict[str, Any]) -> None:
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


def veranstaltung_erstellen(*, von, kohorte: Kohorte, **daten: Any) -> Veranstaltung:
    """Add an event to a cohort; the confirmed participants are signed up for it."""
    _nur_koordination(von)
    daten = {k: daten[k] for k in VERANSTALTUNG_FELDER if k in daten}
    _veranstaltung_pruefen(daten)
    with transaction.atomic():
        kohorte = _gesperrt(kohorte)
        veranstaltung = Veranstaltung.objects.create(kohorte=kohorte, **daten)
        for einschreibung in kohorte.einschreibungen.filter(status=ES.BESTAETIGT):
            for person in einschreibung.teilnehmende.all():
                _teilnahme_anlegen(veranstaltung, person)
        audit(
            wer=von,
            aktion="veranstaltung.erstellt",
            objekt=veranstaltung,
            details={"titel": veranstaltung.titel},
        )
    return veranstaltung


def veranstaltung_aendern(*, von, veranstaltung: Veranstaltung, **daten: Any) -> Veranstaltung:
    _nur_koordination(von)
    with transaction.atomic():
        _gesperrt(veranstaltung.kohorte)
        veranstaltung = Veranstaltung.objects.get(pk=veranstaltung.pk)
        neu = {k: getattr(veranstaltung, k) for k in VERANSTALTUNG_FELDER}
        neu.update({k: daten[k] for k in VERANSTALTUNG_FELDER if k in daten})
        _veranstaltung_pruefen(neu)
        belegt = veranstaltung.teilnahmen.filter(status__in=Teilnahme.BELEGT).count()
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
        audit(
            wer=von,
            aktion="veranstaltung.geaendert",
            objekt=veranstaltung,
            details={"titel": veranstaltung.titel},
        )
        _teilnahme_nachruecken(veranstaltung)
    return veranstaltung


# --- places: cohort level ------------------------------------------------------------------


def _frei(kohorte: Kohorte) -> int:
    return kohorte.max_kommunen - kohorte.einschreibungen.filter(status=ES.BESTAETIGT).count()


def _mitteilen(einschreibung: Einschreibung, anlass: str) -> None:
    tasks.einschreibung_mitteilen.delay_on_commit(einschreibung.pk, anlass)


def _bestaetigen(einschreibung: Einschreibung, anlass: str) -> None:
    einschreibung.status = ES.BESTAETIGT
    einschreibung.entschieden_am = timezone.now()
    einschreibung.save(update_fields=["status", "entschieden_am"])
    for person in einschreibung.teilnehmende.all():
        for veranstaltung in _kommende(einschreibung.kohorte):
            _teilnahme_anlegen(veranstaltung, person)
    _mitteilen(einschreibung, anlass)


def _nachruecken(kohorte: Kohorte) -> list[Einschreibung]:
    """Give free places to the waitlist in arrival order. Caller holds the cohort lock."""
    nachgerueckt = []
    frei = _frei(kohorte)
    if frei <= 0:
        return nachgerueckt
    warteliste = kohorte.einschreibungen.filter(status=ES.WARTELISTE).order_by("angefragt_am", "id")
    for einschreibung in warteliste[:frei]:
        _bestaetigen(einschreibung, "nachgerueckt")
        audit(
            wer=None,
            kommune=einschreibung.kommune,
            aktion="einschreibung.nachgerueckt",
            objekt=einschreibung,
        )
        nachgerueckt.append(einschreibung)
    return nachgerueckt


def einschreibung_anfragen(
    *, von, kommune: Kommune, kohorte: Kohorte, teilnehmende: list | None = None
) -> Einschreibung:
    """A Kommunen-Admin asks for a place for her Kommune.

    With automatic confirmation the place is given at once while places are free, otherwise the
    Kommune goes onto the waitlist in arrival order; without it the request waits for the
    coordination.
    """
    if not permissions.kann_einschreiben(von, kommune):
        raise Http404
    with transaction.atomic():
        kohorte = _gesperrt(kohorte)
        if kohorte.status != Kohorte.Status.OFFEN:
            raise ValidationError(_("Für diese Kohorte sind keine Anmeldungen möglich."))
        if timezone.localdate() > kohorte.anmeldeschluss:
            raise ValidationError(
                _("Der Anmeldeschluss (%(datum)s) ist vorbei.")
                % {"datum": kohorte.anmeldeschluss.strftime("%d.%m.%Y")}
            )
        einschreibung = Einschreibung.objects.filter(kohorte=kohorte, kommune=kommune).first()
        if einschreibung is not None and einschreibung.ist_aktiv:
            raise ValidationError(
                _("%(kommune)s ist für diese Kohorte bereits angemeldet (%(status)s).")
                % {"kommune": kommune.name, "status": einschreibung.get_status_display()}
            )
        if einschreibung is not None and einschreibung.status == ES.ABGELEHNT:
            raise ValidationError(
                _(
                    "Die Anmeldung von %(kommune)s wurde abgelehnt. Bitte wenden Sie sich an die "
                    "Koordination."
                )
                % {"kommune": kommune.name}
            )
        if not kohorte.automatisch_bestaetigen:
            status = ES.ANGEFRAGT
        elif _frei(kohorte) > 0:
            status = ES.BESTAETIGT
        else:
            status = ES.WARTELISTE
        jetzt = timezone.now()
        if einschreibung is None:
            try:
                with transaction.atomic():
                    einschreibung = Einschreibung.objects.create(
                        kohorte=kohorte,
                        kommune=kommune,
                        status=ES.ANGEFRAGT,
                        ansprechperson=von,
                        angefragt_am=jetzt,
                    )
            except IntegrityError:
                raise ValidationError(
                    _("%(kommune)s ist für diese Kohorte bereits angemeldet.")
                    % {"kommune": kommune.name}
                ) from None
        else:
            # A withdrawn Kommune asks again: it queues up anew.
            einschreibung.status = ES.ANGEFRAGT
            einschreibung.ansprechperson = von
            einschreibung.angefragt_am = jetzt
            einschreibung.entschieden_am = None
            einschreibung.nachricht = ""
            einschreibung.save()
        if teilnehmende:
            _teilnehmende_setzen(einschreibung, teilnehmende)
        if status == ES.BESTAETIGT:
            _bestaetigen(einschreibung, "bestaetigt")
        elif status == ES.WARTELISTE:
            einschreibung.status = ES.WARTELISTE
            einschreibung.save(update_fields=["status"])
            _mitteilen(einschreibung, "warteliste")
        else:
            _mitteilen(einschreibung, "angefragt")
        audit(
            wer=von,
            kommune=kommune,
            aktion="einschreibung.angefragt",
            objekt=einschreibung,
            details={"kohorte": kohorte.name, "status": einschreibung.status},
        )
    return einschreibung


def einschreibung_stornieren(*, von, einschreibung: Einschreibung) -> Einschreibung:
    """The Kommunen-Admin withdraws; a confirmed place goes to the next on the waitlist."""
    if not permissions.kann_einschreiben(von, einschreibung.kommune):
        raise Http404
    with transaction.atomic():
        kohorte = _gesperrt(einschreibung.kohorte)
        einschreibung = Einschreibung.objects.get(pk=einschreibung.pk)
        if not einschreibung.ist_aktiv:
            raise ValidationError(_("Diese Anmeldung ist nicht mehr aktiv."))
        war_bestaetigt = einschreibung.status == ES.BESTAETIGT
        einschreibung.status = ES.STORNIERT
        einschreibung.entschieden_am = timezone.now()
        einschreibung.save(update_fields=["status", "entschieden_am"])
        if war_bestaetigt:
            _teilnahmen_beenden(einschreibung, einschreibung.teilnehmende.all())
        audit(
            wer=von,
            kommune=einschreibung.kommune,
            aktion="einschreibung.storniert",
            objekt=einschreibung,
            details={"kohorte": kohorte.name},
        )
        _nachruecken(kohorte)
    return einschreibung


ENTSCHEIDUNGEN = ("bestaetigen", "warteliste", "ablehnen")


def einschreibung_entscheiden(
    *, von, einschreibung: Einschreibung, aktion: str, nachricht: str = ""
) -> Einschreibung:
    """The coordination confirms (or wait-lists when full), wait-lists or declines a request."""
    _nur_koordination(von)
    if aktion not in ENTSCHEIDUNGEN:
        raise ValidationError(_("Diese Entscheidung gibt es nicht."))
    with transaction.atomic():
        kohorte = _gesperrt(einschreibung.kohorte)
        einschreibung = Einschreibung.objects.select_related("kommune").get(pk=einschreibung.pk)
        vorher = einschreibung.status
        einschreibung.nachricht = nachricht.strip()
        if aktion == "ablehnen":
            if not einschreibung.ist_aktiv:
                raise ValidationError(_("Diese Anmeldung ist nicht mehr aktiv."))
            einschreibung.status = ES.ABGELEHNT
            einschreibung.entschieden_am = timezone.now()
            einschreibung.save()
            if vorher == ES.BESTAETIGT:
                _teilnahmen_beenden(einschreibung, einschreibung.teilnehmende.all())
            _mitteilen(einschreibung, "abgelehnt")
            _nachruecken(kohorte)
        elif aktion == "bestaetigen":
            if vorher not in (ES.ANGEFRAGT, ES.WARTELISTE):
                raise ValidationError(_("Nur offene Anfragen können bestätigt werden."))
            einschreibung.save(update_fields=["nachricht"])
            if _frei(kohorte) > 0:
                _bestaetigen(einschreibung, "bestaetigt")
            elif vorher == ES.ANGEFRAGT:
                einschreibung.status = ES.WARTELISTE
                einschreibung.save(update_fields=["status"])
                _mitteilen(einschreibung, "warteliste")
            else:
                raise ValidationError(
                    _(
                        "Alle %(n)s Plätze sind vergeben. Erhöhen Sie die Zahl der Plätze, dann "
                        "rückt die Warteliste automatisch nach."
                    )
                    % {"n": kohorte.max_kommunen}
                )
        else:
            if vorher != ES.ANGEFRAGT:
                raise ValidationError(
                    _("Nur offene Anfragen können auf die Warteliste gesetzt werden.")
                )
            einschreibung.status = ES.WARTELISTE
            einschreibung.save(update_fields=["status", "nachricht"])
            _mitteilen(einschreibung, "warteliste")
        audit(
            wer=von,
            kommune=einschreibung.kommune,
            aktion=f"einschreibung.{aktion}",
            objekt=einschreibung,
            details={"vorher": vorher, "nachher": einschreibung.status},
        )
    return einschreibung


# --- participants and attendance -----------------------------------------------------------


def _kommende(kohorte: Kohorte):
    return kohorte.veranstaltungen.filter(ende__gt=timezone.now())


def _teilnahme_anlegen(veranstaltung: Veranstaltung, person) -> Teilnahme:
    """Sign a person up for an event: a place while there is one, else the event's waitlist."""
    teilnahme = Teilnahme.objects.filter(veranstaltung=veranstaltung, person=person).first()
    if teilnahme is not None:
        return teilnahme
    belegt = veranstaltung.teilnahmen.filter(status__in=Teilnahme.BELEGT).count()
    frei = veranstaltung.kapazitaet is None or belegt < veranstaltung.kapazitaet
    return Teilnahme.objects.create(
        veranstaltung=veranstaltung, person=person, status=TS.ANGEMELDET if frei else TS.WARTELISTE
    )


def _teilnahme_nachruecken(veranstaltung: Veranstaltung) -> None:
    if veranstaltung.kapazitaet is None:
        frei = veranstaltung.teilnahmen.filter(status=TS.WARTELISTE).count()
    else:
        belegt = veranstaltung.teilnahmen.filter(status__in=Teilnahme.BELEGT).count()
        frei = veranstaltung.kapazitaet - belegt
    if frei <= 0:
        return
    for teilnahme in veranstaltung.teilnahmen.filter(status=TS.WARTELISTE).order_by(
        "erstellt_am", "id"
    )[:frei]:
        teilnahme.status = TS.ANGEMELDET
        teilnahme.save(update_fields=["status"])
        tasks.teilnahme_nachgerueckt.delay_on_commit(teilnahme.pk)


def _teilnahmen_beenden(einschreibung: Einschreibung, personen) -> None:
    """Take people off the cohort's coming events; their seats go to the events' waitlists."""
    for veranstaltung in _kommende(einschreibung.kohorte):
        geloescht, _x = Teilnahme.objects.filter(
            veranstaltung=veranstaltung, person__in=list(personen)
        ).delete()
        if geloescht:
            _teilnahme_nachruecken(veranstaltung)


def _teilnehmende_setzen(einschreibung: Einschreibung, personen) -> tuple[set, set]:
    erlaubt = set(
        Mitgliedschaft.objects.filter(kommune=einschreibung.kommune).values_list(
            "user_id", flat=True
        )
    )
    gewuenscht = {p.pk: p for p in personen}
    fremd = set(gewuenscht) - erlaubt
    if fremd:
        raise ValidationError(
            _("Teilnehmen können nur Mitglieder von %(kommune)s.")
            % {"kommune": einschreibung.kommune.name}
        )
    bisher = {t.person_id: t.person for t in einschreibung.benennungen.select_related("person")}
    neu = set(gewuenscht) - set(bisher)
    weg = set(bisher) - set(gewuenscht)
    Teilnehmende.objects.filter(einschreibung=einschreibung, person_id__in=weg).delete()
    for pk in neu:
        Teilnehmende.objects.create(einschreibung=einschreibung, person=gewuenscht[pk])
    if einschreibung.status == ES.BESTAETIGT:
        _teilnahmen_beenden(einschreibung, [bisher[pk] for pk in weg])
        for veranstaltung in _kommende(einschreibung.kohorte):
            for pk in neu:
                _teilnahme_anlegen(veranstaltung, gewuenscht[pk])
    return neu, weg


def teilnehmende_festlegen(*, von, einschreibung: Einschreibung, personen: list) -> Einschreibung:
    """The Kommunen-Admin names who of her members attends; confirmed ones get the dates."""
    if not permissions.kann_einschreiben(von, einschreibung.kommune):
        raise Http404
    with transaction.atomic():
        _gesperrt(einschreibung.kohorte)
        einschreibung = Einschreibung.objects.select_related("kommune", "kohorte").get(
            pk=einschreibung.pk
        )
        if not einschreibung.ist_aktiv:
            raise ValidationError(_("Diese Anmeldung ist nicht mehr aktiv."))
        neu, weg = _teilnehmende_setzen(einschreibung, personen)
        audit(
            wer=von,
            kommune=einschreibung.kommune,
            aktion="einschreibung.teilnehmende",
            objekt=einschreibung,
            details={"neu": sorted(neu), "entfernt": sorted(weg)},
        )
    return einschreibung


def anwesenheit_erfassen(*, von, veranstaltung: Veranstaltung, anwesend: set[int]) -> int:
    """Mark who attended: the ids in `anwesend` as present, every other place as absent."""
    _nur_koordination(von)
    with transaction.atomic():
        _gesperrt(veranstaltung.kohorte)
        belegt = veranstaltung.teilnahmen.filter(status__in=Teilnahme.BELEGT)
        n = belegt.filter(person_id__in=anwesend).update(status=TS.ANWESEND)
        belegt.exclude(person_id__in=anwesend).update(status=TS.ABWESEND)
        audit(
            wer=von,
            aktion="veranstaltung.anwesenheit",
            objekt=veranstaltung,
            details={"anwesend": n},
        )
    return n


# --- calendar subscription -----------------------------------------------------------------


def kalender_abo_erneuern(*, person) -> KalenderAbo:
    """Create or renew the secret feed URL; the previous URL stops working at once."""
    if not person.is_authenticated:
        raise Http404
    with transaction.atomic():
        abo, _neu = KalenderAbo.objects.update_or_create(
            person=person,
            defaults={"token": secrets.token_urlsafe(32), "erneuert_am": timezone.now()},
        )
        audit(wer=person, aktion="kalender_abo.erneuert", objekt=abo)
    return abo


def erinnerung_beanspruchen(teilnahme_id: int) -> bool:
    """Claim the reminder for one place once, even if two workers run the sweep."""
    return bool(
        Teilnahme.objects.filter(pk=teilnahme_id, erinnert_am=None).update(
            erinnert_am=timezone.now()
        )
    )
