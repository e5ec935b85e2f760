"""Connections: sequence flows (default and conditional), message flows, associations and
data associations, with arrowheads drawn as shapes so they take the edge's colour."""

from __future__ import annotations

import math
from itertools import pairwise

from lxml import etree

from ..ns import BPMN, local
from .context import Context
from .model import Edge
from .style import label_color
from .svgtree import circle, group, num, path, polygon, rect

_CONDITION = f"{{{BPMN}}}conditionExpression"
_GATEWAYS = frozenset({"exclusiveGateway", "parallelGateway", "inclusiveGateway",
                       "complexGateway", "eventBasedGateway"})  # fmt: skip
DATA_ASSOCIATIONS = frozenset({"dataInputAssociation", "dataOutputAssociation"})
CORNER_RADIUS = 5.0
ENVELOPE_W, ENVELOPE_H = 20.0, 14.0
MESSAGE_LABEL_GAP = 10.0  # between the envelope and the message's name below it


def _direction(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float] | None:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy)
    if length < 1e-6:
        return None
    return dx / length, dy / length


def _end_direction(pts, at_start: bool) -> tuple[tuple[float, float], tuple[float, float]]:
    """The end point and the unit direction pointing out of the line at that end."""
    seq = pts if at_start else pts[::-1]
    tip = seq[0]
    for other in seq[1:]:
        d = _direction(other, tip)
        if d is not None:
            return tip, d
    return tip, (1.0, 0.0)


def _head(tip, d, length, half):
    bx, by = tip[0] - d[0] * length, tip[1] - d[1] * length
    nx, ny = -d[1] * half, d[0] * half
    return [(bx + nx, by + ny), tip, (bx - nx, by - ny)]


def _filled_arrow(g, pts, stroke, at_start=False, fill=None, length=11.0, half=3.5) -> None:
    tip, d = _end_direction(pts, at_start)
    polygon(g, _head(tip, d, length, half), fill=fill or stroke, stroke=stroke, width=1,
            stroke_linejoin="round")  # fmt: skip


def _open_arrow(g, pts, stroke, at_start=False) -> None:
    tip, d = _end_direction(pts, at_start)
    a, t, b = _head(tip, d, 10.0, 5.0)
    path(g, f"M {num(a[0])},{num(a[1])} L {num(t[0])},{num(t[1])} L {num(b[0])},{num(b[1])}",
         stroke=stroke, width=1.5, stroke_linejoin="round", stroke_linecap="round")  # fmt: skip


def _line(pts) -> str:
    """The path through the waypoints, each bend rounded with a radius of up to CORNER_RADIUS
    (at most half of either segment, so neighbouring bends never overlap), as bpmn.io draws."""
    (x0, y0), last = pts[0], len(pts) - 1
    parts = [f"M {num(x0)},{num(y0)}"]
    for i in range(1, last + 1):
        x, y = pts[i]
        if i == last:
            parts.append(f"L {num(x)},{num(y)}")
            break
        (px, py), (nx, ny) = pts[i - 1], pts[i + 1]
        before, after = math.hypot(x - px, y - py), math.hypot(nx - x, ny - y)
        radius = min(CORNER_RADIUS, before / 2, after / 2)
        turn = (x - px) * (ny - y) - (y - py) * (nx - x)
        if radius < 0.5 or abs(turn) < 1e-6 * before * after:
            parts.append(f"L {num(x)},{num(y)}")  # no bend to round
            continue
        ax, ay = x - (x - px) / before * radius, y - (y - py) / before * radius
        bx, by = x + (nx - x) / after * radius, y + (ny - y) / after * radius
        parts.append(f"L {num(ax)},{num(ay)} Q {num(x)},{num(y)} {num(bx)},{num(by)}")
    return " ".join(parts)


def draw(ctx: Context, e: Edge) -> None:
    """Draw one BPMNEdge into the edge layer, its label into the label layer."""
    kind = e.kind
    g = group(ctx.edges, f"bpmn-edge bpmn-{kind or 'unknown'}", e.id)
    pts = e.points
    for x, y in pts:
        ctx.grow(x, y, x, y)
    d = _line(pts)
    stroke = e.stroke
    if kind == "sequenceFlow":
        path(g, d, stroke=stroke, width=1.5, stroke_linejoin="round")
        _filled_arrow(g, pts, stroke)
        _flow_start_marker(ctx, g, e)
    elif kind == "messageFlow":
        path(g, d, stroke=stroke, width=1.5, dash="10 6", stroke_linejoin="round")
        tip, direction = _end_direction(pts, True)
        circle(g, tip[0] - direction[0] * 4.5, tip[1] - direction[1] * 4.5, 4.5,
               fill=e.fill, stroke=stroke, width=1.5)  # fmt: skip
        _filled_arrow(g, pts, stroke, fill=e.fill)
        _message(ctx, g, e)
    elif kind == "association" or kind in DATA_ASSOCIATIONS:
        path(g, d, stroke=stroke, width=1.5, dash="0.5 5", stroke_linecap="round",
             stroke_linejoin="round")  # fmt: skip
        direction = e.el.get("associationDirection") if kind == "association" else "One"
        if direction in ("One", "Both"):
            _open_arrow(g, pts, stroke)
        if direction == "Both":
            _open_arrow(g, pts, stroke, at_start=True)
    elif e.el is None:
        # a DI-only connector (some tools draw data links to flows this way)
        path(g, d, stroke=stroke, width=1.5, dash="0.5 5", stroke_linecap="round")
    else:
        path(g, d, stroke=stroke, width=1.5, stroke_linejoin="round")
    if e.el is not None:
        _label(ctx, e)


