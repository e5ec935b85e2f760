"""GIVEN the MIWG corpus (BPMN_CORPUS_DIR) WHEN every file is rendered THEN each diagram comes
out as a well-formed SVG or the placeholder, and every reference model draws its elements."""

from __future__ import annotations

import pytest
from lxml import etree

from modelle.bpmn.errors import BpmnError
from modelle.bpmn.parse import parse
from modelle.bpmn.render import diagrams, png, svg
from modelle.bpmn.render.gallery import build

pytestmark = pytest.mark.corpus


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


def test_reference_models_draw_every_shape_and_edge_of_their_diagrams(corpus_dir):
    for path in sorted((corpus_dir / "Reference").glob("*.bpmn")):
        doc = parse(path.read_bytes())
        names = diagrams(doc)
        assert names, path.name
        for i in range(len(names)):
            root = etree.fromstring(svg(doc, i))
            drawn = root.xpath("//*[@data-element-id]/@data-element-id")
            assert len(drawn) >= 3, (path.name, i)
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
