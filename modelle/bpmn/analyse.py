"""Everything the register wants to know about one file, in one call: the worker's pipeline.

parse → XSD → lint → metrics → search text → SVG of every diagram → which one is the main
diagram (most elements; the thumbnail shows it). Each step is bounded (see `limits`), so no file
costs more than seconds and a bounded amount of memory; past a limit the result carries a
finding (rule "limit") and a shortened or placeholder drawing, never an exception.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from .ablauf import ablauf
from .aehnlichkeit import bands, fingerprint, minhash
from .elemente import element_info
from .errors import Finding
from .limits import (
    DIAGRAM_ELEMENTS,
    DIAGRAMS,
    DRAWN_ELEMENTS,
    LIMIT_RULE,
    MAX_FINDINGS,
    MESSAGE_CHARS,
    METRICS_LABEL_CHARS,
    METRICS_LABELS,
    SEARCH_TEXT_CHARS,
    number_de,
    shorten,
)
from .lint import lint
from .metrics import Metrics, metrics
from .parse import parse
from .render import diagrams, draw_diagram, main_diagram, png
from .render.mark import mark_findings
from .schema import validate_schema

THUMBNAIL_WIDTH = 400


@dataclass(frozen=True, slots=True)
class Drawing:
    """One diagram of the file, drawn. `svg` has findings marked (classes `befund-*`)."""

    name: str
    svg: bytes
    elements: int


@dataclass(frozen=True)
class Analysis:
    """The result of `analyse`: `metrics.as_dict()` and `f.as_dict()` of each finding are the
    JSON to store; `drawings[main]` is the diagram to show first."""

    findings: list[Finding]
    metrics: Metrics
    drawings: list[Drawing] = field(default_factory=list)
    main: int = 0
    search_text: str = ""
    # The process as text (Ablauf.as_dict()), for screen readers and the API.
    process_text: dict = field(default_factory=dict)
    # For "similar processes": the fingerprint (as_dict) and its LSH band hashes.
    fingerprint: dict = field(default_factory=dict)
    bands: list[int] = field(default_factory=list)
    # element id -> {"name", "typ", "doku"} (bounded), for the viewer's details panel.
    elements: dict = field(default_factory=dict)
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


def _limit(message: str) -> Finding:
    return Finding(LIMIT_RULE, "warning", None, message)


def _bounded(findings: list[Finding]) -> list[Finding]:
    """At most MAX_FINDINGS findings (the last says how many more there are), each message at
    most MESSAGE_CHARS characters."""
    findings = [
        f if len(f.message_de) <= MESSAGE_CHARS
        else dataclasses.replace(f, message_de=shorten(f.message_de, MESSAGE_CHARS))
        for f in findings
    ]  # fmt: skip
    if len(findings) <= MAX_FINDINGS:
        return findings
    rest = len(findings) - (MAX_FINDINGS - 1)
    return [
        *findings[: MAX_FINDINGS - 1],
        _limit(f"… und {number_de(rest)} weitere Befunde, die nicht einzeln aufgeführt werden."),
    ]


def _drawn(names: list[str], main: int) -> list[int]:
    """Which diagrams are drawn: the first DIAGRAMS, the main one always among them."""
    chosen = list(range(min(len(names), DIAGRAMS)))
    if chosen and main not in chosen:
        chosen[-1] = main
    return chosen


def analyse(data: bytes) -> Analysis:
    """Analyse one BPMN file. Raises `BpmnError` (German message) if it is no usable BPMN."""
    doc = parse(data)
    notes: list[Finding] = list(doc.findings)
    checks = validate_schema(doc) + lint(doc)
    figures = metrics(doc)
    if not figures.labels_complete:
        notes.append(
            _limit(
                f"Für Kennzahlen und Suche sind höchstens {number_de(METRICS_LABELS)} "
                f"Beschriftungen mit je höchstens {METRICS_LABEL_CHARS} Zeichen übernommen; "
                "längere sind gekürzt, weitere fehlen."
            )
        )
    text = " ".join(figures.labels)
    if len(text) > SEARCH_TEXT_CHARS:
        text = text[:SEARCH_TEXT_CHARS]
        notes.append(
            _limit(f"Der Suchtext ist auf {number_de(SEARCH_TEXT_CHARS)} Zeichen gekürzt.")
        )

    names = diagrams(doc)
    main = main_diagram(doc)
    if len(names) > DIAGRAMS:
        notes.append(
            _limit(
                f"Die Datei enthält {number_de(len(names))} Diagramme; gezeichnet sind "
                f"{DIAGRAMS} davon (das größte und die ersten)."
            )
        )
    chosen = _drawn(names, main) or [0]  # no diagram interchange: one placeholder drawing
    # The main diagram is drawn first, so the file's budget of drawn elements goes to it.
    renderings = {}
    budget = DRAWN_ELEMENTS
    for number in sorted(chosen, key=lambda n: n != main):
        rendering = draw_diagram(doc, number, max_elements=min(DIAGRAM_ELEMENTS, budget))
        budget -= rendering.elements
        renderings[number] = rendering
        notes.extend(rendering.findings)

    findings = _bounded(notes + checks)
    drawings = [
        Drawing(
            names[number] if names else "Diagramm",
            mark_findings(renderings[number].svg, findings),
            renderings[number].elements,
        )
        for number in chosen
    ]
    fp = fingerprint(doc)
    return Analysis(
        findings=findings,
        metrics=figures,
        drawings=drawings,
        main=chosen.index(main) if main in chosen else 0,
        search_text=text,
        process_text=ablauf(doc).as_dict(),
        fingerprint=fp.as_dict(),
        elements=element_info(doc),
        bands=bands(minhash(fp)),
        element_names={
            f.element_id: shorten(" ".join(doc.by_id[f.element_id].get("name", "").split()), 200)
            for f in findings
            if f.element_id in doc.by_id and doc.by_id[f.element_id].get("name")
        },
        _plain_main_svg=renderings[main if main in renderings else chosen[0]].svg,
    )
