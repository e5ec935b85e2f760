"""The catalog's derived columns of a model: search documents, sort date, findings flags, reuses.

They are derived, never edited: the services that change what they are made of call
`katalog_aktualisieren` inside their transaction — a new model or version (`register.py`), changed
metadata, a publication (`freigabe.py`), the worker's result (`verarbeitung.py`). Running it again
changes nothing. The reuse count is not theirs: `nachnutzung.py` increments it at the reuse, and
only the full refresh (`alle=True`) recounts it.

What may be found of a model follows the visibility rule (`Prozessmodell.objects.sichtbar_fuer`):
`suchdokument` holds only the metadata and the labels of the PUBLISHED version, which every reader
of the model may see; the newest version's labels go into `suchdokument_eigen`, which the catalog
matches only for the own Kommune.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce

from ..models import Modellversion, Prozessmodell
from ..suche import SUCHKONFIGURATION, falten, stand_erhoehen

V = Modellversion.Verarbeitung
# Small enough that the id list of one UPDATE stays short; large enough for a bulk refresh.
PORTION = 2000


def suchkopf(titel: str, schlagworte: Iterable[str], leistungsschluessel: str = "") -> str:
    """Title, keywords and Leistungsschlüssel as one folded line (trigram and SQLite fallback)."""
    return falten(" ".join([titel, *schlagworte, leistungsschluessel]).strip())


def katalog_aktualisieren(
    *,
    modelle: Iterable[int] = (),
    versionen: Iterable[int] = (),
    alle: bool = False,
    prozessmodell=Prozessmodell,
    modellversion=Modellversion,
) -> int:
    """Recompute the catalog columns of these models (by id), of the models of these versions,
    or of all (`alle`, which also recounts every model's reuses from the copies).

    `prozessmodell`/`modellversion` let a migration pass its historical models. Returns the
    number of models refreshed."""
    if alle:
        ids = list(prozessmodell.objects.order_by("pk").values_list("pk", flat=True))
    else:
        ids = set(modelle)
        versionen = list(versionen)
        if versionen:
            ids.update(
                modellversion.objects.filter(pk__in=versionen).values_list("modell_id", flat=True)
            )
        ids = sorted(ids)
    if not ids:
        return 0
    for start in range(0, len(ids), PORTION):
        _portion(ids[start : start + PORTION], prozessmodell, modellversion, zaehlen=alle)
    # Now (readers in this transaction) and after commit (a reader that cached the old state
    # in between must not keep it).
    stand_erhoehen()
    transaction.on_commit(stand_erhoehen)
    return len(ids)


def _befunde(modellversion, feld: str):
    """True/False: the version `feld` has findings or not; None: not processed, or failed."""
    return Subquery(
        # No ordering: Modellversion's default one joins the models table, which would shadow
        # the outer table of the UPDATE.
        modellversion.objects.filter(pk=OuterRef(feld))
        .order_by()
        .annotate(
            b=Case(
                When(verarbeitung__in=[V.WARNUNGEN, V.UNGUELTIG], then=Value(True)),
                When(verarbeitung=V.OK, then=Value(False)),
                default=None,
            )
        )
        .values("b")[:1]
    )


def _portion(ids: list[int], prozessmodell, modellversion, *, zaehlen: bool) -> None:
    qs = prozessmodell.objects.filter(pk__in=ids)
    # Folding happens in Python (the same function folds the query); JSON keywords need no
    # database-specific unpacking that way.
    neu = []
    for m in qs.only("pk", "titel", "schlagworte", "leistungsschluessel"):
        m.suchkopf = suchkopf(m.titel, m.schlagworte or [], m.leistungsschluessel)
        neu.append(m)
    prozessmodell.objects.bulk_update(neu, ["suchkopf"], batch_size=500)

    qs.update(
        veroeffentlicht_am=Subquery(
            modellversion.objects.filter(pk=OuterRef("veroeffentlichte_version"))
            .order_by()
            .values("freigegeben_am")[:1]
        ),
        befunde_veroeffentlicht=_befunde(modellversion, "veroeffentlichte_version"),
        befunde_neueste=_befunde(modellversion, "neueste_version"),
    )
    if zaehlen:
        # Only the full refresh (repair, migration) recounts: the reuse service keeps the count
        # with a row-level increment, which a recount in the same transaction would overwrite.
        kopien = (
            prozessmodell.objects.filter(abgeleitet_von__modell=OuterRef("pk"))
            .order_by()
            .values("abgeleitet_von__modell")
            .annotate(n=Count("pk"))
            .values("n")
        )
        qs.update(nachnutzungen=Coalesce(Subquery(kopien), 0, output_field=IntegerField()))
    if connection.vendor == "postgresql":
        qs.update(
            suchdokument=_dokument(prozessmodell, modellversion, "veroeffentlichte_version"),
            suchdokument_eigen=Case(
                When(neueste_version=F("veroeffentlichte_version"), then=None),
                default=_dokument(prozessmodell, modellversion, "neueste_version"),
            ),
        )


def _dokument(prozessmodell, modellversion, version: str):
    """Weighted tsvector: A title, keywords, Leistungsschlüssel; B description; C the labels
    in the diagram of `version`; D the Kommune's name."""
    labels = Coalesce(
        Subquery(
            modellversion.objects.filter(pk=OuterRef(version)).order_by().values("suchtext")[:1]
        ),
        Value(""),
        output_field=TextField(),
    )
    kommune = prozessmodell._meta.get_field("kommune").related_model
    name = Subquery(kommune.objects.filter(pk=OuterRef("kommune_id")).order_by().values("name")[:1])
    cfg = SUCHKONFIGURATION
    return (
        SearchVector("titel", weight="A", config=cfg)
        + SearchVector(
            "leistungsschluessel", Cast("schlagworte", TextField()), weight="A", config=cfg
        )
        + SearchVector("beschreibung", weight="B", config=cfg)
        + SearchVector(labels, weight="C", config=cfg)
        + SearchVector(name, weight="D", config=cfg)
    )
