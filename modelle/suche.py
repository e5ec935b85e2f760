"""The catalog: search, filters, facets and orderings over the models a user may see.

Reads only, scoped to the user. Everything starts from `Prozessmodell.objects.sichtbar_fuer(user)`
and `mit_sichtbarer_version(user)` (models.py): the one visibility rule decides which models exist
for the user and which of their versions count. On top of it, what may MATCH is narrowed once more,
because a visible model can have an invisible newer draft: other Kommunen's models match only
through `suchdokument` (metadata + labels of the published version); the own Kommune's also through
`suchdokument_eigen` (the newest version's labels). Facets and counts are computed on exactly the
same filtered queryset as the result list, so they cannot tell more than the list.

PostgreSQL: full-text search with the German configuration (stemming: "hundesteuern" finds
"Hundesteuer") on the stored tsvectors, plus trigram word similarity on the folded title and
keywords (typos: "Hundsteuer"); GIN indexes from migration 0004. SQLite (the embedded default):
substring matching on folded text, each word somewhere in the same fields.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import uuid as uuid_lib
from collections import Counter
from dataclasses import dataclass, field, replace

from django.contrib.postgres.lookups import TrigramWordSimilar
from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
)
from django.core.cache import cache
from django.db import connection
from django.db.models import (
    Case,
    Count,
    F,
    Func,
    IntegerField,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kommunen.models import Kommune, Kreis
from schulungen.models import Kohorte

from .models import Kategorie, Lizenz, Modellversion, Prozessmodell, liest_im_netzwerk

SUCHKONFIGURATION = "german"
SEITENGROESSE = 24
# Deeper pages cost an ever larger OFFSET and nobody reads them: refine the search instead.
MAX_SEITE = 200
MAX_SUCHTEXT = 200
RANG_GRENZE = 5000
SORTIERUNGEN = {
    "relevanz": gettext_lazy("Relevanz"),
    "neueste": gettext_lazy("Neueste zuerst"),
    "meistgenutzt": gettext_lazy("Meistgenutzt"),
}
BEFUNDE = {"ja": True, "nein": False, "true": True, "false": False, "1": True, "0": False}

_UMLAUTE = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def falten(text: str) -> str:
    """Lower case, umlauts as ae/oe/ue, ß as ss, other accents dropped, spaces collapsed: the
    stored `suchkopf` and the query are folded alike, so "Strassen" finds "Straßen"."""
    text = (text or "").casefold().translate(_UMLAUTE)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(text.split())


def sqlite_funktionen(sender, connection, **kwargs) -> None:
    """`pb_falten(text)` for the SQLite fallback (connected in apps.py on connection_created)."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("pb_falten", 1, falten, deterministic=True)


@dataclass(frozen=True)
class Suchanfrage:
    """What the catalog was asked: from the page's or the API's GET parameters."""

    q: str = ""
    regierungsbezirk: str = ""
    kreis: str = ""  # Kreisschlüssel
    kommune: str = ""  # AGS
    kategorie: str = ""
    lizenz: str = ""
    kohorte: uuid_lib.UUID | None = None
    befunde: bool | None = None
    sortierung: str = ""
    seite: int = 1

    @property
    def reihenfolge(self) -> str:
        """The ordering in effect: relevance only makes sense with a search text."""
        if self.sortierung in SORTIERUNGEN and (self.sortierung != "relevanz" or self.q):
            return self.sortierung
        return "relevanz" if self.q else "neueste"

    @property
    def hat_ort(self) -> bool:
        return bool(self.regierungsbezirk or self.kreis or self.kommune)

    @property
    def ist_leer(self) -> bool:
        return self == Suchanfrage(sortierung=self.sortierung, seite=self.seite)

    @classmethod
    def aus_parametern(cls, daten) -> tuple[Suchanfrage, dict[str, str]]:
        """Read GET parameters; an unusable value is left out and explained (German)."""
        fehler: dict[str, str] = {}

        def text(name: str, laenge: int = 100) -> str:
            return " ".join(str(daten.get(name) or "").split())[:laenge]

        werte: dict = {"q": text("q", MAX_SUCHTEXT)}
        if (kreis := text("kreis")) and not re.fullmatch(r"\d{5}", kreis):
            fehler["kreis"] = _("Der Kreisschlüssel besteht aus 5 Ziffern, z. B. 08115.")
        else:
            werte["kreis"] = kreis
        if (ags := text("kommune")) and not re.fullmatch(r"\d{8}", ags):
            fehler["kommune"] = _("Der Gemeindeschlüssel (AGS) besteht aus 8 Ziffern.")
        else:
            werte["kommune"] = ags
        werte["regierungsbezirk"] = text("regierungsbezirk")
        for name, auswahl in (("kategorie", Kategorie), ("lizenz", Lizenz)):
            wert = text(name)
            if wert and wert not in auswahl.values:
                fehler[name] = _("Unbekannter Wert „%(w)s“.") % {"w": wert}
            else:
                werte[name] = wert
        if kohorte := text("kohorte"):
            try:
                werte["kohorte"] = uuid_lib.UUID(kohorte)
            except ValueError:
                fehler["kohorte"] = _("Die Kohorte wird mit ihrer UUID angegeben.")
        if befunde := text("befunde").lower():
            if befunde in BEFUNDE:
                werte["befunde"] = BEFUNDE[befunde]
            else:
                fehler["befunde"] = _("Erlaubt sind „ja“ und „nein“.")
        if (sortierung := text("sortierung")) and sortierung not in SORTIERUNGEN:
            fehler["sortierung"] = _("Sortierung nach %(s)s.") % {
                "s": ", ".join(f"„{s}“" for s in SORTIERUNGEN)
            }
        else:
            werte["sortierung"] = sortierung
        seite = text("seite", 6)
        werte["seite"] = min(int(seite), MAX_SEITE) if seite.isdigit() and int(seite) > 0 else 1
        return cls(**werte), fehler


