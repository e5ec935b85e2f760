"""Flow nodes: activities, events and gateways, and the dispatch for every BPMNShape."""

from __future__ import annotations

from lxml import etree

from ..ns import BPMN, local
from . import artifacts, containers, leftovers
from .context import Context
from .labels import add_text, block_height, text_width
from .markers import (
    TASK_MARKERS,
    activity_markers,
    event_marker,
    gateway_marker,
    task_marker,
)
from .model import Shape
from .style import FONT_SIZE, LINE_HEIGHT, label_color
from .svgtree import circle, group, path, rect

TASKS = frozenset({"task", *TASK_MARKERS})
SUB_PROCESSES = frozenset({"subProcess", "transaction", "adHocSubProcess"})
ACTIVITIES = TASKS | SUB_PROCESSES | {"callActivity"}
EVENTS = frozenset({"startEvent", "intermediateCatchEvent", "intermediateThrowEvent",
                    "boundaryEvent", "endEvent", "implicitThrowEvent"})  # fmt: skip
THROW_EVENTS = frozenset({"intermediateThrowEvent", "endEvent", "implicitThrowEvent"})
GATEWAYS = {
    "exclusiveGateway": "exclusive",
    "parallelGateway": "parallel",
    "inclusiveGateway": "inclusive",
    "complexGateway": "complex",
    "eventBasedGateway": "eventBased",
}
_GLOBAL_TASKS = {
    "globalUserTask": "userTask",
    "globalManualTask": "manualTask",
    "globalScriptTask": "scriptTask",
    "globalBusinessRuleTask": "businessRuleTask",
}
_LOOP = f"{{{BPMN}}}standardLoopCharacteristics"
_MULTI = f"{{{BPMN}}}multiInstanceLoopCharacteristics"
_EVENT_DEF_REF = f"{{{BPMN}}}eventDefinitionRef"
PADDING = 5.0
# the task type icon: its top left corner inside the task, and its size at scale 1
ICON_AT = 6.0
ICON_W, ICON_H = 20.0, 18.0


def draw(ctx: Context, s: Shape) -> None:
    """Draw one BPMNShape into the right layer, with its label."""
    kind = s.kind
    if kind in ("participant", "lane"):
        layer = ctx.pools
    elif kind == "group":
        layer = ctx.artifacts
    else:
        layer = ctx.shapes
    g = group(layer, f"bpmn-shape bpmn-{kind or 'unknown'}", s.id)
    ctx.grow(s.x, s.y, s.x + s.w, s.y + s.h)
    if kind in ACTIVITIES:
        _activity(ctx, g, s)
    elif kind in EVENTS:
        _event(ctx, g, s)
    elif kind in GATEWAYS:
        _gateway(ctx, g, s)
    elif kind == "participant":
        containers.participant(ctx, g, s)
    elif kind == "lane":
        containers.lane(ctx, g, s)
    elif not artifacts.draw(ctx, g, s):
        _unknown(ctx, g, s)


def is_expanded(ctx: Context, s: Shape) -> bool:
    return leftovers.is_expanded(ctx.diagram, s)


def is_container(ctx: Context, s: Shape) -> bool:
    """An expanded sub-process or call activity: drawn before what lies inside it."""
    return (s.kind in SUB_PROCESSES or s.kind == "callActivity") and is_expanded(ctx, s)


def _activity_markers(el: etree._Element, kind: str, collapsed: bool) -> list[str]:
    kinds: list[str] = []
    for child in el:
        if child.tag == _LOOP:
            kinds.append("loop")
        elif child.tag == _MULTI:
            kinds.append("sequential" if child.get("isSequential") == "true" else "parallel")
    if collapsed:
        kinds.append("collapsed")
    if el.get("isForCompensation") == "true":
        kinds.append("compensation")
    if kind == "adHocSubProcess":
        kinds.append("adhoc")
    return kinds[:4]


