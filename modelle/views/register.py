"""Pages for putting models into the register: upload, "Meine Modelle", the live status."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from prozessbibliothek.fehler import KeineBerechtigung, NichtGefunden
from schulungen.models import Kohorte

from .. import eingang, selectors, services
from ..forms import HochladenForm


def _kommunen_zum_hochladen(user):
    kommunen = selectors.kommunen_zum_hochladen(user)
    if not kommunen.exists():
        raise KeineBerechtigung(
            _(
                "Modelle in die Bibliothek bringen dürfen Redaktion und Verwaltung einer "
                "Mitgliedskommune. Bitten Sie Ihre Kommunen-Verwaltung um diese Rolle."
            )
        )
    return kommunen


def _kohorten(kommunen) -> list:
    ids = set()
    for kommune in kommunen:
        ids.update(selectors.kohorten_der_kommune(kommune).values_list("pk", flat=True))
    return Kohorte.objects.filter(pk__in=ids).order_by("-jahr", "name")


@login_required
def hochladen(request):
    """One or many BPMN files or ZIP archives; each file becomes a model of the chosen Kommune."""
    kommunen = _kommunen_zum_hochladen(request.user)
    form = HochladenForm(
        request.POST or None,
        request.FILES or None,
        kommunen=kommunen,
        kohorten=_kohorten(kommunen),
    )
    context: dict = {"form": form}
    status = 200
    if request.method == "POST":
        if form.is_valid():
            dateien = [(f.name, f, f.size) for f in form.cleaned_data["dateien"]]
            gut, abgelehnt, uebergangen = eingang.hochgeladene_pruefen(dateien)
            try:
                ergebnisse = services.modelle_aus_dateien_anlegen(
                    user=request.user,
                    kommune=form.cleaned_data["kommune"],
                    dateien=gut,
                    metadaten=form.metadaten(),
                )
            except ValidationError as exc:
                form.add_error(None, exc)
                ergebnisse = []
            for a in abgelehnt:
                form.add_error("dateien", f"„{a.dateiname}“: {a.meldung}")
            for e in ergebnisse:
                if e.fehler:
                    form.add_error("dateien", f"„{e.datei.name}“: {e.fehler}")
            angelegt = [e for e in ergebnisse if e.version]
            context.update(angelegt=angelegt, uebergangen=uebergangen, gesendet=True)
            if not angelegt:
                status = 400
        else:
            status = 400
    return render(request, "modelle/hochladen.html", context, status=status)


@login_required
def meine_modelle(request):
    """The models of the user's Kommune (one of them, if several), newest change first."""
    kommunen = list(selectors.eigene_kommunen(request.user))
    if not kommunen:
        return render(request, "kommunen/keine_mitgliedschaft.html")
    slug = request.GET.get("kommune")
    kommune = next((k for k in kommunen if k.slug == slug), None) if slug else kommunen[0]
    if kommune is None:
        raise NichtGefunden()
    seite = Paginator(selectors.modelle_der_kommune(request.user, kommune), 24).get_page(
        request.GET.get("seite")
    )
    return render(
        request,
        "modelle/meine.html",
        {
            "kommune": kommune,
            "kommunen": kommunen,
            "seite": seite,
            "darf_hochladen": selectors.kommunen_zum_hochladen(request.user)
            .filter(pk=kommune.pk)
            .exists(),
        },
    )


def anzeige(v) -> str:
    """'geprüft, mit Hinweisen · 2 Warnungen' — the same words as the page's badge."""
    teile = [str(v.get_verarbeitung_display())]
    if v.ist_fertig and v.fehler_anzahl:
        teile.append(
            ngettext("%(n)s Fehler", "%(n)s Fehler", v.fehler_anzahl) % {"n": v.fehler_anzahl}
        )
    if v.ist_fertig and v.warnungen_anzahl:
        teile.append(
            ngettext("%(n)s Warnung", "%(n)s Warnungen", v.warnungen_anzahl)
            % {"n": v.warnungen_anzahl}
        )
    return " · ".join(teile)


def verarbeitung_status(request):
    """Live status of versions (?v=<uuid>&v=…) for the pages that show it; visible ones only."""
    versionen = selectors.versionen_nach_uuid(request.user, request.GET.getlist("v"))
    antwort = JsonResponse(
        {
            "versionen": [
                {
                    "uuid": str(v.uuid),
                    "titel": v.modell.titel,
                    "verarbeitung": v.verarbeitung,
                    "anzeige": anzeige(v),
                    "fertig": v.ist_fertig,
                    "fehler": v.fehler_anzahl,
                    "warnungen": v.warnungen_anzahl,
                    "grund": v.verarbeitung_grund,
                }
                for v in versionen
            ]
        }
    )
    antwort["Cache-Control"] = "private, no-store"
    return antwort