# --- the filtered queryset ------------------------------------------------------------------


def _ist_postgres() -> bool:
    return connection.vendor == "postgresql"


def sichtbare_modelle(user) -> QuerySet[Prozessmodell]:
    return Prozessmodell.objects.sichtbar_fuer(user).mit_sichtbarer_version(user)


def gefiltert(user, anfrage: Suchanfrage, *, ohne_ort: bool = False) -> QuerySet[Prozessmodell]:
    """The visible models that match the search text and the filters (without the place
    filters if `ohne_ort`, for the place facets); unordered, nothing loaded yet."""
    qs = sichtbare_modelle(user)
    if not ohne_ort:
        if anfrage.kommune:
            qs = qs.filter(kommune__ags=anfrage.kommune)
        if anfrage.kreis:
            qs = qs.filter(kommune__kreis__schluessel=anfrage.kreis)
        if anfrage.regierungsbezirk:
            qs = qs.filter(kommune__kreis__regierungsbezirk=anfrage.regierungsbezirk)
    if anfrage.kategorie:
        qs = qs.filter(kategorie=anfrage.kategorie)
    if anfrage.lizenz:
        qs = qs.filter(lizenz=anfrage.lizenz)
    if anfrage.kohorte:
        qs = qs.filter(kohorte__uuid=anfrage.kohorte)
    if anfrage.befunde is not None:
        qs = qs.filter(sichtbare_befunde=anfrage.befunde)
    if anfrage.q:
        qs = (
            _pg_treffer(qs, user, anfrage.q)
            if _ist_postgres()
            else _sqlite_treffer(qs, user, anfrage.q)
        )
    return qs


def _eigen(user) -> Q:
    """Models of the user's own Kommunen: only for them do the newest version's labels count."""
    return Q(kommune__in=Kommune.objects.mit_rolle(user))


def _ziffern(q: str) -> str:
    ziffern = q.replace(" ", "")
    return ziffern if ziffern.isdigit() and 4 <= len(ziffern) <= 14 else ""


def _pg_treffer(qs, user, q: str):
    """Full text first; only if it finds nothing the user may see, trigram similarity on the
    folded title and keywords (a typo, a fragment of a compound word). Similarity is costly per
    row, and a query whose words exist needs no guessing."""
    anfrage = SearchQuery(q, config=SUCHKONFIGURATION, search_type="websearch")
    treffer = Q(suchdokument=anfrage) | (_eigen(user) & Q(suchdokument_eigen=anfrage))
    if ziffern := _ziffern(q):
        treffer |= Q(leistungsschluessel__startswith=ziffern)
    if qs.filter(treffer).exists():
        return qs.filter(treffer)
    return qs.filter(TrigramWordSimilar(F("suchkopf"), Value(falten(q))))


def _pg_relevanz(q: str):
    """Rank by the published document (every match of other Kommunen has one; reading the
    own Kommune's second vector would double the cost). Matches of the typo fallback all rank
    zero and so come newest first: computing their similarity again per row would cost more
    than it tells apart (they passed the same similarity threshold)."""
    anfrage = SearchQuery(q, config=SUCHKONFIGURATION, search_type="websearch")
    return SearchRank(F("suchdokument"), anfrage)


def _gefaltet(feld: str) -> Func:
    return Func(F(feld), function="pb_falten")


