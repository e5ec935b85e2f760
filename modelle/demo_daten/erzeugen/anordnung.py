"""Grid layout of a `Modell`: bounds of every shape, orthogonal waypoints of the sequence flows,
message flows straight across the pools, and label boxes on a side where no edge leaves."""

from __future__ import annotations

from modelle.bpmn.render.labels import text_width, wrap

from .modell import (
    COL_W,
    COLLAPSED_H,
    HEADER,
    LABEL_LINE,
    LABEL_SIZE,
    PAD,
    POOL_GAP,
    POOL_X,
    POOL_Y,
    ROW_H,
    SIZES,
    Box,
    DataLink,
    Flow,
    Lane,
    Message,
    Modell,
    Node,
    Note,
    Point,
    Pool,
    Shape,
    label_lines,
    label_size,
)

X0 = POOL_X + 2 * HEADER + PAD  # left edge of column 0: pool header, lane header, padding


def _cell(pool: Pool, lane: Lane | None, col: float, row: float) -> Point:
    top = lane.y if lane else pool.y
    return X0 + col * COL_W + COL_W / 2, top + row * ROW_H + ROW_H / 2


def anordnen(m: Modell) -> None:
    """Positions, waypoints and label boxes for every element of `m`, in place."""
    cols = [s.col for s in (*m.nodes.values(), *m.data_objects.values())]
    cols += [n.col + (n.w - 1) / COL_W for n in m.notes.values()]
    width = X0 - POOL_X + (max(cols) + 1) * COL_W + PAD
    y = POOL_Y
    for pool in m.pools:
        pool.y, pool.w = y, width
        if pool.collapsed:
            pool.h = COLLAPSED_H
        elif pool.lanes:
            ly = y
            for lane in pool.lanes:
                lane.y, lane.h = ly, lane.rows * ROW_H
                ly += lane.h
            pool.h = ly - y
        else:
            pool.h = pool.rows * ROW_H
        y += pool.h + POOL_GAP
    for node in m.nodes.values():
        if node.host:
            continue
        cx, cy = _cell(node.pool, node.lane, node.col, node.row)
        node.w, node.h = SIZES[node.size_class]
        node.x, node.y = cx - node.w / 2, cy - node.h / 2
    for node in m.nodes.values():
        if node.host:
            host = m.nodes[node.host]
            node.w = node.h = 36
            node.x = host.x + host.w * node.attach - 18
            node.y = host.y + host.h - 18
    for d in m.data_objects.values():
        cx, cy = _cell(d.pool, d.lane, d.col, d.row)
        d.w, d.h = 36, 50
        d.x, d.y = cx - 18, cy - 25
    for note in m.notes.values():
        cx, cy = _cell(note.pool, note.lane, note.col, note.row)
        lines = wrap(note.name, note.w - 10, 12.0)
        note.h = round(len(lines) * 14.4 + 12)
        note.x, note.y = cx - COL_W / 2 + 10, cy - note.h / 2
    for f in m.flows:
        f.points = _route(m, f)
    for msg in m.messages:
        msg.points = _message_route(m, msg)
    for link in m.data_links:
        link.points = _data_route(m, link)
    for note in m.notes.values():
        note.points = _association(note, m.shape(note.target))
    _labels(m)


