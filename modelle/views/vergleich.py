"""Comparison pages: two versions of one model, or any two versions the user may see."""

from __future__ import annotations

from django.shortcuts import render

from .. import selectors
from ..diagramm import diagramm_kontext
from ..vergleich import vergleichen


def _nummer(wert) -> int | None:
    try:
        return int(wert)
    except (TypeError, ValueError):
        return None


def _seite(request, alt, neu, *, versionen=None, modell=None):
    ergebnis = vergleichen(alt, neu)
    return render(
        request,
        "modelle/vergleich.html",
        {
            "alt": alt,
            "neu": neu,
            "modell": modell,
            "versionen": versionen,
            "vergleich": ergebnis,
            # Both pictures in the viewer; drawn by our renderer as element trees.
            "viewer_alt": diagramm_kontext(
                zeichnungen=[(alt.modell.titel, ergebnis.svg_alt)],
                befunde=[],
                elemente=alt.elemente,
                praefix="alt",
            ),
            "viewer_neu": diagramm_kontext(
                zeichnungen=[(neu.modell.titel, ergebnis.svg_neu)],
                befunde=[],
                elemente=neu.elemente,
                praefix="neu",
            ),
        },
    )


def modell_vergleich(request, uuid):
    """?a=1&b=3 — without them the newest visible version against the one before it."""
    modell = selectors.modell_fuer(request.user, uuid)
    versionen = list(selectors.versionen_des_modells(request.user, modell))
    nummern = [v.nummer for v in versionen]
    b = _nummer(request.GET.get("b")) or (nummern[0] if nummern else None)
    a = _nummer(request.GET.get("a")) or next((n for n in nummern if b and n < b), b)
    neu = selectors.version_fuer(request.user, uuid, b)
    alt = selectors.version_fuer(request.user, uuid, a)
    return _seite(request, alt, neu, versionen=versionen, modell=modell)


def vergleich(request):
    """?a=<version uuid>&b=<version uuid>: variants of one service, or a copy and its origin."""
    alt = selectors.version_nach_uuid(request.user, request.GET.get("a"))
    neu = selectors.version_nach_uuid(request.user, request.GET.get("b"))
    return _seite(request, alt, neu)
