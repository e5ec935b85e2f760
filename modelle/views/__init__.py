"""Pages of the register. Thin: check input, call one service or selector, render."""

from .diskussion import kommentar_bearbeiten, kommentar_loeschen, kommentar_schreiben
from .freigabe import archivieren, freigeben, wiederherstellen, zur_pruefung, zurueckgeben
from .katalog import katalog
from .koordination import ergebnisse, ergebnisse_csv
from .leistung import leistung
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
from .nachnutzung import nachnutzen
from .pruefen import pruefen, uebernehmen
from .register import hochladen, meine_modelle, verarbeitung_status
from .vergleich import modell_vergleich, vergleich

__all__ = [
    "archivieren",
    "bild_herunterladen",
    "datei_herunterladen",
    "ergebnisse",
    "ergebnisse_csv",
    "freigeben",
    "hochladen",
    "katalog",
    "kommentar_bearbeiten",
    "kommentar_loeschen",
    "kommentar_schreiben",
    "leistung",
    "meine_modelle",
    "modell_bearbeiten",
    "modell_detail",
    "modell_vergleich",
    "nachnutzen",
    "pruefen",
    "svg_herunterladen",
    "uebernehmen",
    "verarbeitung_status",
    "vergleich",
    "version_detail",
    "version_neu",
    "vorschau",
    "wiederherstellen",
    "zur_pruefung",
    "zurueckgeben",
]
