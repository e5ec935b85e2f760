"""Writing the append-only audit log; every service that changes something calls `audit`.

Also written here, outside the services: logins (kommunen/anmeldung.py), refusals that the one
error translation turns into a 403 (prozessbibliothek/fehler.py, prozessbibliothek/api.py) and
writes on the Django admin site (kommunen/adminprotokoll.py).

`AKTIONEN` names every action in German for the coordination's audit page; a test checks that
every action the code writes has a name here.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _

from . import drossel
from .models import AuditEintrag, Kommune

AKTIONEN = {
    # Login and accounts
    "anmeldung.erfolgreich": _("Anmeldung"),
    "anmeldung.fehlgeschlagen": _("Anmeldung fehlgeschlagen"),
    "anmeldung.gesperrt": _("Anmeldung gesperrt (zu viele Fehlversuche)"),
    "konto.passwort_reset_angefordert": _("Passwort-Zurücksetzen angefordert"),
    "konto.passwort_zurueckgesetzt": _("Passwort zurückgesetzt"),
    "konto.passwort_geaendert": _("Passwort geändert"),
    "zugriff.verweigert": _("Zugriff verweigert"),
    # Kommunen and members
    "kommune.aufgenommen": _("Kommune aufgenommen"),
    "einladung.erstellt": _("Einladung verschickt"),
    "einladung.angenommen": _("Einladung angenommen"),
    "einladung.zurueckgezogen": _("Einladung zurückgezogen"),
    "mitgliedschaft.rolle_geaendert": _("Rolle geändert"),
    "mitgliedschaft.entfernt": _("Mitglied entfernt"),
    # Process models
    "prozessmodell.angelegt": _("Prozessmodell angelegt"),
    "modellversion.hochgeladen": _("Version hochgeladen"),
    "prozessmodell.geaendert": _("Angaben zum Prozessmodell geändert"),
    "modellversion.zur_pruefung": _("Version zur Prüfung gegeben"),
    "modellversion.freigegeben": _("Version freigegeben"),
    "modellversion.zurueckgegeben": _("Version zurückgegeben"),
    "prozessmodell.archiviert": _("Prozessmodell archiviert"),
    "prozessmodell.wiederhergestellt": _("Prozessmodell wiederhergestellt"),
    "prozessmodell.nachgenutzt": _("Prozessmodell nachgenutzt"),
    "prozessmodell.nachgenutzt_von": _("Von einer anderen Kommune nachgenutzt"),
    "kommentar.geschrieben": _("Kommentar geschrieben"),
    "kommentar.geaendert": _("Kommentar geändert"),
    "kommentar.geloescht": _("Kommentar gelöscht"),
    # Trainings
    "kohorte.erstellt": _("Kohorte angelegt"),
    "kohorte.geaendert": _("Kohorte geändert"),
    "veranstaltung.erstellt": _("Veranstaltung angelegt"),
    "veranstaltung.geaendert": _("Veranstaltung geändert"),
    "veranstaltung.anwesenheit": _("Anwesenheit erfasst"),
    "einschreibung.angefragt": _("Einschreibung angefragt"),
    "einschreibung.zurueckgezogen": _("Einschreibung zurückgezogen"),
    "einschreibung.bestaetigen": _("Einschreibung bestätigt"),
    "einschreibung.warteliste": _("Auf die Warteliste gesetzt"),
    "einschreibung.ablehnen": _("Einschreibung abgelehnt"),
    "einschreibung.nachgerueckt": _("Von der Warteliste nachgerückt"),
    "einschreibung.teilnehmende": _("Teilnehmende benannt"),
    "einschreibung.benennung_beendet": _("Benennung beendet"),
    "kalender_abo.erneuert": _("Kalender-Abo erneuert"),
    # Django admin site
    "admin.angelegt": _("Im Admin-Bereich angelegt"),
    "admin.geaendert": _("Im Admin-Bereich geändert"),
    "admin.geloescht": _("Im Admin-Bereich gelöscht"),
}


def aktion_name(aktion: str) -> str:
    """The German name of an action; the code itself for one without a name."""
    return str(AKTIONEN.get(aktion, aktion))


def kommune_von(objekt) -> Kommune | None:
    """The Kommune an object belongs to, if it has one."""
    if isinstance(objekt, Kommune):
        return objekt
    if getattr(objekt, "kommune_id", None) is not None:
        return objekt.kommune
    return None


def audit(
    *,
    wer,
    aktion: str,
    kommune: Kommune | None = None,
    objekt: models.Model | None = None,
    details: dict | None = None,
) -> AuditEintrag:
    """Append one entry. Who and which Kommune are kept by name too (they may be deleted)."""
    person = wer if (wer is not None and wer.is_authenticated) else None
    return AuditEintrag.objects.create(
        wer=person,
        wer_benutzername=person.get_username() if person else "",
        wer_name=person.get_full_name()[:300] if person else "",
        kommune=kommune,
        kommune_name=kommune.name if kommune else "",
        kommune_ags=kommune.ags if kommune else "",
        aktion=aktion,
        objekt_typ=objekt._meta.label if objekt is not None else "",
        objekt_id=str(objekt.pk) if objekt is not None else "",
        details=details or {},
    )


# Refusals recorded per account and hour. The log is append-only (kommunen/auditschutz.py), so
# one account must not be able to grow it without bound by repeating a refused request.
VERWEIGERUNGEN_PRO_STUNDE = 60


def verweigerung(request, fehler) -> AuditEintrag | None:
    """Record a refusal of a logged-in user: every 403, and a 404 that names the existing
    object it hides.

    `fehler` is the exception being answered (ours from prozessbibliothek/fehler.py, or DRF's
    `PermissionDenied`). A 404 without an object (nothing there, or a selector hiding what the
    user may not see) is not recorded: it says nothing about an object.

    At most `VERWEIGERUNGEN_PRO_STUNDE` per account and hour; the first refusal past the limit
    is recorded once more with `"gedrosselt": True` (the rest of the hour goes unrecorded).
    """
    status = getattr(fehler, "status", None) or getattr(fehler, "status_code", None)
    objekt = getattr(fehler, "objekt", None)
    user = getattr(request, "user", None)
    if status != 403 and objekt is None:
        return None
    # Refusals of anonymous requests name no one and could fill the log without limit.
    if user is None or not user.is_authenticated:
        return None
    stunde = timedelta(hours=1)
    details = {}
    if not drossel.zulassen(
        art="verweigerung", wert=str(user.pk), grenze=VERWEIGERUNGEN_PRO_STUNDE, fenster=stunde
    ):
        if not drossel.zulassen(
            art="verweigerung.gedrosselt", wert=str(user.pk), grenze=1, fenster=stunde
        ):
            return None
        details["gedrosselt"] = True
    meldung = getattr(fehler, "meldung", None) or getattr(fehler, "detail", "") or ""
    return audit(
        wer=user,
        aktion="zugriff.verweigert",
        kommune=kommune_von(objekt),
        objekt=objekt,
        details={
            "status": status,
            "methode": request.method,
            "pfad": request.path[:300],
            "meldung": str(meldung)[:300],
            **details,
        },
    )
