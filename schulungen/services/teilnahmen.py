"""Named participants, places per event, attendance, reminders and the calendar feed."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kommunen import permissions
from kommunen.audit import audit
from kommunen.models import Kommune, Mitgliedschaft
from prozessbibliothek.fehler import NichtGefunden

from .. import mitteilungen
from ..models import Benennung, Einschreibung, KalenderAbo, Kohorte, Teilnahme, Veranstaltung
from ..selectors import belegte_plaetze, belegte_teilnahmen, teilnahmen_gueltig
from ._gemeinsam import ES, TS, einreihen, gesperrt, nur_koordination


def kommende(kohorte: Kohorte):
    return kohorte.veranstaltungen.filter(ende__gt=timezone.now())


def teilnahme_anlegen(veranstaltung: Veranstaltung, person) -> Teilnahme:
    """Sign a person up for an event: a place while there is one, else the event's waitlist."""
    teilnahme = Teilnahme.objects.filter(veranstaltung=veranstaltung, person=person).first()
    if teilnahme is not None:
        return teilnahme
    frei = veranstaltung.kapazitaet is None or belegte_plaetze(veranstaltung) < (
        veranstaltung.kapazitaet
    )
    return Teilnahme.objects.create(
        veranstaltung=veranstaltung, person=person, status=TS.ANGEMELDET if frei else TS.WARTELISTE
    )


def teilnahme_nachruecken(veranstaltung: Veranstaltung) -> None:
    """Give free seats to the event's waitlist, first come first served.

    Only valid places move up; a hidden one (see `teilnahmen_gueltig`) neither takes a seat
    nor gets one.
    """
    wartend = teilnahmen_gueltig().filter(veranstaltung=veranstaltung, status=TS.WARTELISTE)
    if veranstaltung.kapazitaet is None:
        frei = wartend.count()
    else:
        frei = veranstaltung.kapazitaet - belegte_plaetze(veranstaltung)
    if frei <= 0:
        return
    for teilnahme in wartend.order_by("erstellt_am", "id")[:frei]:
        teilnahme.status = TS.ANGEMELDET
        teilnahme.save(update_fields=["status"])
        einreihen("teilnahme_nachgerueckt", teilnahme.pk)


def teilnahmen_beenden(einschreibung: Einschreibung, personen: Iterable) -> None:
    """Take people off the cohort's coming events; their seats go to the events' waitlists.

    Someone still named by another confirmed Kommune of the same cohort keeps the dates.
    """
    weiter_benannt = set(
        Benennung.objects.gueltig()
        .filter(einschreibung__kohorte=einschreibung.kohorte, einschreibung__status=ES.BESTAETIGT)
        .exclude(einschreibung=einschreibung)
        .values_list("person_id", flat=True)
    )
    ids = [p.pk for p in personen if p.pk not in weiter_benannt]
    if not ids:
        return
    for veranstaltung in kommende(einschreibung.kohorte):
        geloescht, _x = Teilnahme.objects.filter(
            veranstaltung=veranstaltung, person_id__in=ids
        ).delete()
        if geloescht:
            teilnahme_nachruecken(veranstaltung)


def benennungen_setzen(einschreibung: Einschreibung, personen) -> tuple[set, set]:
    """Name exactly these people; only members of the Kommune (the one membership rule)."""
    erlaubt = set(
        Mitgliedschaft.objects.gueltig()
        .filter(kommune=einschreibung.kommune)
        .values_list("user_id", flat=True)
    )
    gewuenscht = {p.pk: p for p in personen}
    if set(gewuenscht) - erlaubt:
        raise ValidationError(
            _("Teilnehmen können nur Mitglieder von %(kommune)s.")
            % {"kommune": einschreibung.kommune.name}
        )
    bisher = {b.person_id: b.person for b in einschreibung.benennungen.select_related("person")}
    neu = set(gewuenscht) - set(bisher)
    weg = set(bisher) - set(gewuenscht)
    Benennung.objects.filter(einschreibung=einschreibung, person_id__in=weg).delete()
    for pk in neu:
        Benennung.objects.create(einschreibung=einschreibung, person=gewuenscht[pk])
    if einschreibung.status == ES.BESTAETIGT:
        teilnahmen_beenden(einschreibung, [bisher[pk] for pk in weg])
        for veranstaltung in kommende(einschreibung.kohorte):
            for pk in neu:
                teilnahme_anlegen(veranstaltung, gewuenscht[pk])
    return neu, weg