def _activity(ctx: Context, g: etree._Element, s: Shape) -> None:
    el, kind = s.el, s.kind
    expanded = is_expanded(ctx, s) if kind not in TASKS else False
    event_sub = el.get("triggeredByEvent") == "true"
    width = 4.0 if kind == "callActivity" else 1.5 if expanded else 2.0
    dash = "2 3" if event_sub else None
    radius = min(10.0, s.w / 4, s.h / 4)
    rect(g, s.x, s.y, s.w, s.h, rx=radius, fill=s.fill, stroke=s.stroke, width=width, dash=dash)
    if kind == "transaction":
        rect(g, s.x + 3, s.y + 3, s.w - 6, s.h - 6, rx=max(radius - 3, 0), stroke=s.stroke,
             width=1.5)  # fmt: skip
    marker = kind if kind in TASK_MARKERS else None
    collapsed = kind in SUB_PROCESSES and not expanded
    if kind == "callActivity":
        called = ctx.lookup(el.get("calledElement"))
        marker = _GLOBAL_TASKS.get(local(called.tag)) if called is not None else None
        collapsed = not expanded and (called is None or local(called.tag) == "process")
    icon_scale = min(1.0, s.w / 80)
    if marker:
        task_marker(g, marker, s.x + ICON_AT, s.y + ICON_AT, icon_scale, s.fill, s.stroke)
    markers = _activity_markers(el, kind, collapsed)
    activity_markers(g, markers, s.x + s.w / 2, s.y + s.h, s.fill, s.stroke)

    size = s.font.size or FONT_SIZE
    color = label_color(s.label, s.stroke)
    if expanded:
        lines = ctx.lines(s.id, el.get("name"), max(s.w - 2 * PADDING - 5, 10), size,
                          bold=s.font.bold, into=g)  # fmt: skip
        if lines:
            add_text(g, lines, s.x + PADDING + 5, s.y + PADDING, size=size, color=color,
                     anchor="start", bold=s.font.bold, italic=s.font.italic)  # fmt: skip
        return
    bottom_space = 18.0 if markers else 0.0
    lines = ctx.lines(s.id, el.get("name"), max(s.w - 2 * PADDING, 10), size, bold=s.font.bold,
                      into=g)  # fmt: skip
    if not lines:
        return
    widths = [text_width(line, size, s.font.bold) for line in lines]
    icon = (
        (s.x + ICON_AT + ICON_W * icon_scale, s.y + ICON_AT + ICON_H * icon_scale)
        if marker
        else None
    )
    top = _label_top(ctx, s, widths, size, bottom_space, icon)
    add_text(g, lines, s.x + s.w / 2, top, size=size, color=color, bold=s.font.bold,
             italic=s.font.italic)  # fmt: skip


def _label_top(
    ctx: Context,
    s: Shape,
    widths: list[float],
    size: float,
    bottom_space: float,
    icon: tuple[float, float] | None,
) -> float:
    """Top of an activity's label: centred as bpmn.io does; moved down just enough for the lines
    that reach under the type icon (right and bottom edge given by `icon`) to clear it, but no
    line onto a boundary event on the lower edge: the event would cover it, while the label is
    drawn over the icon, so where both cannot be kept clear the label moves up."""
    line_height = size * LINE_HEIGHT
    height = len(widths) * line_height
    top = s.y + PADDING + (s.h - 2 * PADDING - bottom_space - height) / 2
    if icon is None:
        return top
    cx = s.x + s.w / 2
    icon_right, icon_bottom = icon[0], icon[1] + 2
    events = [b for b in ctx.attached(s.id) if b.y > s.y + s.h / 2]
    needed = top  # the highest top that keeps every line under the icon below it
    lowest = s.y + s.h - PADDING - bottom_space - height  # the lowest top allowed
    for k, width in enumerate(widths):
        left, right = cx - width / 2, cx + width / 2
        if left < icon_right:
            needed = max(needed, icon_bottom - k * line_height)
        for b in events:
            if b.x < right and b.x + b.w > left:  # this line would run into the event
                lowest = min(lowest, b.y - 2 - (k + 1) * line_height)
    return max(min(needed, lowest), s.y + PADDING)


