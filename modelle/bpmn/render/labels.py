"""Label text: width estimation from the Roboto font, line wrapping, and `<text>` elements.

Widths come from a per-character table measured once with Pillow from the same Roboto file
the PNG renderer uses, so wrapped lines fit in the browser and in the thumbnail alike.
Label text is always set as element text (lxml escapes it); it never becomes markup.
"""

from __future__ import annotations

import re
from functools import cache

from lxml import etree

from ..limits import LABEL_CHARS, LABEL_LINES
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


def shortened(text: str | None, limit: int = LABEL_CHARS) -> tuple[str, bool]:
    """Label text with control characters removed and line breaks normalised, at most `limit`
    characters of it (an ellipsis marks the cut), and whether it was cut. Only that much of a
    label is ever looked at, so a label of ten million characters costs what one of `limit` does.
    """
    if not text:
        return "", False
    start = len(text) - len(text.lstrip())  # leading whitespace is stripped anyway
    cut = len(text) - start > limit
    text = text[start : start + limit].replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL_RE.sub("", text).strip()
    if cut:
        text = text[: limit - 1].rstrip() + "…"
    return text, cut


def clean(text: str | None, limit: int = LABEL_CHARS) -> str:
    """`shortened` without the flag."""
    return shortened(text, limit)[0]


def fit(
    text: str | None,
    max_width: float,
    size: float,
    *,
    bold: bool = False,
    break_words: bool = True,
) -> tuple[list[str], bool]:
    """The lines of a label as drawn, and whether the label was cut to get them: at most
    LABEL_CHARS characters and LABEL_LINES lines, the last line ending in an ellipsis."""
    cleaned, cut = shortened(text)
    if not cleaned:
        return [], cut
    lines = wrap(cleaned, max_width, size, bold=bold, break_words=break_words)
    if len(lines) > LABEL_LINES:
        lines = lines[:LABEL_LINES]
        last = lines[-1].rstrip()
        # the ellipsis takes the place of the last character, so the line keeps its width
        lines[-1] = (last[:-1] if len(last) > 1 else last) + "…"
        cut = True
    return lines, cut


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
