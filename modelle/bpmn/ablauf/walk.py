"""The walk: from the start events along the sequence flows, in reading order.

How the text gets its shape:
- Each flow node becomes one step, the first time the walk reaches it; whoever reaches it later
  gets a reference ("weiter bei Schritt 3"), so loops and merges stay finite.
- At a split every outgoing flow becomes a branch, walked depth-first. The branches stop where
  all of them meet again — the split's immediate post-dominator — and the walk goes on from
  there at the level of the split. So a decision whose "nein" loops back reads as a short
  branch, and the main path stays at the top level.
- Boundary events become branches of their activity, walked only after the main path of the
  process: a step that both the main path and an exception path reach belongs to the main path.
- Nesting is bounded (MAX_DEPTH). Below it, branches are listed one after the other in the same
  list, each reached by a reference, and a sub-process gets its own section at the end.
- At most `max_steps` steps; the rest is left out with a note.

The walk is an explicit stack inside one level; only nesting recurses, and nesting is bounded.
Every node is placed once and every flow looked at once, so the work is linear in the model.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from ..begriffe import EVENT_SUB_PROCESS_DE, TYPE_DE
from ..metrics import SUB_PROCESSES
from .graph import Graph, Node
from .model import Ablauf, Branch, Reference, Section, Step
from .wording import (
    ACTIVITIES,
    GATEWAYS,
    activity_markers,
    activity_text,
    boundary_label,
    branch_label,
    clean,
    event_definitions,
    event_details,
    event_text,
    gateway_text,
)

MAX_DEPTH = 12
MAX_STEPS = 1000
_SUB_PROCESS_KINDS = frozenset(SUB_PROCESSES)
# An unnamed exclusive merge changes nothing for the reader: a loop back to it reads better as a
# loop back to the step behind it. Chains of them are followed this far.
_MERGE_HOPS = 8


@dataclass(slots=True)
class _Ref:
    key: str


@dataclass(slots=True)
class _Branch:
    kind: str
    label: str
    condition: str
    flow_id: str
    event_id: str
    messages: list[str] = field(default_factory=list)
    steps: list[_Step] = field(default_factory=list)
    next: _Ref | None = None


@dataclass(slots=True)
class _Step:
    key: str
    node: Node
    type_de: str
    lane: str
    text: str
    title: str
    sub_process: _Section | None = None
    boundary: list[_Branch] = field(default_factory=list)
    branches: list[_Branch] = field(default_factory=list)
    next: _Ref | None = None


@dataclass(slots=True)
class _Section:
    kind: str
    element_id: str
    title: str
    messages: list[str]
    host: str = ""  # for a section of its own: the key of its sub-process step
    steps: list[_Step] = field(default_factory=list)
    event_sub_processes: list[_Step] = field(default_factory=list)
    unconnected: list[_Step] = field(default_factory=list)


@dataclass(slots=True)
class _Pending:
    """A boundary branch, walked after the main path of its scope."""

    branch: _Branch
    targets: list[str]
    block: list[_Step]  # where the host step is listed (used past MAX_DEPTH)
    scope: int
    depth: int
    lane: str


class Walker:
    def __init__(self, graph: Graph, max_steps: int) -> None:
        self.graph = graph
        self.max_steps = max_steps
        self.placed: dict[str, _Step] = {}
        self.count = 0
        self.truncated = False
        # Sub-processes nested deeper than MAX_DEPTH, shown as sections of their own:
        # (section, scope, lane), walked after everything else.
        self.late: deque[tuple[_Section, int, str]] = deque()

    # --- sections -------------------------------------------------------------------------------

    def run(self) -> Ablauf:
        graph = self.graph
        doc = graph.doc
        sections: list[_Section] = []
        walked: set[int] = set()
        for participant in doc.semantic("participant"):
            pid = participant.get("id") or ""
            title = clean(participant.get("name")) or "Pool ohne Namen"
            process = doc.by_id.get(participant.get("processRef") or "")
            scope = graph.process_scope.get(id(process)) if process is not None else None
            messages = list(graph.pool_messages.get(pid, ()))
            section = _Section("pool", pid, title, messages)
            if scope is not None and scope not in walked:
                walked.add(scope)
                self._fill(section, scope, 0, "")
            sections.append(section)
        processes = [s for s in graph.process_scope.values() if s not in walked]
        for scope in processes:
            el = graph.scopes[scope].el
            default = "Ablauf" if len(processes) == 1 and not sections else "Prozess ohne Namen"
            section = _Section("process", el.get("id") or "", clean(el.get("name")) or default, [])
            self._fill(section, scope, 0, "")
            sections.append(section)
        while self.late:
            section, scope, lane = self.late.popleft()
            self._fill(section, scope, 0, lane)
            sections.append(section)
        return _Freezer(self).ablauf(sections)

    def _fill(self, section: _Section, scope: int, depth: int, lane: str) -> None:
        """Walk one scope: starts, then boundary branches, event sub-processes, the rest."""
        graph = self.graph
        keys = graph.scopes[scope].nodes
        nodes = graph.nodes
        pending: deque[_Pending] = deque()
        starts = [k for k in keys if nodes[k].kind == "startEvent"]
        if not starts:
            # Without a start event, BPMN starts at every node that nothing leads to.
            starts = [k for k in keys if nodes[k].incoming == 0 and not self._special(nodes[k])]
        self._walk(section.steps, starts, None, scope, frozenset(), depth, lane, pending)
        self._drain(pending)
        for key in keys:
            if _is_event_sub_process(nodes[key]) and key not in self.placed:
                block = section.event_sub_processes
                self._walk(block, [key], None, scope, frozenset(), depth, lane, pending)
                self._drain(pending)
        # Nodes no start leads to: first those nothing leads to, then the rest (cycles).
        for first_pass in (True, False):
            for key in keys:
                node = nodes[key]
                if key in self.placed or self._attached(node):
                    continue
                if first_pass and node.incoming:
                    continue
                block = section.unconnected
                self._walk(block, [key], None, scope, frozenset(), depth, lane, pending)
                self._drain(pending)

    def _special(self, node: Node) -> bool:
        return (
            node.kind == "boundaryEvent"
            or _is_event_sub_process(node)
            or node.el.get("isForCompensation") == "true"
        )

    def _attached(self, node: Node) -> bool:
        """A boundary event whose activity exists is shown with that activity."""
        return node.kind == "boundaryEvent" and (node.el.get("attachedToRef") or "") in (
            self.graph.nodes
        )

    def _drain(self, pending: deque[_Pending]) -> None:
        while pending:
            item = pending.popleft()
            if item.depth + 1 <= MAX_DEPTH:
                block, owner, depth = item.branch.steps, item.branch, item.depth + 1
            else:
                # Too deep to nest: the chain goes below its host, the branch points to it.
                if item.targets:
                    item.branch.next = self._ref(item.targets[0])
                block, owner, depth = item.block, None, item.depth
            self._walk(
                block, item.targets, owner, item.scope, frozenset(), depth, item.lane, pending
            )

    # --- the walk -------------------------------------------------------------------------------

    def _walk(
        self,
        block: list[_Step],
        starts: list[str],
        owner: _Branch | None,
        scope: int,
        stop: frozenset[str],
        depth: int,
        lane: str,
        pending: deque[_Pending],
    ) -> None:
        """Place the chains from `starts` into `block`. `owner` gets the reference when the first
        start is already shown; `stop` are the meeting points of enclosing splits; `lane` is the
        lane of the enclosing sub-process, for steps that are in no lane of their own."""
        graph = self.graph
        # (node key, meeting points, step that leads here, or the branch that starts here)
        stack: list[tuple[str, frozenset[str], _Step | _Branch | None]] = [
            (key, stop, owner if i == 0 else None) for i, key in reversed(list(enumerate(starts)))
        ]
        while stack:
            key, stop_here, before = stack.pop()
            node = graph.nodes.get(key)
            if node is None or key in self.placed or key in stop_here or node.scope != scope:
                if before is not None:
                    # A meeting point is not shown yet; anything else loops or jumps back.
                    before.next = self._ref(key, back=key not in stop_here)
                continue
            if self.count >= self.max_steps:
                self.truncated = True
                if before is not None:
                    before.next = self._ref(key)
                continue
            step = self._place(node, lane)
            block.append(step)
            self._inside(step, depth, pending)
            for boundary_key in graph.boundaries.get(key, ()):
                self._boundary(step, boundary_key, block, depth, lane, pending)
            outgoing = node.outgoing
            if not outgoing:
                continue
            if len(outgoing) == 1:
                stack.append((outgoing[0].target, stop_here, step))
                continue
            join = graph.join_of(key)
            inner = stop_here
            if join is not None and join not in self.placed and join not in stop_here:
                inner = stop_here | {join}
                stack.append((join, stop_here, None))
            flattened: list[str] = []
            # Document order: the order the modeller drew them in, predictable for the reader.
            for index, flow in enumerate(outgoing, start=1):
                kind, label = branch_label(
                    node.kind, index, flow.name, flow.condition, flow.is_default
                )
                branch = _Branch(kind, label, flow.name or flow.condition, flow.id, "")
                step.branches.append(branch)
                if depth + 1 <= MAX_DEPTH:
                    self._walk(
                        branch.steps,
                        [flow.target],
                        branch,
                        scope,
                        inner,
                        depth + 1,
                        lane,
                        pending,
                    )
                else:
                    branch.next = self._ref(flow.target)
                    flattened.append(flow.target)
            stack.extend((target, inner, None) for target in reversed(flattened))

    def _inside(self, step: _Step, depth: int, pending: deque[_Pending]) -> None:
        """The inside of a sub-process, as a section of its step (or of its own, when deep)."""
        inner = self.graph.scopes[step.node.scope].inner.get(step.key)
        if inner is None or not self.graph.scopes[inner].nodes:
            return
        section = _Section("sub_process", step.node.element_id, step.title, [])
        if depth + 1 <= MAX_DEPTH:
            step.sub_process = section
            self._fill(section, inner, depth + 1, step.lane)
        else:
            section.host = step.key
            self.late.append((section, inner, step.lane))

    def _boundary(
        self,
        host: _Step,
        key: str,
        block: list[_Step],
        depth: int,
        lane: str,
        pending: deque[_Pending],
    ) -> None:
        graph = self.graph
        node = graph.nodes[key]
        definitions = event_definitions(node.el, graph.doc.by_id)
        interrupting = node.el.get("cancelActivity") != "false"
        label = boundary_label(host.title, node.name, definitions, interrupting)
        branch = _Branch("boundary", label, "", "", node.element_id)
        branch.messages.extend(graph.node_messages.get(key, ()))
        host.boundary.append(branch)
        targets = [flow.target for flow in node.outgoing] + graph.compensation.get(key, [])
        pending.append(_Pending(branch, targets, block, node.scope, depth, lane))

    def _ref(self, key: str, *, back: bool = False) -> _Ref:
        """A reference to `key`; going `back` to an unnamed exclusive merge points behind it."""
        nodes = self.graph.nodes
        if back:
            for _ in range(_MERGE_HOPS):
                node = nodes.get(key)
                if (
                    node is None
                    or node.kind != "exclusiveGateway"
                    or node.name
                    or len(node.outgoing) != 1
                    or node.outgoing[0].target not in self.placed
                ):
                    break
                key = node.outgoing[0].target
        return _Ref(key)

    def _place(self, node: Node, inherited_lane: str) -> _Step:
        graph = self.graph
        kind = node.kind
        lane = graph.lane_name(node.key) or inherited_lane
        type_de = TYPE_DE.get(kind, kind)
        if kind in GATEWAYS:
            text, title = gateway_text(kind, node.name, node.incoming, len(node.outgoing))
        elif kind in ACTIVITIES:
            if _is_event_sub_process(node):
                type_de = EVENT_SUB_PROCESS_DE
            text, title = activity_text(type_de, node.name, activity_markers(node.el))
        else:
            definitions = event_definitions(node.el, graph.doc.by_id)
            interrupting = node.el.get("isInterrupting") != "false"
            text, title = event_text(kind, node.name, event_details(definitions), interrupting)
        step = _Step(node.key, node, type_de, lane, f"{lane}: {text}" if lane else text, title)
        self.placed[node.key] = step
        self.count += 1
        return step


def _is_event_sub_process(node: Node) -> bool:
    return node.kind in _SUB_PROCESS_KINDS and node.el.get("triggeredByEvent") == "true"


class _Freezer:
    """Numbers the steps in reading order and turns the mutable draft into frozen dataclasses."""

    def __init__(self, walker: Walker) -> None:
        self.walker = walker
        self.numbers: dict[str, int] = {}

    def ablauf(self, sections: list[_Section]) -> Ablauf:
        for section in sections:
            self._number_section(section)
        frozen = tuple(self._section(section) for section in sections)
        note = ""
        if self.walker.truncated:
            note = (
                f"Der Ablauf ist sehr umfangreich; gezeigt werden die ersten "
                f"{self.walker.max_steps} Schritte."
            )
        return Ablauf(frozen, len(self.numbers), self.walker.truncated, note)

    def _number_section(self, section: _Section) -> None:
        for block in (section.steps, section.event_sub_processes, section.unconnected):
            self._number_block(block)

    def _number_block(self, block: list[_Step]) -> None:
        for step in block:
            self.numbers[step.key] = len(self.numbers) + 1
            if step.sub_process is not None:
                self._number_section(step.sub_process)
            for branch in (*step.boundary, *step.branches):
                self._number_block(branch.steps)

    def _section(self, section: _Section) -> Section:
        title = section.title
        if section.host:
            title = f"{title} (Inhalt von Schritt {self.numbers.get(section.host, '?')})"
        return Section(
            section.kind,
            section.element_id,
            title,
            tuple(section.messages),
            self._steps(section.steps),
            self._steps(section.event_sub_processes),
            self._steps(section.unconnected),
        )

    def _steps(self, block: list[_Step]) -> tuple[Step, ...]:
        return tuple(self._step(step) for step in block)

    def _step(self, step: _Step) -> Step:
        node = step.node
        return Step(
            number=self.numbers[step.key],
            element_id=node.element_id,
            kind=node.kind,
            type_de=step.type_de,
            name=node.name,
            lane=step.lane,
            text_de=step.text,
            title_de=step.title,
            messages_de=tuple(self.walker.graph.node_messages.get(step.key, ())),
            sub_process=self._section(step.sub_process) if step.sub_process else None,
            boundary=tuple(self._branch(b) for b in step.boundary),
            branches=tuple(self._branch(b) for b in step.branches),
            next=self._reference(step.next),
        )

    def _branch(self, branch: _Branch) -> Branch:
        return Branch(
            kind=branch.kind,
            label_de=branch.label,
            condition=branch.condition,
            flow_id=branch.flow_id,
            event_id=branch.event_id,
            messages_de=tuple(branch.messages),
            steps=self._steps(branch.steps),
            next=self._reference(branch.next),
        )

    def _reference(self, ref: _Ref | None) -> Reference | None:
        if ref is None:
            return None
        placed = self.walker.placed.get(ref.key)
        node = self.walker.graph.nodes.get(ref.key)
        if placed is not None:
            title = placed.title
        elif node is not None:
            title = node.name or TYPE_DE.get(node.kind, node.kind)
        else:
            title = ""
        element_id = node.element_id if node is not None else ref.key
        return Reference(element_id, self.numbers.get(ref.key), title)
