"""Review page: our SVG next to the MIWG reference picture of every reference model."""

from __future__ import annotations

import shutil
from pathlib import Path

from lxml import etree
from lxml.html import builder as E

from ..errors import BpmnError
from ..parse import parse
from .draw import diagrams, svg

_CSS = """
body { font-family: Roboto, Arial, sans-serif; margin: 1rem; }
section { border-top: 2px solid #999; padding: 0.5rem 0 1.5rem; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; align-items: start; }
figure { margin: 0; border: 1px solid #ccc; padding: 0.5rem; }
figure img { width: 100%; height: auto; }
figcaption { font-size: 0.9rem; color: #444; margin-bottom: 0.3rem; }
.error { color: #a00; }
"""


def reference_dir(corpus: Path) -> Path:
    """Accept the corpus dir, its miwg dir, or the Reference dir itself."""
    for candidate in (corpus / "miwg" / "Reference", corpus / "Reference", corpus):
        if candidate.is_dir() and any(candidate.glob("*.bpmn")):
            return candidate
    raise FileNotFoundError(f"no MIWG Reference directory with .bpmn files under {corpus}")


def _reference_png(ref_dir: Path, stem: str, index: int, count: int) -> Path | None:
    names = [f"{stem}.{index + 1}.png"] if count > 1 else [f"{stem}.png"]
    if count > 1 and index == 0:
        names.append(f"{stem}.png")
    for name in names:
        if (ref_dir / name).is_file():
            return ref_dir / name
    return None


def _figure(caption: str, src: str | None, alt: str) -> etree._Element:
    if src is None:
        return E.FIGURE(E.FIGCAPTION(caption), E.P("kein Bild vorhanden", E.CLASS("error")))
    return E.FIGURE(E.FIGCAPTION(caption), E.A(E.IMG(src=src, alt=alt, loading="lazy"), href=src))


def build(corpus: Path, out_dir: Path) -> Path:
    """Write out_dir/index.html with svg/ and ref/ beside it; return the page's path."""
    ref_dir = reference_dir(corpus)
    (out_dir / "svg").mkdir(parents=True, exist_ok=True)
    (out_dir / "ref").mkdir(parents=True, exist_ok=True)
    sections = []
    for bpmn in sorted(ref_dir.glob("*.bpmn")):
        stem = bpmn.stem
        section = E.SECTION(E.H2(stem), id=stem)
        sections.append(section)
        try:
            doc = parse(bpmn.read_bytes())
        except BpmnError as exc:
            section.append(E.P(f"Nicht lesbar: {exc.message_de}", E.CLASS("error")))
            continue
        names = diagrams(doc) or ["(keine Diagrammdaten)"]
        for i, name in enumerate(names):
            ours = f"svg/{stem}.{i + 1}.svg" if len(names) > 1 else f"svg/{stem}.svg"
            (out_dir / ours).write_bytes(svg(doc, i) if diagrams(doc) else svg(doc))
            ref = _reference_png(ref_dir, stem, i, len(names))
            ref_src = None
            if ref is not None:
                ref_src = f"ref/{ref.name}"
                shutil.copyfile(ref, out_dir / ref_src)
            section.append(E.H3(f"Diagramm {i + 1}: {name}"))
            section.append(
                E.DIV(
                    _figure("unser SVG", ours, f"{stem} {name}, gerendert"),
                    _figure(f"Referenz {ref.name if ref else ''}", ref_src, f"{stem} Referenz"),
                    E.CLASS("pair"),
                )
            )
    page = E.HTML(
        E.HEAD(
            E.META(charset="utf-8"),
            E.TITLE("MIWG-Referenzmodelle: Darstellung im Vergleich"),
            E.STYLE(_CSS),
        ),
        E.BODY(
            E.H1("MIWG-Referenzmodelle: unser SVG neben dem Referenzbild"),
            E.P(f"Quelle: {ref_dir}"),
            E.NAV(E.UL(*[E.LI(E.A(s.get("id"), href=f"#{s.get('id')}")) for s in sections])),
            *sections,
        ),
        lang="de",
    )
    target = out_dir / "index.html"
    target.write_bytes(
        etree.tostring(page, method="html", encoding="utf-8", doctype="<!DOCTYPE html>")
    )
    return target
