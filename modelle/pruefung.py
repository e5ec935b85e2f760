"""Checking an uploaded BPMN file without storing it: what the worker will say about a version.

Pure read: nothing is written, so a Redakteur can try a file before putting it into the register.
"""

from __future__ import annotations

from dataclasses import dataclass

from .bpmn import BpmnError, Finding
from .bpmn.analyse import Analysis, analyse

MAX_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class Pruefergebnis:
    analyse: Analysis
    # element id -> {"name", "typ", "doku"} for the viewer's details panel
    elemente: dict[str, dict[str, str]]

    @property
    def befunde(self) -> list[Finding]:
        return self.analyse.findings

    @property
    def kennzahlen(self) -> dict:
        return self.analyse.metrics.as_dict()

    @property
    def fehler(self) -> int:
        return self.analyse.errors

    @property
    def warnungen(self) -> int:
        return self.analyse.warnings

    @property
    def zeichnungen(self) -> list[tuple[str, bytes]]:
        """(name, SVG with findings marked) of every diagram of the file, in file order."""
        return [(d.name, d.svg) for d in self.analyse.drawings]


def modell_pruefen(data: bytes) -> Pruefergebnis:
    """Parse, validate against the XSDs, lint and measure; draw every diagram with findings marked.

    Raises BpmnError (with a German message) for files that are no usable BPMN.
    """
    if len(data) > MAX_BYTES:
        raise BpmnError("too_large", "Die Datei ist größer als 10 MiB.")
    ergebnis = analyse(data)
    return Pruefergebnis(analyse=ergebnis, elemente=ergebnis.elements)
