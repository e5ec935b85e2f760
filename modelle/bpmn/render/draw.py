"""SVG of one BPMN diagram, drawn from its BPMNDI coordinates, within the drawing bounds."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from ..document import Document
from ..errors import Finding
from ..limits import DIAGRAM_ELEMENTS, NAME_CHARS, SVG_BYTES
from . import edges, shapes
from .context import Context
from .cuts import cut_findings, elements_cut, svg_too_large
from .labels import add_text, clean, text_width, wrap
from .leftovers import drop_leftovers
from .model import diagram_elements, index, size
from .style import FONT_FAMILY, FONT_SIZE
from .svgtree import SVG, SVG_NS, TITLE, num, rect

MARGIN = 20.0
NO_DIAGRAM_TEXT = "Dieses Modell enthält keine Diagrammdaten."
_POOLS = frozenset({"participant", "lane"})
_NOTE_SIZE = 14.0


@dataclass(frozen=True, slots=True)
class Rendering:
    """One diagram drawn: the SVG, how many shapes and edges it shows, and a finding (rule
    "limit") for everything a drawing bound cut."""

    svg: bytes
    elements: int
    findings: tuple[Finding, ...] = ()


def diagrams(doc: Document) -> list[str]:
    """Display names of the file's diagrams, in order: the name, else the id, else a number.

    The position in this list is what `svg(doc, diagram=…)` takes.
    """
    names = []
    for i, dia in enumerate(diagram_elements(doc), start=1):
        names.append(clean(dia.get("name"), NAME_CHARS) or dia.get("id") or f"Diagramm {i}")
    return names


def main_diagram(doc: Document) -> int:
    """Position of the diagram with the most shapes and edges (the first of equals): what a
    thumbnail and a first look show. Some tools put a tiny sub-process diagram first."""
    return _largest(diagram_elements(doc))


def _largest(elements: list[etree._Element]) -> int:
    sizes = [size(dia) for dia in elements]
    return max(range(len(sizes)), key=lambda i: (sizes[i], -i)) if sizes else 0


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
    """A small SVG that says why there is no drawing (up to four lines of text)."""
    lines = wrap(clean(text, 300), 370, 14)[:4]
    height = 50 + 17 * len(lines)
    root = _root(400, height, (0, 0, 400, height))
    root.set("class", "bpmn-diagram bpmn-placeholder")
    etree.SubElement(root, TITLE).text = clean(text, 300)
    rect(root, 1, 1, 398, height - 2, rx=6, fill="#f4f4f4", stroke="#999999", width=1, dash="6 4")
    add_text(root, lines, 200, 25, size=14, color="#444444")
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


def _note(ctx: Context, text: str) -> None:
    """A line of text above the drawing, e.g. that not every element is drawn."""
    y = ctx.min_y - _NOTE_SIZE * 2
    g = etree.SubElement(ctx.labels, f"{{{SVG_NS}}}g", {"class": "bpmn-limit-note"})
    add_text(g, [text], ctx.min_x, y, size=_NOTE_SIZE, color="#a00000", anchor="start")
    ctx.grow(ctx.min_x, y, ctx.min_x + text_width(text, _NOTE_SIZE), y + _NOTE_SIZE)


def draw_diagram(
    doc: Document,
    diagram: int | str | None = None,
    *,
    max_elements: int = DIAGRAM_ELEMENTS,
    max_bytes: int = SVG_BYTES,
) -> Rendering:
    """Render one diagram of the document, within the drawing bounds of `limits`.

    `diagram` is the position in `diagrams(doc)` or a BPMNDiagram id, by default the main diagram
    (`main_diagram`). A file without diagram
    interchange data gets a placeholder SVG saying so. Every shape and edge is a `<g>` with
    `data-element-id` (the BPMN element id) and the classes `bpmn-shape`/`bpmn-edge` and
    `bpmn-<type>` (e.g. `bpmn-userTask`), so pages can highlight elements with CSS.
    Past `max_elements` shapes and edges the rest is left out and a note above the drawing says
    so; a longer label is shortened; an SVG beyond `max_bytes` becomes a placeholder. Each such cut
    is a finding of the result. Raises ValueError for a diagram the file does not have.
    """
    elements = diagram_elements(doc)
    if not elements:
        return Rendering(placeholder(), 0)
    chosen = _pick(elements, _largest(elements) if diagram is None else diagram)
    model = index(doc, chosen)
    drop_leftovers(doc, model)
    if model.is_empty():
        return Rendering(placeholder(), 0)
    name = clean(chosen.get("name"), NAME_CHARS) or chosen.get("id") or "Diagramm"

    root = _root(0, 0, (0, 0, 0, 0))
    if chosen.get("id"):
        root.set("data-diagram-id", chosen.get("id"))
    # Always a title: role="img" needs an accessible name (WCAG 1.1.1).
    title = clean(chosen.get("name"), NAME_CHARS) or clean(doc.root.get("name"), NAME_CHARS)
    etree.SubElement(root, TITLE).text = title or "BPMN-Diagramm"

    total = len(model.shapes) + len(model.edges)
    max_elements = max(max_elements, 0)
    # pools and lanes first, then the other shapes, then edges: what is left out is at the end
    model.shapes.sort(key=lambda s: s.kind not in _POOLS)
    del model.shapes[max_elements:]
    del model.edges[max(max_elements - len(model.shapes), 0) :]
    drawn = len(model.shapes) + len(model.edges)

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

    findings = cut_findings(ctx.cuts, name, model.edges)
    if drawn < total:
        finding = elements_cut(name, drawn, total)
        findings.insert(0, finding)
        if drawn:
            _note(ctx, finding.message_de)
    if not drawn:
        return Rendering(placeholder(findings[0].message_de), 0, tuple(findings))

    x0, y0 = ctx.min_x - MARGIN, ctx.min_y - MARGIN
    w, h = ctx.max_x - ctx.min_x + 2 * MARGIN, ctx.max_y - ctx.min_y + 2 * MARGIN
    root.set("viewBox", f"{num(x0)} {num(y0)} {num(w)} {num(h)}")
    root.set("width", num(w))
    root.set("height", num(h))
    data = etree.tostring(root, encoding="utf-8", xml_declaration=False)
    if len(data) > max_bytes:
        finding = svg_too_large(name, len(data), max_bytes)
        return Rendering(placeholder(finding.message_de), 0, (finding, *findings))
    return Rendering(data, drawn, tuple(findings))


def svg(doc: Document, diagram: int | str | None = None) -> bytes:
    """The SVG of `draw_diagram` (UTF-8 bytes, no XML declaration, so it can be embedded in
    HTML as it is)."""
    return draw_diagram(doc, diagram).svg