def _route(m: Modell, f: Flow) -> list[Point]:
    """Orthogonal waypoints. Routes: h, v (straight), vh, hv (one bend), hvh, vhv (two bends,
    `via` shifts the middle segment), below, above (a loop under or over both nodes)."""
    s, t = m.nodes[f.source], m.nodes[f.target]
    route = f.route or _auto_route(s, t)
    right = t.cx > s.cx
    down = t.cy > s.cy
    if route == "h":
        return [s.side("right" if right else "left"), t.side("left" if right else "right")]
    if route == "v":
        return [s.side("bottom" if down else "top"), t.side("top" if down else "bottom")]
    if route == "vh":
        start = s.side("bottom" if down else "top")
        return [start, (s.cx, t.cy), t.side("left" if right else "right")]
    if route == "hv":
        start = s.side("right" if right else "left")
        return [start, (t.cx, s.cy), t.side("top" if down else "bottom")]
    if route == "hvh":
        a = s.side("right" if right else "left")
        b = t.side("left" if right else "right")
        x = (a[0] + b[0]) / 2 + f.via
        return [a, (x, a[1]), (x, b[1]), b]
    if route == "vhv":
        a = s.side("bottom" if down else "top")
        b = t.side("top" if down else "bottom")
        y = (a[1] + b[1]) / 2 + f.via
        return [a, (a[0], y), (b[0], y), b]
    if route in ("below", "above"):
        below = route == "below"
        a = s.side("bottom" if below else "top")
        b = t.side("bottom" if below else "top")
        y = (max(a[1], b[1]) + 22 if below else min(a[1], b[1]) - 22) + f.via
        return [a, (a[0], y), (b[0], y), b]
    raise ValueError(f"unknown route {route!r} for {f.id}")


def _end(m: Modell, ref: str) -> tuple[float | None, float, float]:
    """(x or None for a pool, y of the top, y of the bottom) of a message flow end."""
    if ref in m.nodes:
        n = m.nodes[ref]
        return n.cx, n.y, n.y + n.h
    pool = m.pool_by_id(ref)
    if pool is None:
        raise KeyError(ref)
    return None, pool.y, pool.y + pool.h


def _message_route(m: Modell, msg: Message) -> list[Point]:
    sx, stop, sbottom = _end(m, msg.source)
    tx, ttop, tbottom = _end(m, msg.target)
    down = ttop > stop
    sy = sbottom if down else stop
    ty = ttop if down else tbottom
    if sx is None:
        sx = tx
    if tx is None:
        tx = sx
    sx += msg.dx
    tx += msg.dx
    if sx == tx:
        return [(sx, sy), (tx, ty)]
    mid = (sy + ty) / 2
    return [(sx, sy), (sx, mid), (tx, mid), (tx, ty)]


def _data_route(m: Modell, link: DataLink) -> list[Point]:
    d, t = m.data_objects[link.data], m.nodes[link.task]
    if abs(d.cy - t.cy) > t.h / 2:
        up = d.cy < t.cy
        a = d.side("bottom" if up else "top")
        bx = min(max(d.cx, t.x + 12), t.x + t.w - 12)
        b = (bx, t.y if up else t.y + t.h)
    else:
        left = d.cx < t.cx
        a = d.side("right" if left else "left")
        by = min(max(d.cy, t.y + 12), t.y + t.h - 12)
        b = (t.x if left else t.x + t.w, by)
    # the arrow points from the data object into a reading task, out of a writing one
    return [a, b] if link.reads else [b, a]


# -- labels ----------------------------------------------------------------------------------------


def _used_sides(m: Modell) -> dict[str, set[str]]:
    used: dict[str, set[str]] = {}

    def mark(ref: str, point: Point) -> None:
        shape = m.nodes.get(ref) or m.data_objects.get(ref)
        if shape is None:
            return
        for side in ("left", "right", "top", "bottom"):
            sx, sy = shape.side(side)
            on_top_or_bottom = (
                side in ("top", "bottom")
                and abs(point[1] - sy) < 0.5
                and shape.x <= point[0] <= shape.x + shape.w
            )
            on_left_or_right = (
                side in ("left", "right")
                and abs(point[0] - sx) < 0.5
                and shape.y <= point[1] <= shape.y + shape.h
            )
            if on_top_or_bottom or on_left_or_right:
                used.setdefault(ref, set()).add(side)

    for f in m.flows:
        mark(f.source, f.points[0])
        mark(f.target, f.points[-1])
    for msg in m.messages:
        mark(msg.source, msg.points[0])
        mark(msg.target, msg.points[-1])
    for link in m.data_links:
        task_end, data_end = (-1, 0) if link.reads else (0, -1)
        mark(link.task, link.points[task_end])
        mark(link.data, link.points[data_end])
    for node in m.nodes.values():
        if node.host:
            used.setdefault(node.host, set()).add("bottom")
            used.setdefault(node.id, set()).add("top")
    return used


