"""Modell prüfen: check a file without storing it — and, if it is good, take it into the library."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prozessbibliothek.fehler import NichtGefunden

from .. import ablage, eingang, selectors, services
from ..diagramm import diagramm_kontext
from ..forms import PruefenForm
from ..pruefung import modell_pruefen

# The checked bytes wait this long for "in die Bibliothek übernehmen" (per user, by hash).
BEREIT_SEKUNDEN = 30 * 60


def _bereit(user, sha: str) -> str:
    return f"pruefung:{user.pk}:{sha}"


@login_required
def pruefen(request):
    """Upload a BPMN file and see findings, key figures and the diagrams; nothing is stored."""
    form = PruefenForm(request.POST, request.FILES) if request.method == "POST" else PruefenForm()
    context = {"form": form}
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                ergebnis = modell_pruefen(form.cleaned_data["datei"])
            except eingang.Abgelehnt as exc:
                form.add_error("datei", f"„{exc.dateiname}“: {exc.meldung}")
            else:
                status = 200
                context.update(
                    ergebnis=ergebnis,
                    dateiname=ergebnis.dateiname,
                    **diagramm_kontext(
                        zeichnungen=ergebnis.zeichnungen,
                        befunde=ergebnis.befunde,
                        elemente=ergebnis.elemente,
                        praefix="pruefung",
                    ),
                )
                kommunen = list(selectors.kommunen_zum_hochladen(request.user))
                if kommunen:
                    sha = ablage.sha256(ergebnis.daten)
                    cache.set(
                        _bereit(request.user, sha),
                        (ergebnis.dateiname, ergebnis.daten),
                        BEREIT_SEKUNDEN,
                    )
                    context.update(uebernehmen_sha=sha, uebernehmen_in=kommunen)
    return render(request, "modelle/pruefen.html", context, status=status)


@login_required
@require_POST
def uebernehmen(request):
    """Put the file just checked into the library as a new model of one's own Kommune."""
    kommune = (
        selectors.kommunen_zum_hochladen(request.user)
        .filter(pk=request.POST.get("kommune") or 0)
        .first()
    )
    if kommune is None:
        raise NichtGefunden()
    bereit = cache.get(_bereit(request.user, request.POST.get("sha", "")[:64]))
    if bereit is None:
        messages.error(
            request,
            _("Die geprüfte Datei liegt nicht mehr bereit. Bitte laden Sie sie noch einmal hoch."),
        )
        return redirect("modell_pruefen")
    name, daten = bereit
    try:
        version = services.modell_anlegen(
            user=request.user, kommune=kommune, datei=eingang.datei_pruefen(name, daten)
        )
    except (ValidationError, eingang.Abgelehnt) as exc:
        meldung = exc.meldung if isinstance(exc, eingang.Abgelehnt) else exc.messages[0]
        messages.error(request, f"„{name}“: {meldung}")
        return redirect("modell_pruefen")
    cache.delete(_bereit(request.user, request.POST.get("sha", "")))
    messages.success(
        request,
        _("„%(titel)s“ ist jetzt ein Entwurf von %(kommune)s.")
        % {"titel": version.modell.titel, "kommune": kommune.name},
    )
    return redirect("modell_detail", uuid=version.modell.uuid)
