"""GIVEN a BPMN file WHEN the worker analyses it THEN it gets, in one call, the findings, the
metrics as JSON, the search text, a drawing of every diagram with findings marked, and a
thumbnail of the main diagram — the largest one, even where a tool put a tiny one first."""

from __future__ import annotations

import io
import json
from pathlib import Path

from lxml import etree
from PIL import Image

from modelle.bpmn import parse
from modelle.bpmn.analyse import analyse
from modelle.bpmn.render import main_diagram
from modelle.bpmn.render.cli import main as render_main

DATA = Path(__file__).parent / "data"
NS = {"s": "http://www.w3.org/2000/svg"}


def _detail_first() -> bytes:
    """two_diagrams.bpmn with its one-task detail diagram before the main diagram."""
    data = (DATA / "render" / "two_diagrams.bpmn").read_bytes()
    start, middle = (
        data.index(b"  <bpmndi:BPMNDiagram"),
        data.index(b'  <bpmndi:BPMNDiagram id="Detail"'),
    )
    end = data.index(b"</bpmn:definitions>")
    return data[:start] + data[middle:end] + data[start:middle] + data[end:]


def test_a_clean_model_gives_drawing_metrics_search_text_and_thumbnail(antrag_bytes):
    analysis = analyse(antrag_bytes)

    assert analysis.findings == []
    [drawing] = analysis.drawings
    assert drawing.elements == 29
    assert etree.fromstring(drawing.svg).xpath("count(//s:g[@data-element-id])", namespaces=NS)
    stored = analysis.metrics.as_dict()
    assert json.loads(json.dumps(stored)) == stored
    assert stored["counts"]["tasks"]["total"] == 5
    assert "Antrag prüfen" in analysis.search_text
    thumbnail = Image.open(io.BytesIO(analysis.thumbnail()))
    assert thumbnail.width == 400


def test_findings_are_marked_in_the_drawing_but_not_in_the_thumbnail():
    analysis = analyse((DATA / "render" / "hostile_labels.bpmn").read_bytes())

    marked = etree.fromstring(analysis.drawings[0].svg)
    assert marked.xpath("//s:g[contains(@class,'befund-')]", namespaces=NS)
    assert b"befund-" not in analysis._plain_main_svg
    assert "end-event-required" in {f.rule for f in analysis.findings}


def test_the_main_diagram_is_the_largest_not_the_first():
    data = _detail_first()
    analysis = analyse(data)

    assert [d.name for d in analysis.drawings] == ["Detail", "Hauptprozess"]
    assert analysis.main == 1
    assert b'data-diagram-id="Main"' in analysis._plain_main_svg


def test_the_cli_draws_the_main_diagram_unless_told_otherwise(tmp_path):
    path = tmp_path / "m.bpmn"
    path.write_bytes(_detail_first())
    assert main_diagram(parse(path.read_bytes())) == 1
    assert render_main(["render", str(path), "--svg", str(tmp_path / "a.svg")]) == 0
    assert etree.parse(str(tmp_path / "a.svg")).getroot().get("data-diagram-id") == "Main"
    assert (
        render_main(["render", str(path), "--diagram", "0", "--svg", str(tmp_path / "b.svg")]) == 0
    )
    assert etree.parse(str(tmp_path / "b.svg")).getroot().get("data-diagram-id") == "Detail"


def test_a_model_without_diagram_data_gets_one_placeholder_drawing():
    analysis = analyse((DATA / "render" / "no_di.bpmn").read_bytes())

    [drawing] = analysis.drawings
    assert drawing.elements == 0
    assert "bpmn-placeholder" in etree.fromstring(drawing.svg).get("class")
    assert analysis.thumbnail().startswith(b"\x89PNG")


def test_a_file_read_as_windows_1252_carries_the_warning(antrag_bytes):
    analysis = analyse(antrag_bytes.replace("Antrag prüfen".encode(), b"Antrag pr\xfcfen"))

    assert [f.rule for f in analysis.findings] == ["encoding"]
    assert "Antrag prüfen" in analysis.search_text
