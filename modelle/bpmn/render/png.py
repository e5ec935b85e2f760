"""PNG thumbnails without a browser: resvg with the Roboto font from the font-roboto package,
so labels render the same on a fresh machine as on a developer's."""

from __future__ import annotations

import re
from functools import cache

import resvg_py

from .labels import font_path

MAX_WIDTH = 8000
# what only pages use (ids and classes for CSS, the title): dropped to spare resvg the parsing
_PAGE_ONLY = re.compile(r' (?:data-element-id|data-diagram-id|class|role)="[^"]*"')


@cache
def _fonts() -> tuple[str, ...]:
    return (font_path(False), font_path(True))


def png(svg: bytes | str, width: int = 400) -> bytes:
    """Rasterise an SVG made by `svg()` to PNG bytes of the given pixel width (height keeps
    the aspect ratio) on a white background. System fonts are not used."""
    if not 1 <= width <= MAX_WIDTH:
        raise ValueError(f"width must be between 1 and {MAX_WIDTH}")
    text = svg.decode("utf-8") if isinstance(svg, bytes) else svg
    text = _PAGE_ONLY.sub("", text)
    return bytes(
        resvg_py.svg_to_bytes(
            svg_string=text,
            width=int(width),
            background="white",
            skip_system_fonts=True,
            font_files=list(_fonts()),
            font_family="Roboto",
            sans_serif_family="Roboto",
            # exact outlines without hinting: as legible at thumbnail scale and much faster
            text_rendering="geometric_precision",
        )
    )
