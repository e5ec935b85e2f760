"""Hostile BPMN files built in memory, each just under the 10 MiB upload limit.

Shared by `test_grenzen.py` (which asserts the bounds) and `bench/grenzen.py` (which measures time
and memory). Every file is well-formed BPMN that `parse()` accepts, so only the limits of the
later steps stand between it and minutes of work or gigabytes of output.
"""

from __future__ import annotations

from collections.abc import Callable

from modelle.bpmn.limits import MAX_BYTES

_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
    'xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" '
    'xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" '
    'xmlns:di="http://www.omg.org/spec/DD/20100524/DI" id="d" targetNamespace="t">'
)
_TAIL = "</bpmn:definitions>"


def _shape(element_id: str, x: float = 100, y: float = 100, w: float = 100, h: float = 80) -> str:
    return (
        f'<bpmndi:BPMNShape id="{element_id}_di" bpmnElement="{element_id}">'
        f'<dc:Bounds x="{x}" y="{y}" width="{w}" height="{h}"/></bpmndi:BPMNShape>'
    )


def _file(process: str, plane: str = "", diagrams: str | None = None) -> bytes:
    if diagrams is None:
        diagrams = (
            '<bpmndi:BPMNDiagram id="D"><bpmndi:BPMNPlane id="DP" bpmnElement="P">'
            f"{plane}</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>"
        )
    data = f'{_HEAD}<bpmn:process id="P">{process}</bpmn:process>{diagrams}{_TAIL}'.encode()
    assert len(data) <= MAX_BYTES, len(data)
    return data


def annotation_line_breaks(count: int = 9_999_998) -> bytes:
    """A text annotation of ten million line breaks between two letters (one drawn line each;
    with the letters the text has the 10,000,000 characters libxml2 allows in one text node)."""
    text = "a" + "\n" * count + "b"
    return _file(
        f'<bpmn:textAnnotation id="N"><bpmn:text>{text}</bpmn:text></bpmn:textAnnotation>',
        _shape("N", w=200, h=60),
    )


def long_task_name(length: int = 9_000_000) -> bytes:
    """One task whose name is one word of `length` letters."""
    return _file(f'<bpmn:task id="T" name="{"x" * length}"/>', _shape("T"))


