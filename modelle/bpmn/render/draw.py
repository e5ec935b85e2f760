"""SVG of one BPMN diagram, drawn from its BPMNDI coordinates."""

from __future__ import annotations

from lxml import etree

from ..document import Document
from . import edges, shapes
from .context import Context
from .labels import add_text, clean
from .model import diagram_elements, index
from .style import FONT_FAMILY, FONT_SIZE
from .svgtree import SVG, SVG_NS, TITLE, num, rect

MARGIN = 20.0
NO_DIAGRAM_TEXT = "Dieses Modell enthält keine Diagrammdaten."
_POOLS = frozenset({"participant", "lane"})


def diagrams(doc: Document) -> list[str]:
    """Display names of the file's diagrams, in order: the name, else the id, else a number.

    The position in this list is what `svg(doc, diagram=…)` takes.
    """
    names = []
    for i, dia in enumerate(diagram_elements(doc), start=1):
        names.append(clean(dia.get("name")) or dia.get("id") or f"Diagramm {i}")
    return names


def _root(width: float, height: float, view: tuple[float, float, float, float]):
    return etree.Element(
        SVG,
        {
            "class": "bpmn-diagram",
            "width": num(width),
            "height": num(height),
            "viewBox": " ".join(num(v) for v in view),
            "font-family": FONT_FAMILY,
            "font-size": num(FONT_SIZE),
            "role": "img",
        },
        nsmap={None: SVG_NS},
    )


def placeholder(text: str = NO_DIAGRAM_TEXT) -> bytes:
    """A small SVG that says the model has no diagram data."""
    root = _root(400, 120, (0, 0, 400, 120))
    root.set("class", "bpmn-diagram bpmn-placeholder")
    etree.SubElement(root, TITLE).text = text
    rect(root, 1, 1, 398, 118, rx=6, fill="#f4f4f4", stroke="#999999", width=1, dash="6 4")
    add_text(root, [text], 200, 52, size=14, color="#444444")
    return etree.tostring(root, encoding="utf-8", xml_declaration=False)


def _pick(elements: list[etree._Element], diagram: int | str) -> etree._Element:
    if isinstance(diagram, str):
        for dia in elements:
            if dia.get("id") == diagram:
                return dia
        raise ValueError(f"no diagram with id {diagram!r}")
    if not 0 <= diagram < len(elements):
        raise ValueError(f"diagram {diagram} out of range (file has {len(elements)})")
    return elements[diagram]


def svg(doc: Document, diagram: int | str = 0) -> bytes:
    """Render one diagram of the document as SVG, returned as UTF-8 bytes (no XML declaration,
    so it can be embedded in HTML as it is).

    `diagram` is the position in `diagrams(doc)` or a BPMNDiagram id. A file without diagram
    interchange data gets a placeholder SVG saying so. Every shape and edge is a `<g>` with
    `data-element-id` (the BPMN element id) and the classes `bpmn-shape`/`bpmn-edge` and
    `bpmn-<type>` (e.g. `bpmn-userTask`), so pages can highlight elements with CSS.
    Raises ValueError for a diagram the file does not have.
    """
    elements = diagram_elements(doc)
    if not elements:
        return placeholder()
    chosen = _pick(elements, diagram)
    model = index(doc, chosen)
    if model.is_empty():
        return placeholder()

    root = _root(0, 0, (0, 0, 0, 0))
    if chosen.get("id"):
        root.set("data-diagram-id", chosen.get("id"))
    # Always a title: role="img" needs an accessible name (WCAG 1.1.1).
    title = clean(chosen.get("name")) or clean(doc.root.get("name")) or "BPMN-Diagramm"
    etree.SubElement(root, TITLE).text = title

    ctx = Context(doc, model, root)
    pools = [s for s in model.shapes if s.kind in _POOLS]
    pools.sort(key=lambda s: s.kind != "participant")
    order = [s for s in model.shapes if s.kind not in _POOLS]
    # parents before children: containers first at each depth (an expanded call activity shows
    # another process inside it, at the same depth), boundary events after their hosts
    order.sort(key=lambda s: (s.depth, not shapes.is_container(ctx, s), s.kind == "boundaryEvent"))
    for s in pools:
        shapes.draw(ctx, s)
    for s in order:
        shapes.draw(ctx, s)
    for e in model.edges:
        edges.draw(ctx, e)

    x0, y0 = ctx.min_x - MARGIN, ctx.min_y - MARGIN
    w, h = ctx.max_x - ctx.min_x + 2 * MARGIN, ctx.max_y - ctx.min_y + 2 * MARGIN
    root.set("viewBox", f"{num(x0)} {num(y0)} {num(w)} {num(h)}")
    root.set("width", num(w))
    root.set("height", num(h))
    return etree.tostring(root, encoding="utf-8", xml_declaration=False)
