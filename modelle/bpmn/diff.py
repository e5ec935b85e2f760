"""What changed between two versions of a model: added, removed, changed and moved elements.

Elements are matched by id first. Many tools renew ids on export, so the unmatched rest is then
matched step by step by what a reader would recognise: the same type and name, the same
neighbours (flows between already matched elements), the same parent. Each step only pairs
elements that are unambiguous on both sides, and the steps repeat until nothing new matches.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field

from lxml import etree

from .changes import Change, Diff, ElementSummary, FieldChange, Geometry, Move, Summary
from .document import Document
from .limits import DIFF_ROUNDS
from .metrics import DATA, EVENT_DEFINITIONS, EVENTS, GATEWAYS, SUB_PROCESSES, TASKS
from .ns import BPMN

__all__ = ["Change", "Diff", "ElementSummary", "FieldChange", "Geometry", "Move", "Summary", "diff"]

_P = f"{{{BPMN}}}"
# dataInput/dataOutput are tool-made plumbing inside ioSpecification that no reader sees.
_DATA = tuple(kind for kind in DATA if kind not in ("dataInput", "dataOutput"))
NODE_TYPES = frozenset(
    TASKS + EVENTS + GATEWAYS + SUB_PROCESSES + _DATA + ("textAnnotation", "group")
)
FLOW_TYPES = frozenset(
    ("sequenceFlow", "messageFlow", "association", "dataInputAssociation", "dataOutputAssociation")
)
CONTAINER_TYPES = frozenset(("process", "participant", "lane", "collaboration"))
_REF_ATTRIBUTES = (
    "sourceRef",
    "targetRef",
    "attachedToRef",
    "default",
    "processRef",
    "dataObjectRef",
    "dataStoreRef",
)
# Values equal to the BPMN default are dropped, so "written out" and "left out" compare equal.
_DEFAULTS = {
    "isInterrupting": "true",
    "cancelActivity": "true",
    "isForCompensation": "false",
    "startQuantity": "1",
    "completionQuantity": "1",
    "gatewayDirection": "Unspecified",
    "parallelMultiple": "false",
    "triggeredByEvent": "false",
    "isClosed": "false",
    "isImmediate": "true",
    "instantiate": "false",
    "eventGatewayType": "Exclusive",
    "isCollection": "false",
    "implementation": "##unspecified",
    "processType": "None",
    "associationDirection": "None",
    "isSequential": "false",
}
_DEF_KINDS = {f"{_P}{kind}EventDefinition": kind for kind in EVENT_DEFINITIONS}
_MOVE_TOLERANCE = 0.5


_FAMILY = {
    **dict.fromkeys(TASKS + SUB_PROCESSES, "activity"),
    **dict.fromkeys(EVENTS, "event"),
    **dict.fromkeys(GATEWAYS, "gateway"),
    **dict.fromkeys(_DATA, "data"),
}


def _category(kind: str) -> str:
    if kind in FLOW_TYPES:
        return "flow"
    if kind in CONTAINER_TYPES:
        return "container"
    return "node"


def _norm(text: str | None) -> str:
    return " ".join(text.split()) if text else ""


@dataclass(slots=True)
class _Element:
    id: str
    type: str
    name: str
    attrs: dict[str, str]
    refs: dict[str, str]
    order: int
    centre: tuple[int, int] | None = None
    neighbours: set[tuple[str, str]] = field(default_factory=set)
    incoming: set[str] = field(default_factory=set)
    outgoing: set[str] = field(default_factory=set)


def _attribute_name(el: etree._Element, key: str) -> str:
    """'{uri}local' -> 'prefix:local' using the file's own prefix, so the key reads naturally."""
    if not key.startswith("{"):
        return key
    uri, _, name = key[1:].partition("}")
    prefix = next((p for p, u in el.nsmap.items() if u == uri and p), None)
    return f"{prefix}:{name}" if prefix else key


