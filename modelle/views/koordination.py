"""The coordination's view of the programme's results."""

from __future__ import annotations

import csv
import io

from django.shortcuts import render
from django.utils import timezone

from kommunen import permissions
from prozessbibliothek.downloads import download
from prozessbibliothek.fehler import NichtGefunden

from ..ergebnisse import als_csv_zeilen, programm_ergebnisse


def _nur_koordination(request) -> None:
    if not permissions.ist_koordination(request.user):
        raise NichtGefunden()


def ergebnisse(request):
    _nur_koordination(request)
    return render(
        request, "modelle/koordination_ergebnisse.html", {"ergebnisse": programm_ergebnisse()}
    )


def ergebnisse_csv(request):
    _nur_koordination(request)
    puffer = io.StringIO()
    # Semicolons and a BOM: what German Excel opens without an import dialogue.
    puffer.write("\ufeff")
    csv.writer(puffer, delimiter=";").writerows(als_csv_zeilen(programm_ergebnisse()))
    return download(
        puffer.getvalue().encode("utf-8"),
        content_type="text/csv; charset=utf-8",
        dateiname=f"programm-ergebnisse-{timezone.localdate():%Y-%m-%d}.csv",
    )
