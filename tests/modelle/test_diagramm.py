"""diagramm_kontext: what the diagram viewer fragment gets from drawings, findings and elements."""

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from modelle.bpmn import Finding
from modelle.diagramm import diagramm_kontext

ELEMENTE = {
    "A": {"name": "Antrag prüfen", "typ": "Benutzeraufgabe", "doku": ""},
    "G": {"name": "", "typ": "Exklusives Gateway", "doku": ""},
}
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><title>x</title></svg>'


def test_befunde_fehler_zuerst_mit_elementnamen():
    kontext = diagramm_kontext(
        zeichnungen=[("Haupt", SVG)],
        befunde=[
            Finding("superfluous-gateway", "warning", "G", "Überflüssig.", 3),
            {
                "rule": "label-required",
                "severity": "error",
                "element_id": "A",
                "message_de": "Name fehlt.",
                "line": 9,
            },
            Finding("xsd", "error", None, "Schemafehler.", 1),
        ],
        elemente=ELEMENTE,
    )
    assert [(b["rule"], b["name"]) for b in kontext["befunde"]] == [
        ("xsd", ""),
        ("label-required", "Antrag prüfen"),
        ("superfluous-gateway", ""),
    ]
    assert kontext["praefix"] == "dv"


def test_svg_wird_als_markup_eingesetzt():
    kontext = diagramm_kontext(zeichnungen=[("Haupt", SVG)], befunde=[], elemente={})
    bild = kontext["diagramme"][0]
    assert bild.name == "Haupt"
    assert isinstance(bild.svg, SafeString)
    assert bild.svg == SVG.decode()


def test_zwei_viewer_auf_einer_seite_haben_eigene_ids():
    html = "".join(
        render_to_string(
            "modelle/fragment_diagramm.html",
            diagramm_kontext(
                zeichnungen=[("Eins", SVG), ("Zwei", SVG)],
                befunde=[],
                elemente=ELEMENTE,
                praefix=p,
            ),
        )
        for p in ("alt", "neu")
    )
    for p in ("alt", "neu"):
        assert f'id="{p}"' in html
        assert f'<select id="{p}-wahl"' in html
        assert f'aria-describedby="{p}-hinweis"' in html
        assert f'<script id="{p}-elemente" type="application/json">' in html