def _sqlite_treffer(qs, user, q: str):
    qs = qs.annotate(
        _beschreibung=_gefaltet("beschreibung"),
        _kommune=_gefaltet("kommune__name"),
        _labels=_gefaltet("veroeffentlichte_version__suchtext"),
        _labels_eigen=_gefaltet("neueste_version__suchtext"),
    )
    for wort in falten(q).split()[:8]:
        qs = qs.filter(
            Q(suchkopf__contains=wort)
            | Q(_beschreibung__contains=wort)
            | Q(_kommune__contains=wort)
            | Q(_labels__contains=wort)
            | (_eigen(user) & Q(_labels_eigen__contains=wort))
        )
    return qs


def _sqlite_relevanz(q: str):
    worte = falten(q).split()[:8]
    return sum(
        (Case(When(suchkopf__contains=w, then=Value(1)), default=Value(0)) for w in worte),
        Value(0, output_field=IntegerField()),
    )


def nach_datum_statt_relevanz(anfrage: Suchanfrage, anzahl: int | None) -> bool:
    """A word that most models contain ranks nothing (every match scores alike) and ranking
    tens of thousands of rows costs a second: beyond `RANG_GRENZE` matches the newest come
    first, found by walking the date index (the page says so)."""
    return anfrage.reihenfolge == "relevanz" and anzahl is not None and anzahl > RANG_GRENZE


def sortiert(
    user, anfrage: Suchanfrage, qs: QuerySet[Prozessmodell], anzahl: int | None = None
) -> QuerySet[Prozessmodell]:
    neu = Coalesce("veroeffentlicht_am", "erstellt_am").desc()
    reihenfolge = anfrage.reihenfolge
    if nach_datum_statt_relevanz(anfrage, anzahl):
        reihenfolge = "neueste"
    if reihenfolge == "meistgenutzt":
        return qs.order_by("-nachnutzungen", "-id")
    if reihenfolge == "relevanz":
        relevanz = _pg_relevanz(anfrage.q) if _ist_postgres() else _sqlite_relevanz(anfrage.q)
        return qs.annotate(relevanz=relevanz).order_by(F("relevanz").desc(), neu, F("id").desc())
    return qs.order_by(neu, F("id").desc())


# What a card needs; never the search columns, descriptions or the versions' JSON.
KARTENFELDER = (
    "uuid",
    "titel",
    "kategorie",
    "leistungsschluessel",
    "veroeffentlicht_am",
    "erstellt_am",
    "nachnutzungen",
    "kommune__name",
    "kommune__slug",
)
VERSIONSFELDER = ("id", "uuid", "nummer", "status", "verarbeitung", "diagramme", "modell_id")


def fuer_karten(qs: QuerySet[Prozessmodell]) -> QuerySet[Prozessmodell]:
    return qs.select_related("kommune").only(*KARTENFELDER)


API_FELDER = (
    *KARTENFELDER,
    "beschreibung",
    "schlagworte",
    "ansprechperson",
    "lizenz",
    "sichtbarkeit",
    "kommune__ags",
    "kommune__kreis__schluessel",
    "kohorte__uuid",
)


def fuer_api(qs: QuerySet[Prozessmodell]) -> QuerySet[Prozessmodell]:
    return qs.select_related("kommune__kreis", "kohorte").only(*API_FELDER)


def versionen_anhaengen(modelle: list[Prozessmodell]) -> list[Prozessmodell]:
    """Attach `sichtbare_version` (annotated by `mit_sichtbarer_version`) in one query."""
    ids = {m.sichtbare_version_id for m in modelle if m.sichtbare_version_id}
    versionen = {v.pk: v for v in Modellversion.objects.filter(pk__in=ids).only(*VERSIONSFELDER)}
    for m in modelle:
        m.sichtbare_version = versionen.get(m.sichtbare_version_id)
    return modelle


# --- facets ---------------------------------------------------------------------------------

ZAEHLFELDER = ("kategorie", "lizenz", "kohorte_id", "sichtbare_befunde", "kommune_id")