def _describe(el: etree._Element, kind: str, parent: str | None, lane: str | None) -> tuple:
    attrs: dict[str, str] = {}
    refs: dict[str, str] = {}
    for key, value in el.attrib.items():
        if key in ("id", "name"):
            continue
        if key in _REF_ATTRIBUTES:
            refs[key] = value
        elif _DEFAULTS.get(key) != value:
            attrs[_attribute_name(el, key)] = value
    definitions = []
    for child in el:
        tag = child.tag
        if not isinstance(tag, str):
            continue
        if tag in _DEF_KINDS:
            definitions.append(_DEF_KINDS[tag])
        elif tag == f"{_P}conditionExpression" or tag == f"{_P}condition":
            attrs["condition"] = _norm("".join(child.itertext()))
        elif tag == f"{_P}documentation":
            text = _norm("".join(child.itertext()))
            if text:
                attrs["documentation"] = text
        elif tag == f"{_P}text" and kind == "textAnnotation":
            attrs["text"] = _norm(child.text)
        elif tag == f"{_P}standardLoopCharacteristics":
            attrs["loop"] = "standard"
        elif tag == f"{_P}multiInstanceLoopCharacteristics":
            sequential = child.get("isSequential") == "true"
            attrs["loop"] = "multiInstanceSequential" if sequential else "multiInstanceParallel"
        elif tag in (f"{_P}sourceRef", f"{_P}targetRef") and kind in FLOW_TYPES:
            refs[tag[len(_P) :]] = (child.text or "").strip()
    # A data association is drawn between the activity that owns it and the data object; its
    # other end in the XML is an ioSpecification placeholder that tools name as they like.
    owner = el.getparent()
    owner_id = owner.get("id") if owner is not None else None
    if kind == "dataInputAssociation" and owner_id:
        refs["targetRef"] = owner_id
    elif kind == "dataOutputAssociation" and owner_id:
        refs["sourceRef"] = owner_id
    if definitions:
        attrs["eventDefinitions"] = ",".join(sorted(definitions))
    if parent:
        refs["parent"] = parent
    if lane:
        refs["lane"] = lane
    return attrs, refs


def _collect(doc: Document) -> dict[str, _Element]:
    """Diffable elements of `doc` by id, in document order."""
    elements: dict[str, _Element] = {}
    lane_of = doc.lane_of
    # (element, id of enclosing process/sub-process) — explicit stack, no recursion.
    stack: list[tuple[etree._Element, str | None]] = [(doc.root, None)]
    order = 0
    while stack:
        el, parent = stack.pop()
        tag = el.tag
        kind = tag[len(_P) :] if isinstance(tag, str) and tag.startswith(_P) else None
        ident = el.get("id") if kind else None
        child_parent = parent
        if (
            kind
            and ident
            and ident not in elements
            and (kind in NODE_TYPES or kind in FLOW_TYPES or kind in CONTAINER_TYPES)
        ):
            attrs, refs = _describe(el, kind, parent, lane_of.get(ident))
            bounds = doc.shapes.get(ident)
            centre = (
                (round(bounds[0] + bounds[2] / 2), round(bounds[1] + bounds[3] / 2))
                if bounds
                else None
            )
            elements[ident] = _Element(
                ident, kind, _norm(el.get("name")), attrs, refs, order, centre
            )
            order += 1
        if kind in ("process", "subProcess", "transaction", "adHocSubProcess") and ident:
            child_parent = ident
        stack.extend((child, child_parent) for child in reversed(el) if isinstance(child.tag, str))
    for flow in elements.values():
        if flow.type not in FLOW_TYPES:
            continue
        source = elements.get(flow.refs.get("sourceRef", ""))
        target = elements.get(flow.refs.get("targetRef", ""))
        if source is not None and target is not None:
            source.neighbours.add(("out", target.id))
            target.neighbours.add(("in", source.id))
            source.outgoing.add(flow.id)
            target.incoming.add(flow.id)
    return elements


