"""Checking an uploaded BPMN file without storing it: what the worker will say about a version.

Pure read: nothing is written, so a Redakteur can try a file before putting it into the register.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from .bpmn import BpmnError, Finding, lint, metrics, parse, validate_schema
from .bpmn.render import diagrams, svg

MAX_BYTES = 10 * 1024 * 1024


@dataclass
class Pruefergebnis:
    befunde: list[Finding] = field(default_factory=list)
    kennzahlen: dict = field(default_factory=dict)
    diagramme: list[str] = field(default_factory=list)
    svg: str = ""
    element_namen: dict[str, str] = field(default_factory=dict)

    @property
    def zeilen(self) -> list[dict]:
        """Findings for the table, errors first, each with the element's name where it has one."""
        geordnet = sorted(self.befunde, key=lambda b: (b.severity != "error", b.line or 0))
        return [{"befund": b, "name": self.element_namen.get(b.element_id or "", "")}
                for b in geordnet]  # fmt: skip

    @property
    def fehler(self) -> int:
        return sum(1 for b in self.befunde if b.severity == "error")

    @property
    def warnungen(self) -> int:
        return sum(1 for b in self.befunde if b.severity == "warning")


def _markieren(svg_bytes: bytes, befunde: list[Finding]) -> str:
    """Give every drawn element with a finding a class, so the page's CSS can highlight it."""
    schwere = {}
    for b in befunde:
        if b.element_id and schwere.get(b.element_id) != "error":
            schwere[b.element_id] = b.severity
    root = etree.fromstring(svg_bytes, etree.XMLParser(resolve_entities=False, no_network=True))
    for el in root.iter():
        ident = el.get("data-element-id") if isinstance(el.tag, str) else None
        if ident in schwere and "bpmn-label" not in el.get("class", ""):
            el.set("class", f"{el.get('class', '')} befund-{schwere[ident]}".strip())
    return etree.tostring(root, encoding="unicode")


def modell_pruefen(data: bytes, *, diagramm: int = 0) -> Pruefergebnis:
    """Parse, validate against the XSDs, lint and measure; draw the diagram with findings marked.

    Raises BpmnError (with a German message) for files that are no usable BPMN.
    """
    if len(data) > MAX_BYTES:
        raise BpmnError("too_large", "Die Datei ist größer als 10 MiB.")
    doc = parse(data)
    befunde = validate_schema(doc) + lint(doc)
    namen = diagrams(doc)
    nummer = diagramm if 0 <= diagramm < len(namen) else 0
    bild = svg(doc, diagram=nummer)
    return Pruefergebnis(
        befunde=befunde,
        kennzahlen=metrics(doc).as_dict(),
        diagramme=namen,
        svg=_markieren(bild, befunde),
        element_namen={
            b.element_id: doc.by_id[b.element_id].get("name", "")
            for b in befunde
            if b.element_id in doc.by_id
        },
    )