def event_kinds(ctx: Context, el: etree._Element) -> list[str]:
    kinds: list[str] = []
    for child in el:
        tag = child.tag
        if not isinstance(tag, str):
            continue
        name = local(tag)
        if name == "eventDefinitionRef":
            ref = ctx.lookup(child.text)
            name = local(ref.tag) if ref is not None else ""
        if name.endswith("EventDefinition"):
            kinds.append(name[: -len("EventDefinition")])
    return kinds


def _event(ctx: Context, g: etree._Element, s: Shape) -> None:
    el, kind = s.el, s.kind
    r = min(s.w, s.h) / 2
    cx, cy = s.x + s.w / 2, s.y + s.h / 2
    fill, stroke = s.fill, s.stroke
    if kind == "startEvent":
        dash = "6 3" if el.get("isInterrupting") == "false" else None
        _circle(g, cx, cy, r, fill, stroke, 2, dash)
    elif kind == "endEvent":
        _circle(g, cx, cy, r, fill, stroke, max(2.0, min(4.0, r / 4.5)), None)
    else:
        dash = "5.5 3" if kind == "boundaryEvent" and el.get("cancelActivity") == "false" else None
        _circle(g, cx, cy, r, fill, stroke, 1.5, dash)
        _circle(g, cx, cy, max(r - 3, 0), "none", stroke, 1.5, dash)
    kinds = event_kinds(ctx, el)
    if len(kinds) > 1:
        marker = "parallelMultiple" if el.get("parallelMultiple") == "true" else "multiple"
    elif kinds:
        marker = kinds[0]
    else:
        marker = None
    if marker:
        event_marker(g, marker, cx, cy, r / 18, fill, stroke, kind in THROW_EVENTS)
    ctx.external_label(
        s.id, kind, el.get("name"), box=s.label_box, font=s.font,
        color=label_color(s.label, stroke), center_x=cx, top=s.y + s.h + 4,
    )  # fmt: skip


def _circle(g, cx, cy, r, fill, stroke, width, dash) -> None:
    circle(g, cx, cy, r, fill=fill, stroke=stroke, width=width, dash=dash)


def _gateway(ctx: Context, g: etree._Element, s: Shape) -> None:
    el, kind = s.el, s.kind
    x, y, w, h = s.x, s.y, s.w, s.h
    cx, cy = x + w / 2, y + h / 2
    d = f"M {cx:.2f},{y:.2f} L {x + w:.2f},{cy:.2f} L {cx:.2f},{y + h:.2f} L {x:.2f},{cy:.2f} Z"
    path(g, d, fill=s.fill, stroke=s.stroke, width=2, stroke_linejoin="round")
    marker = GATEWAYS[kind]
    instantiate = None
    if marker == "exclusive" and s.di.get("isMarkerVisible") != "true":
        marker = None
    if marker == "eventBased" and el.get("instantiate") == "true":
        instantiate = "parallel" if el.get("eventGatewayType") == "Parallel" else "exclusive"
    if marker:
        gateway_marker(g, marker, cx, cy, min(w, h) / 50, s.fill, s.stroke,
                       instantiate=instantiate)  # fmt: skip
    ctx.external_label(
        s.id, kind, el.get("name"), box=s.label_box, font=s.font,
        color=label_color(s.label, s.stroke), center_x=cx, top=y + h + 4,
    )  # fmt: skip


def _unknown(ctx: Context, g: etree._Element, s: Shape) -> None:
    """Elements outside the Descriptive and Analytic classes: a dashed box with the name."""
    rect(g, s.x, s.y, s.w, s.h, rx=4, fill=s.fill, stroke=s.stroke, width=1, dash="4 3")
    size = s.font.size or FONT_SIZE
    text = s.el.get("name") if s.el is not None else None
    lines = ctx.lines(s.id, text, max(s.w - 2 * PADDING, 10), size, into=g)
    if lines:
        top = s.y + (s.h - block_height(len(lines), size)) / 2
        add_text(g, lines, s.x + s.w / 2, top, size=size, color=label_color(s.label, s.stroke))
