"""Comparing two versions (of one model, or variants of one service across Kommunen).

Both files are parsed again (bounded like every parse), the toolkit's `diff` matches their elements
and each main diagram is drawn with what changed coloured: removed and changed in the older picture,
added and changed in the newer one. The result is cached by the two files' hashes — the bytes of a
version never change, so neither does their comparison.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.cache import cache
from django.utils.translation import gettext as _
from lxml import etree

from . import ablage
from .bpmn import diff, parse
from .bpmn.begriffe import type_de
from .bpmn.render import diagrams, svg
from .bpmn.render.mark import mark_classes
from .models import Modellversion

CACHE_SEKUNDEN = 3600
CACHE_VERSION = 2  # raise when the picture or the wording changes
# Only these kinds are listed one by one; flows are counted.
_FLUSS = {"sequenceFlow", "messageFlow", "association", "dataInputAssociation",
          "dataOutputAssociation"}  # fmt: skip
# Neighbour lists change whenever a flow is redrawn: counted as "connections", not listed.
_NEBENSACHE = {"incoming", "outgoing"}
_FELD_DE = {
    "name": "Name",
    "type": "Art",
    "lane": "Lane",
    "parent": "enthalten in",
    "documentation": "Dokumentation",
    "condition": "Bedingung",
    "conditionExpression": "Bedingung",
    "default": "Standardfluss",
    "sourceRef": "Quelle",
    "targetRef": "Ziel",
    "eventDefinitions": "Ereignisart",
    "text": "Text",
    "attachedToRef": "angeheftet an",
}
_VERWEISE = {"sourceRef", "targetRef", "default", "attachedToRef"}


@dataclass
class Aenderung:
    art: str  # neu | entfernt | geaendert
    typ: str
    name: str
    details: list[str] = field(default_factory=list)


@dataclass
class Vergleich:
    svg_alt: str
    svg_neu: str
    aenderungen: list[Aenderung]
    neu: int = 0
    entfernt: int = 0
    geaendert: int = 0
    verschoben: int = 0
    verbindungen: int = 0  # unnamed flows added, removed or redirected: counted, not listed

    @property
    def gleich(self) -> bool:
        return not (self.neu or self.entfernt or self.geaendert or self.verbindungen)


def _wert(wert) -> str:
    if isinstance(wert, list):
        return ", ".join(str(w) for w in wert) or "–"
    if isinstance(wert, str) and wert in _FELD_DE:
        return wert
    return type_de(wert) if isinstance(wert, str) and wert[:1].islower() else (str(wert) or "–")


def _details(aenderungen: dict, name_alt, name_neu) -> list[str]:
    zeilen = []
    for feld, werte in aenderungen.items():
        if feld in _NEBENSACHE:
            continue
        alt, neu = (
            (werte.get("old"), werte.get("new")) if isinstance(werte, dict) else (None, werte)
        )
        name = _FELD_DE.get(feld, feld)
        if feld == "type":
            alt, neu = type_de(alt), type_de(neu)
            zeilen.append(_("%(f)s: %(a)s → %(n)s") % {"f": name, "a": alt, "n": neu})
            continue
        if feld in _VERWEISE:
            # ids mean nothing to a reader: the element's name (or type) in its own version
            alt, neu = name_alt(alt), name_neu(neu)
        zeilen.append(_("%(f)s: „%(a)s“ → „%(n)s“") % {"f": name, "a": _wert(alt), "n": _wert(neu)})
    return zeilen


def _namen(doc):
    def name(ident) -> str:
        el = doc.by_id.get(ident) if isinstance(ident, str) else None
        if el is None:
            return str(ident or "–")
        return " ".join((el.get("name") or "").split()) or type_de(etree.QName(el).localname)

    return name


def _hauptdiagramm(doc, nummer: int) -> bytes:
    return svg(doc, diagram=nummer if 0 <= nummer < len(diagrams(doc)) else 0)


def _berechnen(alt: Modellversion, neu: Modellversion) -> dict:
    doc_alt = parse(ablage.lesen(alt.datei))
    doc_neu = parse(ablage.lesen(neu.datei))
    d = diff(doc_alt, doc_neu)
    d = d.as_dict() if hasattr(d, "as_dict") else d
    klassen_alt: dict[str, str] = {}
    klassen_neu: dict[str, str] = {}
    aenderungen: list[dict] = []
    verbindungen = 0
    for art, eintraege in (("entfernt", d["removed"]), ("neu", d["added"])):
        for e in eintraege:
            (klassen_alt if art == "entfernt" else klassen_neu)[e["id"]] = f"diff-{art}"
            if e["type"] in _FLUSS and not e.get("name"):
                verbindungen += 1
                continue
            aenderungen.append({"art": art, "typ": type_de(e["type"]), "name": e.get("name", "")})
    geaendert = 0
    for e in d["changed"]:
        details = _details(e.get("changes", {}), _namen(doc_alt), _namen(doc_neu))
        if not details:
            continue  # only its connections changed; the flows themselves are counted
        klassen_alt[e.get("old_id") or e["id"]] = "diff-geaendert"
        klassen_neu[e["id"]] = "diff-geaendert"
        if e["type"] in _FLUSS and not e.get("name"):
            verbindungen += 1  # a redrawn unnamed connection: coloured and counted, not listed
            continue
        geaendert += 1
        aenderungen.append(
            {"art": "geaendert", "typ": type_de(e["type"]), "name": e.get("name", ""),
             "details": details}
        )  # fmt: skip
    reihenfolge = {"entfernt": 0, "geaendert": 1, "neu": 2}
    aenderungen.sort(key=lambda a: (reihenfolge[a["art"]], a["typ"], a["name"]))
    return {
        "svg_alt": mark_classes(_hauptdiagramm(doc_alt, alt.hauptdiagramm), klassen_alt).decode(),
        "svg_neu": mark_classes(_hauptdiagramm(doc_neu, neu.hauptdiagramm), klassen_neu).decode(),
        "aenderungen": aenderungen,
        "neu": sum(1 for a in aenderungen if a["art"] == "neu"),
        "entfernt": sum(1 for a in aenderungen if a["art"] == "entfernt"),
        "geaendert": geaendert,
        "verschoben": len(d.get("moved", [])),
        "verbindungen": verbindungen,
    }


def vergleichen(alt: Modellversion, neu: Modellversion) -> Vergleich:
    """Both versions were found through selectors scoped to the user."""
    schluessel = (
        f"vergleich:{CACHE_VERSION}:{alt.sha256}:{alt.hauptdiagramm}"
        f":{neu.sha256}:{neu.hauptdiagramm}"
    )
    daten = cache.get(schluessel)
    if daten is None:
        daten = _berechnen(alt, neu)
        cache.set(schluessel, daten, CACHE_SEKUNDEN)
    return Vergleich(**{**daten, "aenderungen": [Aenderung(**a) for a in daten["aenderungen"]]})
