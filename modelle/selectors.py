"""Reads about models and versions, always scoped to the user.

What a user may not see does not exist for them: `NichtGefunden` (404), never a 403 that would
confirm it. Who may see and edit is decided in `models.py` (`sichtbar_fuer`, `bearbeitbar_fuer`);
these functions only add the lookups, orderings and joins the pages need.
"""

from __future__ import annotations

import uuid as uuid_lib

from django.db.models import IntegerField, QuerySet
from django.db.models.fields.json import KT
from django.db.models.functions import Cast
from django.utils.translation import gettext as _

from kommunen import permissions
from kommunen.models import AuditEintrag, Kommune, Rolle
from prozessbibliothek.fehler import KeineBerechtigung, NichtGefunden
from schulungen.models import Einschreibung, Kohorte

from .models import (
    Aehnlichkeit,
    Darstellung,
    Kommentar,
    Modellversion,
    Prozessmodell,
    Vorschau,
)


def _uuid(wert) -> uuid_lib.UUID:
    try:
        return wert if isinstance(wert, uuid_lib.UUID) else uuid_lib.UUID(str(wert))
    except ValueError:
        raise NichtGefunden() from None


# What a list of models never needs of the versions it shows.
_GROSS = ("suchtext", "kennzahlen", "befunde", "ablauf", "elemente")


def modelle_sichtbar(user) -> QuerySet[Prozessmodell]:
    return (
        Prozessmodell.objects.sichtbar_fuer(user)
        .select_related(
            "kommune",
            "kommune__kreis",
            "neueste_version",
            "veroeffentlichte_version",
            "kohorte",
            "abgeleitet_von__modell__kommune",
        )
        .defer(
            *(f"neueste_version__{f}" for f in _GROSS),
            *(f"veroeffentlichte_version__{f}" for f in _GROSS),
            *(f"abgeleitet_von__{f}" for f in _GROSS),
        )
    )


def modell_fuer(user, uuid) -> Prozessmodell:
    """The model behind a URL, if this user may see it."""
    modell = modelle_sichtbar(user).filter(uuid=_uuid(uuid)).first()
    if modell is None:
        raise NichtGefunden()
    return modell


def modell_zum_bearbeiten(user, uuid) -> Prozessmodell:
    """A model this user may change: 404 if invisible, 403 if visible but read-only."""
    modell = modell_fuer(user, uuid)
    if not darf_bearbeiten(user, modell):
        raise KeineBerechtigung(
            _("Dieses Modell dürfen nur Redaktion und Verwaltung von %(k)s ändern.")
            % {"k": modell.kommune.name},
            objekt=modell,
        )
    return modell


def darf_bearbeiten(user, modell: Prozessmodell) -> bool:
    return permissions.kann_bearbeiten(user, modell)


def versionen_des_modells(user, modell: Prozessmodell) -> QuerySet[Modellversion]:
    """The versions this user may see, newest first; without the large JSON columns."""
    return (
        Modellversion.objects.sichtbar_fuer(user, modell=modell)
        .select_related("erstellt_von", "freigegeben_von")
        .defer("kennzahlen", "suchtext", "befunde", "ablauf", "elemente")
        .order_by("-nummer")
    )


def version_fuer(user, modell_uuid, nummer: int | None = None) -> Modellversion:
    """One version of a visible model (the newest if `nummer` is None)."""
    modell = modell_fuer(user, modell_uuid)
    qs = Modellversion.objects.sichtbar_fuer(user, modell=modell).select_related(
        "erstellt_von", "freigegeben_von", "zur_pruefung_von"
    )
    version = (
        qs.filter(nummer=nummer).first() if nummer is not None else qs.order_by("-nummer").first()
    )
    if version is None:
        raise NichtGefunden()
    version.modell = modell
    return version


def version_sichtbar(user, version: Modellversion) -> bool:
    """Whether this user may open the version's page. A comment can outlive that: other
    Kommunen still read the discussion of a superseded version (`Kommentar.sichtbar_fuer`)."""
    return (
        Modellversion.objects.sichtbar_fuer(user, modell=version.modell)
        .filter(pk=version.pk)
        .exists()
    )


