"""Findings (rule "limit") for what the drawing bounds cut, with German messages."""

from __future__ import annotations

from collections.abc import Iterable

from ..errors import Finding
from ..limits import (
    DIAGRAM_TEXT_CHARS,
    DIAGRAM_TEXT_LINES,
    EDGE_WAYPOINTS,
    LABEL_CHARS,
    LABEL_LINES,
    LIMIT_FINDINGS_PER_KIND,
    LIMIT_RULE,
    number_de,
)
from .model import Edge


def limit(message: str, element_id: str | None = None) -> Finding:
    return Finding(LIMIT_RULE, "warning", element_id, message)


def _size(value: int) -> str:
    if value < 1024 * 1024:
        return f"{number_de(round(value / 1024))} KB"
    return f"{value / 1024 / 1024:.1f}".replace(".", ",") + " MB"


def _per_element(ids: Iterable[str], message: str, rest: str) -> list[Finding]:
    """One finding per element, the first LIMIT_FINDINGS_PER_KIND of them, then one for the rest."""
    unique = list(dict.fromkeys(ids))
    found = [limit(message, ident or None) for ident in unique[:LIMIT_FINDINGS_PER_KIND]]
    if len(unique) > LIMIT_FINDINGS_PER_KIND:
        found.append(limit(rest.format(number_de(len(unique) - LIMIT_FINDINGS_PER_KIND))))
    return found


def cut_findings(cuts: dict[str, list[str]], diagram: str, edges: list[Edge]) -> list[Finding]:
    """Findings for shortened and left-out labels and cut edges of the diagram named `diagram`."""
    findings = _per_element(
        cuts.get("label", ()),
        f"Im Diagramm „{diagram}“ ist die Beschriftung gekürzt: Gezeichnet werden höchstens "
        f"{number_de(LABEL_CHARS)} Zeichen und {LABEL_LINES} Zeilen je Beschriftung.",
        f"… und {{}} weitere gekürzte Beschriftungen im Diagramm „{diagram}“.",
    )
    findings += _per_element(
        cuts.get("text", ()),
        f"Im Diagramm „{diagram}“ ist die Beschriftung nicht gezeichnet: Ein Diagramm zeigt "
        f"höchstens {number_de(DIAGRAM_TEXT_CHARS)} Zeichen und "
        f"{number_de(DIAGRAM_TEXT_LINES)} Zeilen Beschriftung.",
        f"… und {{}} weitere nicht gezeichnete Beschriftungen im Diagramm „{diagram}“.",
    )
    long_edges = [e for e in edges if e.waypoints > EDGE_WAYPOINTS]
    for e in long_edges[:LIMIT_FINDINGS_PER_KIND]:
        findings.append(
            limit(
                f"Im Diagramm „{diagram}“ hat die Verbindung {number_de(e.waypoints)} "
                f"Wegpunkte; gezeichnet sind die ersten {EDGE_WAYPOINTS - 1} und der letzte.",
                e.id or None,
            )
        )
    if len(long_edges) > LIMIT_FINDINGS_PER_KIND:
        rest = number_de(len(long_edges) - LIMIT_FINDINGS_PER_KIND)
        findings.append(limit(f"… und {rest} weitere Verbindungen im Diagramm „{diagram}“ mit "
                              "zu vielen Wegpunkten."))  # fmt: skip
    return findings


def elements_cut(diagram: str, drawn: int, total: int) -> Finding:
    if not drawn:
        return limit(
            f"Das Diagramm „{diagram}“ ist nicht gezeichnet: Die Datei hat schon so viele "
            f"Elemente in anderen Diagrammen gezeichnet, wie eine Datei zeigen kann."
        )
    return limit(
        f"Im Diagramm „{diagram}“ sind nur {number_de(drawn)} von {number_de(total)} Elementen "
        "gezeichnet; mehr zeigt ein Diagramm nicht."
    )


def svg_too_large(diagram: str, size: int, allowed: int) -> Finding:
    return limit(
        f"Das Diagramm „{diagram}“ ist nicht gezeichnet: Die Zeichnung wäre {_size(size)} groß, "
        f"erlaubt sind {_size(allowed)}."
    )
