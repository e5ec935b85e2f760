"""The parsed document that every toolkit function shares, so a file is parsed once."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from lxml import etree

from .errors import Finding
from .ns import BPMN, BPMNDI, DC, DI

_LANE = f"{{{BPMN}}}lane"
_FLOW_NODE_REF = f"{{{BPMN}}}flowNodeRef"
_SEQUENCE_FLOW = f"{{{BPMN}}}sequenceFlow"
_BPMN_SHAPE = f"{{{BPMNDI}}}BPMNShape"
_BPMN_EDGE = f"{{{BPMNDI}}}BPMNEdge"
_BOUNDS = f"{{{DC}}}Bounds"
_WAYPOINT = f"{{{DI}}}waypoint"


def _float(value: str | None) -> float:
    try:
        return float(value) if value is not None else 0.0
    except ValueError:
        return 0.0


@dataclass(eq=False)
class Document:
    """A parsed BPMN file. `root` is the `bpmn:definitions` element.

    Derived indexes are cached on first use; the tree must not be modified afterwards.
    `findings` are what parsing noticed but forgave (e.g. a wrong encoding declaration).
    """

    tree: etree._ElementTree
    size: int
    findings: tuple[Finding, ...] = ()
    _cache: dict = field(default_factory=dict, repr=False)

    @property
    def root(self) -> etree._Element:
        return self.tree.getroot()

    @cached_property
    def by_id(self) -> dict[str, etree._Element]:
        """Every element with an `id` attribute (first one wins on duplicates)."""
        index: dict[str, etree._Element] = {}
        for el in self.root.iter(etree.Element):
            ident = el.get("id")
            if ident is not None and ident not in index:
                index[ident] = el
        return index

    def semantic(self, local_name: str):
        """All BPMN-namespace elements with this local name, in document order."""
        return self.root.iter(f"{{{BPMN}}}{local_name}")

    @cached_property
    def lane_of(self) -> dict[str, str]:
        """Flow node id -> id of the innermost lane that lists it in `flowNodeRef`."""
        result: dict[str, str] = {}
        # Document order visits a parent lane before its child lanes, so the innermost wins.
        for lane in self.root.iter(_LANE):
            lane_id = lane.get("id")
            if lane_id is None:
                continue
            for ref in lane.iterchildren(_FLOW_NODE_REF):
                if ref.text:
                    result[ref.text.strip()] = lane_id
        return result

    @cached_property
    def sequence_flows(self) -> list[tuple[str, str | None, str | None]]:
        """(flow id, sourceRef, targetRef) of every sequence flow, in document order."""
        return [
            (flow.get("id", ""), flow.get("sourceRef"), flow.get("targetRef"))
            for flow in self.root.iter(_SEQUENCE_FLOW)
        ]

    @cached_property
    def shapes(self) -> dict[str, tuple[float, float, float, float]]:
        """bpmnElement id -> (x, y, width, height) of its first BPMNShape (first diagram wins)."""
        result: dict[str, tuple[float, float, float, float]] = {}
        for shape in self.root.iter(_BPMN_SHAPE):
            ref = shape.get("bpmnElement")
            if not ref or ref in result:
                continue
            bounds = shape.find(_BOUNDS)
            if bounds is not None:
                result[ref] = (
                    _float(bounds.get("x")),
                    _float(bounds.get("y")),
                    _float(bounds.get("width")),
                    _float(bounds.get("height")),
                )
        return result

    @cached_property
    def edges(self) -> dict[str, tuple[tuple[float, float], ...]]:
        """bpmnElement id -> waypoints of its first BPMNEdge (first diagram wins)."""
        result: dict[str, tuple[tuple[float, float], ...]] = {}
        for edge in self.root.iter(_BPMN_EDGE):
            ref = edge.get("bpmnElement")
            if not ref or ref in result:
                continue
            result[ref] = tuple(
                (_float(wp.get("x")), _float(wp.get("y"))) for wp in edge.iterchildren(_WAYPOINT)
            )
        return result