def versionen_nach_uuid(user, uuids: list[str]) -> QuerySet[Modellversion]:
    """For the live status: the visible versions among these ids (unknown ids are dropped)."""
    gueltig = []
    for wert in uuids[:100]:
        try:
            gueltig.append(uuid_lib.UUID(str(wert)))
        except ValueError:
            continue
    return (
        Modellversion.objects.sichtbar_fuer(user)
        .filter(uuid__in=gueltig)
        .select_related("modell")
        .only(
            "uuid",
            "nummer",
            "verarbeitung",
            "fehler_anzahl",
            "warnungen_anzahl",
            "verarbeitung_grund",
            "modell__uuid",
            "modell__titel",
        )
    )


def darstellungen(version: Modellversion) -> list[Darstellung]:
    return list(Darstellung.objects.filter(version=version).order_by("nummer"))


def darstellung(version: Modellversion, nummer: int) -> Darstellung:
    gefunden = Darstellung.objects.filter(version=version, nummer=nummer).first()
    if gefunden is None:
        raise NichtGefunden()
    return gefunden


def vorschau(version: Modellversion) -> Vorschau:
    gefunden = Vorschau.objects.filter(version=version).first()
    if gefunden is None:
        raise NichtGefunden()
    return gefunden


def kommunen_zum_hochladen(user) -> QuerySet[Kommune]:
    """The Kommunen for which this user may put models into the register."""
    return Kommune.objects.mit_rolle(user, mindestens=Rolle.BEARBEITEN).order_by("name")


def eigene_kommunen(user) -> QuerySet[Kommune]:
    return Kommune.objects.mit_rolle(user).order_by("name")


def modelle_der_kommune(user, kommune: Kommune) -> QuerySet[Prozessmodell]:
    return modelle_sichtbar(user).filter(kommune=kommune).order_by("-geaendert_am", "-pk")


def kohorten_der_kommune(kommune: Kommune) -> QuerySet[Kohorte]:
    """The cohorts the Kommune took part in (confirmed): where its models can come from."""
    return Kohorte.objects.filter(
        einschreibungen__kommune=kommune,
        einschreibungen__status=Einschreibung.Status.BESTAETIGT,
    ).order_by("-jahr", "name")


def verlauf(modell: Prozessmodell, *, grenze: int = 50) -> list[AuditEintrag]:
    """The model's history from the audit log (uploads, review, publication, changes)."""
    return list(
        AuditEintrag.objects.filter(objekt_typ=Prozessmodell._meta.label, objekt_id=str(modell.pk))
        .select_related("wer")
        .order_by("-zeitpunkt", "-pk")[:grenze]
    )


def veroeffentlichte_der_kommune(user, kommune: Kommune) -> QuerySet[Prozessmodell]:
    """A Kommune's published, not archived models that this user may see (its public page)."""
    return (
        modelle_sichtbar(user)
        .filter(kommune=kommune, veroeffentlichte_version__isnull=False, archiviert_am__isnull=True)
        .order_by("titel", "pk")
    )


def kommentare_zum_modell(user, modell: Prozessmodell) -> QuerySet[Kommentar]:
    return (
        Kommentar.objects.sichtbar_fuer(user, modell=modell)
        .select_related("autor", "version")
        .order_by("erstellt_am", "pk")
    )


def kommentar_fuer(user, uuid) -> Kommentar:
    kommentar = (
        Kommentar.objects.sichtbar_fuer(user)
        .select_related("modell", "version", "autor", "kommune")
        .filter(uuid=_uuid(uuid))
        .first()
    )
    if kommentar is None:
        raise NichtGefunden()
    return kommentar


def nachnutzungen_von(modell: Prozessmodell) -> list[Kommune]:
    """The Kommunen that took this model over (who, not what: their copies stay theirs)."""
    return list(
        Kommune.objects.filter(prozessmodelle__abgeleitet_von__modell=modell)
        .exclude(pk=modell.kommune_id)
        .distinct()
        .order_by("name")
    )


