"""A laid-out `Modell` as BPMN 2.0 XML with diagram interchange, in the XSD's element order."""

from __future__ import annotations

from lxml import etree

from modelle.bpmn.ns import BPMN, BPMNDI, DC, DI, XSI

from .modell import Box, Modell, Node, Point

NSMAP = {"bpmn": BPMN, "bpmndi": BPMNDI, "dc": DC, "di": DI, "xsi": XSI}


def _e(parent, ns: str, tag: str, **attrs) -> etree._Element:
    clean = {k: v for k, v in attrs.items() if v is not None}
    return etree.SubElement(parent, f"{{{ns}}}{tag}", clean)


def _b(parent, tag: str, **attrs) -> etree._Element:
    return _e(parent, BPMN, tag, **attrs)


def _num(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:.1f}"


def _bounds(parent, box: Box) -> None:
    x, y, w, h = box
    _e(parent, DC, "Bounds", x=_num(x), y=_num(y), width=_num(w), height=_num(h))


def _waypoints(parent, points: list[Point]) -> None:
    for x, y in points:
        _e(parent, DI, "waypoint", x=_num(x), y=_num(y))


def _formal(parent, tag: str, text: str) -> None:
    el = _b(parent, tag)
    el.set(f"{{{XSI}}}type", "bpmn:tFormalExpression")
    el.text = text


def _node(process, m: Modell, node: Node) -> None:
    el = _b(process, node.tag, id=node.id, name=node.name or None)
    if node.host:
        el.set("attachedToRef", node.host)
        if not node.interrupting:
            el.set("cancelActivity", "false")
    if node.doc:
        _b(el, "documentation").text = node.doc
    for f in m.flows:
        if f.target == node.id:
            _b(el, "incoming").text = f.id
    for f in m.flows:
        if f.source == node.id:
            _b(el, "outgoing").text = f.id
    reads = [link for link in m.data_links if link.task == node.id and link.reads]
    writes = [link for link in m.data_links if link.task == node.id and not link.reads]
    if reads:
        prop = f"Property_{node.id}"
        _b(el, "property", id=prop, name="__targetRef_placeholder")
        for link in reads:
            assoc = _b(el, "dataInputAssociation", id=link.id)
            _b(assoc, "sourceRef").text = link.data
            _b(assoc, "targetRef").text = prop
    for link in writes:
        assoc = _b(el, "dataOutputAssociation", id=link.id)
        _b(assoc, "targetRef").text = link.data
    if node.definition == "message":
        _b(el, "messageEventDefinition", id=f"MessageDef_{node.id}")
    elif node.definition == "timer":
        timer = _b(el, "timerEventDefinition", id=f"TimerDef_{node.id}")
        if node.frist:
            tag = "timeCycle" if node.frist.startswith("R") else "timeDuration"
            _formal(timer, tag, node.frist)
    defaults = [f for f in m.flows if f.source == node.id and f.default]
    if defaults:
        el.set("default", defaults[0].id)


def _process(root, m: Modell, pool) -> None:
    process = _b(root, "process", id=pool.process, isExecutable="false")
    nodes = [n for n in m.nodes.values() if n.pool is pool]
    if pool.lanes:
        lane_set = _b(process, "laneSet", id=f"LaneSet_{pool.process}")
        for lane in pool.lanes:
            lane_el = _b(lane_set, "lane", id=lane.id, name=lane.name)
            for n in nodes:
                if n.lane is lane:
                    _b(lane_el, "flowNodeRef").text = n.id
    for n in nodes:
        _node(process, m, n)
    for d in m.data_objects.values():
        if d.pool is not pool:
            continue
        _b(process, "dataObject", id=f"DataObject_{d.id}")
        ref = _b(
            process, "dataObjectReference", id=d.id, name=d.name, dataObjectRef=f"DataObject_{d.id}"
        )
        if d.state:
            _b(ref, "dataState", id=f"State_{d.id}", name=d.state)
    for f in m.flows:
        if m.nodes[f.source].pool is not pool:
            continue
        el = _b(
            process, "sequenceFlow", id=f.id, name=f.name, sourceRef=f.source, targetRef=f.target
        )
        if f.condition:
            _formal(el, "conditionExpression", f.condition)
    for note in m.notes.values():
        if note.pool is not pool:
            continue
        ann = _b(process, "textAnnotation", id=note.id)
        _b(ann, "text").text = note.name
    for note in m.notes.values():
        if note.pool is pool:
            _b(
                process,
                "association",
                id=f"Association_{note.id}",
                sourceRef=note.target,
                targetRef=note.id,
            )


