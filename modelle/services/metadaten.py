"""The descriptive fields of a model, checked in one place for every way in (page, API, import)."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kommunen.models import Kommune

from ..models import Kategorie, Lizenz, Sichtbarkeit
from ..selectors import kohorten_der_kommune

MAX_SCHLAGWORTE = 20
MAX_SCHLAGWORT = 50
_LAENGEN = {"titel": 200, "beschreibung": 5000, "ansprechperson": 200}
_AUSWAHL = {"kategorie": Kategorie, "lizenz": Lizenz, "sichtbarkeit": Sichtbarkeit}
FELDER = (
    "titel",
    "beschreibung",
    "leistungsschluessel",
    "kategorie",
    "schlagworte",
    "ansprechperson",
    "lizenz",
    "sichtbarkeit",
    "kohorte",
)


def schlagworte_lesen(wert) -> list[str]:
    """Keywords from a list or a comma/semicolon separated text; trimmed, unique, bounded."""
    teile = wert if isinstance(wert, list | tuple) else re.split(r"[,;\n]", str(wert or ""))
    ergebnis: list[str] = []
    for teil in teile:
        wort = " ".join(str(teil).split())
        if wort and wort.lower() not in {w.lower() for w in ergebnis}:
            ergebnis.append(wort)
    return ergebnis


def metadaten_pruefen(daten: dict, *, kommune: Kommune, teilweise: bool = False) -> dict:
    """Cleaned values for the given fields, or `ValidationError` with a German message per field.

    Without `teilweise` the title is required; with it only the given fields are checked.
    """
    fehler: dict[str, str] = {}
    sauber: dict = {}
    unbekannt = set(daten) - set(FELDER)
    if unbekannt:
        raise ValidationError(_("Unbekannte Felder: %(f)s") % {"f": ", ".join(sorted(unbekannt))})
    for feld, wert in daten.items():
        if feld in _LAENGEN:
            text = str(wert or "").strip()
            if feld == "titel":
                text = " ".join(text.split())
            if len(text) > _LAENGEN[feld]:
                fehler[feld] = _("Höchstens %(n)s Zeichen.") % {"n": _LAENGEN[feld]}
            sauber[feld] = text
        elif feld == "leistungsschluessel":
            text = re.sub(r"\s", "", str(wert or ""))
            if text and not re.fullmatch(r"\d{14}", text):
                fehler[feld] = _(
                    "Der Leistungsschlüssel (LeiKa) besteht aus genau 14 Ziffern, "
                    "z. B. 99108001000000."
                )
            sauber[feld] = text
        elif feld in _AUSWAHL:
            if wert not in _AUSWAHL[feld].values:
                fehler[feld] = _("Bitte wählen Sie einen der angebotenen Werte.")
            sauber[feld] = wert
        elif feld == "schlagworte":
            worte = schlagworte_lesen(wert)
            if len(worte) > MAX_SCHLAGWORTE:
                fehler[feld] = _("Höchstens %(n)s Schlagworte.") % {"n": MAX_SCHLAGWORTE}
            elif any(len(w) > MAX_SCHLAGWORT for w in worte):
                fehler[feld] = _("Ein Schlagwort hat höchstens %(n)s Zeichen.") % {
                    "n": MAX_SCHLAGWORT
                }
            sauber[feld] = worte
        elif feld == "kohorte":
            if wert is not None and not kohorten_der_kommune(kommune).filter(pk=wert.pk).exists():
                fehler[feld] = _("%(kommune)s hat an dieser Kohorte nicht teilgenommen.") % {
                    "kommune": kommune.name
                }
            sauber[feld] = wert
    if not teilweise and not sauber.get("titel"):
        fehler.setdefault("titel", _("Bitte geben Sie dem Modell einen Titel."))
    elif "titel" in sauber and not sauber["titel"]:
        fehler["titel"] = _("Bitte geben Sie dem Modell einen Titel.")
    if fehler:
        raise ValidationError(fehler)
    return sauber
