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
from django.utils.translation import gettext_lazy as _l
from lxml import etree

from . import ablage
from .bpmn import diff, parse
from .bpmn.begriffe import type_de
from .bpmn.render import diagrams, svg
from .bpmn.render.mark import mark_classes
from .models import Modellversion

CACHE_SEKUNDEN = 3600
CACHE_VERSION = 3  # raise when the picture or the wording changes
# Only these kinds are listed one by one; flows are counted.
_FLUSS = {"sequenceFlow", "messageFlow", "association", "dataInputAssociation",
          "dataOutputAssociation"}  # fmt: skip
# Neighbour lists change whenever a flow is redrawn: counted as "connections", not listed.
_NEBENSACHE = {"incoming", "outgoing"}
_FELD_DE = {
    "name": _l("Name"),
    "type": _l("Art"),
    "lane": _l("Lane"),
    "parent": _l("enthalten in"),
    "documentation": _l("Dokumentation"),
    "condition": _l("Bedingung"),
    "conditionExpression": _l("Bedingung"),
    "default": _l("Standardfluss"),
    "sourceRef": _l("Quelle"),
    "targetRef": _l("Ziel"),
    "eventDefinitions": _l("Ereignisart"),
    "text": _l("Text"),
    "attachedToRef": _l("angeheftet an"),
    "processRef": _l("Prozess"),
    "dataObjectRef": _l("Datenobjekt"),
    "dataStoreRef": _l("Datenspeicher"),
    "loop": _l("Wiederholung"),
    "isInterrupting": _l("unterbrechend"),
    "cancelActivity": _l("bricht die Aktivität ab"),
    "isForCompensation": _l("zur Kompensation"),
    "startQuantity": _l("Startanzahl"),
    "completionQuantity": _l("Abschlussanzahl"),
    "gatewayDirection": _l("Richtung des Gateways"),
    "parallelMultiple": _l("alle Ereignisse nötig"),
    "triggeredByEvent": _l("durch ein Ereignis ausgelöst"),
    "isClosed": _l("geschlossen"),
    "isImmediate": _l("unmittelbar"),
    "instantiate": _l("startet den Prozess"),
    "eventGatewayType": _l("Art des Ereignis-Gateways"),
    "isCollection": _l("Sammlung"),
    "implementation": _l("Umsetzung"),
    "processType": _l("Prozessart"),
    "associationDirection": _l("Richtung der Assoziation"),
    "isExecutable": _l("ausführbar"),
    "calledElement": _l("aufgerufenes Element"),
    "messageRef": _l("Nachricht"),
}
# Values the file writes as BPMN keywords.
_WERT_DE = {
    "true": _l("ja"),
    "false": _l("nein"),
    "standard": _l("Schleife"),
    "multiInstanceSequential": _l("mehrfach, nacheinander"),
    "multiInstanceParallel": _l("mehrfach, gleichzeitig"),
    "message": _l("Nachricht"),
    "timer": _l("Zeit"),
    "error": _l("Fehler"),
    "escalation": _l("Eskalation"),
    "cancel": _l("Abbruch"),
    "compensate": _l("Kompensation"),
    "conditional": _l("Bedingung"),
    "link": _l("Link"),
    "signal": _l("Signal"),
    "terminate": _l("Beenden"),
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
        return ", ".join(str(w) for w in wert) or _("(leer)")
    if isinstance(wert, str) and "," in wert and all(w in _WERT_DE for w in wert.split(",")):
        return ", ".join(str(_WERT_DE[w]) for w in wert.split(","))  # event definitions
    if isinstance(wert, str) and wert in _WERT_DE:
        return str(_WERT_DE[wert])
    return type_de(wert) if isinstance(wert, str) else str(wert)


def _feldname(feld: str) -> str:
    if feld in _FELD_DE:
        return str(_FELD_DE[feld])
    if ":" in feld or feld.startswith("{"):
        # an extension of a modelling tool (e.g. camunda:assignee): named as the file writes it
        return _("weitere Angabe „%(a)s“") % {"a": feld}
    return _("Angabe „%(a)s“") % {"a": feld}


def _details(aenderungen: dict, name_alt, name_neu) -> list[str]:
    zeilen = []
    for feld, werte in aenderungen.items():
        if feld in _NEBENSACHE:
            continue
        alt, neu = (
            (werte.get("old"), werte.get("new")) if isinstance(werte, dict) else (None, werte)
        )
        name = _feldname(feld)
        if feld == "type":
            alt, neu = type_de(alt), type_de(neu)
            zeilen.append(_("%(f)s: %(a)s → %(n)s") % {"f": name, "a": alt, "n": neu})
            continue
        if feld in _VERWEISE:
            # ids mean nothing to a reader: the element's name (or type) in its own version
            alt = name_alt(alt) if alt else None
            neu = name_neu(neu) if neu else None
        if alt in (None, ""):
            zeilen.append(_("%(f)s: neu gesetzt „%(n)s“") % {"f": name, "n": _wert(neu)})
        elif neu in (None, ""):
            zeilen.append(_("%(f)s: entfernt (war „%(a)s“)") % {"f": name, "a": _wert(alt)})
        else:
            zeilen.append(
                _("%(f)s: „%(a)s“ → „%(n)s“") % {"f": name, "a": _wert(alt), "n": _wert(neu)}
            )
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