def _label(parent, box: Box | None) -> None:
    if box is not None:
        label = _e(parent, BPMNDI, "BPMNLabel")
        _bounds(label, box)


def _diagram(root, m: Modell) -> None:
    diagram = _e(root, BPMNDI, "BPMNDiagram", id=f"Diagram_{m.slug}", name=m.titel)
    plane = _e(
        diagram, BPMNDI, "BPMNPlane", id=f"Plane_{m.slug}", bpmnElement=f"Collaboration_{m.slug}"
    )

    def shape(ref: str, box: Box, **extra) -> etree._Element:
        return _e(plane, BPMNDI, "BPMNShape", id=f"{ref}_di", bpmnElement=ref, **extra)

    for pool in m.pools:
        s = shape(pool.id, (pool.x, pool.y, pool.w, pool.h), isHorizontal="true")
        _bounds(s, (pool.x, pool.y, pool.w, pool.h))
        for lane in pool.lanes:
            box = (pool.x + 30, lane.y, pool.w - 30, lane.h)
            s = shape(lane.id, box, isHorizontal="true")
            _bounds(s, box)
    for n in m.nodes.values():
        extra = {"isMarkerVisible": "true"} if n.kind == "xor" else {}
        s = shape(n.id, n.box, **extra)
        _bounds(s, n.box)
        _label(s, n.label_box)
    for d in m.data_objects.values():
        s = shape(d.id, d.box)
        _bounds(s, d.box)
        _label(s, d.label_box)
    for note in m.notes.values():
        s = shape(note.id, note.box)
        _bounds(s, note.box)

    def edge(ref: str, points: list[Point], label: Box | None = None) -> None:
        el = _e(plane, BPMNDI, "BPMNEdge", id=f"{ref}_di", bpmnElement=ref)
        _waypoints(el, points)
        _label(el, label)

    for f in m.flows:
        edge(f.id, f.points, f.label_box)
    for msg in m.messages:
        edge(msg.id, msg.points)
    for link in m.data_links:
        edge(link.id, link.points)
    for note in m.notes.values():
        edge(f"Association_{note.id}", note.points)


def to_xml(m: Modell) -> bytes:
    """The model as a BPMN 2.0 file (UTF-8, with XML declaration)."""
    root = etree.Element(
        f"{{{BPMN}}}definitions",
        {
            "id": f"Definitions_{m.slug}",
            "targetNamespace": f"https://prozessbibliothek.example/demo/{m.slug}",
            "exporter": "Prozessbibliothek Demo-Generator",
            "exporterVersion": "1.0",
        },
        nsmap=NSMAP,
    )
    collab = _b(root, "collaboration", id=f"Collaboration_{m.slug}")
    for pool in m.pools:
        _b(collab, "participant", id=pool.id, name=pool.name, processRef=pool.process)
    for msg in m.messages:
        _b(
            collab,
            "messageFlow",
            id=msg.id,
            name=msg.name,
            sourceRef=msg.source,
            targetRef=msg.target,
        )
    for pool in m.pools:
        if not pool.collapsed:
            _process(root, m, pool)
    _diagram(root, m)
    etree.indent(root, space="  ")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
