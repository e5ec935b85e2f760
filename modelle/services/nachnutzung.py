"""Nachnutzung: a Kommune takes a published model of another Kommune into its own library.

The copy is a new draft model of the user's Kommune that records where it came from (the source
version; through it the model, the Kommune and the licence). Its version 1 has the same bytes, so
it is stored once and processed like any upload. Licences that do not allow copying are refused.
When the origin later publishes a newer version, the copy's Redaktion is told (see freigabe.py).
"""

from __future__ import annotations

from django.db.models import F
from django.utils.translation import gettext as _

from kommunen.audit import audit
from kommunen.models import Kommune
from prozessbibliothek.fehler import KeineBerechtigung, Konflikt

from .. import ablage
from ..eingang import Datei
from ..models import Lizenz, Modellversion, Prozessmodell, Sichtbarkeit
from .register import _duplikat, _mit_datei, _version_anlegen, nur_redaktion

ERLAUBT = {Lizenz.CC_BY_4, Lizenz.DL_DE_BY_2, Lizenz.CC0}


def nachnutzbar(version: Modellversion) -> bool:
    return version.status == Modellversion.Status.FREIGEGEBEN and version.modell.lizenz in ERLAUBT


def nachnutzen(*, user, version: Modellversion, kommune: Kommune) -> Modellversion:
    """Copy a published version into `kommune` (one of the user's, with Redaktion) as a new draft.

    The caller found `version` through a selector scoped to the user; this refuses everything
    that is not a published version of another Kommune under a licence that allows reuse.
    """
    nur_redaktion(user, kommune)
    quelle = version.modell
    if version.status != Modellversion.Status.FREIGEGEBEN:
        raise KeineBerechtigung(_("Nachnutzen lassen sich nur freigegebene Versionen."))
    if quelle.kommune_id == kommune.pk:
        raise Konflikt(_("Das Modell gehört bereits Ihrer Kommune."), code="eigenes")
    if quelle.lizenz not in ERLAUBT:
        raise KeineBerechtigung(
            _(
                "%(kommune)s hat „%(titel)s“ unter „%(lizenz)s“ veröffentlicht; die Lizenz "
                "erlaubt keine Nachnutzung. Fragen Sie die Ansprechperson nach einer Freigabe."
            )
            % {
                "kommune": quelle.kommune.name,
                "titel": quelle.titel,
                "lizenz": quelle.get_lizenz_display(),
            }
        )
    daten = ablage.lesen(version.datei)
    if ablage.sha256(daten) != version.sha256:
        raise Konflikt(_("Die Datei der Quelle ist beschädigt."), code="quelle")
    if konflikt := _duplikat(kommune, version.sha256):
        raise Konflikt(
            _("Ihre Kommune hat diese Fassung bereits: %(m)s") % {"m": konflikt.messages[0]},
            code="duplikat",
        )
    herkunft = _("Übernommen von %(kommune)s: „%(titel)s“, Version %(n)s (%(lizenz)s).") % {
        "kommune": quelle.kommune.name,
        "titel": quelle.titel,
        "n": version.nummer,
        "lizenz": quelle.get_lizenz_display(),
    }

    def schreiben() -> Modellversion:
        modell = Prozessmodell.objects.create(
            kommune=kommune,
            erstellt_von=user,
            titel=quelle.titel,
            beschreibung=quelle.beschreibung,
            leistungsschluessel=quelle.leistungsschluessel,
            kategorie=quelle.kategorie,
            schlagworte=quelle.schlagworte,
            lizenz=quelle.lizenz,
            sichtbarkeit=Sichtbarkeit.NETZWERK,
            abgeleitet_von=version,
        )
        Prozessmodell.objects.filter(pk=quelle.pk).update(nachnutzungen=F("nachnutzungen") + 1)
        audit(
            wer=user,
            kommune=kommune,
            aktion="prozessmodell.nachgenutzt",
            objekt=modell,
            details={"quelle": str(quelle.uuid), "version": version.nummer},
        )
        audit(
            wer=user,
            kommune=quelle.kommune,
            aktion="prozessmodell.nachgenutzt_von",
            objekt=quelle,
            details={"kommune": kommune.name, "version": version.nummer},
        )
        datei = Datei(name=version.dateiname or "modell.bpmn", daten=daten, titel=quelle.titel)
        return _version_anlegen(user=user, modell=modell, datei=datei, notiz=herkunft)

    return _mit_datei(Datei(name="", daten=daten, titel=""), schreiben)
