"""Diagram interchange that tools leave behind and bpmn.io does not draw, so neither do we.

- a plain dataObject shape at (0, 0): some tools write one for every data object besides the
  shape of its reference, which is what a reader sees;
- a flow or association whose source or target is no element of the file (a tool emptied the
  container, e.g. the process an expanded call activity shows, and kept the edges);
- shapes and edges inside a sub-process that this diagram draws collapsed (the sub-process's
  own data associations excepted: they end at the collapsed box).
"""

from __future__ import annotations

from lxml import etree

from ..document import Document
from ..metrics import SUB_PROCESSES
from ..ns import local
from .model import Diagram, Edge, Shape

_CONNECTIONS = frozenset({"sequenceFlow", "messageFlow", "association"})
_DATA_ASSOCIATIONS = frozenset({"dataInputAssociation", "dataOutputAssociation"})


def is_expanded(diagram: Diagram, s: Shape) -> bool:
    """The DI flag; without it a sub-process counts as expanded when shapes are drawn inside."""
    flag = s.di.get("isExpanded")
    if flag is not None:
        return flag == "true"
    return s.kind in SUB_PROCESSES and s.id in diagram.parents_with_children


def _resolves(doc: Document, ref: str | None) -> bool:
    if not ref or not ref.strip():
        return False
    ref = ref.strip()
    return ref in doc.by_id or ref.rpartition(":")[2] in doc.by_id


def _hidden(
    el: etree._Element | None, collapsed: set[str], known: dict[etree._Element, bool]
) -> bool:
    """Whether `el` lies inside one of the `collapsed` sub-processes. `known` remembers for each
    container passed whether it is or lies inside one, so many shapes inside deeply nested
    sub-processes cost one walk up, not one each (as `model._depth`)."""
    if el is None or not collapsed:
        return False
    container = el.getparent()
    if local(el.tag) in _DATA_ASSOCIATIONS and container is not None:
        container = container.getparent()  # owned by an activity, drawn at its level
    chain = []
    hidden = False
    while container is not None:
        if container in known:
            hidden = known[container]
            break
        chain.append(container)
        if container.get("id") in collapsed:
            hidden = True
            break
        container = container.getparent()
    for node in chain:
        known[node] = hidden
    return hidden


def drop_leftovers(doc: Document, diagram: Diagram) -> None:
    """Remove from `diagram` (in place) what bpmn.io would not draw; see the module doc."""
    collapsed = {
        s.id for s in diagram.shapes if s.kind in SUB_PROCESSES and not is_expanded(diagram, s)
    }
    known: dict[etree._Element, bool] = {}
    diagram.shapes[:] = [
        s
        for s in diagram.shapes
        if not (s.kind == "dataObject" and s.x == 0 and s.y == 0)
        and not _hidden(s.el, collapsed, known)
    ]
    diagram.edges[:] = [
        e for e in diagram.edges if not _dangling(doc, e) and not _hidden(e.el, collapsed, known)
    ]


def _dangling(doc: Document, e: Edge) -> bool:
    """A flow or association with an end that is no element of the file."""
    if e.kind not in _CONNECTIONS:
        return False
    return not (_resolves(doc, e.el.get("sourceRef")) and _resolves(doc, e.el.get("targetRef")))
