"""What the walk needs from the XML, gathered in one pass: flow nodes by scope, sequence flows,
boundary events, message flows, pools and lanes — and the post-dominators that tell where the
branches of a split meet again.
"""

from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass, field

from lxml import etree

from ..document import Document
from ..metrics import EVENTS, GATEWAYS, SUB_PROCESSES, TASKS
from ..ns import BPMN
from .wording import clean

_P = f"{{{BPMN}}}"
FLOW_NODES = frozenset(TASKS + EVENTS + GATEWAYS + SUB_PROCESSES)
_CONTAINERS = frozenset(("process", *SUB_PROCESSES))
_CONDITION = f"{_P}conditionExpression"
# The post-dominator search may take this many steps per node and edge of a scope before it
# gives up (the text is then nested by plain depth-first order): it keeps the walk linear even
# on graphs made to be slow.
_DOMINATOR_BUDGET = 40


@dataclass(slots=True)
class Flow:
    id: str
    source: str
    target: str
    name: str
    condition: str
    is_default: bool


@dataclass(slots=True)
class Node:
    key: str  # the id, or a made-up key for an element without one
    element_id: str
    kind: str
    el: etree._Element
    scope: int
    name: str
    outgoing: list[Flow] = field(default_factory=list)
    incoming: int = 0


@dataclass(slots=True)
class Scope:
    """A process or sub-process: the nodes directly inside it, in document order."""

    number: int
    el: etree._Element
    nodes: list[str] = field(default_factory=list)
    inner: dict[str, int] = field(default_factory=dict)  # sub-process node key -> its scope


@dataclass
class Graph:
    doc: Document
    nodes: dict[str, Node] = field(default_factory=dict)
    scopes: list[Scope] = field(default_factory=list)
    process_scope: dict[int, int] = field(default_factory=dict)  # id(process element) -> scope
    boundaries: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    compensation: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    # Message lines per flow node, per participant (pool-level flows).
    node_messages: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    pool_messages: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    _postdominators: dict[int, dict[str, str]] = field(default_factory=dict)

    def lane_name(self, key: str) -> str:
        lane_id = self.doc.lane_of.get(key)
        lane = self.doc.by_id.get(lane_id) if lane_id else None
        return clean(lane.get("name")) if lane is not None else ""

    def join_of(self, key: str) -> str | None:
        """Where all paths from `key` meet again (its immediate post-dominator), if anywhere."""
        node = self.nodes[key]
        if node.scope not in self._postdominators:
            self._postdominators[node.scope] = _postdominators(self, self.scopes[node.scope])
        return self._postdominators[node.scope].get(key)


def _text(el: etree._Element | None) -> str:
    return clean("".join(el.itertext())) if el is not None else ""


def build(doc: Document) -> Graph:
    graph = Graph(doc)
    _collect_nodes(graph)
    _collect_flows(graph)
    _collect_messages(graph)
    return graph


def _collect_nodes(graph: Graph) -> None:
    # Every process, then (breadth-first, no recursion) every sub-process inside it.
    pending: deque[tuple[etree._Element, int | None, str | None]] = deque(
        (process, None, None) for process in graph.doc.semantic("process")
    )
    made_up = 0
    while pending:
        container, parent_scope, parent_key = pending.popleft()
        scope = Scope(len(graph.scopes), container)
        graph.scopes.append(scope)
        if parent_scope is None:
            graph.process_scope[id(container)] = scope.number
        elif parent_key is not None:
            graph.scopes[parent_scope].inner[parent_key] = scope.number
        for el in container:
            tag = el.tag
            if not isinstance(tag, str) or not tag.startswith(_P):
                continue
            kind = tag[len(_P) :]
            if kind not in FLOW_NODES:
                continue
            element_id = el.get("id") or ""
            if not element_id or element_id in graph.nodes:
                made_up += 1
                key = f"\x00{made_up}"
            else:
                key = element_id
            graph.nodes[key] = Node(key, element_id, kind, el, scope.number, clean(el.get("name")))
            scope.nodes.append(key)
            if kind in _CONTAINERS:
                pending.append((el, scope.number, key))
            if kind == "boundaryEvent":
                host = el.get("attachedToRef")
                if host:
                    graph.boundaries[host.strip()].append(key)


def _collect_flows(graph: Graph) -> None:
    nodes = graph.nodes
    for flow in graph.doc.semantic("sequenceFlow"):
        source_id, target_id = flow.get("sourceRef"), flow.get("targetRef")
        source = nodes.get(source_id or "")
        if source is None:
            continue
        flow_id = flow.get("id") or ""
        source.outgoing.append(
            Flow(
                flow_id,
                source.key,
                target_id or "",
                clean(flow.get("name")),
                _text(flow.find(_CONDITION)),
                bool(flow_id) and source.el.get("default") == flow_id,
            )
        )
        target = nodes.get(target_id or "")
        if target is not None:
            target.incoming += 1
    _link_events(graph)
    # A compensation boundary event is joined to its handler by an association, not a flow.
    for association in graph.doc.semantic("association"):
        source = nodes.get(association.get("sourceRef") or "")
        target = association.get("targetRef") or ""
        if source is not None and source.kind == "boundaryEvent" and target in nodes:
            graph.compensation[source.key].append(target)


