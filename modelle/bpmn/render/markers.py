"""The small symbols of the BPMN notation: event definitions, task types, activity and gateway
markers. Each is drawn in its own local coordinates and placed with a transform."""

from __future__ import annotations

import math

from lxml import etree

from .svgtree import G, circle, num, path, polygon, rect


def _poly_path(pts) -> str:
    return "M " + " L ".join(f"{num(x)},{num(y)}" for x, y in pts) + " Z"


def _cross(half_len: float, half_w: float, angle: float = 0.0) -> str:
    """A plus sign as a closed outline, rotated by `angle` radians."""
    a, b = half_len, half_w
    pts = [(b, -a), (b, -b), (a, -b), (a, b), (b, b), (b, a),
           (-b, a), (-b, b), (-a, b), (-a, -b), (-b, -b), (-b, -a)]  # fmt: skip
    c, s = math.cos(angle), math.sin(angle)
    return _poly_path([(x * c - y * s, x * s + y * c) for x, y in pts])


def _regular(n: int, r: float, start: float = -math.pi / 2) -> str:
    return _poly_path(
        [(r * math.cos(start + 2 * math.pi * i / n), r * math.sin(start + 2 * math.pi * i / n))
         for i in range(n)]
    )  # fmt: skip


def _gear(cx: float, cy: float, r_out: float, r_in: float, teeth: int) -> str:
    step = 2 * math.pi / teeth
    pts = []
    for i in range(teeth):
        a = i * step
        for r, da in ((r_in, -0.3), (r_out, -0.18), (r_out, 0.18), (r_in, 0.3)):
            pts.append((cx + r * math.cos(a + da * step), cy + r * math.sin(a + da * step)))
    return _poly_path(pts)


def _place(parent: etree._Element, x: float, y: float, scale: float = 1.0) -> etree._Element:
    t = f"translate({num(x)} {num(y)})"
    if abs(scale - 1.0) > 0.01:
        t += f" scale({num(scale)})"
    return etree.SubElement(parent, G, {"transform": t, "class": "bpmn-marker"})


# --- event definitions, centred on (0, 0) of a 36 px event --------------------------------
_ENVELOPE = "M -9,-6.5 H 9 V 6.5 H -9 Z"
_ENVELOPE_FLAP = "M -9,-6.5 L 0,1 L 9,-6.5"
_CONDITION = "M -6.5,-9 H 6.5 V 9 H -6.5 Z"
_CONDITION_LINES = "M -4,-5.5 H 4 M -4,-2 H 4 M -4,1.5 H 4 M -4,5 H 4"
_LINK = "M -9,-3.5 H 1 V -8.5 L 10,0 L 1,8.5 V 3.5 H -9 Z"
_SIGNAL = "M 0,-11 L 9.5,6 H -9.5 Z"
_ERROR = "M -9,9 L -4,-8 L 2,1.5 L 8,-9.5 L 3.5,8 L -2.5,-1.5 Z"
_ESCALATION = "M 0,-10 L 7.5,9 L 0,2 L -7.5,9 Z"
_COMPENSATION = "M -10,0 L -1,-6.5 V 6.5 Z M -1,0 L 8,-6.5 V 6.5 Z"
_CANCEL = _cross(11, 2.5, math.pi / 4)
_MULTIPLE = _regular(5, 10)
_PARALLEL_MULTIPLE = _cross(10, 2.5)
_TIMER_TICKS = " ".join(
    f"M {num(8 * math.cos(a))},{num(8 * math.sin(a))} L {num(10.5 * math.cos(a))},"
    f"{num(10.5 * math.sin(a))}"
    for a in (i * math.pi / 6 for i in range(12))
)
_TIMER_HANDS = "M 0,0 L 0,-7.5 M 0,0 L 5.5,-2"

EVENT_MARKERS = frozenset({"message", "timer", "conditional", "link", "signal", "error",
                           "escalation", "compensate", "cancel", "multiple",
                           "parallelMultiple", "terminate"})  # fmt: skip