def _labels(m: Modell) -> None:
    used = _used_sides(m)
    for node in m.nodes.values():
        if node.size_class == "task" or not node.name:
            continue
        w, h = label_size(node.name)
        sides = used.get(node.id, set())
        if node.host:
            # left of the flow that leaves the boundary event downwards, under the host
            w, h = label_size(node.name, 110)
            node.label_box = (node.x - 2 - w, node.cy + 2, w, h)
            continue
        prefer = ["top", "bottom"] if node.size_class == "gateway" else ["bottom", "top"]
        if node.label_side:
            prefer = [node.label_side]
        prefer += [p for p in ("right", "left") if p not in prefer]
        side = next((p for p in prefer if p not in sides), None)
        if side == "bottom":
            node.label_box = (node.cx - w / 2, node.y + node.h + 4, w, h)
        elif side == "top":
            node.label_box = (node.cx - w / 2, node.y - 4 - h, w, h)
        elif side == "left":
            node.label_box = (node.x - 4 - w, node.cy - h / 2, w, h)
        elif side == "right":
            node.label_box = (node.x + node.w + 4, node.cy - h / 2, w, h)
        else:  # every side taken: above and to the left, clear of the corner edges
            node.label_box = (node.x - w - 2, node.y - h - 2, w, h)
    for d in m.data_objects.values():
        text = d.name + (f"\n[{d.state}]" if d.state else "")
        lines = [line for part in text.split("\n") for line in label_lines(part)]
        w = max(text_width(line, LABEL_SIZE) for line in lines)
        h = len(lines) * LABEL_LINE
        sides = used.get(d.id, set())
        if "bottom" not in sides:
            d.label_box = (d.cx - w / 2, d.y + d.h + 3, w, h)
        elif "top" not in sides:
            d.label_box = (d.cx - w / 2, d.y - 3 - h, w, h)
        else:
            d.label_box = (d.x + d.w + 4, d.cy - h / 2, w, h)
    for f in m.flows:
        if not f.name:
            continue
        w, h = label_size(f.name, 120)
        (ax, ay), (bx, by) = f.points[0], f.points[1]
        if by == ay:  # first segment horizontal: above it, next to the source
            x = ax + 5 if bx > ax else ax - 5 - w
            f.label_box = (x, ay - h - 2, w, h)
        elif by > ay:
            f.label_box = (ax + 5, ay + 3, w, h)
        else:
            f.label_box = (ax + 5, ay - h - 3, w, h)


def _auto_route(s: Node, t: Node) -> str:
    if s.cy == t.cy:
        return "h"
    if s.cx == t.cx:
        return "v"
    if s.size_class == "gateway" or s.host:
        return "vh"
    if t.size_class == "gateway":
        return "hv"
    return "hvh" if t.cx > s.cx else "vhv"


def _nearest_on_box(p: Point, box: Box) -> Point:
    x, y, w, h = box
    px = min(max(p[0], x), x + w)
    py = min(max(p[1], y), y + h)
    if x < px < x + w and y < py < y + h:  # inside: push to the nearest edge
        distances = {
            (x, py): px - x,
            (x + w, py): x + w - px,
            (px, y): py - y,
            (px, y + h): y + h - py,
        }
        return min(distances, key=distances.get)
    return px, py


def _association(note: Note, target: Shape) -> list[Point]:
    if target.cx < note.x:
        start = (note.x, note.cy)
    elif target.cy > note.y + note.h:
        start = (note.x + 20, note.y + note.h)
    else:
        start = (note.x + 20, note.y)
    return [start, _nearest_on_box(start, target.box)]