class _Matcher:
    def __init__(self, old: dict[str, _Element], new: dict[str, _Element]) -> None:
        self.old, self.new = old, new
        self.forward: dict[str, str] = {}
        self.backward: dict[str, str] = {}
        self.rounds = 0
        self.complete = True

    def pair(self, old_id: str, new_id: str) -> None:
        self.forward[old_id] = new_id
        self.backward[new_id] = old_id

    def by_id(self) -> None:
        for ident, element in self.old.items():
            other = self.new.get(ident)
            if other is not None and _category(element.type) == _category(other.type):
                self.pair(ident, ident)

    def _unique(self, key_old: Callable, key_new: Callable, kinds: frozenset[str]) -> bool:
        """Pair unmatched elements whose key is unique on both sides; True if any were paired."""
        olds: dict[Hashable, list[str]] = defaultdict(list)
        news: dict[Hashable, list[str]] = defaultdict(list)
        for ident, el in self.old.items():
            if ident not in self.forward and el.type in kinds:
                key = key_old(el)
                if key is not None:
                    olds[key].append(ident)
        for ident, el in self.new.items():
            if ident not in self.backward and el.type in kinds:
                key = key_new(el)
                if key is not None:
                    news[key].append(ident)
        found = False
        for key, ids in olds.items():
            candidates = news.get(key)
            if len(ids) == 1 and candidates and len(candidates) == 1:
                self.pair(ids[0], candidates[0])
                found = True
        return found

    def _mapped_neighbours(self, el: _Element, mapping: dict[str, str]) -> frozenset | None:
        result = frozenset((d, mapping[n]) for d, n in el.neighbours if n in mapping)
        return result or None

    def _matched_neighbours(self, el: _Element) -> frozenset | None:
        """The new element's neighbours that are matched already (new ids)."""
        result = frozenset((d, n) for d, n in el.neighbours if n in self.backward)
        return result or None

    def _refs(self) -> bool:
        """Matched elements pass their matching on to what they reference (process, source …)."""
        found = False
        for old_id, new_id in list(self.forward.items()):
            old_refs, new_refs = self.old[old_id].refs, self.new[new_id].refs
            for key, old_target in old_refs.items():
                new_target = new_refs.get(key)
                a, b = self.old.get(old_target), self.new.get(new_target or "")
                if (
                    a is not None
                    and b is not None
                    and a.type == b.type
                    and a.id not in self.forward
                    and b.id not in self.backward
                ):
                    self.pair(a.id, b.id)
                    found = True
        return found

    def fallback(self) -> None:
        everything = NODE_TYPES | FLOW_TYPES | CONTAINER_TYPES
        fwd, ident = self.forward, (lambda x: x)

        def mapped(ref: str | None) -> str | None:
            return fwd.get(ref) if ref else None

        steps = [
            lambda: self._unique(
                lambda e: (e.type, e.name) if e.name else None,
                lambda e: (e.type, e.name) if e.name else None,
                everything,
            ),
            self._refs,
            lambda: self._unique(
                lambda e: (
                    (e.type, mapped(e.refs.get("sourceRef")), mapped(e.refs.get("targetRef")))
                    if mapped(e.refs.get("sourceRef")) and mapped(e.refs.get("targetRef"))
                    else None
                ),
                lambda e: (e.type, ident(e.refs.get("sourceRef")), ident(e.refs.get("targetRef"))),
                FLOW_TYPES,
            ),
            lambda: self._unique(
                lambda e: (
                    (e.type, e.name, self._mapped_neighbours(e, fwd))
                    if self._mapped_neighbours(e, fwd)
                    else None
                ),
                lambda e: (
                    e.type,
                    e.name,
                    self._matched_neighbours(e),
                ),
                NODE_TYPES,
            ),
            lambda: self._unique(
                lambda e: (
                    (e.type, self._mapped_neighbours(e, fwd))
                    if self._mapped_neighbours(e, fwd)
                    else None
                ),
                lambda e: (e.type, self._matched_neighbours(e)),
                NODE_TYPES,
            ),
            lambda: self._unique(
                lambda e: (
                    (e.type, e.name, mapped(e.refs.get("parent")))
                    if mapped(e.refs.get("parent"))
                    else None
                ),
                lambda e: (e.type, e.name, e.refs.get("parent")),
                everything,
            ),
            # Same name within one family: a tool turned a call activity into a task, say.
            lambda: self._unique(
                lambda e: (_FAMILY.get(e.type), e.name) if e.name and e.type in _FAMILY else None,
                lambda e: (_FAMILY.get(e.type), e.name) if e.name and e.type in _FAMILY else None,
                NODE_TYPES,
            ),
            # Same place in the diagram: re-exports keep the layout even when they drop the names.
            lambda: self._unique(
                lambda e: (e.type, e.centre) if e.centre else None,
                lambda e: (e.type, e.centre) if e.centre else None,
                NODE_TYPES,
            ),
            # A lone unmatched process or collaboration on each side is the same one.
            lambda: self._unique(lambda e: e.type, lambda e: e.type, CONTAINER_TYPES - {"lane"}),
        ]
        # Each round matches at least one more pair, or ends the search. A chain of look-alike
        # elements (same type and name, renewed ids) is matched one link per round, so the
        # rounds are bounded: past DIFF_ROUNDS the rest counts as added and removed.
        progress = True
        self.rounds = 0
        while progress:
            if self.rounds == DIFF_ROUNDS:
                self.complete = False
                break
            self.rounds += 1
            progress = False
            for step in steps:
                if step():
                    progress = True


