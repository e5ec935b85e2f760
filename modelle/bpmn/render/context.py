"""State shared while one diagram is drawn: the layers, the drawn extent, external labels, and
what the drawing bounds cut (see `limits`)."""

from __future__ import annotations

from lxml import etree

from ..document import Document
from ..limits import DIAGRAM_TEXT_CHARS, DIAGRAM_TEXT_LINES, LABEL_CHARS, LABEL_LINES, number_de
from .labels import add_text, block_height, fit, text_width
from .model import Box, Diagram, Font, Shape
from .style import EXTERNAL_FONT_SIZE, LINE_HEIGHT
from .svgtree import TITLE, group

EXTERNAL_LABEL_WIDTH = 90.0
LABEL_CUT_TITLE = (
    f"Beschriftung gekürzt: Gezeichnet werden höchstens {number_de(LABEL_CHARS)} Zeichen und "
    f"{LABEL_LINES} Zeilen."
)


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
        self.text_chars = 0
        self.text_lines = 0
        self.text_spent = False  # a label did not fit: the diagram's text budget is used up
        # what the bounds cut, by kind ("label", "text"), as element ids in drawing order
        self.cuts: dict[str, list[str]] = {}
        self._attached: dict[str, list[Shape]] | None = None

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

    def attached(self, host_id: str) -> list[Shape]:
        """The boundary events drawn on an activity in this diagram."""
        if self._attached is None:
            self._attached = {}
            for s in self.diagram.shapes:
                if s.kind == "boundaryEvent" and s.el is not None:
                    host = self.lookup(s.el.get("attachedToRef"))
                    if host is not None and host.get("id"):
                        self._attached.setdefault(host.get("id"), []).append(s)
        return self._attached.get(host_id, [])

    def cut(self, kind: str, owner_id: str) -> None:
        self.cuts.setdefault(kind, []).append(owner_id)

    def lines(
        self,
        owner_id: str,
        text: str | None,
        max_width: float,
        size: float,
        *,
        bold: bool = False,
        break_words: bool = True,
        into: etree._Element | None = None,
    ) -> list[str]:
        """The lines to draw for one label, within the label's and the diagram's bounds.

        A shortened label gets a tooltip (`<title>` in `into`) saying so; once the diagram has
        drawn its share of text, further labels are left out. Both are recorded in `cuts`.
        """
        if not text:
            return []
        if self.text_spent:
            self.cut("text", owner_id)  # not even worth wrapping
            return []
        lines, shortened = fit(text, max_width, size, bold=bold, break_words=break_words)
        if not lines:
            return lines
        chars = sum(len(line) for line in lines)
        if (
            self.text_chars + chars > DIAGRAM_TEXT_CHARS
            or self.text_lines + len(lines) > DIAGRAM_TEXT_LINES
        ):
            self.text_spent = True
            self.cut("text", owner_id)
            return []
        self.text_chars += chars
        self.text_lines += len(lines)
        if shortened:
            self.cut("label", owner_id)
            if into is not None:
                etree.SubElement(into, TITLE).text = LABEL_CUT_TITLE
        return lines

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
        size = font.size or EXTERNAL_FONT_SIZE
        anchor = "middle"
        has_box = box is not None and box[2] >= 1
        width = box[2] + 2 if has_box else EXTERNAL_LABEL_WIDTH
        label = group(self.labels, f"bpmn-label bpmn-label-{kind or 'unknown'}", owner_id)
        lines = self.lines(
            owner_id, text, width, size, bold=font.bold, break_words=False, into=label
        )
        if not lines:
            self.labels.remove(label)
            return
        height = block_height(len(lines), size)
        if has_box:
            bx, by, bw, bh = box
            x = bx + bw / 2
            y = by + max(0.0, (bh - height) / 2)
        else:
            x = center_x
            y = top
            if beside:
                anchor = "start"
                y = top - height / 2
        widest = max(text_width(line, size, font.bold) for line in lines)
        left = x if anchor == "start" else x - widest / 2
        self.grow(left, y, left + widest, y + height + size * (LINE_HEIGHT - 1))
        add_text(
            label, lines, x, y, size=size, color=color, anchor=anchor,
            bold=font.bold, italic=font.italic,
        )  # fmt: skip
