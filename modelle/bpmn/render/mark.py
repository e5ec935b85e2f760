"""Marking drawn elements with classes, so a page's CSS can outline them (findings, changes)."""

from __future__ import annotations

from collections.abc import Iterable

from lxml import etree

from ..errors import Finding


def mark_classes(svg: bytes, classes: dict[str, str]) -> bytes:
    """Add `classes[id]` to the class of every drawn shape or edge with that BPMN element id;
    labels are left alone, the SVG is otherwise unchanged."""
    if not classes:
        return svg
    root = etree.fromstring(svg, etree.XMLParser(resolve_entities=False, no_network=True))
    for el in root.iter(etree.Element):
        ident = el.get("data-element-id")
        if ident in classes and "bpmn-label" not in el.get("class", ""):
            el.set("class", f"{el.get('class', '')} {classes[ident]}".strip())
    return etree.tostring(root, encoding="utf-8")


def mark_findings(svg: bytes, findings: Iterable[Finding]) -> bytes:
    """`befund-error` or `befund-warning` (the worse one wins) on every element a finding names."""
    severity: dict[str, str] = {}
    for f in findings:
        if f.element_id and severity.get(f.element_id) != "error":
            severity[f.element_id] = f.severity
    return mark_classes(svg, {ident: f"befund-{s}" for ident, s in severity.items()})
