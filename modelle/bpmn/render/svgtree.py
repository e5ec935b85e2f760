"""Small helpers to build SVG as an lxml element tree (never as strings)."""

from __future__ import annotations

from lxml import etree

SVG_NS = "http://www.w3.org/2000/svg"
SVG = f"{{{SVG_NS}}}svg"
G = f"{{{SVG_NS}}}g"
RECT = f"{{{SVG_NS}}}rect"
CIRCLE = f"{{{SVG_NS}}}circle"
ELLIPSE = f"{{{SVG_NS}}}ellipse"
PATH = f"{{{SVG_NS}}}path"
POLYGON = f"{{{SVG_NS}}}polygon"
POLYLINE = f"{{{SVG_NS}}}polyline"
LINE = f"{{{SVG_NS}}}line"
TEXT = f"{{{SVG_NS}}}text"
TSPAN = f"{{{SVG_NS}}}tspan"
TITLE = f"{{{SVG_NS}}}title"
STYLE = f"{{{SVG_NS}}}style"

_sub = etree.SubElement


def num(value: float) -> str:
    """A coordinate as short text: at most two decimals, no trailing zeros."""
    r = round(value, 2)
    i = int(r)
    return str(i) if r == i else str(r)


def points(pts) -> str:
    return " ".join(f"{num(x)},{num(y)}" for x, y in pts)


def el(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    """Append a child; attribute names use '_' for '-' (stroke_width -> stroke-width)."""
    return _sub(parent, tag, {k.replace("_", "-"): v for k, v in attrs.items()})


def group(parent: etree._Element, css_class: str, element_id: str | None = None) -> etree._Element:
    attrs = {"class": css_class}
    if element_id is not None:
        attrs["data-element-id"] = element_id
    return _sub(parent, G, attrs)


def rect(parent, x, y, w, h, *, rx=0.0, fill="none", stroke="none", width=1.0, dash=None):
    attrs = {
        "x": num(x),
        "y": num(y),
        "width": num(max(w, 0.0)),
        "height": num(max(h, 0.0)),
        "fill": fill,
        "stroke": stroke,
        "stroke-width": num(width),
    }
    if rx:
        attrs["rx"] = num(rx)
    if dash:
        attrs["stroke-dasharray"] = dash
    return _sub(parent, RECT, attrs)


def circle(parent, cx, cy, r, *, fill="none", stroke="none", width=1.0, dash=None):
    attrs = {
        "cx": num(cx),
        "cy": num(cy),
        "r": num(max(r, 0.0)),
        "fill": fill,
        "stroke": stroke,
        "stroke-width": num(width),
    }
    if dash:
        attrs["stroke-dasharray"] = dash
    return _sub(parent, CIRCLE, attrs)


def path(parent, d, *, fill="none", stroke="none", width=1.0, dash=None, transform=None, **extra):
    attrs = {"d": d, "fill": fill, "stroke": stroke, "stroke-width": num(width)}
    if dash:
        attrs["stroke-dasharray"] = dash
    if transform:
        attrs["transform"] = transform
    for k, v in extra.items():
        attrs[k.replace("_", "-")] = v
    return _sub(parent, PATH, attrs)


def polygon(parent, pts, *, fill="none", stroke="none", width=1.0, **extra):
    attrs = {"points": points(pts), "fill": fill, "stroke": stroke, "stroke-width": num(width)}
    for k, v in extra.items():
        attrs[k.replace("_", "-")] = v
    return _sub(parent, POLYGON, attrs)
