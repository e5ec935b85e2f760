"""Colours, stroke widths and fonts of the rendering, and the BPMN-in-Color extension.

Colours come from untrusted files and end up in SVG attributes, so only plain colour syntax
(hex, rgb()/rgba()/hsl()/hsla() with numbers, or a colour keyword) is accepted.
"""

from __future__ import annotations

import re

from ..ns import BIOC, COLOR

DEFAULT_FILL = "#ffffff"
DEFAULT_STROKE = "#000000"
FONT_FAMILY = "Roboto, Arial, Helvetica, sans-serif"
FONT_SIZE = 12.0  # labels inside shapes (activities, pools, lanes)
EXTERNAL_FONT_SIZE = 11.0  # labels below events, gateways, data and on edges
LINE_HEIGHT = 1.2
MIN_FONT_SIZE = 6.0
MAX_FONT_SIZE = 30.0

_COLOR_RE = re.compile(
    r"#[0-9a-fA-F]{3,8}"
    r"|(?:rgb|rgba|hsl|hsla)\(\s*[0-9.%]+(?:\s*[, ]\s*[0-9.%]+){2,3}\s*\)"
    r"|[a-zA-Z]{3,30}"
)

_BIOC_FILL = f"{{{BIOC}}}fill"
_BIOC_STROKE = f"{{{BIOC}}}stroke"
_COLOR_BG = f"{{{COLOR}}}background-color"
_COLOR_BORDER = f"{{{COLOR}}}border-color"
_COLOR_TEXT = f"{{{COLOR}}}color"


def safe_color(value: str | None) -> str | None:
    """The colour if it is plain colour syntax, else None (so the default applies)."""
    if not value:
        return None
    value = value.strip()
    if _COLOR_RE.fullmatch(value) and value.lower() not in {"inherit", "currentcolor"}:
        return value
    return None


def shape_colors(di) -> tuple[str, str]:
    """(fill, stroke) of a BPMNShape or BPMNEdge; BPMN-in-Color wins over bpmn.io's bioc."""
    fill = safe_color(di.get(_COLOR_BG)) or safe_color(di.get(_BIOC_FILL)) or DEFAULT_FILL
    stroke = safe_color(di.get(_COLOR_BORDER)) or safe_color(di.get(_BIOC_STROKE))
    return fill, stroke or DEFAULT_STROKE


def label_color(label_di, stroke: str) -> str:
    """Text colour: color:color on the BPMNLabel, else the element's stroke colour."""
    if label_di is not None:
        color = safe_color(label_di.get(_COLOR_TEXT))
        if color:
            return color
    return stroke
