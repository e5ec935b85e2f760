"""GIVEN the MIWG corpus (BPMN_CORPUS_DIR) WHEN every file is rendered THEN each diagram comes
out as a well-formed SVG or the placeholder, and every shape and edge is drawn unless it is left
out on purpose."""

from __future__ import annotations

import math
from collections import Counter

import pytest
from lxml import etree

from modelle.bpmn.errors import BpmnError
from modelle.bpmn.ns import BPMNDI, DC, DI
from modelle.bpmn.parse import parse
from modelle.bpmn.render import diagrams, png, svg
from modelle.bpmn.render.gallery import build
from modelle.bpmn.render.model import diagram_elements

pytestmark = pytest.mark.corpus
DRAWN_IDS = "//*[contains(@class,'bpmn-shape') or contains(@class,'bpmn-edge')]/@data-element-id"


def test_every_corpus_file_renders_or_gets_the_placeholder(corpus_dir):
    paths = sorted(corpus_dir.rglob("*.bpmn"))
    assert len(paths) == 831
    rendered = placeholders = 0
    for path in paths:
        try:
            doc = parse(path.read_bytes())
        except BpmnError:
            continue  # refused by parse(): explained there, nothing to draw
        for i in range(max(len(diagrams(doc)), 1)):
            root = etree.fromstring(svg(doc, i))
            if "bpmn-placeholder" in root.get("class"):
                placeholders += 1
            else:
                rendered += 1
                assert root.get("viewBox"), path
    assert rendered > 750
    assert placeholders < 50


def _number(value: str | None) -> float | None:
    try:
        number = float(value) if value is not None else None
    except ValueError:
        return None
    return number if number is not None and math.isfinite(number) else None


def _has_geometry(di: etree._Element) -> bool:
    """A shape with complete bounds of no negative size, an edge with two usable waypoints."""
    if di.tag == f"{{{BPMNDI}}}BPMNShape":
        bounds = di.find(f"{{{DC}}}Bounds")
        values = (
            [_number(bounds.get(k)) for k in ("x", "y", "width", "height")]
            if bounds is not None
            else [None]
        )
        return None not in values and values[2] >= 0 and values[3] >= 0
    points = [(_number(p.get("x")), _number(p.get("y"))) for p in di.iter(f"{{{DI}}}waypoint")]
    return sum(1 for x, y in points if x is not None and y is not None) >= 2


def _left_out_on_purpose(doc, di: etree._Element) -> str | None:
    """Why the renderer leaves out this piece of diagram interchange, as bpmn.io does — derived
    from the file here, not from the renderer — or None when it must be drawn."""
    ref = (di.get("bpmnElement") or "").rpartition(":")[2]
    el = doc.by_id.get(ref)
    if el is None:
        return None
    kind = etree.QName(el).localname
    bounds = di.find(f"{{{DC}}}Bounds")
    if (
        kind == "dataObject"
        and bounds is not None
        and _number(bounds.get("x")) == 0 == _number(bounds.get("y"))
    ):
        return "a plain dataObject at (0, 0) beside the shape of its reference"
    if kind in ("sequenceFlow", "messageFlow", "association"):
        ends = [(el.get(k) or "").strip().rpartition(":")[2] for k in ("sourceRef", "targetRef")]
        if not all(end in doc.by_id for end in ends):
            return "a flow whose source or target is no element of the file"
    return None


def test_every_shape_and_edge_with_geometry_is_drawn_by_id(corpus_dir):
    """What is left out is left out on purpose: DI without geometry has nothing to draw, and two
    kinds of leftovers bpmn.io does not draw either (see render/leftovers.py)."""
    left_out: Counter[str] = Counter()
    missing: list[tuple[str, int, str]] = []
    for path in sorted(corpus_dir.rglob("*.bpmn")):
        doc = parse(path.read_bytes())
        for number, diagram in enumerate(diagram_elements(doc)):
            drawn = set(etree.fromstring(svg(doc, number)).xpath(DRAWN_IDS))
            plane = diagram.find(f"{{{BPMNDI}}}BPMNPlane")
            for di in (
                plane.iterchildren(f"{{{BPMNDI}}}BPMNShape", f"{{{BPMNDI}}}BPMNEdge")
                if plane is not None
                else ()
            ):
                ident = di.get("bpmnElement") or di.get("id") or ""
                if ident in drawn or not _has_geometry(di):
                    continue
                reason = _left_out_on_purpose(doc, di)
                if reason:
                    left_out[reason] += 1
                else:
                    missing.append((str(path.relative_to(corpus_dir)), number, ident))
    assert missing == []
    assert left_out == {
        "a plain dataObject at (0, 0) beside the shape of its reference": 16,
        "a flow whose source or target is no element of the file": 25,
    }


def test_reference_models_draw_their_diagrams(corpus_dir):
    for path in sorted((corpus_dir / "Reference").glob("*.bpmn")):
        doc = parse(path.read_bytes())
        names = diagrams(doc)
        assert names, path.name
        for i in range(len(names)):
            root = etree.fromstring(svg(doc, i))
            assert "bpmn-placeholder" not in root.get("class"), (path.name, i)
        if path.stem == "C.4.0":
            assert len(names) == 4


def test_reference_thumbnails_are_pngs(corpus_dir):
    doc = parse((corpus_dir / "Reference" / "C.8.0.bpmn").read_bytes())
    assert png(svg(doc), 400).startswith(b"\x89PNG")


def test_gallery_pairs_each_diagram_with_its_reference_picture(corpus_dir, tmp_path):
    page = build(corpus_dir.parent, tmp_path)
    html = etree.parse(str(page), etree.HTMLParser())
    images = html.xpath("//img/@src")
    assert "svg/C.4.0.3.svg" in images and "ref/C.4.0.3.png" in images
    assert "svg/A.4.1.svg" in images and "ref/A.4.1.png" in images
    for src in images:
        assert (tmp_path / src).is_file(), src
