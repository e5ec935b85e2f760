"""Is the register whole? The checks behind `manage.py pruefe_bestand` (and the chaos run).

- every version's file is in storage and its bytes still have the version's SHA-256 and size;
- no file in storage without a version — older than `mindestalter` only: an upload stores its
  file a moment before its version commits, so a young file may be one that is arriving;
- nothing stuck: no version `wartend` or `laeuft` for longer than `haengt_nach` (the sweep
  re-enqueues after minutes, so hours mean that no worker runs);
- a processed version has what its pages show: one drawing (Darstellung) per diagram and a
  thumbnail (Vorschau).

Reads only; repairs nothing. Storage is addressed through Django's default storage, so the same
checks run on local disk and on S3.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import timedelta

from django.core.files.storage import default_storage
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from . import ablage
from .models import Modellversion, Vorschau

V = Modellversion.Verarbeitung


@dataclass(frozen=True)
class Problem:
    art: str  # datei_fehlt, pruefsumme, verwaist, haengt, darstellung, vorschau
    objekt: str  # where: a version (model title, number, uuid) or a storage key
    meldung: str  # German, for the operator


@dataclass
class Bericht:
    versionen: int = 0
    dateien: int = 0
    junge_dateien_ohne_version: int = 0
    pruefsummen_verglichen: bool = True
    probleme: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.probleme

    def as_dict(self) -> dict:
        arten: dict[str, int] = {}
        for p in self.probleme:
            arten[p.art] = arten.get(p.art, 0) + 1
        return {
            "ok": self.ok,
            "versionen": self.versionen,
            "dateien": self.dateien,
            "junge_dateien_ohne_version": self.junge_dateien_ohne_version,
            "pruefsummen_verglichen": self.pruefsummen_verglichen,
            "fehler": len(self.probleme),
            "arten": arten,
            "probleme": [asdict(p) for p in self.probleme],
        }


def _name(v) -> str:
    return _("Version %(n)s von „%(titel)s“ (%(uuid)s)") % {
        "n": v.nummer,
        "titel": v.modell.titel,
        "uuid": v.uuid,
    }


def _pruefsumme(key: str) -> tuple[str, int]:
    sha = hashlib.sha256()
    groesse = 0
    with default_storage.open(key, "rb") as f:
        while block := f.read(1024 * 1024):
            sha.update(block)
            groesse += len(block)
    return sha.hexdigest(), groesse


def _dateien(ordner: str = ablage.PREFIX) -> Iterator[str]:
    """Every key under the register's prefix (storage.listdir works on disk and on S3)."""
    try:
        unterordner, dateien = default_storage.listdir(ordner)
    except FileNotFoundError:  # on local disk: nothing uploaded yet
        return
    for name in dateien:
        yield f"{ordner}/{name}"
    for name in unterordner:
        yield from _dateien(f"{ordner}/{name}")


def bestand_pruefen(
    *,
    mindestalter: timedelta = timedelta(days=1),
    haengt_nach: timedelta = timedelta(minutes=30),
    pruefsummen: bool = True,
) -> Bericht:
    """Check the whole register; storage or database trouble propagates (the caller reports
    that the check could not run)."""
    bericht = Bericht(pruefsummen_verglichen=pruefsummen)
    jetzt = timezone.now()
    bekannt: set[str] = set()

    versionen = Modellversion.objects.select_related("modell").only(
        "uuid", "nummer", "datei", "sha256", "groesse", "modell__titel"
    )
    for v in versionen.order_by("pk").iterator(chunk_size=500):
        bericht.versionen += 1
        bekannt.add(v.datei)
        if not default_storage.exists(v.datei):
            bericht.probleme.append(
                Problem("datei_fehlt", _name(v), _("Die Datei %(key)s fehlt.") % {"key": v.datei})
            )
            continue
        if pruefsummen:
            sha, groesse = _pruefsumme(v.datei)
            if (sha, groesse) != (v.sha256, v.groesse):
                bericht.probleme.append(
                    Problem(
                        "pruefsumme",
                        _name(v),
                        _("Die Datei %(key)s stimmt nicht mehr mit Prüfsumme und Größe überein.")
                        % {"key": v.datei},
                    )
                )

    for key in _dateien():
        bericht.dateien += 1
        if key in bekannt:
            continue
        if jetzt - default_storage.get_modified_time(key) < mindestalter:
            bericht.junge_dateien_ohne_version += 1
            continue
        bericht.probleme.append(
            Problem("verwaist", key, _("Datei im Speicher, zu der es keine Modellversion gibt."))
        )

    grenze = jetzt - haengt_nach
    haengend = versionen.filter(
        Q(verarbeitung=V.WARTEND, erstellt_am__lt=grenze)
        | Q(verarbeitung=V.LAEUFT)
        & (Q(verarbeitung_beginn__lt=grenze) | Q(verarbeitung_beginn__isnull=True))
    )
    for v in haengend.only("uuid", "nummer", "modell__titel", "verarbeitung").order_by("pk"):
        bericht.probleme.append(
            Problem(
                "haengt",
                _name(v),
                _("Seit mehr als %(min)s Minuten „%(zustand)s“ – läuft ein Worker?")
                % {"min": int(haengt_nach.total_seconds() // 60), "zustand": v.verarbeitung},
            )
        )

    # Processing saved drawings and a thumbnail for exactly these: checked, or schema-invalid
    # but drawn. A file the parser refused is `ungueltig` too, with the parser's message as its
    # reason and nothing drawn.
    gezeichnet = versionen.filter(
        Q(verarbeitung__in=[V.OK, V.WARNUNGEN]) | Q(verarbeitung=V.UNGUELTIG, verarbeitung_grund="")
    ).annotate(
        zeichnungen=Count("darstellungen"),
        mit_vorschau=Exists(Vorschau.objects.filter(version=OuterRef("pk"))),
    )
    for v in gezeichnet.only("uuid", "nummer", "modell__titel", "diagramme").order_by("pk"):
        if v.zeichnungen != len(v.diagramme):
            bericht.probleme.append(
                Problem(
                    "darstellung",
                    _name(v),
                    _("%(da)s Zeichnungen gespeichert, %(soll)s Diagramme erwartet.")
                    % {"da": v.zeichnungen, "soll": len(v.diagramme)},
                )
            )
        if not v.mit_vorschau:
            bericht.probleme.append(Problem("vorschau", _name(v), _("Das Vorschaubild fehlt.")))
    return bericht
