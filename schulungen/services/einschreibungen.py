"""Places at cohort level: a Kommune asks, gets a place or a waitlist spot, withdraws."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kommunen import permissions
from kommunen.audit import audit
from kommunen.models import Kommune
from prozessbibliothek.fehler import NichtGefunden

from ..models import Einschreibung, Kohorte
from ._gemeinsam import ES, einreihen, gesperrt, nur_koordination
from .teilnahmen import benennungen_setzen, kommende, teilnahme_anlegen, teilnahmen_beenden


def frei(kohorte: Kohorte) -> int:
    return kohorte.max_kommunen - kohorte.einschreibungen.filter(status=ES.BESTAETIGT).count()


def _mitteilen(einschreibung: Einschreibung, anlass: str) -> None:
    einreihen("einschreibung_mitteilen", einschreibung.pk, anlass)


def _bestaetigen(einschreibung: Einschreibung, anlass: str) -> None:
    einschreibung.status = ES.BESTAETIGT
    einschreibung.entschieden_am = timezone.now()
    einschreibung.save(update_fields=["status", "entschieden_am"])
    for benennung in einschreibung.benennungen.gueltig().select_related("person"):
        for veranstaltung in kommende(einschreibung.kohorte):
            teilnahme_anlegen(veranstaltung, benennung.person)
    _mitteilen(einschreibung, anlass)


def nachruecken(kohorte: Kohorte) -> list[Einschreibung]:
    """Give free places to the waitlist in arrival order. Caller holds the cohort lock."""
    nachgerueckt = []
    anzahl = frei(kohorte)
    if anzahl <= 0:
        return nachgerueckt
    warteliste = kohorte.einschreibungen.filter(status=ES.WARTELISTE).order_by("angefragt_am", "id")
    for einschreibung in warteliste[:anzahl]:
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
    *, user, kommune: Kommune, kohorte: Kohorte, teilnehmende: list | None = None
) -> Einschreibung:
    """A Kommunen-Admin asks for a place for her Kommune.

    With automatic confirmation the place is given at once while places are free, otherwise the
    Kommune goes onto the waitlist in arrival order; without it the request waits for the
    coordination.
    """
    if not permissions.kann_einschreiben(user, kommune):
        raise NichtGefunden(objekt=kommune)
    with transaction.atomic():
        kohorte = gesperrt(kohorte)
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
        elif frei(kohorte) > 0:
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
                        ansprechperson=user,
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
            einschreibung.ansprechperson = user
            einschreibung.angefragt_am = jetzt
            einschreibung.entschieden_am = None
            einschreibung.nachricht = ""
            einschreibung.save()
        if teilnehmende:
            benennungen_setzen(einschreibung, teilnehmende)
        if status == ES.BESTAETIGT:
            _bestaetigen(einschreibung, "bestaetigt")
        elif status == ES.WARTELISTE:
            einschreibung.status = ES.WARTELISTE
            einschreibung.save(update_fields=["status"])
            _mitteilen(einschreibung, "warteliste")
        else:
            _mitteilen(einschreibung, "angefragt")
        audit(
            wer=user,
            kommune=kommune,
            aktion="einschreibung.angefragt",
            objekt=einschreibung,
            details={"kohorte": kohorte.name, "status": einschreibung.status},
        )
    return einschreibung


def einschreibung_zurueckziehen(*, user, einschreibung: Einschreibung) -> Einschreibung:
    """The Kommunen-Admin withdraws; a confirmed place goes to the next on the waitlist."""
    if not permissions.kann_einschreiben(user, einschreibung.kommune):
        raise NichtGefunden(objekt=einschreibung)
    with transaction.atomic():
        kohorte = gesperrt(einschreibung.kohorte)
        einschreibung = Einschreibung.objects.get(pk=einschreibung.pk)
        if not einschreibung.ist_aktiv:
            raise ValidationError(_("Diese Anmeldung ist nicht mehr aktiv."))
        war_bestaetigt = einschreibung.status == ES.BESTAETIGT
        einschreibung.status = ES.ZURUECKGEZOGEN
        einschreibung.entschieden_am = timezone.now()
        einschreibung.save(update_fields=["status", "entschieden_am"])
        if war_bestaetigt:
            teilnahmen_beenden(einschreibung, einschreibung.teilnehmende.all())
        audit(
            wer=user,
            kommune=einschreibung.kommune,
            aktion="einschreibung.zurueckgezogen",
            objekt=einschreibung,
            details={"kohorte": kohorte.name},
        )
        nachruecken(kohorte)
    return einschreibung


ENTSCHEIDUNGEN = ("bestaetigen", "warteliste", "ablehnen")


def einschreibung_entscheiden(
    *, user, einschreibung: Einschreibung, aktion: str, nachricht: str = ""
) -> Einschreibung:
    """The coordination confirms (or wait-lists when full), wait-lists or declines a request."""
    nur_koordination(user)
    if aktion not in ENTSCHEIDUNGEN:
        raise ValidationError(_("Diese Entscheidung gibt es nicht."))
    with transaction.atomic():
        kohorte = gesperrt(einschreibung.kohorte)
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
                teilnahmen_beenden(einschreibung, einschreibung.teilnehmende.all())
            _mitteilen(einschreibung, "abgelehnt")
            nachruecken(kohorte)
        elif aktion == "bestaetigen":
            if vorher not in (ES.ANGEFRAGT, ES.WARTELISTE):
                raise ValidationError(_("Nur offene Anfragen können bestätigt werden."))
            einschreibung.save(update_fields=["nachricht"])
            if frei(kohorte) > 0:
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
            wer=user,
            kommune=einschreibung.kommune,
            aktion=f"einschreibung.{aktion}",
            objekt=einschreibung,
            details={"vorher": vorher, "nachher": einschreibung.status},
        )
    return einschreibung