def event_marker(parent, kind, cx, cy, scale, fill, stroke, filled) -> None:
    """Draw the marker of an event definition kind ("message", "timer", …) at the centre."""
    g = _place(parent, cx, cy, scale)
    body = stroke if filled else fill
    if kind == "message":
        path(g, _ENVELOPE, fill=body, stroke=stroke, width=1)
        path(g, _ENVELOPE_FLAP, stroke=fill if filled else stroke, width=1)
    elif kind == "timer":
        circle(g, 0, 0, 10.5, fill=fill, stroke=stroke, width=1.5)
        path(g, _TIMER_TICKS, stroke=stroke, width=1)
        path(g, _TIMER_HANDS, stroke=stroke, width=1.5, stroke_linecap="round")
    elif kind == "conditional":
        path(g, _CONDITION, fill=fill, stroke=stroke, width=1)
        path(g, _CONDITION_LINES, stroke=stroke, width=1)
    elif kind == "terminate":
        circle(g, 0, 0, 10.5, fill=stroke, stroke=stroke, width=1)
    else:
        d = {
            "link": _LINK,
            "signal": _SIGNAL,
            "error": _ERROR,
            "escalation": _ESCALATION,
            "compensate": _COMPENSATION,
            "cancel": _CANCEL,
            "multiple": _MULTIPLE,
            "parallelMultiple": _PARALLEL_MULTIPLE,
        }.get(kind)
        if d:
            path(g, d, fill=body, stroke=stroke, width=1, stroke_linejoin="round")


# --- task types, in a 20 px box at the top left of the task --------------------------------
_USER_BODY = "M 2.5,19.5 C 2.5,13.5 6,11.5 10,11.5 C 14,11.5 17.5,13.5 17.5,19.5 Z"
_USER_HAIR = "M 5.8,5.5 C 6.5,2 13.5,2 14.2,5.5 C 12,4.5 8,4.5 5.8,5.5 Z"
_MANUAL = (
    "M 1,9 C 2.5,6 4.5,4 7.5,4 L 17.5,4 C 19,4 19,6.5 17.5,6.5 L 11,6.5 L 19,6.5 "
    "C 20.5,6.5 20.5,9.5 19,9.5 L 11,9.5 L 18.5,9.5 C 20,9.5 20,12.5 18.5,12.5 L 11,12.5 "
    "L 17,12.5 C 18.5,12.5 18.5,15.5 17,15.5 L 5,15.5 C 3,15.5 1,14 1,12 Z"
)
_GEAR_1 = _gear(7.5, 7.5, 7, 5, 8)
_GEAR_2 = _gear(12.5, 12.5, 7, 5, 8)
_SCRIPT = (
    "M 5,1 L 17,1 C 13,4.5 13,8 16,11 C 19,14 19,17.5 15,20 L 3,20 "
    "C 7,16.5 7,13 4,10 C 1,7 1,3.5 5,1 Z"
)
_SCRIPT_LINES = "M 6,5 H 13 M 6.5,9 H 13.5 M 7.5,13 H 14.5 M 7,17 H 14"
_RULE_LINES = "M 0,11 H 20 M 0,14 H 20 M 6,7 V 17"
_LETTER = "M 0,3 H 20 V 17 H 0 Z"
_LETTER_FLAP = "M 0,3 L 10,10.5 L 20,3"

TASK_MARKERS = frozenset({"userTask", "manualTask", "serviceTask", "scriptTask",
                          "businessRuleTask", "sendTask", "receiveTask"})  # fmt: skip


def task_marker(parent, kind, x, y, scale, fill, stroke) -> None:
    """Draw a task type icon with its top left corner at (x, y)."""
    g = _place(parent, x, y, scale)
    if kind == "userTask":
        path(g, _USER_BODY, fill=fill, stroke=stroke, width=1)
        circle(g, 10, 6.5, 4.2, fill=fill, stroke=stroke, width=1)
        path(g, _USER_HAIR, fill=stroke, stroke=stroke, width=0.5)
    elif kind == "manualTask":
        path(g, _MANUAL, fill=fill, stroke=stroke, width=1, stroke_linejoin="round")
    elif kind == "serviceTask":
        for gear, (cx, cy) in ((_GEAR_1, (7.5, 7.5)), (_GEAR_2, (12.5, 12.5))):
            path(g, gear, fill=fill, stroke=stroke, width=1, stroke_linejoin="round")
            circle(g, cx, cy, 2, fill=fill, stroke=stroke, width=1)
    elif kind == "scriptTask":
        path(g, _SCRIPT, fill=fill, stroke=stroke, width=1)
        path(g, _SCRIPT_LINES, stroke=stroke, width=1)
    elif kind == "businessRuleTask":
        rect(g, 0, 3, 20, 14, fill=fill, stroke=stroke, width=1)
        rect(g, 0, 3, 20, 4, fill=stroke, stroke=stroke, width=1)
        path(g, _RULE_LINES, stroke=stroke, width=1)
    elif kind in ("sendTask", "receiveTask"):
        filled = kind == "sendTask"
        path(g, _LETTER, fill=stroke if filled else fill, stroke=stroke, width=1)
        path(g, _LETTER_FLAP, stroke=fill if filled else stroke, width=1)


