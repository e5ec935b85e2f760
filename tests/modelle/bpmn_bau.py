"""Small valid BPMN files for the register's tests, built in memory (own files, not the corpus)."""

from __future__ import annotations

import io
import itertools
import zipfile
from xml.sax.saxutils import quoteattr

KOPF = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
    'xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" '
    'xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" '
    'xmlns:di="http://www.omg.org/spec/DD/20100524/DI" id="Defs" '
    'targetNamespace="http://example.org/test">\n'
)


def prozess(name: str = "Hundesteuer anmelden", schritte: tuple[str, ...] = ("Antrag prüfen",),
            *, variante: str = "") -> bytes:  # fmt: skip
    """Start → tasks → end, laid out left to right, clean under lint. `variante` changes the
    bytes (a comment) without changing the model, for distinct uploads."""
    knoten = ["S", *[f"T{i}" for i in range(len(schritte))], "E"]
    xml = [KOPF, f"  <!-- {variante} -->\n" if variante else ""]
    xml.append(f'  <bpmn:process id="P" name={quoteattr(name)} isExecutable="false">\n')
    namen = {"S": "Antrag eingegangen", "E": "Erledigt"}
    namen.update({f"T{i}": schritt for i, schritt in enumerate(schritte)})
    for i, k in enumerate(knoten):
        art = {"S": "startEvent", "E": "endEvent"}.get(k, "task")
        # bpmn.io writes incoming/outgoing; bpmnlint (and our lint) reads them.
        rein = f"<bpmn:incoming>F{i - 1}</bpmn:incoming>" if i > 0 else ""
        raus = f"<bpmn:outgoing>F{i}</bpmn:outgoing>" if i < len(knoten) - 1 else ""
        xml.append(
            f'    <bpmn:{art} id="{k}" name={quoteattr(namen[k])}>{rein}{raus}</bpmn:{art}>\n'
        )
    for i, (a, b) in enumerate(itertools.pairwise(knoten)):
        xml.append(f'    <bpmn:sequenceFlow id="F{i}" sourceRef="{a}" targetRef="{b}"/>\n')
    xml.append("  </bpmn:process>\n")
    xml.append('  <bpmndi:BPMNDiagram id="D"><bpmndi:BPMNPlane id="DP" bpmnElement="P">\n')
    x = 100
    mitten = []
    for k in knoten:
        breite, hoehe = (36, 36) if k in ("S", "E") else (100, 80)
        y = 118 - hoehe / 2
        xml.append(
            f'    <bpmndi:BPMNShape id="{k}_di" bpmnElement="{k}">'
            f'<dc:Bounds x="{x}" y="{y}" width="{breite}" height="{hoehe}"/></bpmndi:BPMNShape>\n'
        )
        mitten.append((x, x + breite))
        x += breite + 50
    for i in range(len(knoten) - 1):
        xml.append(
            f'    <bpmndi:BPMNEdge id="F{i}_di" bpmnElement="F{i}">'
            f'<di:waypoint x="{mitten[i][1]}" y="118"/>'
            f'<di:waypoint x="{mitten[i + 1][0]}" y="118"/>'
            "</bpmndi:BPMNEdge>\n"
        )
    xml.append("  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>\n</bpmn:definitions>\n")
    return "".join(xml).encode()


def mit_befund(name: str = "Gewerbe anmelden") -> bytes:
    """A model with a lint finding: a task without incoming or outgoing flow."""
    return (
        prozess(name, ("Gewerbe prüfen",))
        .replace(
            b"  </bpmn:process>",
            b'    <bpmn:task id="Lose" name="Vergessene Aufgabe"/>\n  </bpmn:process>',
        )
        .replace(
            b"  </bpmndi:BPMNPlane>",
            b'    <bpmndi:BPMNShape id="Lose_di" bpmnElement="Lose">'
            b'<dc:Bounds x="236" y="200" width="100" height="80"/></bpmndi:BPMNShape>\n'
            b"  </bpmndi:BPMNPlane>",
        )
    )


def schemaverletzung() -> bytes:
    """Well-formed BPMN that breaks the XSD: an unknown element inside the process."""
    return prozess("Kaputt").replace(
        b'<bpmn:startEvent id="S"', b'<bpmn:unbekannt id="X"/>\n    <bpmn:startEvent id="S"'
    )


def zip_aus(eintraege: dict[str, bytes], *, methode=zipfile.ZIP_DEFLATED) -> bytes:
    puffer = io.BytesIO()
    with zipfile.ZipFile(puffer, "w", methode) as zf:
        for name, inhalt in eintraege.items():
            zf.writestr(name, inhalt)
    return puffer.getvalue()
