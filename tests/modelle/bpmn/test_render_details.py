"""GIVEN details/`details.bpmn` WHEN it is drawn THEN the details come out as bpmn.io draws them:
task labels clear of the type icon but never under a boundary event, a data state shown once,
leftover diagram interchange left out, the name of a flow's message, the multiplicity marker of
a pool, rounded bends."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from modelle.bpmn.document import Document
from modelle.bpmn.parse import parse
from modelle.bpmn.render import svg
from modelle.bpmn.render.labels import text_width
from modelle.bpmn.render.leftovers import drop_leftovers
from modelle.bpmn.render.model import index
from modelle.bpmn.render.style import LINE_HEIGHT

DATA = Path(__file__).parent / "data" / "render"
NS = {"s": "http://www.w3.org/2000/svg"}


@pytest.fixture(scope="module")
def drawing() -> etree._Element:
    return etree.fromstring(svg(parse((DATA / "details.bpmn").read_bytes())))


def _group(root: etree._Element, element_id: str, kind: str = "shape") -> etree._Element | None:
    found = root.xpath(f"//s:g[@data-element-id='{element_id}' and contains(@class,'bpmn-{kind}')]",
                       namespaces=NS)  # fmt: skip
    return found[0] if found else None


def _lines(group: etree._Element) -> list[tuple[str, float, float, float]]:
    """(text, left, top, bottom) of each drawn line, from the font metrics the layout uses."""
    text = group.find("s:text", NS)
    size = float(text.get("font-size"))
    result = []
    for span in text.findall("s:tspan", NS):
        width = text_width(span.text, size)
        baseline = float(span.get("y"))
        top = baseline - size * 0.97
        result.append((span.text, float(span.get("x")) - width / 2, top, top + size * LINE_HEIGHT))
    return result


def test_a_task_label_clears_the_type_icon_and_the_boundary_event_below(drawing):
    # GIVEN a 100 x 80 user task (icon at 106,266 to 126,284) with a timer on its lower edge
    lines = _lines(_group(drawing, "T_icon"))

    # THEN the lines under the icon start below it, and the last ends above the timer (y 322)
    assert [text for text, *_ in lines] == ["Antrag auf", "Erteilung prüfen"]
    assert lines[0][2] >= 284
    assert lines[-1][3] <= 322


def test_where_icon_and_boundary_event_leave_no_room_the_label_stays_off_the_event(drawing):
    # GIVEN four lines in a 100 x 90 task (icon bottom at y 404) whose timer's top is at y 452
    lines = _lines(_group(drawing, "T_crowded"))

    # THEN no line runs under the timer, which would cover it; the label moves up towards the
    # icon instead (the label is drawn over the icon, so it stays readable)
    assert len(lines) == 4
    assert lines[-1][3] <= 452
    assert 385 <= lines[0][2] < 404


def test_a_short_label_sits_in_the_middle_as_in_bpmn_io(drawing):
    [(text, _left, top, bottom)] = _lines(_group(drawing, "T_short"))
    assert text == "Prüfen"
    assert (top + bottom) / 2 == pytest.approx(300, abs=0.5)  # the middle of y 260 … 340


def _label_text(root: etree._Element, element_id: str) -> list[str]:
    return root.xpath(
        f"//s:g[@data-element-id='{element_id}' and contains(@class,'bpmn-label')]//s:tspan/text()",
        namespaces=NS,
    )


def test_a_data_state_already_in_the_name_is_not_added_again(drawing):
    assert _label_text(drawing, "D_named") == ["Antrag [geprüft]"]
    assert _label_text(drawing, "D_plain") == ["Antrag", "[geprüft]"]


def test_leftover_diagram_interchange_is_not_drawn(drawing):
    # a plain dataObject shape at (0, 0), next to the shapes of its references
    assert _group(drawing, "DO") is None
    # flows whose ends are no elements of the file (an emptied container)
    assert _group(drawing, "F_dangling", "edge") is None
    assert _group(drawing, "MF_broken", "edge") is None
    # the inside of a sub-process drawn collapsed …
    assert _group(drawing, "SP_start") is None
    assert _group(drawing, "SP_task") is None
    assert _group(drawing, "SP_flow", "edge") is None
    # … but not its own data association, which ends at the collapsed box
    assert _group(drawing, "SP") is not None
    assert _group(drawing, "DA_in", "edge") is not None


def test_a_message_flow_shows_the_name_of_its_message_below_the_envelope(drawing):
    flow = _group(drawing, "MF_named", "edge")
    envelope = flow.find("s:rect", NS)
    assert (float(envelope.get("x")), float(envelope.get("y"))) == (140, 163)  # half-way
    assert _label_text(drawing, "MF_named") == ["Antragsdaten"]
    label_top = min(float(y) for y in drawing.xpath(
        "//s:g[@data-element-id='MF_named' and contains(@class,'bpmn-label')]//s:tspan/@y",
        namespaces=NS))  # fmt: skip
    assert label_top > 177 + 10  # below the envelope (bottom at y 177) with a gap


def test_a_message_named_like_its_flow_is_not_written_twice(drawing):
    assert _label_text(drawing, "MF_same") == ["Bescheid"]
    assert _group(drawing, "MF_same", "edge").find("s:rect", NS) is None


def test_a_pool_for_several_participants_has_the_parallel_marker(drawing):
    def markers(element_id: str) -> int:
        return len(_group(drawing, element_id).xpath(".//s:g[@class='bpmn-marker']", namespaces=NS))

    assert markers("P2") == 1  # maximum 5
    assert markers("P3") == 0  # maximum 1
    assert markers("P1") == 0  # no multiplicity


def test_bends_are_rounded_and_straight_runs_are_not(drawing):
    bend = _group(drawing, "F_bend", "edge").find("s:path", NS).get("d")
    assert bend == "M 200,280 L 295,280 Q 300,280 300,285 L 300,295 Q 300,300 305,300 L 400,300"
    straight = _group(drawing, "F_straight", "edge").find("s:path", NS).get("d")
    assert straight == "M 400,330 L 300,330 L 200,330"


class _CountingElement(etree.ElementBase):
    """An element that counts how often the walk up asks for a parent."""

    parent_calls = 0

    def getparent(self):
        type(self).parent_calls += 1
        return super().getparent()


def _nested_next_to_collapsed(depth: int, tasks: int) -> bytes:
    """`tasks` drawn tasks inside `depth` nested sub-processes, and a collapsed sub-process with
    a drawn task inside."""
    inner = "".join(f'<bpmn:task id="t{i}"/>' for i in range(tasks))
    for d in range(depth):
        inner = f'<bpmn:subProcess id="s{d}">{inner}</bpmn:subProcess>'
    shapes = "".join(
        f'<bpmndi:BPMNShape bpmnElement="{ident}"{extra}>'
        '<dc:Bounds x="0" y="0" width="100" height="80"/></bpmndi:BPMNShape>'
        for ident, extra in [("sX", ' isExpanded="false"'), ("x", "")]
        + [(f"t{i}", "") for i in range(tasks)]
    )
    return (
        '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
        'xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" '
        'xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" id="d" targetNamespace="t">'
        f'<bpmn:process id="P">{inner}<bpmn:subProcess id="sX"><bpmn:task id="x"/>'
        '</bpmn:subProcess></bpmn:process><bpmndi:BPMNDiagram id="D">'
        f'<bpmndi:BPMNPlane bpmnElement="P">{shapes}</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>'
        "</bpmn:definitions>"
    ).encode()


def test_shapes_deep_inside_sub_processes_cost_one_walk_up_not_one_each():
    # GIVEN 200 drawn tasks inside 50 nested sub-processes, next to a collapsed sub-process
    data = _nested_next_to_collapsed(depth=50, tasks=200)
    parser = etree.XMLParser()
    parser.set_element_class_lookup(etree.ElementDefaultClassLookup(element=_CountingElement))
    doc = Document(etree.fromstring(data, parser).getroottree(), len(data))
    diagram = index(doc, doc.root.find(".//{http://www.omg.org/spec/BPMN/20100524/DI}BPMNDiagram"))
    _CountingElement.parent_calls = 0

    # WHEN what bpmn.io would not draw is dropped
    drop_leftovers(doc, diagram)

    # THEN every task stays, the task inside the collapsed sub-process goes …
    assert [s.id for s in diagram.shapes] == ["sX"] + [f"t{i}" for i in range(200)]
    # … and each container was asked for its parent once, each shape once (not 200 × 50)
    assert _CountingElement.parent_calls <= 2 * (200 + 50 + 4)
