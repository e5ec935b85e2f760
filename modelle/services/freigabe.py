"""Review and publication under four eyes, and archiving.

entwurf ──zur Prüfung (Redaktion)──▶ in_pruefung ──freigeben (Verwaltung, not the uploader)──▶
freigegeben; in_pruefung ──zurückgeben (Verwaltung, with a comment)──▶ entwurf. Publishing a version
supersedes the model's previously published one (status `archiviert`, shown as "abgelöst"); until
then the previous one stays what the network sees, also while a newer draft is in review.

Every transition locks the model row first, then checks the version's state: two admins clicking
at once, or an upload arriving meanwhile, cannot publish twice or publish a version that changed
state. Every step is written to the audit log with the model as object (its history) and mails go
out through Celery after commit.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kommunen import permissions
from kommunen.audit import audit
from prozessbibliothek.auftraege import einreihen_nach_commit
from prozessbibliothek.fehler import KeineBerechtigung, Konflikt

from ..models import Modellversion, Prozessmodell
from .suchindex import katalog_aktualisieren

S = Modellversion.Status
V = Modellversion.Verarbeitung
MAIL = "modelle.tasks.freigabe_mitteilen"
NICHT_IN_PRUEFUNG = gettext_lazy("Version %(n)s ist nicht in Prüfung (jetzt: %(s)s).")


def _gesperrt(version: Modellversion) -> tuple[Prozessmodell, Modellversion]:
    modell = Prozessmodell.objects.select_for_update().get(pk=version.modell_id)
    return modell, Modellversion.objects.select_related("erstellt_von").get(pk=version.pk)


def _im_zustand(version: Modellversion, erwartet: str, meldung: str) -> None:
    """Someone else may have moved the version on meanwhile: say so instead of failing."""
    if version.status != erwartet:
        raise Konflikt(
            meldung % {"n": version.nummer, "s": version.get_status_display()}, code="zustand"
        )


def _protokoll(user, modell: Prozessmodell, aktion: str, version: Modellversion, **details):
    audit(
        wer=user,
        kommune=modell.kommune,
        aktion=aktion,
        objekt=modell,
        details={"version": version.nummer, **details},
    )


def zur_pruefung_geben(*, user, version: Modellversion) -> Modellversion:
    """The Redaktion asks the Kommune's admins to publish a processed draft."""
    if not permissions.kann_bearbeiten(user, version.modell):
        raise KeineBerechtigung(_("Zur Prüfung geben dürfen Redaktion und Verwaltung der Kommune."))
    with transaction.atomic():
        modell, version = _gesperrt(version)
        _im_zustand(version, S.ENTWURF, _("Version %(n)s ist kein Entwurf mehr (jetzt: %(s)s)."))
        if version.verarbeitung in (V.WARTEND, V.LAEUFT):
            raise Konflikt(
                _("Die Prüfung der Datei läuft noch; bitte warten Sie, bis sie fertig ist."),
                code="verarbeitung",
            )
        if version.verarbeitung == V.FEHLER:
            raise Konflikt(
                _("Die Datei konnte nicht verarbeitet werden und kann nicht freigegeben werden."),
                code="verarbeitung",
            )
        version.status = S.IN_PRUEFUNG
        version.zur_pruefung_von, version.zur_pruefung_am = user, timezone.now()
        version.rueckmeldung = ""
        version.save(
            update_fields=["status", "zur_pruefung_von", "zur_pruefung_am", "rueckmeldung"]
        )
        _protokoll(user, modell, "modellversion.zur_pruefung", version)
        einreihen_nach_commit(MAIL, version.pk, "zur_pruefung")
    return version


