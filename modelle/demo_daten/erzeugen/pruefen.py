"""Layout checks a reader would notice: edges through shapes, labels on shapes or on each other,
task names that do not fit. Each problem is a German sentence; the generator prints them."""

from __future__ import annotations

from itertools import pairwise

from modelle.bpmn.render.labels import text_width, wrap

from .modell import Box, Modell, Point

_TASK_TEXT_WIDTH = 110  # 120 px task minus the renderer's padding
_TASK_MAX_LINES = 4


def _inset(box: Box, by: float) -> Box:
    x, y, w, h = box
    return (x + by, y + by, w - 2 * by, h - 2 * by)


def _overlap(a: Box, b: Box) -> bool:
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    return ax < bx + bw and bx < ax + aw and ay < by + bh and by < ay + ah


def _segment_hits(p: Point, q: Point, box: Box) -> bool:
    """Whether the segment p–q passes through the box (Liang–Barsky clipping)."""
    x, y, w, h = box
    t0, t1 = 0.0, 1.0
    dx, dy = q[0] - p[0], q[1] - p[1]
    for pk, qk in ((-dx, p[0] - x), (dx, x + w - p[0]), (-dy, p[1] - y), (dy, y + h - p[1])):
        if pk == 0:
            if qk < 0:
                return False
            continue
        t = qk / pk
        if pk < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return False
    return True


def _segments(points: list[Point]):
    return pairwise(points)


def probleme(m: Modell) -> list[str]:
    found: list[str] = []
    shapes = {**m.nodes, **m.data_objects, **m.notes}
    hosts = {n.id: n.host for n in m.nodes.values() if n.host}

    def own(ends: set[str]) -> set[str]:
        mine = set(ends)
        for e in ends:
            if e in hosts:
                mine.add(hosts[e])
        mine |= {b for b, h in hosts.items() if h in ends}
        return mine

    edges = [(f.id, f.points, {f.source, f.target}) for f in m.flows]
    edges += [(x.id, x.points, {x.source, x.target}) for x in m.messages]
    edges += [(d.id, d.points, {d.data, d.task}) for d in m.data_links]
    edges += [(f"Association_{n.id}", n.points, {n.id, n.target}) for n in m.notes.values()]
    for edge_id, points, ends in edges:
        skip = own(ends)
        for sid, s in shapes.items():
            if sid in skip:
                continue
            if any(_segment_hits(p, q, _inset(s.box, 1)) for p, q in _segments(points)):
                found.append(f"Kante {edge_id} läuft durch {sid}")

    labels = [(n.id, n.label_box) for n in m.nodes.values() if n.label_box]
    labels += [(d.id, d.label_box) for d in m.data_objects.values() if d.label_box]
    labels += [(f.id, f.label_box) for f in m.flows if f.label_box]
    for lid, box in labels:
        for sid, s in shapes.items():
            if sid != lid and _overlap(box, s.box):
                found.append(f"Beschriftung von {lid} liegt auf {sid}")
        for eid, points, _ in edges:
            if eid == lid:
                continue
            if any(_segment_hits(p, q, _inset(box, 1)) for p, q in _segments(points)):
                found.append(f"Beschriftung von {lid} liegt auf Kante {eid}")
    for i, (a, abox) in enumerate(labels):
        for b, bbox in labels[i + 1 :]:
            if _overlap(abox, bbox):
                found.append(f"Beschriftungen von {a} und {b} überlappen")
    for lid, (x, y, w, h) in labels:
        shape = shapes.get(lid)
        pool = shape.pool if shape else m.nodes[next(f for f in m.flows if f.id == lid).source].pool
        if x < pool.x + 60 or x + w > pool.x + pool.w or y < pool.y or y + h > pool.y + pool.h:
            found.append(f"Beschriftung von {lid} ragt aus dem Pool {pool.id}")

    for n in m.nodes.values():
        if n.size_class != "task":
            continue
        words = n.name.split()
        too_wide = [w for w in words if text_width(w, 12.0) > _TASK_TEXT_WIDTH]
        if too_wide:
            found.append(f"Aufgabe {n.id}: Wort zu breit: {too_wide}")
        # a typed task shows its icon at the top left; a fourth line would run into it
        most = _TASK_MAX_LINES if n.kind == "task" else _TASK_MAX_LINES - 1
        if len(wrap(n.name, _TASK_TEXT_WIDTH, 12.0)) > most:
            found.append(f"Aufgabe {n.id}: mehr als {most} Zeilen")
    for lane in m.lanes.values():
        # the name runs along the lane in a 30 px header: two lines at most, no broken words
        space = lane.h - 10
        if len(wrap(lane.name, space, 12.0)) > 2 or any(
            text_width(w, 12.0) > space for w in lane.name.split()
        ):
            found.append(f"Lane {lane.id}: Name passt nicht")
    return found
