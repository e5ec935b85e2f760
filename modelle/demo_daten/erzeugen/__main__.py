"""Write the demo BPMN files: ``.venv/bin/python -m modelle.demo_daten.erzeugen [--png DIR]``.

Run by hand after changing a process description; the output is committed. For every file it
prints XSD and lint findings and layout problems, so a flaw that is not meant to be there shows
up before the file is committed. With ``--png`` each diagram is also drawn to DIR for a look.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lxml import etree

from modelle.bpmn import lint, parse, validate_schema
from modelle.bpmn.render import png, svg

from .prozesse import MODELLE
from .pruefen import probleme
from .xml import to_xml

ZIEL = Path(__file__).resolve().parent.parent / "modelle"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m modelle.demo_daten.erzeugen")
    parser.add_argument("--png", metavar="DIR", help="Diagramme zusätzlich als PNG hierhin")
    parser.add_argument("nur", nargs="*", help="nur diese Modelle (Slugs)")
    args = parser.parse_args(argv)
    bilder = Path(args.png) if args.png else None
    if bilder:
        bilder.mkdir(parents=True, exist_ok=True)
    schlecht = 0
    for slug, (bauen, versionen) in MODELLE.items():
        if args.nur and slug not in args.nur:
            continue
        for v in range(1, versionen + 1):
            modell = bauen(v).layout()
            data = to_xml(modell)
            datei = ZIEL / slug / f"v{v}.bpmn"
            datei.parent.mkdir(parents=True, exist_ok=True)
            datei.write_bytes(data)
            doc = parse(data)
            befunde = validate_schema(doc) + lint(doc)
            knoten = len(modell.nodes)
            print(f"{datei.relative_to(ZIEL)}: {knoten} Knoten, {len(befunde)} Befunde")
            for b in befunde:
                print(f"    {b.severity} {b.rule} {b.element_id}: {b.message_de}")
            for p in probleme(modell):
                print(f"    Layout: {p}")
                schlecht += 1
            if any(b.rule == "xsd" for b in befunde):
                schlecht += 1
            if bilder:
                bild = svg(doc)
                breite = min(int(float(etree.fromstring(bild).get("width"))), 3200)
                (bilder / f"{slug}-v{v}.png").write_bytes(png(bild, breite))
    return 1 if schlecht else 0


if __name__ == "__main__":
    sys.exit(main())
