"""Context for the diagram viewer (`templates/modelle/fragment_diagramm.html`).

One place turns drawings, findings and element information into what the fragment renders, so
the check page, the model page and the version comparison show diagrams the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.utils.safestring import SafeString, mark_safe

from .bpmn import Finding


@dataclass(frozen=True)
class Diagrammbild:
    name: str
    svg: SafeString


def _als_dict(befund: Finding | Mapping) -> dict:
    return befund.as_dict() if isinstance(befund, Finding) else dict(befund)


def diagramm_kontext(
    *,
    zeichnungen: Iterable[tuple[str, bytes | str]],
    befunde: Iterable[Finding | Mapping],
    elemente: Mapping[str, Mapping[str, str]],
    praefix: str = "dv",
) -> dict:
    """Template context of one viewer.

    `zeichnungen` are (name, svg) pairs made by `modelle.bpmn.render` (directly or via
    `analyse()`): an element tree serialised by lxml, labels as text nodes — only such SVG may be
    passed here, because it is put into the page as markup. `befunde` are findings (objects or
    their dicts, e.g. from a version's stored JSON); they come back as dicts, errors first, each
    with the element's `name` from `elemente` (see `modelle.bpmn.elemente.element_info`).
    `praefix` makes the viewer's ids unique when a page shows two viewers.
    """
    diagramme = []
    for name, svg in zeichnungen:
        text = svg.decode("utf-8") if isinstance(svg, bytes) else svg
        diagramme.append(Diagrammbild(name, mark_safe(text)))
    zeilen = []
    for b in map(_als_dict, befunde):
        info = elemente.get(b.get("element_id") or "") or {}
        zeilen.append({**b, "name": info.get("name", "")})
    zeilen.sort(key=lambda b: (b.get("severity") != "error", b.get("line") or 0))
    return {"diagramme": diagramme, "befunde": zeilen, "elemente": elemente, "praefix": praefix}
