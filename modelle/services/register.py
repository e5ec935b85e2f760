"""Putting models into the register: a new model from a file, a new version, metadata changes.

Rules kept here, once:
- A new model belongs to a Kommune in which the user holds at least the Redaktion role; callers
  pick that Kommune among the user's memberships, never from what a request names.
- Version numbers run 1, 2, 3 … per model without gaps: the model row is locked
  (`select_for_update`) before the next number is taken; the unique constraint is the last guard.
- The same bytes twice in one Kommune are refused, naming the version that has them; a unique
  constraint catches two identical uploads racing each other.
- The file is stored before the transaction (content-addressed, never overwritten). If the
  transaction fails and no version refers to a newly written file, it is removed again.
- Processing is enqueued on commit: a version that did not commit is never processed.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kommunen import permissions
from kommunen.audit import audit
from kommunen.models import Kommune
from prozessbibliothek.auftraege import einreihen_nach_commit
from prozessbibliothek.fehler import KeineBerechtigung, Konflikt

from .. import ablage
from ..eingang import Datei
from ..models import Modellversion, Prozessmodell
from .metadaten import metadaten_pruefen
from .suchindex import katalog_aktualisieren

VERARBEITEN = "modelle.tasks.verarbeite_version"


def nur_redaktion(user, kommune: Kommune) -> None:
    """Refuse unless the user may put models into `kommune` (the rule of `kommunen.permissions`)."""
    if not permissions.kann_modelle_bearbeiten(user, kommune):
        raise KeineBerechtigung(
            _("Modelle hochladen und ändern dürfen nur Redaktion und Verwaltung der Kommune.")
        )


def _duplikat(kommune: Kommune, sha: str) -> Konflikt | None:
    vorhanden = (
        Modellversion.objects.filter(kommune=kommune, sha256=sha)
        .select_related("modell")
        .only("nummer", "modell__titel")
        .first()
    )
    if vorhanden is None:
        return None
    return Konflikt(
        _("Diese Datei liegt bereits als Version %(n)s von „%(titel)s“ in der Bibliothek.")
        % {"n": vorhanden.nummer, "titel": vorhanden.modell.titel},
        code="duplikat",
    )


def _version_anlegen(*, user, modell: Prozessmodell, datei: Datei, notiz: str) -> Modellversion:
    """Inside the caller's transaction: lock the model, number, create, enqueue."""
    modell = Prozessmodell.objects.select_for_update().get(pk=modell.pk)
    sha = ablage.sha256(datei.daten)
    if konflikt := _duplikat(modell.kommune, sha):
        raise konflikt
    nummer = modell.versionen_anzahl + 1
    version = Modellversion.objects.create(
        modell=modell,
        kommune_id=modell.kommune_id,
        nummer=nummer,
        datei=ablage.schluessel(sha),
        sha256=sha,
        groesse=len(datei.daten),
        dateiname=datei.name,
        aenderungsnotiz=notiz.strip()[:2000],
        erstellt_von=user,
    )
    modell.versionen_anzahl, modell.neueste_version = nummer, version
    modell.geaendert_am = timezone.now()
    modell.save(update_fields=["versionen_anzahl", "neueste_version", "geaendert_am"])
    katalog_aktualisieren(modelle=[modell.pk])
    audit(
        wer=user,
        kommune=modell.kommune,
        aktion="modellversion.hochgeladen",
        objekt=modell,  # the model's history shows every step of its versions
        details={"version": nummer, "dateiname": datei.name, "sha256": sha},
    )
    einreihen_nach_commit(VERARBEITEN, version.pk)
    return version


def _mit_datei(datei: Datei, schreiben):
    """Store the file, run `schreiben()` in a transaction; undo the file if nothing refers to it."""
    key, sha, neu = ablage.speichern(datei.daten)
    try:
        with transaction.atomic():
            return schreiben()
    except IntegrityError:
        _aufraeumen(key, sha, neu)
        # Only the uniqueness constraints can fail here: the same bytes raced in.
        raise Konflikt(_("Diese Datei wurde gerade schon hochgeladen."), code="duplikat") from None
    except BaseException:
        _aufraeumen(key, sha, neu)
        raise


def _aufraeumen(key: str, sha: str, neu: bool) -> None:
    if neu and not Modellversion.objects.filter(sha256=sha).exists():
        ablage.entfernen(key)


