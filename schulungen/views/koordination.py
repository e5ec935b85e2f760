"""The coordination's pages: cohorts, events, enrolment decisions, attendance, CSV exports.

Every page answers 404 to anyone who is not coordination (selectors check), like other pages
that a user may not see.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prozessbibliothek.downloads import download

from .. import export, selectors, services
from ..forms import EntscheidungForm, KohorteForm, VeranstaltungForm
from ..models import Einschreibung


@login_required
def index(request):
    return render(
        request,
        "schulungen/koordination.html",
        {"kohorten": selectors.kohorten_uebersicht(request.user)},
    )


def _formular(request, form, *, speichern, erfolg: str, titel: str, kohorte=None):
    """GET shows the form; a valid POST calls `speichern(daten)`, which returns the cohort to go
    back to; `erfolg` may name that cohort as %(n)s. A refused save puts the service's German
    messages onto the form."""
    if request.method == "POST" and form.is_valid():
        try:
            ziel = speichern(form.cleaned_data)
        except ValidationError as exc:
            form.fehler_uebernehmen(exc)
        else:
            messages.success(request, erfolg % {"n": ziel})
            return redirect("koordination_kohorte", ziel.uuid)
    return render(
        request,
        "schulungen/koordination_formular.html",
        {"form": form, "titel": titel, "kohorte": kohorte},
    )


@login_required
def kohorte_neu(request):
    selectors.kohorten_uebersicht(request.user)  # 404 for everyone else
    initial = {"max_kommunen": 12, "status": "offen", "automatisch_bestaetigen": True}
    form = KohorteForm(request.POST or None, initial=initial)
    return _formular(
        request,
        form,
        speichern=lambda daten: services.kohorte_erstellen(user=request.user, **daten),
        erfolg=_("Die Kohorte „%(n)s“ wurde angelegt."),
        titel=_("Neue Kohorte"),
    )


@login_required
def kohorte_bearbeiten(request, uuid):
    kohorte = selectors.kohorte_zum_koordinieren(request.user, uuid)
    form = KohorteForm(request.POST) if request.method == "POST" else KohorteForm.aus(kohorte)
    return _formular(
        request,
        form,
        speichern=lambda daten: services.kohorte_aendern(
            user=request.user, kohorte=kohorte, **daten
        ),
        erfolg=_("Die Kohorte wurde gespeichert."),
        titel=_("Kohorte bearbeiten: %(n)s") % {"n": kohorte},
        kohorte=kohorte,
    )


@login_required
def kohorte_dashboard(request, uuid):
    kohorte = selectors.kohorte_zum_koordinieren(request.user, uuid)
    einschreibungen = list(selectors.einschreibungen_der_kohorte(request.user, kohorte))
    gruppen = {
        s: [e for e in einschreibungen if e.status == s] for s in Einschreibung.Status.values
    }
    return render(
        request,
        "schulungen/koordination_kohorte.html",
        {
            "kohorte": kohorte,
            "jetzt": timezone.now(),
            "zahlen": selectors.kohorte_kennzahlen(request.user, kohorte),
            "offen": gruppen["angefragt"],
            "warteliste": gruppen["warteliste"],
            "bestaetigt": gruppen["bestaetigt"],
            "beendet": gruppen["abgelehnt"] + gruppen["zurueckgezogen"],
        },
    )


@login_required
def veranstaltung_neu(request, uuid):
    kohorte = selectors.kohorte_zum_koordinieren(request.user, uuid)
    form = VeranstaltungForm(request.POST or None, initial={"typ": "schulung", "format": "online"})

    def speichern(daten):
        services.veranstaltung_erstellen(user=request.user, kohorte=kohorte, **daten)
        return kohorte

    return _formular(
        request,
        form,
        speichern=speichern,
        erfolg=_("Die Veranstaltung wurde angelegt."),
        titel=_("Neue Veranstaltung in %(n)s") % {"n": kohorte},
        kohorte=kohorte,
    )


@login_required
def veranstaltung_bearbeiten(request, uuid):
    v = selectors.veranstaltung_zum_koordinieren(request.user, uuid)
    form = VeranstaltungForm(request.POST) if request.method == "POST" else VeranstaltungForm.aus(v)

    def speichern(daten):
        services.veranstaltung_aendern(user=request.user, veranstaltung=v, **daten)
        return v.kohorte

    return _formular(
        request,
        form,
        speichern=speichern,
        erfolg=_("Die Veranstaltung wurde gespeichert."),
        titel=_("Veranstaltung bearbeiten: %(n)s") % {"n": v},
        kohorte=v.kohorte,
    )


@login_required
def anwesenheit(request, uuid):
    v = selectors.veranstaltung_zum_koordinieren(request.user, uuid)
    teilnahmen = selectors.teilnahmen_der_veranstaltung(request.user, v)
    status = 200
    if request.method == "POST":
        try:
            anwesend = {int(x) for x in request.POST.getlist("anwesend")}
        except ValueError:
            messages.error(request, _("Ungültige Auswahl."))
        else:
            try:
                n = services.anwesenheit_erfassen(
                    user=request.user, veranstaltung=v, anwesend=anwesend
                )
            except ValidationError as exc:
                for meldung in exc.messages:
                    messages.error(request, meldung)
                status = 400
            else:
                messages.success(request, _("Anwesenheit gespeichert: %(n)s anwesend.") % {"n": n})
                return redirect("koordination_kohorte", v.kohorte.uuid)
    return render(
        request,
        "schulungen/koordination_anwesenheit.html",
        {"v": v, "teilnahmen": teilnahmen, "begonnen": v.beginn <= timezone.now()},
        status=status,
    )


def _ablehnen_bestaetigen(request, e, nachricht: str):
    """Declining a Kommune that holds a place takes its dates away: ask first."""
    werte = {"kommune": e.kommune.name, "kohorte": e.kohorte.name}
    return render(
        request,
        "bestaetigung.html",
        {
            "titel": _("Bestätigte Anmeldung von %(kommune)s ablehnen?") % werte,
            "folgen": [
                _("%(kommune)s verliert den Platz in %(kohorte)s und erhält eine E-Mail.") % werte,
                _("Die Teilnehmenden verlieren ihre kommenden Termine dieser Kohorte."),
                _("Den Platz bekommt die nächste Kommune auf der Warteliste."),
            ],
            "aktion": request.path,
            "felder": {"aktion": "ablehnen", "nachricht": nachricht},
            "knopf": _("%(kommune)s ablehnen") % werte,
            "zurueck": reverse("koordination_kohorte", args=[e.kohorte.uuid]),
        },
    )


@login_required
@require_POST
def entscheiden(request, uuid):
    e = selectors.einschreibung_zum_koordinieren(request.user, uuid)
    form = EntscheidungForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Bitte wählen Sie eine Entscheidung."))
        return redirect("koordination_kohorte", e.kohorte.uuid)
    if (
        form.cleaned_data["aktion"] == "ablehnen"
        and e.status == Einschreibung.Status.BESTAETIGT
        and request.POST.get("bestaetigt") != "ja"
    ):
        return _ablehnen_bestaetigen(request, e, form.cleaned_data["nachricht"])
    try:
        e = services.einschreibung_entscheiden(
            user=request.user, einschreibung=e, **form.cleaned_data
        )
    except ValidationError as exc:
        for m in exc.messages:
            messages.error(request, m)
    else:
        messages.success(
            request,
            _("%(kommune)s: %(status)s.")
            % {"kommune": e.kommune, "status": e.get_status_display()},
        )
    return redirect("koordination_kohorte", e.kohorte.uuid)


def _csv(inhalt: bytes, dateiname: str) -> HttpResponse:
    return download(inhalt, content_type="text/csv; charset=utf-8", dateiname=dateiname)


@login_required
def einschreibungen_csv(request, uuid):
    kohorte = selectors.kohorte_zum_koordinieren(request.user, uuid)
    return _csv(export.einschreibungen_csv(kohorte), f"einschreibungen-{kohorte.jahr}.csv")


@login_required
def anwesenheit_csv(request, uuid):
    kohorte = selectors.kohorte_zum_koordinieren(request.user, uuid)
    return _csv(export.anwesenheit_csv(kohorte), f"anwesenheit-{kohorte.jahr}.csv")
