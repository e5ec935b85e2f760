"""GIVEN hostile files just under the 10 MiB upload limit WHEN they are analysed THEN every step
stays within its bound (`modelle.bpmn.limits`): labels are shortened, drawings cut or replaced
by a placeholder that says why, metrics and search text kept short — each cut with a German
"limit" finding — and nothing raises. A subprocess under a memory and CPU limit proves that the
whole analysis of every hostile file completes in bounded memory, without a stopwatch."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
from hostile import HOSTILE, diagrams_of_sizes, long_task_name, many_tasks
from lxml import etree

from modelle.bpmn import BpmnError, parse
from modelle.bpmn.analyse import Analysis, analyse
from modelle.bpmn.limits import (
    DIAGRAM_ELEMENTS,
    DIAGRAM_TEXT_CHARS,
    DIAGRAM_TEXT_LINES,
    DIAGRAMS,
    DRAWN_ELEMENTS,
    EDGE_WAYPOINTS,
    LABEL_CHARS,
    LABEL_LINES,
    LIMIT_FINDINGS_PER_KIND,
    MAX_FINDINGS,
    MESSAGE_CHARS,
    METRICS_LABEL_CHARS,
    METRICS_LABELS,
    SEARCH_TEXT_CHARS,
    SVG_BYTES,
)
from modelle.bpmn.render import draw_diagram

NS = {"s": "http://www.w3.org/2000/svg"}
ROOT = Path(__file__).resolve().parents[3]
LABEL_CUT = (
    "Im Diagramm „D“ ist die Beschriftung gekürzt: Gezeichnet werden höchstens 1.000 Zeichen "
    "und 40 Zeilen je Beschriftung."
)
METRICS_CUT = (
    "Für Kennzahlen und Suche sind höchstens 2.000 Beschriftungen mit je höchstens 500 Zeichen "
    "übernommen; längere sind gekürzt, weitere fehlen."
)


@cache
def _analysed(name: str) -> Analysis:
    return analyse(HOSTILE[name]())


def _svg(analysis: Analysis, number: int = 0) -> etree._Element:
    return etree.fromstring(analysis.drawings[number].svg)


def _lines(root: etree._Element, element_id: str) -> list[str]:
    """The drawn lines of one element's label(s), in order."""
    return root.xpath(f"//s:g[@data-element-id='{element_id}']//s:tspan/text()", namespaces=NS)


def _limits(analysis: Analysis) -> list[tuple[str | None, str]]:
    return [(f.element_id, f.message_de) for f in analysis.findings if f.rule == "limit"]


def _assert_within_bounds(analysis: Analysis) -> None:
    """What every analysis promises, however hostile the file."""
    assert len(analysis.findings) <= MAX_FINDINGS
    assert all(len(f.message_de) <= MESSAGE_CHARS for f in analysis.findings)
    assert 1 <= len(analysis.drawings) <= DIAGRAMS
    assert sum(d.elements for d in analysis.drawings) <= DRAWN_ELEMENTS
    for drawing in analysis.drawings:
        assert len(drawing.svg) <= SVG_BYTES
        root = etree.fromstring(drawing.svg)
        spans = root.xpath("//s:tspan/text()", namespaces=NS)
        assert len(spans) <= DIAGRAM_TEXT_LINES + 1  # + the note above a cut drawing
        assert sum(map(len, spans)) <= DIAGRAM_TEXT_CHARS + 200
        for text in root.iter("{http://www.w3.org/2000/svg}text"):
            assert len(text) <= LABEL_LINES
            assert sum(len(span.text or "") for span in text) <= LABEL_CHARS
    assert len(analysis.metrics.labels) <= METRICS_LABELS
    assert all(len(label) <= METRICS_LABEL_CHARS for label in analysis.metrics.labels)
    assert len(json.dumps(analysis.metrics.as_dict())) < METRICS_LABELS * METRICS_LABEL_CHARS
    assert len(analysis.search_text) <= SEARCH_TEXT_CHARS


def test_ten_million_line_breaks_in_an_annotation_draw_one_line():
    # GIVEN an annotation "a", ten million line breaks, "b" (10,000,000 characters)
    analysis = _analysed("annotation_line_breaks")

    # THEN its label is cut to the first 1,000 characters: "a" and an ellipsis, one line
    root = _svg(analysis)
    assert _lines(root, "N") == ["a…"]
    assert root.xpath("//s:g[@data-element-id='N']/s:title/text()", namespaces=NS) == [
        "Beschriftung gekürzt: Gezeichnet werden höchstens 1.000 Zeichen und 40 Zeilen."
    ]
    assert (("N", LABEL_CUT)) in _limits(analysis)
    assert analysis.metrics.labels == ("a…",)
    assert analysis.search_text == "a…"
    _assert_within_bounds(analysis)