def freigeben(*, user, version: Modellversion) -> Modellversion:
    """A Kommunen-Admin publishes a version in review — never the person who uploaded it."""
    if not permissions.kann_freigeben(user, version):
        if permissions.kann_mitglieder_verwalten(user, version.kommune):
            # The Verwaltung is refused for one reason only: she uploaded it herself.
            raise KeineBerechtigung(
                _(
                    "Sie haben diese Version selbst hochgeladen. Freigeben muss eine andere "
                    "Person mit der Rolle „Verwalten“ (Vier-Augen-Prinzip)."
                )
            )
        raise KeineBerechtigung(_("Freigeben darf nur die Verwaltung der Kommune."))
    with transaction.atomic():
        modell, version = _gesperrt(version)
        _im_zustand(version, S.IN_PRUEFUNG, NICHT_IN_PRUEFUNG)
        jetzt = timezone.now()
        abgeloest = list(
            Modellversion.objects.filter(modell=modell, status=S.FREIGEGEBEN).values_list(
                "nummer", flat=True
            )
        )
        Modellversion.objects.filter(modell=modell, status=S.FREIGEGEBEN).update(
            status=S.ARCHIVIERT
        )
        version.status = S.FREIGEGEBEN
        version.freigegeben_von, version.freigegeben_am = user, jetzt
        version.save(update_fields=["status", "freigegeben_von", "freigegeben_am"])
        modell.veroeffentlichte_version = version
        modell.geaendert_am = jetzt
        modell.save(update_fields=["veroeffentlichte_version", "geaendert_am"])
        katalog_aktualisieren(modelle=[modell.pk])
        _protokoll(user, modell, "modellversion.freigegeben", version, abgeloest=abgeloest)
        einreihen_nach_commit(MAIL, version.pk, "freigegeben")
        if modell.nachnutzungen:
            einreihen_nach_commit("modelle.tasks.nachnutzer_benachrichtigen", version.pk)
        # Its similar processes (and its place in theirs) follow the published version.
        einreihen_nach_commit("modelle.tasks.aehnliche_berechnen", modell.pk)
    return version


def zurueckgeben(*, user, version: Modellversion, kommentar: str) -> Modellversion:
    """A Kommunen-Admin sends a version in review back to the Redaktion, saying why."""
    if not permissions.kann_mitglieder_verwalten(user, version.kommune):
        raise KeineBerechtigung(_("Zurückgeben darf nur die Verwaltung der Kommune."))
    kommentar = kommentar.strip()
    if not kommentar:
        raise Konflikt(_("Bitte schreiben Sie dazu, was geändert werden soll."), code="kommentar")
    with transaction.atomic():
        modell, version = _gesperrt(version)
        _im_zustand(version, S.IN_PRUEFUNG, NICHT_IN_PRUEFUNG)
        version.status = S.ENTWURF
        version.rueckmeldung = kommentar[:2000]
        version.save(update_fields=["status", "rueckmeldung"])
        _protokoll(
            user, modell, "modellversion.zurueckgegeben", version, kommentar=kommentar[:2000]
        )
        einreihen_nach_commit(MAIL, version.pk, "zurueckgegeben")
    return version


def modell_archivieren(*, user, modell: Prozessmodell) -> Prozessmodell:
    """Hide a model from everyone outside the Kommune; versions and history stay."""
    return _archiv(user, modell, archivieren=True)


def modell_wiederherstellen(*, user, modell: Prozessmodell) -> Prozessmodell:
    return _archiv(user, modell, archivieren=False)


def nur_verwaltung(user, modell: Prozessmodell) -> None:
    """Archiving and restoring belong to the Kommune's Verwaltung; anyone else who sees the
    model gets a 403, also for the page that asks for confirmation."""
    if not permissions.kann_mitglieder_verwalten(user, modell.kommune):
        raise KeineBerechtigung(_("Archivieren darf nur die Verwaltung der Kommune."))


def _archiv(user, modell: Prozessmodell, *, archivieren: bool) -> Prozessmodell:
    nur_verwaltung(user, modell)
    with transaction.atomic():
        modell = Prozessmodell.objects.select_for_update().get(pk=modell.pk)
        if (modell.archiviert_am is not None) == archivieren:
            return modell
        modell.archiviert_am = timezone.now() if archivieren else None
        modell.save(update_fields=["archiviert_am"])
        katalog_aktualisieren(modelle=[modell.pk])
        audit(
            wer=user,
            kommune=modell.kommune,
            aktion="prozessmodell.archiviert" if archivieren else "prozessmodell.wiederhergestellt",
            objekt=modell,
        )
    return modell