def _link_events(graph: Graph) -> None:
    """A link throw event goes on at the link catch event of the same name (in the same
    process level): a flow drawn as two "Sprungmarken", joined here by a flow without id."""
    link = f"{_P}linkEventDefinition"
    for scope in graph.scopes:
        catches: dict[str, str] = {}
        throws: list[tuple[Node, str]] = []
        for key in scope.nodes:
            node = graph.nodes[key]
            definition = node.el.find(link)
            if definition is None:
                continue
            name = clean(definition.get("name")) or node.name
            if not name:
                continue
            if node.kind == "intermediateCatchEvent":
                catches.setdefault(name, key)
            elif node.kind == "intermediateThrowEvent" and not node.outgoing:
                throws.append((node, name))
        for node, name in throws:
            target = catches.get(name)
            if target is not None:
                node.outgoing.append(Flow("", node.key, target, "", "", False))
                graph.nodes[target].incoming += 1


def _collect_messages(graph: Graph) -> None:
    """ "sendet an Antragsteller/in: Bescheid" for the sender, "empfängt von …" for the receiver."""
    doc = graph.doc
    pool_of: dict[str, str] = {}  # element id -> name of the pool it is drawn in
    pools: set[str] = set()
    walked: set[etree._Element] = set()  # processes already walked
    for participant in doc.semantic("participant"):
        name = clean(participant.get("name")) or "Pool ohne Namen"
        pid = participant.get("id")
        if pid:
            pool_of[pid] = name
            pools.add(pid)
        process = doc.by_id.get(participant.get("processRef") or "")
        if process is None or process.tag != f"{_P}process" or process in walked:
            # The first pool naming a process keeps its elements (below, an id already in
            # `pool_of` is never overwritten), so walking it again would add nothing: skipping
            # keeps many pools on one process linear rather than pools × elements.
            continue
        walked.add(process)
        for el in process.iter(etree.Element):
            ident = el.get("id")
            if ident and ident not in pool_of:
                pool_of[ident] = name
    for flow in doc.semantic("messageFlow"):
        source, target = flow.get("sourceRef") or "", flow.get("targetRef") or ""
        name = clean(flow.get("name"))
        if not name:
            message = doc.by_id.get(flow.get("messageRef") or "")
            name = clean(message.get("name")) if message is not None else ""
        suffix = f": {name}" if name else ""
        for here, there, verb in ((source, target, "sendet an"), (target, source, "empfängt von")):
            partner = pool_of.get(there)
            if partner is None or partner == pool_of.get(here):
                node = graph.nodes.get(there)
                partner = f"„{node.name}“" if node is not None and node.name else "unbekannt"
            line = f"{verb} {partner}{suffix}"
            if here in graph.nodes:
                graph.node_messages[here].append(line)
            elif here in pools:
                graph.pool_messages[here].append(line)


def _postdominators(graph: Graph, scope: Scope) -> dict[str, str]:
    """Immediate post-dominator of each node of `scope` (Cooper, Harvey & Kennedy's iterative
    algorithm on the reversed flow graph, from a virtual exit behind every node without a
    successor). Flows out of the scope and boundary events do not count: exceptions do not
    change where the normal branches meet. Nodes that cannot reach an end have none.
    """
    keys = scope.nodes
    members = set(keys)
    succ: dict[str, list[str]] = {}
    preds: dict[str, list[str]] = {key: [] for key in keys}
    edges = 0
    for key in keys:
        targets = [
            f.target for f in graph.nodes[key].outgoing if f.target in members and f.target != key
        ]
        succ[key] = targets
        edges += len(targets)
        for target in targets:
            preds[target].append(key)
    exit_ = "\x00exit"
    # A flow that leaves the scope (or points nowhere) leads out, like an end event.
    for key in keys:
        if any(f.target not in members for f in graph.nodes[key].outgoing):
            succ[key].append(exit_)
    sinks = [key for key in keys if not succ[key] or exit_ in succ[key]]
    # Post-order of the reversed graph from the exit, iteratively.
    order: list[str] = []
    seen = {exit_}
    stack = [(exit_, iter(sinks))]
    while stack:
        node, children = stack[-1]
        for child in children:
            if child not in seen:
                seen.add(child)
                stack.append((child, iter(preds[child])))
                break
        else:
            stack.pop()
            order.append(node)
    number = {node: i for i, node in enumerate(order)}
    idom: dict[str, str] = {exit_: exit_}
    budget = _DOMINATOR_BUDGET * (len(keys) + edges + 1)
    changed = True
    while changed:
        changed = False
        for node in reversed(order):
            if node == exit_:
                continue
            budget -= 1 + len(succ[node])
            new = None
            for parent in succ[node] or (exit_,):
                if parent not in idom:
                    continue
                if new is None:
                    new = parent
                    continue
                a, b = parent, new
                while a != b:
                    budget -= 1
                    if budget < 0:
                        return {}
                    while number[a] < number[b]:
                        a = idom[a]
                    while number[b] < number[a]:
                        b = idom[b]
                new = a
            if new is not None and idom.get(node) != new:
                idom[node] = new
                changed = True
    return {node: dom for node, dom in idom.items() if dom != exit_ and node != exit_}
