"""State shared while one diagram is drawn: the layers, the drawn extent, external labels."""

from __future__ import annotations

from lxml import etree

from ..document import Document
from .labels import add_text, block_height, clean, text_width, wrap
from .model import Box, Diagram, Font
from .style import EXTERNAL_FONT_SIZE, LINE_HEIGHT
from .svgtree import group

EXTERNAL_LABEL_WIDTH = 90.0


class Context:
    def __init__(self, doc: Document, diagram: Diagram, root: etree._Element) -> None:
        self.doc = doc
        self.diagram = diagram
        self.pools = group(root, "bpmn-layer-pools")
        self.shapes = group(root, "bpmn-layer-shapes")
        self.edges = group(root, "bpmn-layer-edges")
        self.artifacts = group(root, "bpmn-layer-artifacts")
        self.labels = group(root, "bpmn-layer-labels")
        self.min_x = self.min_y = float("inf")
        self.max_x = self.max_y = float("-inf")

    def grow(self, x0: float, y0: float, x1: float, y1: float) -> None:
        self.min_x = min(self.min_x, x0)
        self.min_y = min(self.min_y, y0)
        self.max_x = max(self.max_x, x1)
        self.max_y = max(self.max_y, y1)

    def lookup(self, ref: str | None) -> etree._Element | None:
        if not ref:
            return None
        found = self.doc.by_id.get(ref.strip())
        if found is None and ":" in ref:
            found = self.doc.by_id.get(ref.rpartition(":")[2].strip())
        return found

    def external_label(
        self,
        owner_id: str,
        kind: str,
        text: str | None,
        *,
        box: Box | None,
        font: Font,
        color: str,
        center_x: float,
        top: float,
        beside: bool = False,
    ) -> None:
        """A label outside its element: in its BPMNLabel bounds if given, else at the default
        place (centred below a shape, or beside the middle of an edge)."""
        text = clean(text)
        if not text:
            return
        size = font.size or EXTERNAL_FONT_SIZE
        anchor = "middle"
        if box is not None and box[2] >= 1:
            bx, by, bw, bh = box
            lines = wrap(text, bw + 2, size, bold=font.bold, break_words=False)
            height = block_height(len(lines), size)
            x = bx + bw / 2
            y = by + max(0.0, (bh - height) / 2)
        else:
            lines = wrap(text, EXTERNAL_LABEL_WIDTH, size, bold=font.bold, break_words=False)
            height = block_height(len(lines), size)
            x = center_x
            y = top
            if beside:
                anchor = "start"
                y = top - height / 2
        widest = max(text_width(line, size, font.bold) for line in lines)
        left = x if anchor == "start" else x - widest / 2
        self.grow(left, y, left + widest, y + height + size * (LINE_HEIGHT - 1))
        g = group(self.labels, f"bpmn-label bpmn-label-{kind or 'unknown'}", owner_id)
        add_text(
            g, lines, x, y, size=size, color=color, anchor=anchor,
            bold=font.bold, italic=font.italic,
        )  # fmt: skip
