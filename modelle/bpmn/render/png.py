"""PNG thumbnails without a browser: resvg with the Roboto font from the font-roboto package,
so labels render the same on a fresh machine as on a developer's."""

from __future__ import annotations

from functools import cache

import resvg_py
from lxml import etree

from .labels import font_path
from .outlines import outline_texts
from .svgtree import TEXT

MAX_WIDTH = 8000
# Text smaller than this on the thumbnail is an unreadable smudge; skipping it saves resvg the
# shaping, the dearest part of a thumbnail.
MIN_TEXT_PX = 1.5
_PAGE_ONLY = ("class", "data-element-id", "data-diagram-id", "role")


@cache
def _fonts() -> tuple[str, ...]:
    return (font_path(False), font_path(True))


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def _prepare(svg: bytes, width: int) -> str:
    root = etree.fromstring(svg, _parser())
    try:
        view_width = float(root.get("viewBox", "").split()[2])
    except (IndexError, ValueError):
        view_width = float(width)
    scale = width / view_width if view_width > 0 else 1.0
    for el in root.iter():
        for name in _PAGE_ONLY:
            if name in el.attrib:
                del el.attrib[name]
    for text in list(root.iter(TEXT)):
        try:
            size = float(text.get("font-size", "12"))
        except ValueError:
            continue
        if size * scale < MIN_TEXT_PX:
            text.getparent().remove(text)
    outline_texts(root, picture_scale=scale)
    return etree.tostring(root, encoding="unicode")


def png(svg: bytes | str, width: int = 400) -> bytes:
    """Rasterise an SVG made by `svg()` to PNG bytes of the given pixel width (height keeps
    the aspect ratio) on a white background. Only the bundled Roboto font is used, never
    system fonts; labels that would be under 1.5 px tall are left out."""
    if not 1 <= width <= MAX_WIDTH:
        raise ValueError(f"width must be between 1 and {MAX_WIDTH}")
    data = svg.encode("utf-8") if isinstance(svg, str) else svg
    # Labels arrive as glyph outlines (outlines.py), so resvg needs no font at all.
    return bytes(
        resvg_py.svg_to_bytes(
            svg_string=_prepare(data, int(width)),
            width=int(width),
            background="white",
            skip_system_fonts=True,
        )
    )
