"""A compact description of one demo process and its grid layout.

A process is described by pools, lanes and nodes placed on a grid (column, row within a lane);
`Modell.layout()` turns that into coordinates: every node gets its bounds, every sequence flow
orthogonal waypoints, every external label a box where no edge leaves its element. Ids are
given by the author, so a later version that keeps an element keeps its id (the diff matches
by id).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

from modelle.bpmn.render.labels import text_width, wrap

COL_W = 160
ROW_H = 120
POOL_X = 100
POOL_Y = 60
HEADER = 30
PAD = 20
POOL_GAP = 60
COLLAPSED_H = 60
LABEL_SIZE = 11.0  # the renderer's size for external labels
LABEL_LINE = LABEL_SIZE * 1.2
LABEL_WIDTH = 90

SIZES = {"task": (120, 80), "event": (36, 36), "gateway": (50, 50)}

# kind -> (BPMN element, size class, event definition)
KINDS = {
    "start": ("startEvent", "event", None),
    "start_msg": ("startEvent", "event", "message"),
    "start_timer": ("startEvent", "event", "timer"),
    "end": ("endEvent", "event", None),
    "end_msg": ("endEvent", "event", "message"),
    "catch_msg": ("intermediateCatchEvent", "event", "message"),
    "catch_timer": ("intermediateCatchEvent", "event", "timer"),
    "throw_msg": ("intermediateThrowEvent", "event", "message"),
    "boundary_timer": ("boundaryEvent", "event", "timer"),
    "boundary_msg": ("boundaryEvent", "event", "message"),
    "task": ("task", "task", None),
    "user": ("userTask", "task", None),
    "service": ("serviceTask", "task", None),
    "send": ("sendTask", "task", None),
    "receive": ("receiveTask", "task", None),
    "manual": ("manualTask", "task", None),
    "rule": ("businessRuleTask", "task", None),
    "call": ("callActivity", "task", None),
    "xor": ("exclusiveGateway", "gateway", None),
    "and": ("parallelGateway", "gateway", None),
    "event_gw": ("eventBasedGateway", "gateway", None),
}

Point = tuple[float, float]
Box = tuple[float, float, float, float]


@dataclass
class Lane:
    id: str
    name: str
    rows: float
    y: float = 0
    h: float = 0


@dataclass
class Pool:
    id: str
    name: str
    process: str | None
    lanes: list[Lane]
    rows: float
    y: float = 0
    h: float = 0
    x: float = POOL_X
    w: float = 0

    @property
    def collapsed(self) -> bool:
        return self.process is None


@dataclass
class Shape:
    """Anything with bounds: nodes, data objects, annotations."""

    id: str
    name: str
    pool: Pool
    lane: Lane | None
    col: float
    row: float
    x: float = 0
    y: float = 0
    w: float = 0
    h: float = 0

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    def side(self, which: str) -> Point:
        return {
            "left": (self.x, self.cy),
            "right": (self.x + self.w, self.cy),
            "top": (self.cx, self.y),
            "bottom": (self.cx, self.y + self.h),
        }[which]

    @property
    def box(self) -> Box:
        return (self.x, self.y, self.w, self.h)


@dataclass
class Node(Shape):
    kind: str = "task"
    doc: str | None = None
    frist: str | None = None
    host: str | None = None
    attach: float = 0.75
    interrupting: bool = True
    label_box: Box | None = None
    label_side: str | None = None

    @property
    def tag(self) -> str:
        return KINDS[self.kind][0]

    @property
    def size_class(self) -> str:
        return KINDS[self.kind][1]

    @property
    def definition(self) -> str | None:
        return KINDS[self.kind][2]


@dataclass
class Data(Shape):
    reads: tuple[str, ...] = ()
    writes: tuple[str, ...] = ()
    state: str | None = None
    label_box: Box | None = None


@dataclass
class Note(Shape):
    target: str = ""
    points: list[Point] = field(default_factory=list)


@dataclass
class Flow:
    id: str
    source: str
    target: str
    name: str | None = None
    route: str | None = None
    via: float = 0
    condition: str | None = None
    default: bool = False
    points: list[Point] = field(default_factory=list)
    label_box: Box | None = None


@dataclass
class Message:
    id: str
    source: str
    target: str
    name: str | None = None
    dx: float = 0
    points: list[Point] = field(default_factory=list)


@dataclass
class DataLink:
    id: str
    data: str
    task: str
    reads: bool
    points: list[Point] = field(default_factory=list)


def versatz(pos: float) -> float:
    """Column offset that puts a node straight below a boundary event at `pos` of its host."""
    return (pos - 0.5) * SIZES["task"][0] / COL_W


def _short(node_id: str) -> str:
    return node_id.split("_", 1)[-1]


def label_lines(text: str, width: float = LABEL_WIDTH) -> list[str]:
    return wrap(text, width, LABEL_SIZE, break_words=False)


def label_size(text: str, width: float = LABEL_WIDTH) -> tuple[float, float]:
    lines = label_lines(text, width)
    return max(text_width(line, LABEL_SIZE) for line in lines), len(lines) * LABEL_LINE


class Modell:
    """One version of one demo process, built by a few calls and laid out on a grid."""

    def __init__(self, slug: str, titel: str) -> None:
        self.slug = slug
        self.titel = titel
        self.pools: list[Pool] = []
        self.lanes: dict[str, Lane] = {}
        self.nodes: dict[str, Node] = {}
        self.data_objects: dict[str, Data] = {}
        self.notes: dict[str, Note] = {}
        self.flows: list[Flow] = []
        self.messages: list[Message] = []
        self.data_links: list[DataLink] = []

    # -- description ---------------------------------------------------------------------------

    def pool(
        self,
        id: str,
        name: str,
        *,
        process: str | None = None,
        lanes: tuple[tuple[str, str, float], ...] = (),
        rows: float = 1,
    ) -> None:
        """A pool; without `process` it is a collapsed (black box) pool."""
        lane_objs = [Lane(lid, lname, lrows) for lid, lname, lrows in lanes]
        pool = Pool(id, name, process, lane_objs, rows)
        self.pools.append(pool)
        for lane in lane_objs:
            self.lanes[lane.id] = lane

    def _place(self, at: str) -> tuple[Pool, Lane | None]:
        for pool in self.pools:
            if pool.id == at:
                return pool, None
            for lane in pool.lanes:
                if lane.id == at:
                    return pool, lane
        raise KeyError(f"no pool or lane {at!r}")

    def n(
        self,
        kind: str,
        id: str,
        name: str,
        at: str,
        col: float,
        row: float = 0,
        *,
        doc: str | None = None,
        frist: str | None = None,
        label: str | None = None,
    ) -> str:
        """A flow node at (column, row) of a lane (or of a pool without lanes)."""
        if kind not in KINDS:
            raise ValueError(kind)
        if id in self.nodes:
            raise ValueError(f"duplicate id {id}")
        pool, lane = self._place(at)
        self.nodes[id] = Node(
            id, name, pool, lane, col, row, kind=kind, doc=doc, frist=frist, label_side=label
        )
        return id

    def boundary(
        self,
        kind: str,
        id: str,
        name: str,
        host: str,
        *,
        frist: str | None = None,
        pos: float = 0.75,
        interrupting: bool = True,
    ) -> str:
        """A boundary event on the bottom edge of `host`, at `pos` of its width."""
        h = self.nodes[host]
        self.nodes[id] = Node(
            id,
            name,
            h.pool,
            h.lane,
            h.col,
            h.row,
            kind=kind,
            frist=frist,
            host=host,
            attach=pos,
            interrupting=interrupting,
        )
        return id

    def flow(
        self,
        source: str,
        target: str,
        name: str | None = None,
        *,
        route: str | None = None,
        via: float = 0,
        condition: str | None = None,
        default: bool = False,
        id: str | None = None,
    ) -> None:
        fid = id or f"Flow_{source}_{target}"
        if any(f.id == fid for f in self.flows):
            raise ValueError(f"duplicate flow {fid}")
        self.flows.append(Flow(fid, source, target, name, route, via, condition, default))

    def chain(self, *ids: str) -> None:
        for a, b in pairwise(ids):
            self.flow(a, b)

    def message(
        self, source: str, target: str, name: str | None = None, *, dx: float = 0, id=None
    ) -> None:
        """A message flow between a node and a node or collapsed pool of another pool."""
        mid = id or f"Message_{_short(source)}_{_short(target)}"
        self.messages.append(Message(mid, source, target, name, dx))

    def data(
        self,
        id: str,
        name: str,
        at: str,
        col: float,
        row: float = 0,
        *,
        reads: tuple[str, ...] = (),
        writes: tuple[str, ...] = (),
        state: str | None = None,
    ) -> None:
        pool, lane = self._place(at)
        self.data_objects[id] = Data(id, name, pool, lane, col, row, reads, writes, state)
        for task in writes:
            self.data_links.append(
                DataLink(f"DataOut_{_short(task)}_{_short(id)}", id, task, False)
            )
        for task in reads:
            self.data_links.append(DataLink(f"DataIn_{_short(id)}_{_short(task)}", id, task, True))

    def note(
        self, id: str, text: str, at: str, col: float, row: float, *, target: str, w: float = 140
    ) -> None:
        pool, lane = self._place(at)
        self.notes[id] = Note(id, text, pool, lane, col, row, w=w, target=target)

    # -- layout --------------------------------------------------------------------------------

    def shape(self, id: str) -> Shape:
        found = self.nodes.get(id) or self.data_objects.get(id) or self.notes.get(id)
        if found is None:
            raise KeyError(id)
        return found

    def pool_by_id(self, id: str) -> Pool | None:
        return next((p for p in self.pools if p.id == id), None)

    def layout(self) -> Modell:
        """Coordinates for everything (see `anordnung`); returns the model itself."""
        from .anordnung import anordnen

        anordnen(self)
        return self
