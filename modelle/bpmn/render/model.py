"""Index of one BPMNDiagram: its shapes and edges with bounds, colours, semantics, label fonts.

Built once per rendering with a single pass over the plane, so drawing needs no XPath.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from lxml import etree

from ..document import Document
from ..limits import EDGE_WAYPOINTS
from ..metrics import SUB_PROCESSES
from ..ns import BPMN, BPMNDI, DC, DI, local
from .style import MAX_FONT_SIZE, MIN_FONT_SIZE, shape_colors

_DIAGRAM = f"{{{BPMNDI}}}BPMNDiagram"
_PLANE = f"{{{BPMNDI}}}BPMNPlane"
_SHAPE = f"{{{BPMNDI}}}BPMNShape"
_EDGE = f"{{{BPMNDI}}}BPMNEdge"
_LABEL = f"{{{BPMNDI}}}BPMNLabel"
_LABEL_STYLE = f"{{{BPMNDI}}}BPMNLabelStyle"
_BOUNDS = f"{{{DC}}}Bounds"
_FONT = f"{{{DC}}}Font"
_WAYPOINT = f"{{{DI}}}waypoint"
_CONTAINERS = frozenset(SUB_PROCESSES)

Box = tuple[float, float, float, float]


@dataclass(slots=True)
class Font:
    size: float | None = None
    bold: bool = False
    italic: bool = False


@dataclass(slots=True)
class Shape:
    di: etree._Element
    el: etree._Element | None
    id: str
    kind: str
    x: float
    y: float
    w: float
    h: float
    fill: str
    stroke: str
    label: etree._Element | None
    label_box: Box | None
    font: Font
    depth: int = 0


@dataclass(slots=True)
class Edge:
    di: etree._Element
    el: etree._Element | None
    id: str
    kind: str
    points: list[tuple[float, float]]
    fill: str
    stroke: str
    label: etree._Element | None
    label_box: Box | None
    font: Font
    waypoints: int = 0  # in the file; more than EDGE_WAYPOINTS means `points` is cut


@dataclass(slots=True)
class Diagram:
    shapes: list[Shape] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    # ids of semantic elements (sub-processes, participants' processes) that have shapes inside
    parents_with_children: set[str] = field(default_factory=set)

    def is_empty(self) -> bool:
        return not self.shapes and not self.edges


def diagram_elements(doc: Document) -> list[etree._Element]:
    """All bpmndi:BPMNDiagram elements, in file order."""
    return list(doc.root.iter(_DIAGRAM))


def size(diagram: etree._Element) -> int:
    """Shapes and edges of a diagram, as the file lists them (without looking at them)."""
    plane = diagram.find(_PLANE)
    if plane is None:
        return 0
    return sum(1 for _ in plane.iterchildren(_SHAPE, _EDGE))


def _float(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        f = float(value)
    except ValueError:
        return None
    return f if math.isfinite(f) and abs(f) < 1e7 else None


def _bounds(el: etree._Element) -> Box | None:
    b = el.find(_BOUNDS)
    if b is None:
        return None
    x, y = _float(b.get("x")), _float(b.get("y"))
    w, h = _float(b.get("width")), _float(b.get("height"))
    if x is None or y is None or w is None or h is None or w < 0 or h < 0:
        return None
    return x, y, w, h


def _label_styles(diagram: etree._Element) -> dict[str, Font]:
    styles: dict[str, Font] = {}
    for style in diagram.iter(_LABEL_STYLE):
        font = style.find(_FONT)
        if font is None or not style.get("id"):
            continue
        size = _float(font.get("size"))
        if size is not None:
            size = min(max(size, MIN_FONT_SIZE), MAX_FONT_SIZE)
        styles[style.get("id")] = Font(
            size=size,
            bold=font.get("isBold") == "true",
            italic=font.get("isItalic") == "true",
        )
    return styles


def _semantic(doc: Document, ref: str | None) -> etree._Element | None:
    if not ref:
        return None
    found = doc.by_id.get(ref)
    if found is None and ":" in ref:
        found = doc.by_id.get(ref.rpartition(":")[2])
    return found


def _depth(el: etree._Element | None, known: dict[etree._Element, int]) -> int:
    """Number of sub-processes around `el`; `known` remembers the answers for parents, so many
    shapes deep inside nested sub-processes cost one walk up, not one each."""
    if el is None:
        return 0
    chain = []
    parent = el.getparent()
    while parent is not None and parent not in known:
        chain.append(parent)
        parent = parent.getparent()
    depth = known.get(parent, 0) if parent is not None else 0
    for node in reversed(chain):
        # a node's own depth counts the containers above it; `known` holds depth *inside* it
        depth += local(node.tag) in _CONTAINERS
        known[node] = depth
    return depth


def _waypoints(di: etree._Element) -> tuple[list[tuple[float, float]], int]:
    """The usable waypoints of an edge, at most EDGE_WAYPOINTS (the first ones and the last),
    and how many usable ones the file has."""
    pts: list[tuple[float, float]] = []
    count = 0
    last = None
    for wp in di.iter(_WAYPOINT):
        x, y = _float(wp.get("x")), _float(wp.get("y"))
        if x is None or y is None:
            continue
        count += 1
        if len(pts) < EDGE_WAYPOINTS - 1:
            pts.append((x, y))
        else:
            last = (x, y)
    if last is not None:
        pts.append(last)
    return pts, count


def _label(di: etree._Element, styles: dict[str, Font]) -> tuple:
    label = di.find(_LABEL)
    if label is None:
        return None, None, Font()
    font = styles.get(label.get("labelStyle") or "", Font())
    return label, _bounds(label), font


def index(doc: Document, diagram: etree._Element) -> Diagram:
    """Shapes and edges of one diagram; DI entries without usable geometry are skipped."""
    result = Diagram()
    plane = diagram.find(_PLANE)
    if plane is None:
        return result
    styles = _label_styles(diagram)
    depths: dict[etree._Element, int] = {}
    for di in plane:
        tag = di.tag
        if tag == _SHAPE:
            box = _bounds(di)
            if box is None:
                continue
            ref = di.get("bpmnElement")
            sem = _semantic(doc, ref)
            kind = local(sem.tag) if sem is not None and sem.tag.startswith(f"{{{BPMN}}}") else ""
            fill, stroke = shape_colors(di)
            label, label_box, font = _label(di, styles)
            shape = Shape(
                di, sem, ref or di.get("id") or "", kind, *box, fill, stroke,
                label, label_box, font, _depth(sem, depths),
            )  # fmt: skip
            result.shapes.append(shape)
            if sem is not None:
                parent = sem.getparent()
                if parent is not None and parent.get("id"):
                    result.parents_with_children.add(parent.get("id"))
        elif tag == _EDGE:
            pts, count = _waypoints(di)
            if len(pts) < 2:
                continue
            ref = di.get("bpmnElement")
            sem = _semantic(doc, ref)
            kind = local(sem.tag) if sem is not None else ""
            fill, stroke = shape_colors(di)
            label, label_box, font = _label(di, styles)
            result.edges.append(
                Edge(di, sem, ref or di.get("id") or "", kind, pts, fill, stroke,
                     label, label_box, font, count)
            )  # fmt: skip
    return result


def extent(diagram: Diagram) -> Box:
    """Bounding box (x, y, w, h) of everything drawn, labels included."""
    xs: list[float] = []
    ys: list[float] = []
    for s in diagram.shapes:
        xs += (s.x, s.x + s.w)
        ys += (s.y, s.y + s.h)
        if s.label_box:
            lx, ly, lw, lh = s.label_box
            xs += (lx, lx + lw)
            ys += (ly, ly + lh)
    for e in diagram.edges:
        for x, y in e.points:
            xs.append(x)
            ys.append(y)
        if e.label_box:
            lx, ly, lw, lh = e.label_box
            xs += (lx, lx + lw)
            ys += (ly, ly + lh)
    if not xs:
        return 0.0, 0.0, 0.0, 0.0
    return min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)
