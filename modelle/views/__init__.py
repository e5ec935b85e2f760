"""Pages of the register. Thin: check input, call one service or selector, render."""

from .freigabe import archivieren, freigeben, wiederherstellen, zur_pruefung, zurueckgeben
from .katalog import katalog
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
    "archivieren",
    "bild_herunterladen",
    "datei_herunterladen",
    "freigeben",
    "hochladen",
    "katalog",
    "meine_modelle",
    "modell_bearbeiten",
    "modell_detail",
    "pruefen",
    "svg_herunterladen",
    "verarbeitung_status",
    "version_detail",
    "version_neu",
    "vorschau",
    "wiederherstellen",
    "zur_pruefung",
    "zurueckgeben",
]
