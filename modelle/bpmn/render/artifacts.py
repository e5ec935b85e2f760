"""Data objects and stores, text annotations, groups and message shapes."""

from __future__ import annotations

from lxml import etree

from ..ns import BPMN
from .context import Context
from .labels import add_text
from .markers import data_arrow
from .model import Shape
from .style import FONT_SIZE, label_color
from .svgtree import num, path, rect

DATA_OBJECTS = frozenset({"dataObjectReference", "dataObject", "dataInput", "dataOutput"})
DATA_STORES = frozenset({"dataStoreReference", "dataStore"})
_TEXT = f"{{{BPMN}}}text"


def draw(ctx: Context, g: etree._Element, s: Shape) -> bool:
    """Draw the shape if it is one of these kinds; False if it is not."""
    kind = s.kind
    if kind in DATA_OBJECTS:
        _data_object(ctx, g, s)
    elif kind in DATA_STORES:
        _data_store(ctx, g, s)
    elif kind == "textAnnotation":
        _text_annotation(ctx, g, s)
    elif kind == "group":
        _group(ctx, g, s)
    elif kind == "message":
        _message(ctx, g, s)
    else:
        return False
    return True


def _below(ctx: Context, s: Shape, text: str | None) -> None:
    ctx.external_label(
        s.id, s.kind, text, box=s.label_box, font=s.font,
        color=label_color(s.label, s.stroke), center_x=s.x + s.w / 2, top=s.y + s.h + 4,
    )  # fmt: skip


def _data_object(ctx: Context, g: etree._Element, s: Shape) -> None:
    x, y, w, h = s.x, s.y, s.w, s.h
    fold = min(w, h) * 0.3
    d = (
        f"M {num(x)},{num(y)} H {num(x + w - fold)} L {num(x + w)},{num(y + fold)} "
        f"V {num(y + h)} H {num(x)} Z"
    )
    path(g, d, fill=s.fill, stroke=s.stroke, width=1.5, stroke_linejoin="round")
    fold_d = f"M {num(x + w - fold)},{num(y)} V {num(y + fold)} H {num(x + w)}"
    path(g, fold_d, stroke=s.stroke, width=1.5, stroke_linejoin="round")
    el = s.el
    target = el
    if s.kind == "dataObjectReference":
        target = ctx.lookup(el.get("dataObjectRef"))
    if (target is not None and target.get("isCollection") == "true") or (
        el.get("isCollection") == "true"
    ):
        cx, by = x + w / 2, y + h - 4
        d = " ".join(f"M {num(cx + dx)},{num(by - 10)} V {num(by)}" for dx in (-4, 0, 4))
        path(g, d, stroke=s.stroke, width=2)
    if s.kind in ("dataInput", "dataOutput"):
        data_arrow(g, x + 4, y + 4, s.fill, s.stroke, s.kind == "dataOutput")
    name = el.get("name")
    if not name and target is not None and target is not el:
        name = target.get("name")
    _below(ctx, s, with_state(name, el.find(f"{{{BPMN}}}dataState")))


def with_state(name: str | None, state: etree._Element | None) -> str | None:
    """The name with the data state below it in brackets, unless the name ends with it already
    (many tools write "Antrag [geprüft]" as the name and "geprüft" as the state)."""
    state_name = state.get("name") if state is not None else None
    if not state_name or not state_name.strip():
        return name
    shown = f"[{' '.join(state_name.split())}]"
    if name and " ".join(name[-len(shown) * 2 :].split()).casefold().endswith(shown.casefold()):
        return name
    return f"{name or ''}\n{shown}"


def _data_store(ctx: Context, g: etree._Element, s: Shape) -> None:
    x, y, w, h = s.x, s.y, s.w, s.h
    ry = min(h * 0.12, 8.0)
    rx = w / 2
    top = y + ry
    body = (
        f"M {num(x)},{num(top)} A {num(rx)},{num(ry)} 0 0 1 {num(x + w)},{num(top)} "
        f"V {num(y + h - ry)} A {num(rx)},{num(ry)} 0 0 1 {num(x)},{num(y + h - ry)} Z"
    )
    path(g, body, fill=s.fill, stroke=s.stroke, width=1.5)
    rims = "".join(
        f"M {num(x)},{num(top + off)} A {num(rx)},{num(ry)} 0 0 0 {num(x + w)},{num(top + off)} "
        for off in (0, ry * 0.6, ry * 1.2)
    )
    path(g, rims.strip(), stroke=s.stroke, width=1.5)
    name = s.el.get("name")
    if not name and s.kind == "dataStoreReference":
        store = ctx.lookup(s.el.get("dataStoreRef"))
        name = store.get("name") if store is not None else None
    _below(ctx, s, name)


def _text_annotation(ctx: Context, g: etree._Element, s: Shape) -> None:
    x, y, w, h = s.x, s.y, s.w, s.h
    bracket = min(10.0, w)
    rect(g, x, y, w, h, fill="none", stroke="none")
    d = f"M {num(x + bracket)},{num(y)} H {num(x)} V {num(y + h)} H {num(x + bracket)}"
    path(g, d, stroke=s.stroke, width=1.5)
    text_el = s.el.find(_TEXT)
    text = text_el.text if text_el is not None else s.el.get("name")
    size = s.font.size or FONT_SIZE
    lines = ctx.lines(s.id, text, max(w - 10, 10), size, bold=s.font.bold, into=g)
    if not lines:
        return
    add_text(g, lines, x + 5, y + 5, size=size, color=label_color(s.label, s.stroke),
             anchor="start", bold=s.font.bold, italic=s.font.italic)  # fmt: skip
    ctx.grow(x, y, x + w, y + 5 + len(lines) * size * 1.2)


def _group(ctx: Context, g: etree._Element, s: Shape) -> None:
    rect(g, s.x, s.y, s.w, s.h, rx=10, stroke=s.stroke, width=1.5, dash="10 4 2 4")
    value = ctx.lookup(s.el.get("categoryValueRef"))
    name = value.get("value") if value is not None else s.el.get("name")
    size = s.font.size or 11.0
    box = s.label_box
    if box is None:
        box = (s.x, s.y + 4, s.w, size * 1.2)
    ctx.external_label(
        s.id, s.kind, name, box=box, font=s.font, color=label_color(s.label, s.stroke),
        center_x=s.x + s.w / 2, top=s.y + 4,
    )  # fmt: skip


def _message(ctx: Context, g: etree._Element, s: Shape) -> None:
    x, y, w, h = s.x, s.y, s.w, s.h
    rect(g, x, y, w, h, fill=s.fill, stroke=s.stroke, width=1.5)
    d = f"M {num(x)},{num(y)} L {num(x + w / 2)},{num(y + h / 2)} L {num(x + w)},{num(y)}"
    path(g, d, stroke=s.stroke, width=1.5)
    _below(ctx, s, s.el.get("name"))