# --- activity markers at the bottom centre, each in a 14 px box ----------------------------
_ACTIVITY = {
    "loop": ("M 3.1,10.9 A 5.5,5.5 0 1 1 10.9,10.9 M 10.9,10.9 L 14,10.2 M 10.9,10.9 L 10.8,7.6",
             False, 1.5),
    "parallel": ("M 3,1 V 13 M 7,1 V 13 M 11,1 V 13", False, 2),
    "sequential": ("M 1,3 H 13 M 1,7 H 13 M 1,11 H 13", False, 2),
    "compensation": ("M 0,7 L 7,2 V 12 Z M 7,7 L 14,2 V 12 Z", True, 1),
    "adhoc": ("M 0,9 C 2,3 5,3 7,7 C 9,11 12,11 14,5", False, 1.5),
    "collapsed": ("M 0,0 H 14 V 14 H 0 Z M 3,7 H 11 M 7,3 V 11", True, 1),
}  # fmt: skip
MARKER_SIZE = 14.0
MARKER_GAP = 4.0


def activity_markers(parent, kinds, cx, bottom, fill, stroke) -> None:
    """Draw activity markers side by side, centred at cx, 4 px above `bottom`."""
    if not kinds:
        return
    total = len(kinds) * MARKER_SIZE + (len(kinds) - 1) * MARKER_GAP
    x = cx - total / 2
    y = bottom - MARKER_SIZE - 4
    for kind in kinds:
        d, closed, width = _ACTIVITY[kind]
        g = _place(parent, x, y)
        path(g, d, fill=fill if closed else "none", stroke=stroke, width=width,
             stroke_linecap="round" if not closed else "butt")  # fmt: skip
        x += MARKER_SIZE + MARKER_GAP


# --- gateways, centred on (0, 0) of a 50 px gateway ----------------------------------------
_X = _cross(12.5, 3, math.pi / 4)
_PLUS = _cross(14, 3)
_COMPLEX = _cross(13, 2.2) + " " + _cross(12, 2.2, math.pi / 4)
_PENTAGON = _regular(5, 7.5)
_PLUS_SMALL = _cross(8.5, 2.2)


def gateway_marker(parent, kind, cx, cy, scale, fill, stroke, *, instantiate=None) -> None:
    """Marker of a gateway kind; `instantiate` is None, "exclusive" or "parallel"."""
    g = _place(parent, cx, cy, scale)
    if kind == "exclusive":
        path(g, _X, fill=stroke, stroke=stroke, width=0.5)
    elif kind == "parallel":
        path(g, _PLUS, fill=stroke, stroke=stroke, width=0.5)
    elif kind == "complex":
        path(g, _COMPLEX, fill=stroke, stroke=stroke, width=0.5, fill_rule="nonzero")
    elif kind == "inclusive":
        circle(g, 0, 0, 12, stroke=stroke, width=2.5)
    elif kind == "eventBased":
        circle(g, 0, 0, 13.5, stroke=stroke, width=1)
        if instantiate is None:
            circle(g, 0, 0, 11, stroke=stroke, width=1)
        if instantiate == "parallel":
            path(g, _PLUS_SMALL, fill=fill, stroke=stroke, width=1)
        else:
            path(g, _PENTAGON, fill=fill, stroke=stroke, width=1.2, stroke_linejoin="round")


def data_arrow(parent, x, y, fill, stroke, filled) -> None:
    """The input (hollow) or output (filled) arrow of a data object, top left at (x, y)."""
    polygon(parent, [(x, y + 3), (x + 7, y + 3), (x + 7, y), (x + 13, y + 5.5),
                     (x + 7, y + 11), (x + 7, y + 8), (x, y + 8)],
            fill=stroke if filled else fill, stroke=stroke, width=1)  # fmt: skip