def many_tasks(count: int = 100_000, *, drawn: bool = False) -> bytes:
    """`count` minimal tasks, each with a one-letter name; with `drawn` each gets a shape too
    (the shapes overlap in a grid of 100 columns)."""
    tasks = "".join(f'<bpmn:task id="t{i}" name="a"/>' for i in range(count))
    plane = ""
    if drawn:
        plane = "".join(
            _shape(f"t{i}", x=(i % 100) * 120, y=(i // 100) * 100) for i in range(count)
        )
    return _file(tasks, plane)


def long_names_everywhere(count: int = 500, length: int = 9_000) -> bytes:
    """`count` drawn elements of every kind in a chain, each named with `length` characters of
    words, flows and annotations included: every label is long."""
    words = ("Antrag prüfen und bescheiden " * (length // 29 + 1))[:length]
    kinds = (
        "task",
        "exclusiveGateway",
        "intermediateThrowEvent",
        "subProcess",
        "dataStoreReference",
    )
    nodes, flows, shapes = [], [], []
    for i in range(count):
        kind = kinds[i % len(kinds)]
        nodes.append(f'<bpmn:{kind} id="n{i}" name="{i} {words}"/>')
        shapes.append(_shape(f"n{i}", x=(i % 20) * 150, y=(i // 20) * 120))
        if i:
            flows.append(f'<bpmn:sequenceFlow id="f{i}" sourceRef="n{i - 1}" targetRef="n{i}" '
                         f'name="{words}"/>')  # fmt: skip
            shapes.append(
                f'<bpmndi:BPMNEdge id="f{i}_di" bpmnElement="f{i}">'
                f'<di:waypoint x="{((i - 1) % 20) * 150 + 50}" y="{((i - 1) // 20) * 120 + 40}"/>'
                f'<di:waypoint x="{(i % 20) * 150 + 50}" y="{(i // 20) * 120 + 40}"/>'
                "</bpmndi:BPMNEdge>"
            )
    return _file("".join(nodes + flows), "".join(shapes))


def many_diagrams(count: int = 12_000) -> bytes:
    """`count` diagrams, each drawing the same task."""
    one = (
        '<bpmndi:BPMNDiagram><bpmndi:BPMNPlane bpmnElement="P">'
        '<bpmndi:BPMNShape bpmnElement="T"><dc:Bounds x="0" y="0" width="100" height="80"/>'
        "</bpmndi:BPMNShape></bpmndi:BPMNPlane></bpmndi:BPMNDiagram>"
    )
    return _file('<bpmn:task id="T" name="Prüfen"/>', diagrams=one * count)


def diagrams_of_sizes(*sizes: int) -> bytes:
    """One diagram per size, each drawing the same task that many times."""
    one = (
        '<bpmndi:BPMNShape bpmnElement="T"><dc:Bounds x="0" y="0" width="100" height="80"/>'
        "</bpmndi:BPMNShape>"
    )
    diagrams = "".join(
        f'<bpmndi:BPMNDiagram id="D{i}"><bpmndi:BPMNPlane bpmnElement="P">{one * size}'
        "</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>"
        for i, size in enumerate(sizes)
    )
    return _file('<bpmn:task id="T" name="Prüfen"/>', diagrams=diagrams)


def many_waypoints(count: int = 49_000) -> bytes:
    """One sequence flow with `count` waypoints, zig-zagging."""
    points = "".join(f'<di:waypoint x="{i % 1000}" y="{(i // 1000) * 3}"/>' for i in range(count))
    return _file(
        '<bpmn:task id="A"/><bpmn:task id="B"/>'
        '<bpmn:sequenceFlow id="F" sourceRef="A" targetRef="B"/>',
        _shape("A") + _shape("B", x=400)
        + f'<bpmndi:BPMNEdge id="F_di" bpmnElement="F">{points}</bpmndi:BPMNEdge>',
    )  # fmt: skip


def stacked_labels(count: int = 8_000, length: int = 1_000) -> bytes:
    """`count` tasks with `length`-character names, all drawn at the same spot: a small picture
    full of text (what the thumbnail has to turn into glyph outlines)."""
    words = ("Antrag prüfen und bescheiden " * (length // 29 + 1))[:length]
    tasks = "".join(f'<bpmn:task id="t{i}" name="{words}"/>' for i in range(count))
    plane = "".join(_shape(f"t{i}") for i in range(count))
    return _file(tasks, plane)


def tiny_elements() -> bytes:
    """Empty elements, as many as fit: the most XML elements 10 MiB can hold."""
    count = (MAX_BYTES - 2_000) // 4
    return _file("<bpmn:extensionElements>" + "<a/>" * count + "</bpmn:extensionElements>")


def shared_process(pools: int = 20_000, tasks: int = 29_000) -> bytes:
    """`pools` participants that all name one process of `tasks` tasks (work of pools × tasks
    for a step that walks a pool's process once per pool)."""
    participants = "".join(f'<bpmn:participant id="p{i}" processRef="P"/>' for i in range(pools))
    body = "".join(f'<bpmn:task id="t{i}"/>' for i in range(tasks))
    data = (
        f'{_HEAD}<bpmn:collaboration id="C">{participants}</bpmn:collaboration>'
        f'<bpmn:process id="P">{body}</bpmn:process>'
        '<bpmndi:BPMNDiagram id="D"><bpmndi:BPMNPlane id="DP" bpmnElement="C">'
        f"{_shape('t0')}</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>{_TAIL}"
    ).encode()
    assert len(data) <= MAX_BYTES, len(data)
    return data


def distinct_words(count: int = 1_200_000, tasks: int = 1) -> bytes:
    """`count` distinct short words ("w0 w1 …"), spread over the names of `tasks` tasks: every
    word is new, so no per-word memo helps; only a budget does."""
    per_task = count // tasks
    names = (
        " ".join(f"w{i:x}" for i in range(t * per_task, (t + 1) * per_task)) for t in range(tasks)
    )
    body = "".join(f'<bpmn:task id="t{t}" name="{name}"/>' for t, name in enumerate(names))
    return _file(body, _shape("t0"))


def nested_collapsed(depth: int = 240, tasks: int = 15_000) -> bytes:
    """`tasks` drawn tasks inside `depth` nested sub-processes, next to one collapsed
    sub-process: every shape's ancestors are asked whether one of them is drawn collapsed."""
    inner = "".join(f'<bpmn:task id="t{i}"/>' for i in range(tasks))
    for d in range(depth):
        inner = f'<bpmn:subProcess id="s{d}">{inner}</bpmn:subProcess>'
    plane = (
        '<bpmndi:BPMNShape id="sX_di" bpmnElement="sX" isExpanded="false">'
        '<dc:Bounds x="0" y="0" width="100" height="80"/></bpmndi:BPMNShape>'
    )
    plane += "".join(_shape(f"t{i}", x=(i % 100) * 120, y=(i // 100) * 100) for i in range(tasks))
    return _file(f'{inner}<bpmn:subProcess id="sX"/>', plane)


HOSTILE: dict[str, Callable[[], bytes]] = {
    "annotation_line_breaks": annotation_line_breaks,
    "long_task_name": long_task_name,
    "many_tasks": many_tasks,
    "many_drawn_tasks": lambda: many_tasks(16_000, drawn=True),
    "long_names_everywhere": long_names_everywhere,
    "many_diagrams": many_diagrams,
    "many_waypoints": many_waypoints,
    "stacked_labels": stacked_labels,
    "tiny_elements": tiny_elements,
    "shared_process": shared_process,
    "distinct_words": distinct_words,
    "distinct_words_spread": lambda: distinct_words(1_200_000, tasks=20_000),
    "nested_collapsed": nested_collapsed,
}
