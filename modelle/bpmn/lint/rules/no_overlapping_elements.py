"""no-overlapping-elements: shapes in the same scope do not overlap (a boundary event may overlap
its host), and the shapes of a scope lie inside the expanded sub-process or pool that holds them.

Geometry as bpmnlint reads it: x, y, width and height must all be present (bpmn-moddle's default
for a missing x or y is the *string* "0", which bpmnlint does not take for a number), numbers are
JavaScript's parseFloat (so "12px" is 12 and "abc" is NaN, which never collides and
always lies outside), touching edges count as overlap.

Shapes are compared pairwise along a sweep in x, which is quadratic when thousands of shapes are
stacked on top of each other; after OVERLAP_COMPARISONS comparisons the rule stops and says so
(a "limit" finding) instead of running for minutes."""

import math

from ...limits import OVERLAP_COMPARISONS, number_de
from ..helpers import js_parse_float
from ..registry import rule

_GAVE_UP = (
    f"Die Prüfung auf überlappende Elemente ist nach {number_de(OVERLAP_COMPARISONS)} "
    "Vergleichen abgebrochen; weitere Überlappungen werden nicht gemeldet."
)


class _Budget:
    __slots__ = ("left",)

    def __init__(self, comparisons: int) -> None:
        self.left = comparisons


class _Shape:
    __slots__ = ("bottom", "element", "left", "right", "top")

    def __init__(self, element, left, right, top, bottom):
        self.element = element
        self.left = left
        self.right = right
        self.top = top
        self.bottom = bottom


def _bounds(di):
    """(x, y, width, height) of a diagram element's bounds, or None when not usable."""
    if di is None:
        return None
    bounds = di.one("bounds")
    if bounds is None or bounds.type != "dc:Bounds":
        return None
    el = bounds.el
    x, y, width, height = el.get("x"), el.get("y"), el.get("width"), el.get("height")
    if x is None or y is None or width is None or height is None:
        return None
    return js_parse_float(x), js_parse_float(y), js_parse_float(width), js_parse_float(height)


def _check_elements(ctx, elements, report, budget):
    shapes = []
    for element in elements:
        bounds = _bounds(ctx.di.get(element))
        if bounds is None:
            continue
        x, y, w, h = bounds
        left, right = x, x + w
        if math.isnan(left) or math.isnan(right):
            continue
        shapes.append(_Shape(element, left, right, y, y + h))
    shapes.sort(key=lambda s: s.left)

    overlapping = set()
    for i, shape in enumerate(shapes):
        for j in range(i + 1, len(shapes)):
            other = shapes[j]
            if not other.left <= shape.right:
                break
            budget.left -= 1
            if budget.left < 0:
                break
            if shape.element in overlapping and other.element in overlapping:
                continue  # nothing new to learn from this pair
            if not (
                shape.right >= other.left
                and other.right >= shape.left
                and shape.bottom >= other.top
                and other.bottom >= shape.top
            ):
                continue
            if (
                ctx.ref(shape.element, "attachedToRef") is other.element
                or ctx.ref(other.element, "attachedToRef") is shape.element
            ):
                continue
            overlapping.add(shape.element)
            overlapping.add(other.element)
    for element in elements:
        if element in overlapping:
            report[element] = None


def _outside(child, parent):
    if child is None or parent is None:
        return False
    cx, cy, cw, ch = child
    px, py, pw, ph = parent
    inside = cx >= px and cy >= py and cx + cw <= px + pw and cy + ch <= py + ph
    return not inside


def _check_scope(ctx, scope, parent_di, overlaps, outside, budget):
    elements = [e for e in scope.many("flowElements") if e in ctx.di]
    _check_elements(ctx, elements, overlaps, budget)
    parent_bounds = _bounds(parent_di)
    if parent_bounds is not None:
        for element in elements:
            if not element.is_a("DataStoreReference") and _outside(
                _bounds(ctx.di[element]), parent_bounds
            ):
                outside[element] = None
    for sub in scope.many("flowElements"):
        if sub.is_a("SubProcess"):
            sub_di = ctx.di.get(sub)
            expanded = sub_di is not None and sub_di.flag("isExpanded")
            _check_scope(ctx, sub, sub_di if expanded else None, overlaps, outside, budget)


@rule("no-overlapping-elements", "warning")
def check(ctx):
    if not ctx.di:
        return
    overlaps: dict = {}  # ordered sets
    outside: dict = {}
    pool_of: dict = {}
    budget = _Budget(OVERLAP_COMPARISONS)
    roots = ctx.definitions.many("rootElements")
    for collaboration in roots:
        if collaboration.is_a("Collaboration"):
            participants = collaboration.many("participants")
            _check_elements(ctx, participants, overlaps, budget)
            for participant in participants:
                pool_of[ctx.ref(participant, "processRef")] = ctx.di.get(participant)
    for process in roots:
        if process.is_a("Process"):
            _check_scope(ctx, process, pool_of.get(process), overlaps, outside, budget)
    if budget.left < 0:
        ctx.limit(_GAVE_UP)
    for element in overlaps:
        yield element, "Das Element überlappt ein anderes Element."
    for element in outside:
        yield element, "Das Element liegt außerhalb der Grenzen des umgebenden Elements."