def herkunft(user, modell: Prozessmodell) -> dict | None:
    """Where a reused model came from, and whether the origin has published something newer.

    The origin is loaded through the user's visibility: once its Kommune makes it `intern` or
    archives it, `modell` is None and only what the copy recorded at reuse remains (the
    origin's Kommune and the version number), never the origin's current title or licence."""
    quelle = modell.abgeleitet_von
    if quelle is None:
        return None
    original = modelle_sichtbar(user).filter(pk=quelle.modell_id).first()
    neuer = original.veroeffentlichte_version if original else None
    return {
        "version": quelle,
        "kommune": quelle.modell.kommune.name,
        "modell": original,
        "neuere": neuer if neuer and neuer.nummer > quelle.nummer else None,
    }


def version_nach_uuid(user, uuid) -> Modellversion:
    version = (
        Modellversion.objects.sichtbar_fuer(user)
        .select_related("modell", "modell__kommune")
        .filter(uuid=_uuid(uuid))
        .first()
    )
    if version is None:
        raise NichtGefunden()
    return version


VARIANTEN_PRO_SEITE = 50
# The key figures a comparison of variants shows, read out of the JSON in the database: a list
# never loads `kennzahlen` itself (it carries every label of the model).
_KENNZAHLEN = {
    "k_aufgaben": "kennzahlen__counts__tasks__total",
    "k_teilprozesse": "kennzahlen__counts__sub_processes__total",
    "k_lanes": "kennzahlen__lanes",
    "k_uebergaben": "kennzahlen__handovers",
    "k_cfc": "kennzahlen__cfc",
    "k_pfad": "kennzahlen__longest_path",
    "k_schleifen": "kennzahlen__loops",
}


def varianten(user, schluessel: str) -> QuerySet[Prozessmodell]:
    """Every model of one Leistungsschlüssel this user may see, sorted by Kommune (a page of
    them goes through `varianten_mit_versionen`)."""
    return (
        modelle_sichtbar(user)
        .filter(leistungsschluessel=schluessel)
        .order_by("kommune__name", "titel", "pk")
    )


def varianten_mit_versionen(user, modelle: list[Prozessmodell]) -> list[tuple]:
    """(model, version) with the version this user sees (own Kommune: the newest; others: the
    published one), the version annotated with its key figures only."""
    eigene = set(eigene_kommunen(user).values_list("pk", flat=True))
    ids = [
        (m.neueste_version_id if m.kommune_id in eigene else m.veroeffentlichte_version_id)
        for m in modelle
    ]
    versionen = {
        v.pk: v
        for v in Modellversion.objects.filter(pk__in=[i for i in ids if i])
        .only("uuid", "nummer", "status", "verarbeitung", "fehler_anzahl", "warnungen_anzahl",
              "diagramme", "modell_id")
        .annotate(**{name: Cast(KT(pfad), IntegerField()) for name, pfad in _KENNZAHLEN.items()})
    }  # fmt: skip
    return [(m, versionen[i]) for m, i in zip(modelle, ids, strict=True) if i in versionen]


def aehnliche_modelle(user, modell: Prozessmodell, *, anzahl: int = 5) -> list[Aehnlichkeit]:
    """The most similar models of other Kommunen that this user may see (precomputed list)."""
    # At most LISTE stored rows: the visibility rule is checked for just those ids, instead of
    # joining against every model the user may see.
    liste = list(
        Aehnlichkeit.objects.filter(modell=modell)
        .exclude(anderes__kommune_id=modell.kommune_id)
        .select_related("anderes", "anderes__kommune")
        .order_by("-wert", "anderes_id")
    )
    sichtbar = set(
        Prozessmodell.objects.sichtbar_fuer(user)
        .filter(pk__in=[a.anderes_id for a in liste])
        .values_list("pk", flat=True)
    )
    return [a for a in liste if a.anderes_id in sichtbar][:anzahl]
