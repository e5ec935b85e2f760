"""Rendering of BPMN diagrams: `svg(doc, diagram)` from the BPMNDI coordinates,
`png(svg, width)` thumbnails, and `diagrams(doc)` to offer a choice of diagrams."""

from .draw import NO_DIAGRAM_TEXT, diagrams, svg
from .png import png

__all__ = ["NO_DIAGRAM_TEXT", "diagrams", "png", "svg"]
