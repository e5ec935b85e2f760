"""Checking an uploaded BPMN file without storing it: what the worker will say about a version.

Pure read: nothing is written, so a Redakteur can try a file before putting it into the register.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from . import eingang
from .bpmn import BpmnError, Finding
from .bpmn.analyse import Analysis, analyse


@dataclass(frozen=True)
class Pruefergebnis:
    dateiname: str
    daten: bytes
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


def modell_pruefen(hochgeladen) -> Pruefergebnis:
    """Check one uploaded file (Django's UploadedFile) as the worker will: parse, validate against
    the XSDs, lint and measure; draw every diagram with findings marked.

    Raises `eingang.Abgelehnt` naming the file, with the messages an upload gets. The file is
    parsed once, by `analyse`; `eingang.datei_pruefen` would parse it a second time.
    """
    if hochgeladen.size > eingang.MAX_DATEI:
        # The one upload entry refuses it with its size, without reading it.
        eingang.hochgeladene_datei(hochgeladen)
    name = eingang.anzeigename(hochgeladen.name)
    daten = hochgeladen.read(eingang.MAX_DATEI + 1)  # a larger file is refused by `parse`
    try:
        ergebnis = analyse(daten)
    except BpmnError as exc:
        zeile = _(" (Zeile %(z)s)") % {"z": exc.line} if exc.line else ""
        raise eingang.Abgelehnt(name, f"{exc.message_de}{zeile}", code=exc.code) from None
    return Pruefergebnis(dateiname=name, daten=daten, analyse=ergebnis, elemente=ergebnis.elements)
