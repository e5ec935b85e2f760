"""Everything the register wants to know about one file, in one call: the worker's pipeline.

parse → XSD → lint → metrics → search text → SVG of every diagram → which one is the main
diagram (most elements; the thumbnail shows it). Each step is bounded (see `limits`), so no file
costs more than seconds and a bounded amount of memory; past a limit the result carries a
finding and a shortened or placeholder drawing, never an exception.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .ablauf import ablauf
from .errors import Finding
from .lint import lint
from .metrics import metrics
from .parse import parse
from .render import diagrams, png, svg
from .render.mark import mark_findings
from .schema import validate_schema

# More findings than this help nobody and would bloat the stored JSON.
MAX_FINDINGS = 500
MAX_SEARCH_TEXT = 100_000
THUMBNAIL_WIDTH = 400


@dataclass(frozen=True, slots=True)
class Drawing:
    """One diagram of the file, drawn. `svg` has findings marked (classes `befund-*`)."""

    name: str
    svg: bytes
    elements: int


@dataclass(frozen=True)
class Analysis:
    findings: list[Finding]
    metrics: dict
    drawings: list[Drawing] = field(default_factory=list)
    main: int = 0
    search_text: str = ""
    # The process as text (Ablauf.as_dict()), for screen readers and the API.
    process_text: dict = field(default_factory=dict)
    # Names of the elements that findings point to, for the findings table.
    element_names: dict[str, str] = field(default_factory=dict)
    _plain_main_svg: bytes = b""

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity == "warning")

    @property
    def schema_valid(self) -> bool:
        return not any(f.rule == "xsd" for f in self.findings)

    def thumbnail(self, width: int = THUMBNAIL_WIDTH) -> bytes:
        """PNG of the main diagram, without finding marks."""
        return png(self._plain_main_svg, width)


def _capped(findings: list[Finding]) -> list[Finding]:
    if len(findings) <= MAX_FINDINGS:
        return findings
    rest = len(findings) - (MAX_FINDINGS - 1)
    return [
        *findings[: MAX_FINDINGS - 1],
        Finding(
            "limit",
            "warning",
            None,
            f"… und {rest} weitere Befunde, die nicht einzeln aufgeführt werden.",
        ),
    ]


_ELEMENT_ID = re.compile(rb'data-element-id="([^"]*)"')


def _element_count(svg_bytes: bytes) -> int:
    """Distinct BPMN elements drawn (a shape and its label count once)."""
    return len(set(_ELEMENT_ID.findall(svg_bytes)))


def analyse(data: bytes) -> Analysis:
    """Analyse one BPMN file. Raises `BpmnError` (German message) if it is no usable BPMN."""
    doc = parse(data)
    findings = _capped(validate_schema(doc) + lint(doc))
    figures = metrics(doc)
    plain: list[bytes] = []
    drawings: list[Drawing] = []
    # A file without diagram interchange still gets one (placeholder) drawing.
    for number, name in enumerate(diagrams(doc) or ["Diagramm"]):
        picture = svg(doc, diagram=number)
        plain.append(picture)
        drawings.append(Drawing(name, mark_findings(picture, findings), _element_count(picture)))
    main = max(range(len(drawings)), key=lambda i: (drawings[i].elements, -i))
    text = " ".join(figures.get("labels", []))[:MAX_SEARCH_TEXT]
    return Analysis(
        findings=findings,
        metrics=figures,
        drawings=drawings,
        main=main,
        search_text=text,
        process_text=ablauf(doc).as_dict(),
        element_names={
            f.element_id: " ".join(doc.by_id[f.element_id].get("name", "").split())[:200]
            for f in findings
            if f.element_id in doc.by_id and doc.by_id[f.element_id].get("name")
        },
        _plain_main_svg=plain[main],
    )
