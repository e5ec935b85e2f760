"""Key figures of a model: element counts, hand-overs, control-flow complexity, longest path.

Also the label texts, for search (bounded: METRICS_LABELS labels of METRICS_LABEL_CHARS
characters at most). One pass over the tree collects everything; the graph measures then work on
small Python dicts.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from .document import Document
from .limits import METRICS_LABEL_CHARS, METRICS_LABELS
from .ns import BPMN, BPMNDI

TASKS = (
    "task",
    "userTask",
    "serviceTask",
    "sendTask",
    "receiveTask",
    "manualTask",
    "businessRuleTask",
    "scriptTask",
    "callActivity",
)
EVENTS = (
    "startEvent",
    "endEvent",
    "intermediateCatchEvent",
    "intermediateThrowEvent",
    "boundaryEvent",
    "implicitThrowEvent",
)
GATEWAYS = (
    "exclusiveGateway",
    "parallelGateway",
    "inclusiveGateway",
    "eventBasedGateway",
    "complexGateway",
)
SUB_PROCESSES = ("subProcess", "transaction", "adHocSubProcess")
DATA = (
    "dataObject",
    "dataObjectReference",
    "dataStore",
    "dataStoreReference",
    "dataInput",
    "dataOutput",
)
FLOWS = (
    "sequenceFlow",
    "messageFlow",
    "association",
    "dataInputAssociation",
    "dataOutputAssociation",
)
EVENT_DEFINITIONS = (
    "message",
    "timer",
    "error",
    "escalation",
    "cancel",
    "compensate",
    "conditional",
    "link",
    "signal",
    "terminate",
)
# Above this fan-out an OR-split's 2^n - 1 stops being a useful number; cap to keep JSON portable.
_MAX_OR_FANOUT = 30

_PREFIX = f"{{{BPMN}}}"
_PREFIX_LEN = len(_PREFIX)
_DEF_TAGS = {f"{_PREFIX}{kind}EventDefinition": kind for kind in EVENT_DEFINITIONS}
_CATEGORY: dict[str, str] = {}
for _names, _cat in (
    (TASKS, "tasks"),
    (EVENTS, "events"),
    (GATEWAYS, "gateways"),
    (SUB_PROCESSES, "sub_processes"),
    (DATA, "data"),
    (FLOWS, "flows"),
):
    for _name in _names:
        _CATEGORY[_name] = _cat
_FLOW_NODES = frozenset(TASKS + EVENTS + GATEWAYS + SUB_PROCESSES)
_DIAGRAM = f"{{{BPMNDI}}}BPMNDiagram"


def _split_weight(kind: str, outgoing: int, conditional: int) -> int:
    """Cardoso CFC contribution of one node with `outgoing` sequence flows."""
    if outgoing < 2:
        return 0
    if kind in ("exclusiveGateway", "eventBasedGateway"):
        return outgoing
    if kind in ("inclusiveGateway", "complexGateway"):
        return 2 ** min(outgoing, _MAX_OR_FANOUT) - 1
    if kind == "parallelGateway":
        return 1
    # An activity or event with several outgoing flows splits implicitly: in parallel when the
    # flows are unconditional (AND), otherwise like an inclusive gateway (OR).
    if conditional:
        return 2 ** min(outgoing, _MAX_OR_FANOUT) - 1
    return 1


def _paths_and_loops(nodes: set[str], edges: dict[str, list[str]]) -> tuple[int, int]:
    """Number of flow nodes on the longest path; every cycle (strongly connected component) counts
    with all its nodes once, so loops neither hang the search nor count twice."""
    # Iterative Tarjan: deep models must not hit Python's recursion limit.
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    component: dict[str, int] = {}
    sizes: list[int] = []
    counter = 0
    for start in sorted(nodes):
        if start in index:
            continue
        work = [(start, 0)]
        while work:
            node, child = work.pop()
            if child == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            successors = edges.get(node, ())
            if child < len(successors):
                work.append((node, child + 1))
                nxt = successors[child]
                if nxt not in index:
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            if low[node] == index[node]:
                size = 0
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component[member] = len(sizes)
                    size += 1
                    if member == node:
                        break
                sizes.append(size)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    # Tarjan emits components in reverse topological order: successors come first.
    dag: dict[int, set[int]] = defaultdict(set)
    for source, targets in edges.items():
        for target in targets:
            a, b = component[source], component[target]
            if a != b:
                dag[a].add(b)
    best = [0] * len(sizes)
    for comp in range(len(sizes)):
        best[comp] = sizes[comp] + max((best[succ] for succ in dag.get(comp, ())), default=0)
    # A loop: a strongly connected component of several nodes, or a node that flows to itself.
    loops = sum(1 for size in sizes if size > 1) + sum(
        1 for source, targets in edges.items() if source in targets
    )
    return max(best, default=0), loops


@dataclass(frozen=True, slots=True)
class Metrics:
    """Key figures of a model. `as_dict()` gives the JSON form (the keys are the field names,
    without `labels_complete`, which analyse reports as a finding instead).

    ``counts`` per category — tasks, events, gateways, sub_processes, data, flows — each with
    ``total`` and one entry per element type; ``event_definitions`` per kind; ``handovers`` are
    sequence flows between different lanes; ``cfc`` is Cardoso's control-flow complexity;
    ``longest_path`` the flow nodes on the longest sequence-flow path, each loop counted once;
    ``loops`` the loops of the sequence-flow graph (strongly connected parts, self-loops);
    ``labels`` the distinct names and annotation texts in document order, for search, at most
    METRICS_LABELS of at most METRICS_LABEL_CHARS characters (`labels_complete` is False when
    that bound left out or shortened any).
    """

    counts: dict[str, dict[str, int]]
    event_sub_processes: int
    event_definitions: dict[str, int]
    flow_nodes: int
    processes: int
    pools: int
    lanes: int
    text_annotations: int
    diagrams: int
    handovers: int
    cfc: int
    longest_path: int
    loops: int
    labels: tuple[str, ...]
    labels_complete: bool = True

    def as_dict(self) -> dict:
        """The figures as a JSON-serialisable dict, with the keys stored results have."""
        return {
            "counts": {cat: dict(figures) for cat, figures in self.counts.items()},
            "event_sub_processes": self.event_sub_processes,
            "event_definitions": dict(self.event_definitions),
            "flow_nodes": self.flow_nodes,
            "processes": self.processes,
            "pools": self.pools,
            "lanes": self.lanes,
            "text_annotations": self.text_annotations,
            "diagrams": self.diagrams,
            "handovers": self.handovers,
            "cfc": self.cfc,
            "longest_path": self.longest_path,
            "loops": self.loops,
            "labels": list(self.labels),
        }


def _label(text: str) -> tuple[str, bool]:
    """A label with its whitespace collapsed, at most METRICS_LABEL_CHARS characters of it, and
    whether it was cut. Only the start of a long text is looked at."""
    head = text[: 2 * METRICS_LABEL_CHARS]
    words = " ".join(head.split())
    if len(text) > len(head) or len(words) > METRICS_LABEL_CHARS:
        return (words[: METRICS_LABEL_CHARS - 1].rstrip() + "…" if words else ""), True
    return words, False


class _Labels:
    """Distinct labels in document order, within the bounds."""

    def __init__(self) -> None:
        self.seen: dict[str, None] = {}
        self.complete = True

    def add(self, text: str | None) -> None:
        if not text or text.isspace():
            return
        label, cut = _label(text)
        if cut:
            self.complete = False
        if not label or label in self.seen:
            return
        if len(self.seen) >= METRICS_LABELS:
            self.complete = False
            return
        self.seen[label] = None


def metrics(doc: Document) -> Metrics:
    """Key figures of `doc`."""
    counts: dict[str, Counter] = {
        cat: Counter() for cat in ("tasks", "events", "gateways", "sub_processes", "data", "flows")
    }
    event_definitions: Counter = Counter()
    kind_of: dict[str, str] = {}
    processes = pools = lanes = event_sub_processes = annotations = 0
    labels = _Labels()

    # Only BPMN-namespace elements; the (often larger) diagram part is skipped in C.
    for el in doc.root.iter(f"{_PREFIX}*"):
        tag = el.tag
        name = tag[_PREFIX_LEN:]
        category = _CATEGORY.get(name)
        if category is not None:
            counts[category][name] += 1
            if name in _FLOW_NODES:
                ident = el.get("id")
                if ident:
                    kind_of[ident] = name
                if name == "subProcess" and el.get("triggeredByEvent") == "true":
                    event_sub_processes += 1
        elif tag in _DEF_TAGS:
            event_definitions[_DEF_TAGS[tag]] += 1
        elif name == "process":
            processes += 1
        elif name == "participant":
            pools += 1
        elif name == "lane":
            lanes += 1
        elif name == "textAnnotation":
            annotations += 1
            labels.add(el.findtext(f"{_PREFIX}text"))
        labels.add(el.get("name"))

    diagrams = sum(1 for _ in doc.root.iter(_DIAGRAM))

    # Sequence-flow graph: only flows between known flow nodes count.
    edges: dict[str, list[str]] = defaultdict(list)
    conditional: Counter = Counter()
    lane_of = doc.lane_of
    handovers = 0
    for flow in doc.root.iter(f"{_PREFIX}sequenceFlow"):
        source, target = flow.get("sourceRef"), flow.get("targetRef")
        if source not in kind_of or target not in kind_of:
            continue
        edges[source].append(target)
        if flow.find(f"{_PREFIX}conditionExpression") is not None:
            conditional[source] += 1
        source_lane, target_lane = lane_of.get(source), lane_of.get(target)
        if source_lane and target_lane and source_lane != target_lane:
            handovers += 1

    cfc = sum(
        _split_weight(kind_of[node], len(targets), conditional[node])
        for node, targets in edges.items()
    )
    longest, loops = _paths_and_loops(set(kind_of), edges)
    return Metrics(
        counts={
            cat: {"total": sum(counter.values()), **dict(sorted(counter.items()))}
            for cat, counter in counts.items()
        },
        event_sub_processes=event_sub_processes,
        event_definitions=dict(sorted(event_definitions.items())),
        flow_nodes=len(kind_of),
        processes=processes,
        pools=pools,
        lanes=lanes,
        text_annotations=annotations,
        diagrams=diagrams,
        handovers=handovers,
        cfc=cfc,
        longest_path=longest,
        loops=loops,
        labels=tuple(labels.seen),
        labels_complete=labels.complete,
    )