def test_a_nine_megabyte_task_name_is_drawn_in_forty_lines():
    analysis = _analysed("long_task_name")

    lines = _lines(_svg(analysis), "T")
    assert len(lines) == LABEL_LINES
    assert lines[-1].endswith("…")
    assert set("".join(lines)) == {"x", "…"}
    assert ("T", LABEL_CUT) in _limits(analysis)
    assert analysis.metrics.labels == ("x" * (METRICS_LABEL_CHARS - 1) + "…",)
    assert (None, METRICS_CUT) in _limits(analysis)
    _assert_within_bounds(analysis)


def test_a_file_with_more_elements_than_allowed_is_refused_with_a_german_reason():
    with pytest.raises(BpmnError) as refused:
        parse(many_tasks(100_000))
    assert refused.value.code == "too_many_elements"
    assert refused.value.message_de == (
        "Die Datei enthält 100.004 XML-Elemente; verarbeitet werden Modelle mit höchstens 50.000."
    )


def test_an_id_longer_than_allowed_is_refused_with_a_german_reason():
    long_id = "t" * 300
    with pytest.raises(BpmnError) as refused:
        parse(long_task_name(10).replace(b'id="T"', f'id="{long_id}"'.encode()))
    assert refused.value.code == "id_too_long"
    assert refused.value.message_de == (
        "Die Datei enthält eine ID mit 300 Zeichen; erlaubt sind höchstens 256."
    )


def test_a_diagram_draws_at_most_its_share_of_elements_and_says_so():
    # GIVEN 16,000 drawn tasks in one diagram
    analysis = _analysed("many_drawn_tasks")

    # THEN the first 5,000 are drawn, and the drawing and a finding say so
    root = _svg(analysis)
    assert len(root.xpath("//s:g[contains(@class,'bpmn-shape')]", namespaces=NS)) == 5_000
    assert analysis.drawings[0].elements == DIAGRAM_ELEMENTS
    message = (
        "Im Diagramm „D“ sind nur 5.000 von 16.000 Elementen gezeichnet; mehr zeigt ein "
        "Diagramm nicht."
    )
    assert (None, message) in _limits(analysis)
    assert root.xpath("//s:g[@class='bpmn-limit-note']//s:tspan/text()", namespaces=NS) == [message]
    _assert_within_bounds(analysis)


def test_long_names_everywhere_stay_within_every_text_bound():
    # GIVEN 500 elements and 499 flows, each named with 9,000 characters
    analysis = _analysed("long_names_everywhere")

    root = _svg(analysis)
    assert _lines(root, "n0")[-1].endswith("…")
    assert len(analysis.search_text) == SEARCH_TEXT_CHARS
    limits = _limits(analysis)
    assert (None, "Der Suchtext ist auf 100.000 Zeichen gekürzt.") in limits
    # one finding for each of the first ten shortened labels, then one for the rest
    shortened = [ident for ident, message in limits if message == LABEL_CUT]
    assert len(shortened) == LIMIT_FINDINGS_PER_KIND
    assert any(message.endswith("weitere gekürzte Beschriftungen im Diagramm „D“.")
               for _, message in limits)  # fmt: skip
    _assert_within_bounds(analysis)


def test_text_beyond_the_diagram_budget_is_left_out_with_a_finding():
    # GIVEN 8,000 tasks with 1,000-character names, stacked on one spot
    analysis = _analysed("stacked_labels")

    root = _svg(analysis)
    spans = root.xpath("//s:tspan/text()", namespaces=NS)
    assert sum(map(len, spans)) <= DIAGRAM_TEXT_CHARS + 200
    assert len(_lines(root, "t4999")) == 0  # past the budget: not drawn
    not_drawn = (
        "Im Diagramm „D“ ist die Beschriftung nicht gezeichnet: Ein Diagramm zeigt höchstens "
        "200.000 Zeichen und 20.000 Zeilen Beschriftung."
    )
    assert sum(1 for _, message in _limits(analysis) if message == not_drawn) == 10
    # lint compared shapes pairwise until its budget ran out, and says so
    assert (
        None,
        "Die Prüfung auf überlappende Elemente ist nach 2.000.000 Vergleichen abgebrochen; "
        "weitere Überlappungen werden nicht gemeldet.",
    ) in _limits(analysis)
    _assert_within_bounds(analysis)


