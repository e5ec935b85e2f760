"""All variants of one service (Leistungsschlüssel) across Kommunen, side by side."""

from __future__ import annotations

import re

from django.shortcuts import render

from prozessbibliothek.fehler import NichtGefunden

from .. import selectors


def _kennzahlen(version) -> dict:
    k = version.kennzahlen or {}
    return {
        "schritte": k.get("counts", {}).get("tasks", {}).get("total", 0)
        + k.get("counts", {}).get("sub_processes", {}).get("total", 0),
        "lanes": k.get("lanes", 0),
        "uebergaben": k.get("handovers", 0),
        "cfc": k.get("cfc", 0),
        "pfad": k.get("longest_path", 0),
        "schleifen": k.get("loops"),
    }


def leistung(request, schluessel: str):
    if not re.fullmatch(r"\d{14}", schluessel):
        raise NichtGefunden()
    varianten = [
        {"modell": m, "version": v, **_kennzahlen(v)}
        for m, v in selectors.varianten(request.user, schluessel)
    ]
    titel = max((v["modell"].titel for v in varianten), key=len, default="")
    return render(
        request,
        "modelle/leistung.html",
        {"schluessel": schluessel, "varianten": varianten, "titel": titel},
    )
