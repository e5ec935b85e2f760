"""Pages of the register. Thin: check input, call one service or selector, render."""

from .modell import (
    bild_herunterladen,
    datei_herunterladen,
    modell_bearbeiten,
    modell_detail,
    svg_herunterladen,
    version_detail,
    version_neu,
    vorschau,
)
from .pruefen import pruefen
from .register import hochladen, meine_modelle, verarbeitung_status

__all__ = [
    "bild_herunterladen",
    "datei_herunterladen",
    "hochladen",
    "meine_modelle",
    "modell_bearbeiten",
    "modell_detail",
    "pruefen",
    "svg_herunterladen",
    "verarbeitung_status",
    "version_detail",
    "version_neu",
    "vorschau",
]