def _zaehlen(qs: QuerySet, felder: tuple[str, ...]) -> dict[str, Counter]:
    """Counts per value of each field over the filtered models, in one scan on PostgreSQL
    (GROUPING SETS), one query per field elsewhere."""
    qs = qs.order_by()
    if not _ist_postgres():
        return {
            f: Counter(dict(qs.values_list(f).annotate(n=Count("pk")).values_list(f, "n")))
            for f in felder
        }
    sql, params = qs.values(*felder).query.sql_with_params()
    spalten = ", ".join(f"t.{f}" for f in felder)
    mengen = ", ".join(f"(t.{f})" for f in felder)
    # The aliases are our own field names; user input only travels in `params`.
    abfrage = (
        f"SELECT {spalten}, GROUPING({spalten}), COUNT(*) FROM ({sql}) AS t "  # noqa: S608  # nosec B608
        f"GROUP BY GROUPING SETS ({mengen})"
    )
    ergebnis: dict[str, Counter] = {f: Counter() for f in felder}
    alle = (1 << len(felder)) - 1
    with connection.cursor() as cursor:
        cursor.execute(abfrage, params)
        for *werte, gruppe, anzahl in cursor.fetchall():
            # GROUPING() sets a bit for every column that is NOT grouped in this row.
            for i, f in enumerate(felder):
                if gruppe == alle ^ (1 << (len(felder) - 1 - i)):
                    ergebnis[f][werte[i]] = anzahl
    return ergebnis


@dataclass
class Option:
    wert: str
    name: str
    anzahl: int
    gewaehlt: bool = False


@dataclass
class Facette:
    name: str  # the GET parameter
    titel: str
    alle: str  # the label of "no filter"
    optionen: list[Option] = field(default_factory=list)

    @property
    def gewaehlt(self) -> Option | None:
        return next((o for o in self.optionen if o.gewaehlt), None)

    def optionen_html(self) -> str:
        """The <option>s, escaped; built here because a template loop over ~400 Kommunen
        costs more than the rest of the page."""
        return format_html_join(
            "",
            '<option value="{}"{}>{} ({})</option>',
            (
                (o.wert, mark_safe(" selected") if o.gewaehlt else "", o.name,
                 f"{o.anzahl:,}".replace(",", "."))
                for o in self.optionen
            ),
        )  # fmt: skip


def _facette(name, titel, alle, optionen, gewaehlt) -> Facette:
    optionen = [o for o in optionen if o.anzahl or o.wert == gewaehlt]
    for o in optionen:
        o.gewaehlt = o.wert == gewaehlt
    return Facette(name, str(titel), str(alle), optionen)


STAND = "katalog:stand"
CACHE_SEKUNDEN = 300


def stand_erhoehen() -> None:
    """Something in the catalog changed: cached counts are stale (called by the services)."""
    try:
        cache.incr(STAND)
    except ValueError:
        cache.set(STAND, 1, None)


def facetten(user, anfrage: Suchanfrage, qs: QuerySet) -> tuple[int, list[Facette]]:
    """`_facetten`, cached: counting reads every matching row (without a search text, the whole
    catalog), and most visits repeat — the catalog without a query, a filter or two, the
    common searches. The key holds all the visibility rule depends on — the user's own
    Kommunen and whether they read the network — plus search text and filters, the database
    and the catalog's `stand`, which every change raises; so the counts are never stale and
    nobody is ever shown counts of models they may not see."""
    eigene = sorted(Kommune.objects.mit_rolle(user).values_list("pk", flat=True))
    filter_ = replace(anfrage, sortierung="", seite=1)
    stand = cache.get_or_set(STAND, 1, None)
    schluessel = "katalog:facetten:" + hashlib.sha256(
        repr((connection.settings_dict["NAME"], stand, eigene, liest_im_netzwerk(user),
              filter_)).encode()
    ).hexdigest()  # fmt: skip
    ergebnis = cache.get(schluessel)
    if ergebnis is None:
        ergebnis = _facetten(user, anfrage, qs)
        cache.set(schluessel, ergebnis, CACHE_SEKUNDEN)
    return ergebnis


