"""Labels as glyph outlines for the PNG thumbnail.

Shaping text is the dearest part of rasterising a diagram. Thumbnails need neither selectable
text nor kerning, so before rasterising, every `<text>` of our own SVG is replaced by one `<path>`
per line, assembled from Roboto's glyph outlines (read once per process with fontTools). The
rasteriser then only fills paths and never loads a font. The advance widths are the ones the
label wrapping measured with, so lines keep the width they were laid out for.
"""

from __future__ import annotations

from functools import cache

from lxml import etree

from ..limits import OUTLINE_CHARS
from .labels import font_path
from .svgtree import SVG_NS, TEXT, TSPAN

_PATH = f"{{{SVG_NS}}}path"
_RECT = f"{{{SVG_NS}}}rect"
_G = f"{{{SVG_NS}}}g"
# Below this height on the picture a label cannot be read; it is drawn "greeked", as a grey bar
# per line of its real width, which looks the same at that size and costs a fraction to fill.
GREEK_PX = 3.0


class _RelativePen:  # method names follow the fontTools pen protocol
    """Collects a glyph outline as relative SVG path commands, starting at the glyph origin."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.cur = (0.0, 0.0)
        self.start = (0.0, 0.0)

    def _rel(self, pt) -> str:
        dx, dy = pt[0] - self.cur[0], pt[1] - self.cur[1]
        self.cur = (float(pt[0]), float(pt[1]))
        return f"{dx:g} {dy:g}"

    def moveTo(self, pt) -> None:
        self.parts.append("m" + self._rel(pt))
        self.start = self.cur

    def lineTo(self, pt) -> None:
        self.parts.append("l" + self._rel(pt))

    def qCurveTo(self, *points) -> None:
        # TrueType quadratic splines: implied on-curve points between consecutive off-curves.
        *offs, end = points
        if end is None:  # a closed contour of off-curve points only; rare, drawn as lines
            for p in offs:
                self.lineTo(p)
            return
        for i, off in enumerate(offs):
            if i + 1 < len(offs):
                nxt = offs[i + 1]
                on = ((off[0] + nxt[0]) / 2, (off[1] + nxt[1]) / 2)
            else:
                on = end
            ox, oy = off[0] - self.cur[0], off[1] - self.cur[1]
            self.parts.append(f"q{ox:g} {oy:g} " + self._rel(on))

    def curveTo(self, *points) -> None:
        c1, c2, end = points[-3:]
        a = (c1[0] - self.cur[0], c1[1] - self.cur[1])
        b = (c2[0] - self.cur[0], c2[1] - self.cur[1])
        self.parts.append(f"c{a[0]:g} {a[1]:g} {b[0]:g} {b[1]:g} " + self._rel(end))

    def closePath(self) -> None:
        self.parts.append("z")
        self.cur = self.start

    endPath = closePath

    def addComponent(self, glyph_name, transformation) -> None:
        raise NotImplementedError  # decomposed by DecomposingRecordingPen below


class _Font:
    def __init__(self, path: str) -> None:
        from fontTools.pens.recordingPen import DecomposingRecordingPen
        from fontTools.ttLib import TTFont

        font = TTFont(path, lazy=True)
        self.units = font["head"].unitsPerEm
        self._cmap = font.getBestCmap()
        self._glyphs = font.getGlyphSet()
        self._hmtx = font["hmtx"]
        self._recording = DecomposingRecordingPen
        self._cache: dict[str, tuple[str, float, tuple[float, float]]] = {}

    def glyph(self, char: str) -> tuple[str, float, tuple[float, float]]:
        """(relative path body, advance, end point) in font units; y points up."""
        hit = self._cache.get(char)
        if hit is not None:
            return hit
        name = self._cmap.get(ord(char))
        if name is None:
            entry = ("", self._hmtx[".notdef"][0] if ".notdef" in self._hmtx.metrics else 0, (0, 0))
        else:
            rec = self._recording(self._glyphs)
            self._glyphs[name].draw(rec)
            pen = _RelativePen()
            rec.replay(pen)
            entry = ("".join(pen.parts), float(self._hmtx[name][0]), pen.cur)
        self._cache[char] = entry
        return entry

    def advance(self, text: str) -> float:
        return sum(self.glyph(char)[1] for char in text)

    def line(self, text: str) -> tuple[str, float]:
        """One path for a line of text starting at the origin, and its advance width."""
        parts: list[str] = []
        pen_x = 0.0
        cur = (0.0, 0.0)  # absolute current point after the previous glyph
        for char in text:
            body, advance, end = self.glyph(char)
            if body:
                parts.append(f"m{pen_x - cur[0]:g} {-cur[1]:g}")
                parts.append(body)
                cur = (pen_x + end[0], end[1])
            pen_x += advance
        if parts:
            parts[0] = "M" + parts[0][1:]
        return "".join(parts), pen_x


@cache
def _font(bold: bool) -> _Font:
    return _Font(font_path(bold))


def _number(value: str | None, default: float = 0.0) -> float:
    try:
        return float(value) if value is not None else default
    except ValueError:
        return default


def outline_texts(
    root: etree._Element, *, picture_scale: float = 1.0, max_chars: int = OUTLINE_CHARS
) -> None:
    """Replace every `<text>` below root by glyph-outline paths, in place.

    `picture_scale` is pixels per SVG unit of the final picture; labels smaller than GREEK_PX
    there become grey bars, and so do all lines after the first `max_chars` outlined characters
    (an outline costs a hundred times the bytes of its character; a bar costs one rectangle).
    """
    budget = max_chars
    for text in list(root.iter(TEXT)):
        size = _number(text.get("font-size"), 12.0)
        font = _font(text.get("font-weight") == "bold")
        scale = size / font.units
        greek = size * picture_scale < GREEK_PX
        anchor = text.get("text-anchor", "start")
        group = etree.Element(_G)
        for name in ("fill", "transform", "opacity", "fill-opacity"):
            if text.get(name) is not None:
                group.set(name, text.get(name))
        spans = text.findall(TSPAN) or [text]
        for span in spans:
            content = span.text or ""
            if not content.strip():
                continue
            if greek or len(content) > budget:
                d, width = "", font.advance(content.strip())
            else:
                budget -= len(content)
                d, width = font.line(content)
                if not d:
                    continue
            x = _number(span.get("x", text.get("x")))
            y = _number(span.get("y", text.get("y")))
            if anchor == "middle":
                x -= width * scale / 2
            elif anchor == "end":
                x -= width * scale
            if not d:
                bar = {"x": f"{x:g}", "y": f"{y - size * 0.62:g}", "width": f"{width * scale:g}"}
                bar |= {"height": f"{size * 0.55:g}", "fill-opacity": "0.45"}
                etree.SubElement(group, _RECT, bar)
                continue
            etree.SubElement(
                group,
                _PATH,
                {"d": d, "transform": f"matrix({scale:g} 0 0 {-scale:g} {x:g} {y:g})"},
            )
        parent = text.getparent()
        if len(group):
            parent.replace(text, group)
        else:
            parent.remove(text)