def modell_anlegen(
    *,
    user,
    kommune: Kommune,
    datei: Datei,
    metadaten: dict | None = None,
    aenderungsnotiz: str = "",
    system: bool = False,
) -> Modellversion:
    """Create a model of `kommune` from a checked file; returns its version 1.

    `metadaten` may set any of the model's descriptive fields; the title defaults to the name
    found in the file. `system=True` is for operator imports (management command) without a user.
    """
    if not system:
        nur_redaktion(user, kommune)
    daten = metadaten_pruefen({"titel": datei.titel, **(metadaten or {})}, kommune=kommune)
    return _anlegen(
        user=user, kommune=kommune, datei=datei, daten=daten, notiz=aenderungsnotiz, system=system
    )


def _anlegen(
    *, user, kommune: Kommune, datei: Datei, daten: dict, notiz: str = "", system: bool = False
) -> Modellversion:
    """`modell_anlegen` once the caller checked the user's right and cleaned `daten`."""
    if konflikt := _duplikat(kommune, ablage.sha256(datei.daten)):
        raise konflikt

    def schreiben() -> Modellversion:
        modell = Prozessmodell.objects.create(kommune=kommune, erstellt_von=user, **daten)
        audit(
            wer=user,
            kommune=kommune,
            aktion="prozessmodell.angelegt",
            objekt=modell,
            details={"titel": modell.titel, "import": system},
        )
        return _version_anlegen(user=user, modell=modell, datei=datei, notiz=notiz)

    return _mit_datei(datei, schreiben)


@dataclass(frozen=True)
class Einzelergebnis:
    datei: Datei
    version: Modellversion | None = None
    fehler: str = ""


def modelle_aus_dateien_anlegen(
    *, user, kommune: Kommune, dateien: list[Datei], metadaten: dict | None = None
) -> list[Einzelergebnis]:
    """One new model per file, each in its own transaction: a refused file (e.g. a duplicate)
    never stops the others."""
    # The right and the shared metadata are the same for every file: check them once.
    nur_redaktion(user, kommune)
    gemeinsam = metadaten_pruefen(metadaten or {}, kommune=kommune, teilweise=True)
    ergebnisse = []
    for datei in dateien:
        try:
            # Only the title can differ per file (the name found in it); no query for that.
            titel = metadaten_pruefen(
                {"titel": gemeinsam.get("titel", datei.titel)}, kommune=kommune
            )
            version = _anlegen(
                user=user, kommune=kommune, datei=datei, daten={**gemeinsam, **titel}
            )
        except ValidationError as exc:
            ergebnisse.append(Einzelergebnis(datei, fehler=" ".join(exc.messages)))
        else:
            ergebnisse.append(Einzelergebnis(datei, version=version))
    return ergebnisse


def version_hochladen(
    *, user, modell: Prozessmodell, datei: Datei, aenderungsnotiz: str = ""
) -> Modellversion:
    """Add the next version to a model the user may edit."""
    nur_redaktion(user, modell.kommune)
    if konflikt := _duplikat(modell.kommune, ablage.sha256(datei.daten)):
        raise konflikt
    return _mit_datei(
        datei,
        lambda: _version_anlegen(user=user, modell=modell, datei=datei, notiz=aenderungsnotiz),
    )


def stand_von(modell: Prozessmodell) -> str:
    """The token a form carries to notice that someone else changed the model meanwhile."""
    return modell.geaendert_am.isoformat()


def modell_aendern(
    *, user, modell: Prozessmodell, daten: dict, stand: str | None = None
) -> Prozessmodell:
    """Change a model's descriptive fields. `stand` is `stand_von(modell)` as the user's form was
    built: if someone changed the model since, the change is refused (nothing is lost
    silently)."""
    nur_redaktion(user, modell.kommune)
    neu = metadaten_pruefen(daten, kommune=modell.kommune, teilweise=True)
    with transaction.atomic():
        aktuell = Prozessmodell.objects.select_for_update().get(pk=modell.pk)
        if stand is not None and stand_von(aktuell) != stand:
            raise Konflikt(
                _(
                    "Das Modell wurde inzwischen von jemand anderem geändert. Bitte laden Sie "
                    "die Seite neu und tragen Sie Ihre Änderungen erneut ein."
                ),
                code="veraltet",
            )
        alt = {feld: getattr(aktuell, feld) for feld in neu}
        for feld, wert in neu.items():
            setattr(aktuell, feld, wert)
        aktuell.geaendert_am = timezone.now()
        aktuell.save(update_fields=[*neu, "geaendert_am"])
        katalog_aktualisieren(modelle=[aktuell.pk])
        geaendert = {
            f: {"alt": _json(alt[f]), "neu": _json(neu[f])} for f in neu if alt[f] != neu[f]
        }
        audit(
            wer=user,
            kommune=aktuell.kommune,
            aktion="prozessmodell.geaendert",
            objekt=aktuell,
            details=geaendert,
        )
    return aktuell


def _json(wert):
    return getattr(wert, "pk", wert)
