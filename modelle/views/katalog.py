"""The catalog page: search, filters with counts, orderings, pages — all in the URL."""

from __future__ import annotations

from django.contrib import messages
from django.http import QueryDict
from django.shortcuts import render

from .. import suche


def _link(anfrage: suche.Suchanfrage, **aenderung) -> str:
    """The query string of this search with some parameters changed ('' drops one)."""
    werte = {
        "q": anfrage.q,
        "regierungsbezirk": anfrage.regierungsbezirk,
        "kreis": anfrage.kreis,
        "kommune": anfrage.kommune,
        "kategorie": anfrage.kategorie,
        "lizenz": anfrage.lizenz,
        "kohorte": str(anfrage.kohorte or ""),
        "befunde": {True: "ja", False: "nein"}.get(anfrage.befunde, ""),
        "sortierung": anfrage.sortierung,
    }
    werte.update(aenderung)
    query = QueryDict(mutable=True)
    for name, wert in werte.items():
        if wert not in ("", None, 1):
            query[name] = str(wert)
    return "?" + query.urlencode() if query else "?"


def katalog(request):
    """All models the visitor may see, searchable; the same parameters as the API list."""
    anfrage, fehler = suche.Suchanfrage.aus_parametern(request.GET)
    for meldung in fehler.values():
        messages.error(request, meldung)
    ergebnis = suche.katalog(request.user, anfrage)
    a = ergebnis.anfrage
    gewaehlt = [
        (f, _link(a, **{f.name: ""}, **({"kreis": "", "kommune": ""} if f.name == "regierungsbezirk"
                                         else {"kommune": ""} if f.name == "kreis" else {})))
        for f in ergebnis.facetten
        if f.gewaehlt
    ]  # fmt: skip
    return render(
        request,
        "modelle/katalog.html",
        {
            "ergebnis": ergebnis,
            "anfrage": a,
            "sortierungen": suche.SORTIERUNGEN,
            "gewaehlt": gewaehlt,
            "zurueck": _link(a, seite=a.seite - 1) if a.seite > 1 else "",
            "weiter": _link(a, seite=a.seite + 1) if a.seite < ergebnis.seiten else "",
        },
    )
