"""GIVEN the process text of a model WHEN the fragment renders it THEN it is nested ordered lists
with headings, every "weiter bei Schritt n" links to that step's anchor, two texts on one page keep
their ids apart, and even the deepest allowed nesting renders."""

import re
from pathlib import Path

from django.template.loader import render_to_string

from modelle.bpmn import parse
from modelle.bpmn.ablauf import ablauf

DATEN = Path(__file__).parent / "bpmn" / "data" / "ablauf"
NS = 'xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"'


def _html(name: str, prefix: str | None = None, **kwargs) -> str:
    daten = ablauf(parse((DATEN / name).read_bytes()), **kwargs).as_dict()
    return render_to_string("modelle/fragment_ablauf.html", {"ablauf": daten, "prefix": prefix})


def _ids(html: str) -> list[str]:
    return re.findall(r'\bid="([^"]+)"', html)


def test_steps_are_numbered_list_items_under_the_pool_heading():
    html = _html("lanes.bpmn", "a")

    assert '<h3 id="a-abschnitt-1">Stadt Musterhausen</h3>' in html
    assert re.findall(r'<li id="a-schritt-(\d+)" value="(\d+)"', html) == [
        ("1", "1"),
        ("2", "2"),
        ("3", "3"),
        ("4", "4"),
    ]
    assert '<span class="ablauf-text">Bürgerbüro: Antrag prüfen (Benutzeraufgabe)</span>' in html
    assert "<table" not in html


def test_loop_back_links_to_the_anchor_of_the_step():
    html = _html("schleife.bpmn", "a")

    link = '<a href="#a-schritt-3">Weiter bei Schritt 3 (Antrag prüfen)</a>'
    assert link in html
    assert 'id="a-schritt-3"' in html
    # the "ja" branch goes straight on, in the middle of a sentence
    assert '<a href="#a-schritt-6">weiter bei Schritt 6 (Antrag vollständig)</a>' in html
    assert '<span class="ablauf-bedingung">Wenn „nein“:</span>' in html


def test_two_texts_on_one_page_have_no_shared_ids():
    erster = _html("schleife.bpmn", "alt")
    zweiter = _html("schleife.bpmn", "neu")

    ids = _ids(erster) + _ids(zweiter)
    assert len(ids) == len(set(ids))
    assert '<a href="#neu-schritt-3">' in zweiter
    # without a prefix the ids still work
    assert 'id="ablauf-schritt-3"' in _html("schleife.bpmn")


def test_sub_process_boundary_and_unconnected_parts_are_rendered():
    teil = _html("teilprozess.bpmn")
    frist = _html("frist.bpmn")
    lose = _html("ohne_verbindung.bpmn")

    assert '<div class="ablauf-teilprozess">' in teil
    assert 'value="4" tabindex="-1">\n    <span class="ablauf-text">Identität prüfen' in teil
    assert (
        "Wenn während „Stellungnahme empfangen“ die Frist abläuft "
        "(Frist verstrichen, 4 Wochen, mit Abbruch):" in frist
    )
    assert "<h4>Weitere Schritte ohne Verbindung zum Start</h4>" in lose


def test_cut_text_carries_the_note():
    html = _html("teilprozess.bpmn", max_steps=3)

    assert "gezeigt werden die ersten 3 Schritte." in html
    assert "weiter bei „Gewerbe eintragen“ (nicht aufgeführt)" not in html
    assert html.count('<li id="ablauf-schritt-') == 3


def test_deepest_nesting_renders_without_exhausting_the_stack():
    parts = ['<startEvent id="s"/><sequenceFlow id="fs" sourceRef="s" targetRef="g0"/>']
    for i in range(200):
        parts.append(f'<exclusiveGateway id="g{i}"/><endEvent id="e{i}"/>')
        parts.append(f'<sequenceFlow id="n{i}" name="nein" sourceRef="g{i}" targetRef="e{i}"/>')
        parts.append(f'<subProcess id="t{i}"><task id="i{i}"/></subProcess>')
        parts.append(f'<sequenceFlow id="j{i}" name="ja" sourceRef="g{i}" targetRef="t{i}"/>')
        nxt = f"g{i + 1}" if i + 1 < 200 else "e"
        parts.append(f'<sequenceFlow id="w{i}" sourceRef="t{i}" targetRef="{nxt}"/>')
    parts.append('<endEvent id="e"/>')
    body = f'<process id="p">{"".join(parts)}</process>'
    doc = parse(f'<definitions {NS} id="d" targetNamespace="t">{body}</definitions>'.encode())
    daten = ablauf(doc).as_dict()

    html = render_to_string("modelle/fragment_ablauf.html", {"ablauf": daten})

    assert html.count('<li id="ablauf-schritt-') == daten["step_count"] == 802
