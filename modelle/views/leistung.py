"""All variants of one service (Leistungsschlüssel) across Kommunen, side by side."""

from __future__ import annotations

import re

from django.core.paginator import Paginator
from django.shortcuts import render

from prozessbibliothek.fehler import NichtGefunden

from .. import selectors


def _kennzahlen(v) -> dict:
    return {
        "schritte": (v.k_aufgaben or 0) + (v.k_teilprozesse or 0),
        "lanes": v.k_lanes or 0,
        "uebergaben": v.k_uebergaben or 0,
        "cfc": v.k_cfc or 0,
        "pfad": v.k_pfad or 0,
        "schleifen": v.k_schleifen,
    }


def leistung(request, schluessel: str):
    if not re.fullmatch(r"\d{14}", schluessel):
        raise NichtGefunden()
    seite = Paginator(
        selectors.varianten(request.user, schluessel), selectors.VARIANTEN_PRO_SEITE
    ).get_page(request.GET.get("seite"))
    varianten = [
        {"modell": m, "version": v, **_kennzahlen(v)}
        for m, v in selectors.varianten_mit_versionen(request.user, list(seite.object_list))
    ]
    titel = max((v["modell"].titel for v in varianten), key=len, default="")
    return render(
        request,
        "modelle/leistung.html",
        {"schluessel": schluessel, "varianten": varianten, "titel": titel, "seite": seite},
    )
