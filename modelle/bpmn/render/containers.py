"""Pools (participants) and lanes, horizontal and vertical, with their names along them."""

from __future__ import annotations

from lxml import etree

from ..ns import BPMN
from .context import Context
from .labels import add_text, block_height
from .markers import activity_markers
from .model import Shape
from .style import DEFAULT_FILL, FONT_SIZE, label_color
from .svgtree import num, path, rect

HEADER = 30.0
_MULTIPLICITY = f"{{{BPMN}}}participantMultiplicity"


def is_horizontal(s: Shape) -> bool:
    """The DI flag; tools that leave it out mean horizontal, unless the shape is clearly tall."""
    flag = s.di.get("isHorizontal")
    if flag is not None:
        return flag != "false"
    return not (s.h > s.w * 1.5)


def _name(ctx: Context, g, s: Shape, horizontal: bool, band: tuple[float, float, float, float]):
    """Write the name centred in `band`; along the band (rotated) when the element is horizontal."""
    bx, by, bw, bh = band
    size = s.font.size or FONT_SIZE
    color = label_color(s.label, s.stroke)
    cx, cy = bx + bw / 2, by + bh / 2
    room = bh if horizontal else bw
    lines = ctx.lines(s.id, s.el.get("name"), max(room - 10, 10), size, bold=s.font.bold, into=g)
    if not lines:
        return
    top = cy - block_height(len(lines), size) / 2
    if horizontal:
        add_text(g, lines, cx, top, size=size, color=color, bold=s.font.bold,
                 italic=s.font.italic, transform=f"rotate(-90 {num(cx)} {num(cy)})")  # fmt: skip
    else:
        add_text(g, lines, cx, top, size=size, color=color, bold=s.font.bold,
                 italic=s.font.italic)  # fmt: skip


def is_multiple(el: etree._Element) -> bool:
    """A participant that stands for several (participantMultiplicity maximum above 1)."""
    multiplicity = el.find(_MULTIPLICITY)
    if multiplicity is None:
        return False
    try:
        return int(multiplicity.get("maximum", "1")) > 1
    except ValueError:
        return False


def participant(ctx: Context, g: etree._Element, s: Shape) -> None:
    horizontal = is_horizontal(s)
    rect(g, s.x, s.y, s.w, s.h, fill=s.fill, stroke=s.stroke, width=1.5)
    if is_multiple(s.el):
        activity_markers(g, ["parallel"], s.x + s.w / 2, s.y + s.h, s.fill, s.stroke)
    expanded = s.el.get("processRef") is not None and s.di.get("isExpanded") != "false"
    if not expanded:
        _name(ctx, g, s, False, (s.x, s.y, s.w, s.h))
        return
    header = min(HEADER, s.w if horizontal else s.h)
    if horizontal:
        path(g, f"M {num(s.x + header)},{num(s.y)} V {num(s.y + s.h)}", stroke=s.stroke, width=1.5)
        band = (s.x, s.y, header, s.h)
    else:
        path(g, f"M {num(s.x)},{num(s.y + header)} H {num(s.x + s.w)}", stroke=s.stroke, width=1.5)
        band = (s.x, s.y, s.w, header)
    _name(ctx, g, s, horizontal, band)


def lane(ctx: Context, g: etree._Element, s: Shape) -> None:
    horizontal = is_horizontal(s)
    fill = s.fill if s.fill != DEFAULT_FILL else "none"
    rect(g, s.x, s.y, s.w, s.h, fill=fill, stroke=s.stroke, width=1)
    band = (s.x, s.y, min(HEADER, s.w), s.h) if horizontal else (s.x, s.y, s.w, min(HEADER, s.h))
    _name(ctx, g, s, horizontal, band)