def test_at_most_twenty_diagrams_are_drawn():
    analysis = _analysed("many_diagrams")

    assert len(analysis.drawings) == DIAGRAMS
    assert (
        None,
        "Die Datei enthält 12.000 Diagramme; gezeichnet sind 20 davon (das größte und die ersten).",
    ) in _limits(analysis)
    _assert_within_bounds(analysis)


def test_the_file_shares_one_budget_of_drawn_elements_among_its_diagrams():
    # GIVEN three diagrams of 5,000, 5,000 and 5,001 shapes
    analysis = analyse(diagrams_of_sizes(5_000, 5_000, 5_001))

    # THEN the largest (main) one is drawn first, and the file's budget runs out at the second
    assert analysis.main == 2
    assert [d.elements for d in analysis.drawings] == [5_000, 0, 5_000]
    placeholder = _svg(analysis, 1)
    assert "bpmn-placeholder" in placeholder.get("class")
    message = (
        "Das Diagramm „D1“ ist nicht gezeichnet: Die Datei hat schon so viele Elemente in "
        "anderen Diagrammen gezeichnet, wie eine Datei zeigen kann."
    )
    assert placeholder.findtext("s:title", namespaces=NS) == message
    assert (None, message) in _limits(analysis)
    _assert_within_bounds(analysis)


def test_an_edge_draws_at_most_its_share_of_waypoints():
    analysis = _analysed("many_waypoints")

    path = _svg(analysis).xpath("//s:g[@data-element-id='F']/s:path/@d", namespaces=NS)[0]
    assert path.count("L") == EDGE_WAYPOINTS - 1
    assert path.endswith("L 999,144")  # the file's last waypoint
    assert (
        "F",
        "Im Diagramm „D“ hat die Verbindung 49.000 Wegpunkte; gezeichnet sind die ersten 99 und "
        "der letzte.",
    ) in _limits(analysis)
    _assert_within_bounds(analysis)


def test_a_drawing_larger_than_allowed_becomes_a_placeholder_that_says_why(antrag_bytes):
    rendering = draw_diagram(parse(antrag_bytes), 0, max_bytes=10_000)

    root = etree.fromstring(rendering.svg)
    assert "bpmn-placeholder" in root.get("class")
    message = (
        "Das Diagramm „Diagram_1“ ist nicht gezeichnet: Die Zeichnung wäre 13 KB groß, "
        "erlaubt sind 10 KB."
    )
    assert root.findtext("s:title", namespaces=NS) == message
    assert [(f.rule, f.message_de) for f in rendering.findings] == [("limit", message)]
    assert rendering.elements == 0


def test_every_hostile_file_is_analysed_in_bounded_memory_and_time():
    # GIVEN a process that may use at most 1.5 GiB of address space and 30 s of CPU
    script = (
        "import json, sys\n"
        f"sys.path[:0] = [{str(ROOT)!r}, {str(Path(__file__).parent)!r}]\n"
        "from hostile import HOSTILE\n"
        "from modelle.bpmn import BpmnError\n"
        "from modelle.bpmn.analyse import analyse\n"
        "for name, build in HOSTILE.items():\n"
        "    try:\n"
        "        analysis = analyse(build())\n"
        "        analysis.thumbnail()\n"
        "        print(json.dumps([name, 'ok']), flush=True)\n"
        "    except BpmnError as exc:\n"
        "        print(json.dumps([name, exc.code]), flush=True)\n"
    )

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1536 * 1024 * 1024,) * 2)
        resource.setrlimit(resource.RLIMIT_CPU, (30, 30))

    # WHEN it analyses every hostile file and draws its thumbnail
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        preexec_fn=limit,
        timeout=300,
        check=False,
    )

    # THEN it completes: each file analysed, or refused by parse with a reason
    assert done.returncode == 0, done.stderr[-2000:]
    outcomes = dict(json.loads(line) for line in done.stdout.splitlines())
    assert outcomes == {
        name: "too_many_elements" if name in ("many_tasks", "tiny_elements") else "ok"
        for name in HOSTILE
    }
