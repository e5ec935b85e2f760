"""Rendering of BPMN diagrams: `svg(doc, diagram)` from the BPMNDI coordinates (or
`draw_diagram` for the SVG with what the drawing bounds cut), `png(svg, width)` thumbnails,
`diagrams(doc)` to offer a choice of diagrams and `main_diagram(doc)` for the one to show first."""

from .draw import NO_DIAGRAM_TEXT, Rendering, diagrams, draw_diagram, main_diagram, placeholder, svg
from .png import png

__all__ = [
    "NO_DIAGRAM_TEXT",
    "Rendering",
    "diagrams",
    "draw_diagram",
    "main_diagram",
    "placeholder",
    "png",
    "svg",
]