def _facetten(user, anfrage: Suchanfrage, qs: QuerySet) -> tuple[int, list[Facette]]:
    """(number of results, facets). Place facets (Regierungsbezirk → Kreis → Kommune) are
    counted without the place filters, so the choice can be changed; within a chosen
    Regierungsbezirk or Kreis they narrow down. Every other facet counts the result list."""
    felder = ZAEHLFELDER if not anfrage.hat_ort else ZAEHLFELDER[:-1]
    zahlen = _zaehlen(qs, felder)
    gesamt = sum(zahlen["kategorie"].values())
    if anfrage.hat_ort:
        orte = _zaehlen(gefiltert(user, anfrage, ohne_ort=True), ("kommune_id",))["kommune_id"]
    else:
        orte = zahlen["kommune_id"]
    kommunen = {
        k.pk: k
        for k in Kommune.objects.filter(pk__in=orte)
        .select_related("kreis")
        .only("name", "ags", "kreis__name", "kreis__art", "kreis__schluessel",
              "kreis__regierungsbezirk")
    }  # fmt: skip
    rb, kreise, gemeinden = Counter(), Counter(), Counter()
    kreis_von: dict[str, Kreis] = {}
    for pk, n in orte.items():
        k = kommunen.get(pk)
        if k is None:
            continue
        rb[k.kreis.regierungsbezirk] += n
        if anfrage.regierungsbezirk in ("", k.kreis.regierungsbezirk):
            kreise[k.kreis.schluessel] += n
            kreis_von[k.kreis.schluessel] = k.kreis
            if anfrage.kreis in ("", k.kreis.schluessel):
                gemeinden[k] += n
    kohorten = {
        k.pk: k for k in Kohorte.objects.filter(pk__in=[p for p in zahlen["kohorte_id"] if p])
    }
    befunde = zahlen["sichtbare_befunde"]
    liste = [
        _facette("regierungsbezirk", _("Regierungsbezirk"), _("Alle Regierungsbezirke"),
                 [Option(r, r, n) for r, n in sorted(rb.items())], anfrage.regierungsbezirk),
        _facette("kreis", _("Kreis"), _("Alle Kreise"),
                 [Option(s, str(kreis_von[s]), n)
                  for s, n in sorted(kreise.items(), key=lambda x: str(kreis_von[x[0]]))],
                 anfrage.kreis),
        _facette("kommune", _("Kommune"), _("Alle Kommunen"),
                 [Option(k.ags, k.name, n) for k, n in sorted(gemeinden.items(),
                                                            key=lambda x: x[0].name)],
                 anfrage.kommune),
        _facette("kategorie", _("Kategorie"), _("Alle Kategorien"),
                 [Option(w, str(name), zahlen["kategorie"][w]) for w, name in Kategorie.choices],
                 anfrage.kategorie),
        _facette("lizenz", _("Lizenz"), _("Alle Lizenzen"),
                 [Option(w, str(name), zahlen["lizenz"][w]) for w, name in Lizenz.choices],
                 anfrage.lizenz),
        _facette("kohorte", _("Kohorte"), _("Alle Kohorten"),
                 [Option(str(k.uuid), str(k), zahlen["kohorte_id"][pk])
                  for pk, k in sorted(kohorten.items(), key=lambda x: str(x[1]))],
                 str(anfrage.kohorte or "")),
        _facette("befunde", _("Befunde"), _("Mit und ohne Befunde"),
                 [Option("ja", _("mit Befunden"), befunde[True]),
                  Option("nein", _("ohne Befunde"), befunde[False])],
                 {True: "ja", False: "nein"}.get(anfrage.befunde, "")),
    ]  # fmt: skip
    return gesamt, liste


# --- the page ---------------------------------------------------------------------------------


@dataclass
class Ergebnis:
    anfrage: Suchanfrage
    anzahl: int
    modelle: list[Prozessmodell]
    facetten: list[Facette]

    @property
    def nach_datum(self) -> bool:
        return nach_datum_statt_relevanz(self.anfrage, self.anzahl)

    @property
    def seiten(self) -> int:
        return min(max(1, -(-self.anzahl // SEITENGROESSE)), MAX_SEITE)


def katalog(user, anfrage: Suchanfrage) -> Ergebnis:
    """One page of the catalog with its facets; the number of queries does not depend on the
    number of results or the page size."""
    qs = gefiltert(user, anfrage)
    anzahl, liste = facetten(user, anfrage, qs)
    seiten = min(max(1, -(-anzahl // SEITENGROESSE)), MAX_SEITE)
    if anfrage.seite > seiten:
        anfrage = replace(anfrage, seite=seiten)
    start = (anfrage.seite - 1) * SEITENGROESSE
    modelle = []
    if anzahl:
        modelle = list(
            fuer_karten(sortiert(user, anfrage, qs, anzahl))[start : start + SEITENGROESSE]
        )
    return Ergebnis(anfrage, anzahl, versionen_anhaengen(modelle), liste)


def neueste_modelle(user, anzahl: int = 6) -> list[Prozessmodell]:
    """The most recently published models the user may see (start page)."""
    qs = sichtbare_modelle(user).filter(veroeffentlicht_am__isnull=False)
    return versionen_anhaengen(
        list(fuer_karten(sortiert(user, Suchanfrage(sortierung="neueste"), qs))[:anzahl])
    )


def meistgenutzte_modelle(user, anzahl: int = 6) -> list[Prozessmodell]:
    """The visible models taken over most often by other Kommunen (start page)."""
    qs = sichtbare_modelle(user).filter(nachnutzungen__gt=0)
    return versionen_anhaengen(
        list(fuer_karten(sortiert(user, Suchanfrage(sortierung="meistgenutzt"), qs))[:anzahl])
    )
