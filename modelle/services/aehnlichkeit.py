"""Similar processes: computed by the worker when a version is processed or published.

Each processed version keeps its fingerprint and 16 LSH band hashes (bpmn.aehnlichkeit). A
model's list is made against the *published* versions of other Kommunen's models: candidates are
those sharing a band (indexed lookup, so it stays fast at 100,000 models) or the Leistungsschlüssel
(LSH misses some real variants), ranked by the exact similarity of their fingerprints, top
`LISTE` kept. When a model is published it is also put into the lists of its candidates, so older
lists learn about it without being recomputed. Who may see which entry is decided when a page
reads the list.
"""

from __future__ import annotations

from functools import reduce
from operator import or_

from django.db import transaction
from django.db.models import Q

from ..bpmn.aehnlichkeit import Fingerprint, similarity
from ..models import Aehnlichkeit, Band, Fingerabdruck, Modellversion, Prozessmodell

LISTE = 20
MAX_KANDIDATEN = 500


def speichern(*, version_id: int, fingerprint: dict, baender: list[int]) -> None:
    """Keep a processed version's fingerprint and bands (idempotent)."""
    Fingerabdruck.objects.update_or_create(version_id=version_id, defaults={"daten": fingerprint})
    Band.objects.filter(version_id=version_id).delete()
    Band.objects.bulk_create(
        Band(version_id=version_id, nummer=i, wert=w) for i, w in enumerate(baender)
    )


def _subjekt(modell: Prozessmodell) -> int | None:
    return modell.veroeffentlichte_version_id or modell.neueste_version_id


def _kandidaten(modell: Prozessmodell, version_id: int) -> list[int]:
    """Published versions of other Kommunen's live models that could be similar."""
    baender = list(Band.objects.filter(version_id=version_id).values_list("nummer", "wert"))
    treffer = Q(pk__in=[])
    if baender:
        treffer |= Q(
            pk__in=Band.objects.filter(
                reduce(or_, (Q(nummer=n, wert=w) for n, w in baender))
            ).values("version_id")
        )
    if modell.leistungsschluessel:
        treffer |= Q(modell__leistungsschluessel=modell.leistungsschluessel)
    return list(
        Modellversion.objects.filter(
            treffer,
            status=Modellversion.Status.FREIGEGEBEN,
            modell__archiviert_am__isnull=True,
        )
        .exclude(kommune_id=modell.kommune_id)
        .values_list("pk", flat=True)[:MAX_KANDIDATEN]
    )


def aehnliche_berechnen(*, modell_id: int) -> int:
    """Recompute one model's list; returns its length."""
    modell = Prozessmodell.objects.filter(pk=modell_id).first()
    version_id = _subjekt(modell) if modell else None
    eigener = Fingerabdruck.objects.filter(version_id=version_id).first() if version_id else None
    if eigener is None:
        return 0
    fp = Fingerprint.from_dict(eigener.daten)
    kandidaten = _kandidaten(modell, version_id)
    abdruecke = Fingerabdruck.objects.filter(version_id__in=kandidaten).select_related("version")
    bewertet = []
    for abdruck in abdruecke:
        s = similarity(fp, Fingerprint.from_dict(abdruck.daten))
        if s.score > 0:
            bewertet.append((s, abdruck.version.modell_id))
    bewertet.sort(key=lambda x: (-x[0].score, x[1]))
    oben = bewertet[:LISTE]
    with transaction.atomic():
        Aehnlichkeit.objects.filter(modell=modell).delete()
        Aehnlichkeit.objects.bulk_create(
            Aehnlichkeit(modell=modell, anderes_id=anderes, wert=s.score,
                         gleiche_schritte=s.gleiche_schritte, grund=s.reason_de[:200])
            for s, anderes in oben
        )  # fmt: skip
        if modell.veroeffentlichte_version_id:
            for s, anderes in oben:
                _einreihen(anderes, modell.pk, s)
    return len(oben)


def _einreihen(liste_von: int, neu: int, s) -> None:
    """Put a newly published model into another model's list, keeping only the top `LISTE`."""
    Aehnlichkeit.objects.update_or_create(
        modell_id=liste_von,
        anderes_id=neu,
        defaults={
            "wert": s.score,
            "gleiche_schritte": s.gleiche_schritte,
            "grund": s.reason_de[:200],
        },
    )
    ueberzaehlig = Aehnlichkeit.objects.filter(modell_id=liste_von).order_by("-wert", "anderes_id")[
        LISTE:
    ]
    Aehnlichkeit.objects.filter(pk__in=list(ueberzaehlig.values_list("pk", flat=True))).delete()
