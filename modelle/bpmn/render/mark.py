"""Marking drawn elements that have findings, so a page's CSS can outline them."""

from __future__ import annotations

from collections.abc import Iterable

from lxml import etree

from ..errors import Finding


def mark_findings(svg: bytes, findings: Iterable[Finding]) -> bytes:
    """Add the class `befund-error` or `befund-warning` (the worse one wins) to every drawn
    element that a finding names. Labels are left alone; the SVG is otherwise unchanged."""
    severity: dict[str, str] = {}
    for f in findings:
        if f.element_id and severity.get(f.element_id) != "error":
            severity[f.element_id] = f.severity
    if not severity:
        return svg
    root = etree.fromstring(svg, etree.XMLParser(resolve_entities=False, no_network=True))
    for el in root.iter(etree.Element):
        ident = el.get("data-element-id")
        if ident in severity and "bpmn-label" not in el.get("class", ""):
            el.set("class", f"{el.get('class', '')} befund-{severity[ident]}".strip())
    return etree.tostring(root, encoding="utf-8")