def teilnehmende_festlegen(*, user, einschreibung: Einschreibung, personen: list) -> Einschreibung:
    """The Kommunen-Admin names who of her members attends; confirmed ones get the dates."""
    if not permissions.kann_einschreiben(user, einschreibung.kommune):
        raise NichtGefunden(objekt=einschreibung)
    with transaction.atomic():
        gesperrt(einschreibung.kohorte)
        einschreibung = Einschreibung.objects.select_related("kommune", "kohorte").get(
            pk=einschreibung.pk
        )
        if not einschreibung.ist_aktiv:
            raise ValidationError(_("Diese Anmeldung ist nicht mehr aktiv."))
        neu, weg = benennungen_setzen(einschreibung, personen)
        audit(
            wer=user,
            kommune=einschreibung.kommune,
            aktion="einschreibung.teilnehmende",
            objekt=einschreibung,
            details={"neu": sorted(neu), "entfernt": sorted(weg)},
        )
    return einschreibung


def benennungen_beenden(
    *, user, kommune: Kommune, person, grund: str = "mitgliedschaft.entfernt"
) -> int:
    """The person left the Kommune: its namings of them end, and with them the coming dates.

    Called by `kommunen.services` inside its transaction (the caller checked the permission):
    a membership removed, an account deactivated or deleted. `grund` says which, in the audit
    log. Past attendance stays as it was recorded. Returns the number of namings ended.
    """
    einschreibungen = list(
        Einschreibung.objects.filter(kommune=kommune, benennungen__person=person)
        .select_related("kohorte", "kommune")
        .order_by("kohorte_id")
    )
    for einschreibung in einschreibungen:
        gesperrt(einschreibung.kohorte)
        Benennung.objects.filter(einschreibung=einschreibung, person=person).delete()
        if einschreibung.status == ES.BESTAETIGT:
            teilnahmen_beenden(einschreibung, [person])
        audit(
            wer=user,
            kommune=kommune,
            aktion="einschreibung.benennung_beendet",
            objekt=einschreibung,
            details={"person": person.username, "grund": grund},
        )
    return len(einschreibungen)


def anwesenheit_erfassen(*, user, veranstaltung: Veranstaltung, anwesend: set[int]) -> int:
    """Mark who attended: the ids in `anwesend` as present, every other place as absent.

    Refused before the event has begun: nobody can have been absent from a future date.
    """
    nur_koordination(user)
    with transaction.atomic():
        gesperrt(veranstaltung.kohorte)
        veranstaltung = Veranstaltung.objects.get(pk=veranstaltung.pk)
        if veranstaltung.beginn > timezone.now():
            raise ValidationError(
                _(
                    "Die Anwesenheit lässt sich erst ab Beginn der Veranstaltung erfassen "
                    "(%(zeit)s Uhr)."
                )
                % {"zeit": f"{timezone.localtime(veranstaltung.beginn):%d.%m.%Y, %H:%M}"},
                code="noch_nicht_begonnen",
            )
        # Hidden places are left alone: they would count as absent in the attendance rate.
        belegt = belegte_teilnahmen(veranstaltung)
        n = belegt.filter(person_id__in=anwesend).update(status=TS.ANWESEND)
        belegt.exclude(person_id__in=anwesend).update(status=TS.ABWESEND)
        audit(
            wer=user,
            aktion="veranstaltung.anwesenheit",
            objekt=veranstaltung,
            details={"anwesend": n},
        )
    return n


def kalender_abo_erneuern(*, user) -> tuple[KalenderAbo, bool]:
    """Create or renew the user's secret feed URL.

    Returns the feed and whether it replaced an earlier URL (which stops working at once).
    """
    if not user.is_authenticated:
        raise NichtGefunden
    with transaction.atomic():
        abo, neu = KalenderAbo.objects.update_or_create(
            person=user,
            defaults={"token": secrets.token_urlsafe(32), "erneuert_am": timezone.now()},
        )
        audit(wer=user, aktion="kalender_abo.erneuert", objekt=abo, details={"neu": neu})
    return abo, not neu


def erinnerungen_senden() -> int:
    """Remind everyone with a place in an event that starts tomorrow (Berlin date), once.

    Only people still named by a Kommune they belong to (the one membership rule).
    """
    morgen = timezone.localdate(timezone=mitteilungen.BERLIN) + timedelta(days=1)
    offen = teilnahmen_gueltig().filter(
        status=TS.ANGEMELDET,
        erinnert_am=None,
        veranstaltung__beginn__date=morgen,
    )
    gesendet = 0
    for pk in list(offen.values_list("pk", flat=True)):
        # Claim with a conditional UPDATE: two sweeps at once remind a person only once.
        if Teilnahme.objects.filter(pk=pk, erinnert_am=None).update(erinnert_am=timezone.now()):
            mitteilungen.erinnerung_senden(teilnahme_id=pk)
            gesendet += 1
    return gesendet
