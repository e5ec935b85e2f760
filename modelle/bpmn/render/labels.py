"""Label text: width estimation from the Roboto font, line wrapping, and `<text>` elements.

Widths come from a per-character table measured once with Pillow from the same Roboto file
the PNG renderer uses, so wrapped lines fit in the browser and in the thumbnail alike.
Label text is always set as element text (lxml escapes it); it never becomes markup.
"""

from __future__ import annotations

import re
from functools import cache

from lxml import etree

from .style import FONT_SIZE, LINE_HEIGHT
from .svgtree import TEXT, TSPAN, num

_EXTRA_CHARS = "€„“”‚‘’–—…•·°§²³½¼¾×÷«»"
_FALLBACK_EM = 0.56  # average width of a Roboto character, in em
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_SPACE_RE = re.compile(r"[ \t]+")


def font_path(bold: bool = False) -> str:
    """Path of the Roboto TTF shipped by the font-roboto package."""
    import font_roboto

    return font_roboto.font_files["RobotoBold" if bold else "Roboto"]


@cache
def _width_table(bold: bool) -> dict[str, float]:
    from PIL import ImageFont

    size = 200
    font = ImageFont.truetype(font_path(bold), size, layout_engine=ImageFont.Layout.BASIC)
    codes = [*range(32, 0x7F), *range(0xA0, 0x250)]
    chars = [chr(c) for c in codes] + list(_EXTRA_CHARS)
    return {ch: font.getlength(ch) / size for ch in chars}


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Estimated rendered width of one line of text at this font size, in px."""
    table = _width_table(bold)
    get = table.get
    return sum(get(ch, _FALLBACK_EM) for ch in text) * size


def clean(text: str | None) -> str:
    """Label text with control characters removed and line breaks normalised."""
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL_RE.sub("", text).strip()


def _break_word(word: str, max_width: float, size: float, bold: bool) -> list[str]:
    table = _width_table(bold)
    parts: list[str] = []
    current = ""
    width = 0.0
    for ch in word:
        w = table.get(ch, _FALLBACK_EM) * size
        if current and width + w > max_width:
            parts.append(current)
            current, width = "", 0.0
        current += ch
        width += w
    if current:
        parts.append(current)
    return parts


def wrap(
    text: str, max_width: float, size: float, *, bold: bool = False, break_words: bool = True
) -> list[str]:
    """Greedy word wrap to `max_width`; explicit line breaks are kept.

    Words wider than the box are split by characters when `break_words` is set (inside shapes),
    otherwise they stay whole and overflow (external labels, whose box is only a hint).
    """
    lines: list[str] = []
    space = text_width(" ", size, bold)
    for paragraph in text.split("\n"):
        words = _SPACE_RE.split(paragraph.strip())
        current = ""
        width = 0.0
        for word in words:
            if not word:
                continue
            w = text_width(word, size, bold)
            if current and width + space + w <= max_width:
                current += " " + word
                width += space + w
                continue
            if current:
                lines.append(current)
            if w > max_width and break_words and max_width > size:
                *head, current = _break_word(word, max_width, size, bold)
                lines.extend(head)
                width = text_width(current, size, bold)
            else:
                current, width = word, w
        lines.append(current)
    while lines and not lines[-1]:
        lines.pop()
    return lines


def add_text(
    parent: etree._Element,
    lines: list[str],
    x: float,
    top: float,
    *,
    size: float = FONT_SIZE,
    color: str | None = None,
    anchor: str = "middle",
    bold: bool = False,
    italic: bool = False,
    transform: str | None = None,
    css_class: str = "bpmn-label-text",
) -> etree._Element:
    """A `<text>` with one `<tspan>` per line; `top` is the top of the first line box."""
    attrs = {"class": css_class, "x": num(x), "font-size": num(size)}
    if anchor != "start":
        attrs["text-anchor"] = anchor
    if color:
        attrs["fill"] = color
    if bold:
        attrs["font-weight"] = "bold"
    if italic:
        attrs["font-style"] = "italic"
    if transform:
        attrs["transform"] = transform
    text_el = etree.SubElement(parent, TEXT, attrs)
    line_height = size * LINE_HEIGHT
    baseline = top + size * 0.97
    sx = num(x)
    for line in lines:
        span = etree.SubElement(text_el, TSPAN, {"x": sx, "y": num(baseline)})
        span.text = line
        baseline += line_height
    return text_el


def block_height(line_count: int, size: float) -> float:
    return line_count * size * LINE_HEIGHT
