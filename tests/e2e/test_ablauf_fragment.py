"""The process text in a real browser: axe-core clean, no page scroll at 390 px even when nested as
deep as it goes, and "weiter bei Schritt 3" takes keyboard focus to step 3."""

from pathlib import Path

import pytest
from django.template.loader import render_to_string

from modelle.bpmn import parse
from modelle.bpmn.ablauf import MAX_DEPTH, ablauf

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
DATEN = ROOT / "tests" / "modelle" / "bpmn" / "data" / "ablauf"
NS = 'xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"'


def _tief() -> bytes:
    """Decisions nested deeper than the text nests, each "ja" inside a sub-process."""
    parts = ['<startEvent id="s"/><sequenceFlow id="fs" sourceRef="s" targetRef="g0"/>']
    n = MAX_DEPTH + 4
    for i in range(n):
        parts.append(f'<exclusiveGateway id="g{i}" name="Sind alle Unterlagen da? ({i})"/>')
        parts.append(f'<endEvent id="e{i}" name="Antragsverfahrenseinstellungsmitteilung {i}"/>')
        parts.append(f'<sequenceFlow id="n{i}" name="nein" sourceRef="g{i}" targetRef="e{i}"/>')
        nxt = f"g{i + 1}" if i + 1 < n else "e"
        parts.append(f'<sequenceFlow id="j{i}" name="ja" sourceRef="g{i}" targetRef="{nxt}"/>')
    parts.append('<endEvent id="e" name="Fertig"/>')
    body = f'<process id="p" name="Tief">{"".join(parts)}</process>'
    return f'<definitions {NS} id="d" targetNamespace="t">{body}</definitions>'.encode()


def _seite() -> str:
    teile = []
    for prefix, daten in (
        ("a", (DATEN / "schleife.bpmn").read_bytes()),
        ("b", (DATEN / "nachrichten.bpmn").read_bytes()),
        ("c", (DATEN / "frist.bpmn").read_bytes()),
        ("d", _tief()),
    ):
        kontext = {"ablauf": ablauf(parse(daten)).as_dict(), "prefix": prefix}
        fragment = render_to_string("modelle/fragment_ablauf.html", kontext)
        teile.append(f"<h2>Ablauf {prefix}</h2>{fragment}")
    css = (ROOT / "static" / "css" / "site.css").read_text("utf-8")
    return (
        '<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Ablauf als Text</title><style>{css}</style></head>"
        f'<body><main class="wrap"><h1>Ablauf als Text</h1>{"".join(teile)}</main></body></html>'
    )


def test_ablauf_ist_barrierefrei_schmal_und_per_tastatur_bedienbar(
    neuer_kontext, pruefe_barrierefreiheit
):
    page = neuer_kontext().new_page()
    page.set_viewport_size({"width": 390, "height": 800})
    page.set_content(_seite())

    pruefe_barrierefreiheit(page)
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 390

    link = page.get_by_role("link", name="Weiter bei Schritt 3 (Antrag prüfen)")
    link.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "a-schritt-3"
    assert page.evaluate("location.hash") == "#a-schritt-3"