def _flow_start_marker(ctx: Context, g: etree._Element, e: Edge) -> None:
    source = ctx.lookup(e.el.get("sourceRef"))
    if source is None:
        return
    tip, d = _end_direction(e.points, True)
    ux, uy = -d[0], -d[1]  # pointing along the flow
    nx, ny = -uy, ux
    if source.get("default") == e.id:
        cx, cy = tip[0] + ux * 10, tip[1] + uy * 10
        vx, vy = (ux + nx) * 4.5, (uy + ny) * 4.5
        path(g, f"M {num(cx - vx)},{num(cy - vy)} L {num(cx + vx)},{num(cy + vy)}",
             stroke=e.stroke, width=1.5)  # fmt: skip
    elif e.el.find(_CONDITION) is not None and local(source.tag) not in _GATEWAYS:
        pts = [
            tip,
            (tip[0] + ux * 7 + nx * 4.5, tip[1] + uy * 7 + ny * 4.5),
            (tip[0] + ux * 14, tip[1] + uy * 14),
            (tip[0] + ux * 7 - nx * 4.5, tip[1] + uy * 7 - ny * 4.5),
        ]
        polygon(g, pts, fill=e.fill, stroke=e.stroke, width=1.2)


def _midpoint(pts) -> tuple[tuple[float, float], bool]:
    """Middle of the middle segment, and whether that segment is vertical."""
    i = max(len(pts) // 2 - 1, 0)
    (ax, ay), (bx, by) = pts[i], pts[i + 1]
    return ((ax + bx) / 2, (ay + by) / 2), abs(by - ay) > abs(bx - ax)


def _half_way(pts) -> tuple[float, float]:
    """The point half-way along the line."""
    lengths = [math.hypot(b[0] - a[0], b[1] - a[1]) for a, b in pairwise(pts)]
    left = sum(lengths) / 2
    for (a, b), length in zip(pairwise(pts), lengths, strict=True):
        if length >= left and length > 0:
            t = left / length
            return a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t
        left -= length
    return pts[0]


def _message_name(ctx: Context, e: Edge) -> str:
    """The name of the message the flow carries, unless the flow's own label says it already."""
    message = ctx.lookup(e.el.get("messageRef"))
    name = " ".join((message.get("name") or "")[:1000].split()) if message is not None else ""
    own = " ".join((e.el.get("name") or "")[:1000].split())
    return "" if name.casefold() == own.casefold() else name


def _message(ctx: Context, g: etree._Element, e: Edge) -> None:
    """The envelope half-way along a message flow: when the DI asks for it, or, as bpmn.io draws
    it, with the name of a named message below it."""
    kind = e.di.get("messageVisibleKind")
    name = _message_name(ctx, e)
    if kind not in ("initiating", "non_initiating") and not name:
        return
    mx, my = _half_way(e.points)
    w, h = ENVELOPE_W / 2, ENVELOPE_H / 2
    fill = e.fill if kind == "initiating" else "#c8c8c8"
    rect(g, mx - w, my - h, ENVELOPE_W, ENVELOPE_H, fill=fill, stroke=e.stroke, width=1)
    path(g, f"M {num(mx - w)},{num(my - h)} L {num(mx)},{num(my)} L {num(mx + w)},{num(my - h)}",
         stroke=e.stroke, width=1)  # fmt: skip
    ctx.grow(mx - w, my - h, mx + w, my + h)
    if name:
        ctx.external_label(e.id, "message", name, box=None, font=e.font,
                           color=label_color(e.label, e.stroke), center_x=mx,
                           top=my + h + MESSAGE_LABEL_GAP)  # fmt: skip


def _label(ctx: Context, e: Edge) -> None:
    name = e.el.get("name")
    if not name:
        return
    (mx, my), vertical = _midpoint(e.points)
    color = label_color(e.label, e.stroke)
    if vertical:
        ctx.external_label(e.id, e.kind, name, box=e.label_box, font=e.font, color=color,
                           center_x=mx + 6, top=my, beside=True)  # fmt: skip
    else:
        ctx.external_label(e.id, e.kind, name, box=e.label_box, font=e.font, color=color,
                           center_x=mx, top=my + 4)  # fmt: skip
