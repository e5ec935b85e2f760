"""Every write about process models and versions. See the modules for the rules they keep."""

from .nachnutzung import nachnutzen
from .register import (
    modell_aendern,
    modell_anlegen,
    modelle_aus_dateien_anlegen,
    version_hochladen,
)
from .verarbeitung import haengende_versionen_einreihen, version_verarbeiten

__all__ = [
    "haengende_versionen_einreihen",
    "modell_aendern",
    "modell_anlegen",
    "modelle_aus_dateien_anlegen",
    "nachnutzen",
    "version_hochladen",
    "version_verarbeiten",
]
