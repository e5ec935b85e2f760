"""GIVEN hand-written BPMN files WHEN they are rendered THEN a reader sees the BPMN notation:
markers, names, pools and lanes, colours; hostile labels stay text; thumbnails are real PNGs."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from lxml import etree
from PIL import Image

from modelle.bpmn.parse import parse
from modelle.bpmn.render import NO_DIAGRAM_TEXT, diagrams, png, svg

DATA = Path(__file__).parent / "data" / "render"
NS = {"s": "http://www.w3.org/2000/svg"}


def render(name: str, diagram: int = 0) -> etree._Element:
    return etree.fromstring(svg(parse((DATA / name).read_bytes()), diagram))


def shape(root: etree._Element, element_id: str) -> etree._Element:
    found = root.xpath(f"//s:g[@data-element-id='{element_id}']", namespaces=NS)
    assert found, f"no group for {element_id}"
    return found[0]


def texts(el: etree._Element) -> list[str]:
    """Each <text> as the reader sees it: its lines joined by spaces."""
    return [
        " ".join(span.text or "" for span in t.iterfind("s:tspan", NS))
        for t in el.iter("{http://www.w3.org/2000/svg}text")
    ]


@pytest.fixture(scope="module")
def everything() -> etree._Element:
    return render("all_elements.bpmn")


def test_svg_is_bytes_with_viewbox_and_size_that_cover_the_diagram(everything):
    raw = svg(parse((DATA / "all_elements.bpmn").read_bytes()))
    assert isinstance(raw, bytes)
    x, y, w, h = (float(v) for v in everything.get("viewBox").split())
    assert x <= 40 and y <= 20 and x + w >= 1440 and y + h >= 740
    assert float(everything.get("width")) == w and float(everything.get("height")) == h


def test_every_shape_and_edge_is_addressable_by_id_and_type(everything):
    user = shape(everything, "T_userTask")
    assert user.get("class") == "bpmn-shape bpmn-userTask"
    assert shape(everything, "F_default").get("class") == "bpmn-edge bpmn-sequenceFlow"
    assert shape(everything, "M1").get("class") == "bpmn-edge bpmn-messageFlow"
    drawn = set(everything.xpath("//s:g[contains(@class,'bpmn-shape')]/@data-element-id",
                                 namespaces=NS))  # fmt: skip
    source = (DATA / "all_elements.bpmn").read_text()
    in_di = set(re.findall(r'BPMNShape id="[^"]+" bpmnElement="([^"]+)"', source))
    assert in_di <= drawn


@pytest.mark.parametrize(
    "task",
    ["userTask", "manualTask", "serviceTask", "scriptTask", "businessRuleTask", "sendTask",
     "receiveTask"],
)  # fmt: skip
def test_typed_tasks_show_a_type_marker_and_plain_tasks_none(everything, task):
    assert shape(everything, f"T_{task}").xpath(".//s:g[@class='bpmn-marker']", namespaces=NS)
    assert not shape(everything, "T_task").xpath(".//s:g[@class='bpmn-marker']", namespaces=NS)


def test_activity_markers_loop_multi_instance_compensation_collapsed_adhoc(everything):
    def markers(element_id):
        return len(shape(everything, element_id).xpath(".//s:g[@class='bpmn-marker']",
                                                       namespaces=NS))  # fmt: skip

    assert markers("A_loop") == 1
    assert markers("A_par") == 1
    assert markers("A_seq") == 1
    assert markers("A_comp") == 1
    assert markers("A_collapsed") == 1  # the [+]
    assert markers("A_adhoc") == 2  # [+] and ~
    assert markers("SP") == 0  # expanded: no [+]
    # parallel bars are vertical, sequential ones horizontal
    par = shape(everything, "A_par").xpath(".//s:g[@class='bpmn-marker']/s:path/@d",
                                           namespaces=NS)[0]  # fmt: skip
    seq = shape(everything, "A_seq").xpath(".//s:g[@class='bpmn-marker']/s:path/@d",
                                           namespaces=NS)[0]  # fmt: skip
    assert " V " in par and " H " in seq


def test_transaction_has_a_double_border_and_call_activity_a_thick_one(everything):
    tx = shape(everything, "A_tx").xpath("./s:rect", namespaces=NS)
    assert len(tx) == 2
    call = shape(everything, "A_call").xpath("./s:rect", namespaces=NS)[0]
    assert float(call.get("stroke-width")) >= 3


def test_event_subprocess_dotted_and_non_interrupting_events_dashed(everything):
    assert shape(everything, "ESP").xpath("./s:rect/@stroke-dasharray", namespaces=NS)
    assert shape(everything, "ESP_start").xpath("./s:circle/@stroke-dasharray", namespaces=NS)
    assert shape(everything, "B_nonint").xpath("./s:circle/@stroke-dasharray", namespaces=NS)
    assert not shape(everything, "B_int").xpath("./s:circle/@stroke-dasharray", namespaces=NS)


def test_events_have_their_ring_and_a_marker_per_definition(everything):
    def circles(element_id):
        return len(shape(everything, element_id).xpath("./s:circle", namespaces=NS))

    assert circles("E_startEvent_none") == 1
    assert circles("E_intermediateCatchEvent_message") == 2
    assert circles("E_endEvent_none") == 1
    end = shape(everything, "E_endEvent_none").xpath("./s:circle", namespaces=NS)[0]
    assert float(end.get("stroke-width")) > 2
    for element_id in ("E_startEvent_message", "E_endEvent_error", "E_multiple",
                       "E_parmultiple", "E_intermediateThrowEvent_compensate"):  # fmt: skip
        assert shape(everything, element_id).xpath(".//s:g[@class='bpmn-marker']",
                                                   namespaces=NS), element_id  # fmt: skip
    assert not shape(everything, "E_endEvent_none").xpath(".//s:g[@class='bpmn-marker']",
                                                          namespaces=NS)  # fmt: skip


def test_throw_markers_are_filled_catch_markers_hollow(everything):
    def fill(element_id):
        return shape(everything, element_id).xpath(".//s:g[@class='bpmn-marker']/s:path/@fill",
                                                   namespaces=NS)[0]  # fmt: skip

    assert fill("E_intermediateThrowEvent_message") == "#000000"
    assert fill("E_intermediateCatchEvent_message") == "#ffffff"


def test_exclusive_gateway_shows_x_only_when_marker_visible(everything):
    def has_marker(element_id):
        return bool(shape(everything, element_id).xpath(".//s:g[@class='bpmn-marker']",
                                                        namespaces=NS))  # fmt: skip

    assert has_marker("G_xor_x")
    assert not has_marker("G_xor")
    for element_id in ("G_and", "G_or", "G_complex", "G_event"):
        assert has_marker(element_id)


def test_default_and_conditional_flows_have_their_start_markers(everything):
    default = shape(everything, "F_default")
    assert len(default.xpath("./s:path", namespaces=NS)) == 2  # line + slash
    conditional = shape(everything, "F_cond")
    assert len(conditional.xpath("./s:polygon", namespaces=NS)) == 2  # arrow + diamond


def test_message_flow_dashed_with_circle_and_hollow_arrow(everything):
    flow = shape(everything, "M1")
    assert flow.xpath("./s:path/@stroke-dasharray", namespaces=NS)
    assert flow.xpath("./s:circle", namespaces=NS)
    arrow = flow.xpath("./s:polygon", namespaces=NS)[0]
    assert arrow.get("fill") == "#ffffff"


def test_associations_and_data_associations_are_dotted(everything):
    for element_id in ("F_assoc", "F_din"):
        assert shape(everything, element_id).xpath("./s:path/@stroke-dasharray", namespaces=NS)


def test_data_objects_collection_store_annotation_and_group(everything):
    collection = shape(everything, "D_coll").xpath("./s:path", namespaces=NS)
    plain = shape(everything, "D_ref").xpath("./s:path", namespaces=NS)
    assert len(collection) == len(plain) + 1  # the three bars
    assert shape(everything, "D_store").get("class") == "bpmn-shape bpmn-dataStoreReference"
    assert "An annotation text" in texts(shape(everything, "N_note"))
    assert shape(everything, "GR").xpath("./s:rect/@stroke-dasharray", namespaces=NS)
    labels = everything.xpath("//s:g[@data-element-id='GR' and contains(@class,'bpmn-label')]",
                              namespaces=NS)  # fmt: skip
    assert texts(labels[0]) == ["Group name"]


def test_pool_and_lane_names_are_written_along_them(everything):
    pool = shape(everything, "P1")
    assert texts(pool) == ["Bürgeramt"]
    assert "rotate(-90" in pool.xpath(".//s:text/@transform", namespaces=NS)[0]
    assert texts(shape(everything, "L1")) == ["Sachbearbeitung"]
    assert texts(shape(everything, "L2")) == ["Leitung"]
    assert texts(shape(everything, "P2")) == ["Antragsteller"]  # black-box pool


def test_vertical_pool_and_lanes_write_names_horizontally_at_the_top():
    root = render("vertical.bpmn")
    pool = shape(root, "P1")
    assert texts(pool) == ["Standesamt"]
    assert not pool.xpath(".//s:text/@transform", namespaces=NS)
    lane = shape(root, "L2")
    assert texts(lane) == ["Prüfung"]
    first_line_y = float(lane.xpath(".//s:tspan/@y", namespaces=NS)[0])
    assert 30 < first_line_y < 60  # in the lane's header band


def test_colours_of_bpmn_in_color_and_bioc_are_applied(everything):
    user = shape(everything, "T_userTask").xpath("./s:rect", namespaces=NS)[0]
    assert user.get("fill") == "#ffcc00" and user.get("stroke") == "#0000ff"
    service = shape(everything, "T_serviceTask").xpath("./s:rect", namespaces=NS)[0]
    assert service.get("fill") == "#ccffcc" and service.get("stroke") == "#006600"
    cond = shape(everything, "F_cond").xpath("./s:path", namespaces=NS)[0]
    assert cond.get("stroke") == "#ff0000"
    label = everything.xpath(
        "//s:g[@data-element-id='E_startEvent_none' and contains(@class,'bpmn-label')]//s:text",
        namespaces=NS,
    )[0]
    assert label.get("fill") == "#800080"


def test_a_colour_that_is_not_a_colour_is_ignored(everything):
    script = shape(everything, "T_scriptTask").xpath("./s:rect", namespaces=NS)[0]
    assert script.get("fill") == "#ffffff"


def test_labels_wrap_inside_their_task():
    root = render("hostile_labels.bpmn")
    task = shape(root, "T1")
    x = float(task.xpath("./s:rect/@x", namespaces=NS)[0])
    assert x == 60


def test_external_labels_use_label_bounds(everything):
    label = everything.xpath(
        "//s:g[@data-element-id='E_startEvent_none' and contains(@class,'bpmn-label')]//s:tspan",
        namespaces=NS,
    )[0]
    assert 340 <= float(label.get("y")) <= 368  # inside the BPMNLabel bounds y=340 h=28


HOSTILE = ["<script>alert(1)</script>", '"><svg onload=alert(1)>', "Müller & Söhne",
           "<img src=x onerror=alert(1)>"]  # fmt: skip


def test_hostile_labels_come_out_as_inert_text():
    raw = svg(parse((DATA / "hostile_labels.bpmn").read_bytes()))
    root = etree.fromstring(raw)
    assert not root.xpath("//*[local-name()='script' or local-name()='img']")
    assert root.xpath("count(//*[local-name()='svg'])") == 1  # only the root itself
    for el in root.iter():
        assert not [name for name in el.attrib if name.lower().startswith("on")]
    shown = texts(root)
    for label in HOSTILE:
        assert label in shown
    assert b"<script" not in raw and b"&amp;" in raw


def test_a_file_without_diagram_data_gets_the_placeholder():
    doc = parse((DATA / "no_di.bpmn").read_bytes())
    assert diagrams(doc) == []
    root = etree.fromstring(svg(doc))
    assert NO_DIAGRAM_TEXT in texts(root)
    assert "bpmn-placeholder" in root.get("class")


def test_several_diagrams_are_listed_and_each_renders_on_request():
    doc = parse((DATA / "two_diagrams.bpmn").read_bytes())
    assert diagrams(doc) == ["Hauptprozess", "Detail"]
    main = etree.fromstring(svg(doc, 0))
    detail = etree.fromstring(svg(doc, 1))
    assert shape(main, "SP") is not None
    assert not main.xpath("//s:g[@data-element-id='Inner']", namespaces=NS)
    assert texts(shape(detail, "Inner")) == ["Tarif nachschlagen"]
    assert etree.fromstring(svg(doc, "Detail")).get("data-diagram-id") == "Detail"
    with pytest.raises(ValueError):
        svg(doc, 2)


def _png(name: str, width: int) -> Image.Image:
    data = png(svg(parse((DATA / name).read_bytes())), width)
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    return Image.open(io.BytesIO(data)).convert("L")


def test_thumbnail_is_a_png_of_the_requested_width():
    image = _png("all_elements.bpmn", 400)
    assert image.width == 400
    assert 150 < image.height < 250  # aspect ratio kept


def test_thumbnail_draws_the_label_text():
    # The vertical model at its own size: the task name sits at (300, 240) in diagram units,
    # the view box starts 20 px before the pool at (0, 0).
    image = _png("vertical.bpmn", 440)
    label_area = image.crop((300, 250, 360, 270))  # "Antrag prüfen" inside the task
    assert label_area.getextrema()[0] < 128, "no dark pixels where the task name is"
    empty_area = image.crop((50, 350, 110, 370))  # inside lane 1, nothing drawn
    assert empty_area.getextrema()[0] > 200


def test_thumbnail_of_the_placeholder_is_still_a_png():
    image = _png("no_di.bpmn", 200)
    assert image.width == 200


def test_cli_render_writes_svg_and_png(tmp_path):
    from modelle.bpmn.render.cli import main

    out_svg, out_png = tmp_path / "m.svg", tmp_path / "m.png"
    code = main(["render", str(DATA / "two_diagrams.bpmn"), "--diagram", "1",
                 "--svg", str(out_svg), "--png", str(out_png), "--width", "120"])  # fmt: skip
    assert code == 0
    assert etree.fromstring(out_svg.read_bytes()).get("data-diagram-id") == "Detail"
    assert Image.open(out_png).width == 120
    assert main(["render", str(DATA / "two_diagrams.bpmn"), "--diagram", "5"]) == 2