def _summary(el: _Element) -> ElementSummary:
    return ElementSummary(el.id, el.type, el.name)


def _changes(old: _Element, new: _Element, forward: dict[str, str]) -> dict[str, FieldChange]:
    changes: dict[str, FieldChange] = {}
    if old.type != new.type:
        changes["type"] = FieldChange(old.type, new.type)
    if old.name != new.name:
        changes["name"] = FieldChange(old.name, new.name)
    for key in sorted(old.attrs.keys() | new.attrs.keys()):
        a, b = old.attrs.get(key), new.attrs.get(key)
        if a != b:
            changes[key] = FieldChange(a, b)
    for key in sorted(old.refs.keys() | new.refs.keys()):
        a, b = old.refs.get(key), new.refs.get(key)
        if (forward.get(a, a) if a else None) != b:
            changes[key] = FieldChange(a, b)
    for key in ("incoming", "outgoing"):
        a, b = getattr(old, key), getattr(new, key)
        if {forward.get(x, x) for x in a} != b:
            changes[key] = FieldChange(sorted(a), sorted(b))
    return changes


def _moved(old: tuple | None, new: tuple | None) -> bool:
    if old is None or new is None:
        return False
    flat_old = [v for point in old for v in (point if isinstance(point, tuple) else (point,))]
    flat_new = [v for point in new for v in (point if isinstance(point, tuple) else (point,))]
    return len(flat_old) != len(flat_new) or any(
        abs(a - b) > _MOVE_TOLERANCE for a, b in zip(flat_old, flat_new, strict=True)
    )


def diff(old: Document, new: Document, *, fallback: bool = True) -> Diff:
    """Compare two versions of a model.

    ``summary`` counts ``added``, ``removed``, ``changed``, ``moved``, ``unchanged``,
    ``matched_by_id`` and ``matched_by_fallback``; ``added`` and ``removed`` list elements
    (id, type, name); ``changed`` lists matched elements with their changes by property
    (reference changes are judged through the matching, so renewed ids alone are no change);
    ``moved`` lists matched elements with their old and new shape bounds or edge waypoints in the
    first diagram. With ``fallback=False`` elements are matched by id only. `as_dict()` gives the
    JSON form: ``{summary, added, removed, changed, moved}``. Matching renewed ids takes at most
    DIFF_ROUNDS rounds (a round matches at least one more pair); `complete` is False when that
    bound stopped it, and what is unmatched then counts as added and removed.
    """
    old_elements, new_elements = _collect(old), _collect(new)
    matcher = _Matcher(old_elements, new_elements)
    matcher.by_id()
    by_id = len(matcher.forward)
    if fallback:
        matcher.fallback()
    forward = matcher.forward

    changed, moved = [], []
    for old_id, new_id in sorted(forward.items(), key=lambda item: new_elements[item[1]].order):
        a, b = old_elements[old_id], new_elements[new_id]
        entry = (new_id, old_id, b.type, b.name)
        changes = _changes(a, b, forward)
        if changes:
            changed.append(Change(*entry, changes))
        if old_id in old.shapes and _moved(old.shapes[old_id], new.shapes.get(new_id)):
            moved.append(
                Move(*entry, Geometry(bounds=old.shapes[old_id]), Geometry(new.shapes[new_id]))
            )
        elif old_id in old.edges and _moved(old.edges[old_id], new.edges.get(new_id)):
            moved.append(
                Move(
                    *entry,
                    Geometry(waypoints=old.edges[old_id]),
                    Geometry(waypoints=new.edges[new_id]),
                )
            )
    added = tuple(_summary(e) for i, e in new_elements.items() if i not in matcher.backward)
    removed = tuple(_summary(e) for i, e in old_elements.items() if i not in forward)
    return Diff(
        summary=Summary(
            added=len(added),
            removed=len(removed),
            changed=len(changed),
            moved=len(moved),
            unchanged=len(forward) - len(changed),
            matched_by_id=by_id,
            matched_by_fallback=len(forward) - by_id,
        ),
        added=added,
        removed=removed,
        changed=tuple(changed),
        moved=tuple(moved),
        complete=matcher.complete,
    )
