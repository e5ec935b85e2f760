"""Pages about Kommunen and their members. Thin: check input, call one service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from modelle import suche
from prozessbibliothek.fehler import NichtGefunden

from . import permissions, selectors, services
from .forms import (
    AuditFilterForm,
    EinladungBestaetigenForm,
    EinladungForm,
    KommuneAufnehmenForm,
    RegistrierungForm,
    RolleForm,
)
from .models import Kreis, Rolle


def _fehler(request, exc: ValidationError) -> None:
    for meldung in exc.messages:
        messages.error(request, meldung)


def start(request):
    return render(
        request,
        "start.html",
        {
            "kennzahlen": selectors.netzwerk_kennzahlen(),
            "neueste": suche.neueste_modelle(request.user),
            "meistgenutzt": suche.meistgenutzte_modelle(request.user),
        },
    )


def kommunen_liste(request):
    q = request.GET.get("q", "")
    kreis = request.GET.get("kreis", "")
    nur_mitglieder = request.GET.get("mitglieder") == "1"
    qs = selectors.kommunen_suchen(q=q, kreis=kreis, nur_mitglieder=nur_mitglieder)
    seite = Paginator(qs, 50).get_page(request.GET.get("seite"))
    return render(
        request,
        "kommunen/liste.html",
        {
            "seite": seite,
            "q": q,
            "kreis": kreis,
            "nur_mitglieder": nur_mitglieder,
            "kreise": Kreis.objects.order_by("name", "art"),
            "treffer": qs.count(),
        },
    )


def kommune_detail(request, slug: str):
    kommune = selectors.kommune_nach_slug(slug)
    return render(
        request,
        "kommunen/detail.html",
        {
            "kommune": kommune,
            "ist_mitglied": permissions.ist_mitglied_von(request.user, kommune),
            "ist_admin": permissions.kann_mitglieder_verwalten(request.user, kommune),
        },
    )


@login_required
def meine_kommune(request):
    mitgliedschaften = list(selectors.mitgliedschaften_von(request.user))
    if not mitgliedschaften:
        return render(request, "kommunen/keine_mitgliedschaft.html")
    aktiv = selectors.eigene_mitgliedschaft(request.user, slug=request.GET.get("kommune"))
    kommune = aktiv.kommune
    ist_admin = permissions.kann_mitglieder_verwalten(request.user, kommune)
    context = {
        "kommune": kommune,
        "aktiv": aktiv,
        "mitgliedschaften": mitgliedschaften,
        "mitglieder": selectors.mitglieder_der_kommune(request.user, kommune),
        "ist_admin": ist_admin,
        "rollen": Rolle.choices,
    }
    if ist_admin:
        context["einladungen"] = selectors.einladungen_der_kommune(request.user, kommune)[:50]
        context["einladung_form"] = EinladungForm()
    return render(request, "kommunen/meine_kommune.html", context)


def _zurueck_url(kommune) -> str:
    return f"{reverse('meine_kommune')}?kommune={kommune.slug}"


def _zurueck(kommune):
    return redirect(_zurueck_url(kommune))


@login_required
@require_POST
def einladen(request, slug: str):
    kommune = selectors.verwaltete_kommune(request.user, slug)
    form = EinladungForm(request.POST)
    if not form.is_valid():
        for fehler in form.errors.values():
            for meldung in fehler:
                messages.error(request, meldung)
        return _zurueck(kommune)
    try:
        einladung, _token = services.einladung_erstellen(
            user=request.user, kommune=kommune, **form.cleaned_data
        )
    except ValidationError as exc:
        _fehler(request, exc)
    else:
        verschickt, text = services.einladung_hinweis(einladung)
        (messages.success if verschickt else messages.warning)(request, text)
    return _zurueck(kommune)


@login_required
@require_POST
def einladung_zurueckziehen(request, slug: str, uuid):
    kommune = selectors.verwaltete_kommune(request.user, slug)
    einladung = selectors.einladung_zum_verwalten(request.user, kommune=kommune, uuid=uuid)
    try:
        services.einladung_zurueckziehen(user=request.user, einladung=einladung)
    except ValidationError as exc:
        _fehler(request, exc)
    else:
        messages.success(request, _("Die Einladung wurde zurückgezogen."))
    return _zurueck(kommune)


@login_required
@require_POST
def rolle_aendern(request, slug: str, pk: int):
    kommune = selectors.verwaltete_kommune(request.user, slug)
    mitgliedschaft = selectors.mitgliedschaft_zum_verwalten(request.user, kommune=kommune, pk=pk)
    form = RolleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Bitte wählen Sie eine gültige Rolle."))
        return _zurueck(kommune)
    try:
        services.mitgliedschaft_rolle_aendern(
            user=request.user, mitgliedschaft=mitgliedschaft, rolle=form.cleaned_data["rolle"]
        )
    except ValidationError as exc:
        _fehler(request, exc)
    else:
        messages.success(
            request,
            _("Die Rolle von %(name)s ist jetzt „%(rolle)s“.")
            % {
                "name": mitgliedschaft.user.anzeigename(),
                "rolle": mitgliedschaft.get_rolle_display(),
            },
        )
    return _zurueck(kommune)


@login_required
@require_http_methods(["GET", "POST"])
def mitglied_entfernen(request, slug: str, pk: int):
    """GET (and a POST that was not confirmed) asks first; the confirmed POST removes."""
    kommune = selectors.verwaltete_kommune(request.user, slug)
    mitgliedschaft = selectors.mitgliedschaft_zum_verwalten(request.user, kommune=kommune, pk=pk)
    name = mitgliedschaft.user.anzeigename()
    if request.method != "POST" or request.POST.get("bestaetigt") != "ja":
        werte = {"name": name, "kommune": kommune.name}
        return render(
            request,
            "bestaetigung.html",
            {
                "titel": _("%(name)s aus %(kommune)s entfernen?") % werte,
                "folgen": [
                    _("%(name)s verliert sofort den Zugang zu den Inhalten von %(kommune)s.")
                    % werte,
                    _(
                        "%(name)s ist nicht mehr als Teilnehmende der Kohorten von %(kommune)s "
                        "benannt und verliert die kommenden Termine; frei gewordene Plätze gehen "
                        "an die Warteliste."
                    )
                    % werte,
                    _("Rückgängig machen geht nur mit einer neuen Einladung."),
                ],
                "aktion": request.path,
                "knopf": _("%(name)s entfernen") % werte,
                "zurueck": _zurueck_url(kommune),
            },
        )
    try:
        services.mitgliedschaft_entfernen(user=request.user, mitgliedschaft=mitgliedschaft)
    except ValidationError as exc:
        _fehler(request, exc)
    else:
        messages.success(request, _("%(name)s ist nicht mehr Mitglied.") % {"name": name})
    return _zurueck(kommune)


def einladung_annehmen(request, token: str):
    """Accept an invitation: logged in (asking first if it went to another address), or with a
    new account."""
    try:
        einladung = services.einladung_finden(token)
    except ValidationError as exc:
        return _einladung_ungueltig(request, exc)
    if request.user.is_authenticated:
        return _einladung_mit_konto(request, token, einladung)
    daten = request.POST if request.method == "POST" else None
    form = RegistrierungForm(daten)
    if daten is None:
        return render(request, "kommunen/einladung.html", {"einladung": einladung, "form": form})
    if not form.is_valid():
        context = {"einladung": einladung, "form": form}
        return render(request, "kommunen/einladung.html", context, status=400)
    werte = form.cleaned_data
    try:
        mitgliedschaft = services.benutzer_registrieren_und_einladung_annehmen(
            token=token,
            username=werte["username"],
            first_name=werte["first_name"],
            last_name=werte["last_name"],
            password=werte["password1"],
        )
    except ValidationError as exc:
        return _einladung_ungueltig(request, exc)
    login(request, mitgliedschaft.user, backend="django.contrib.auth.backends.ModelBackend")
    return _willkommen(request, mitgliedschaft)


def _einladung_mit_konto(request, token: str, einladung):
    abweichend = services.andere_adresse(einladung, request.user)
    daten = request.POST if request.method == "POST" else None
    form = (
        EinladungBestaetigenForm(daten, einladung=einladung, user=request.user)
        if abweichend
        else None
    )
    context = {"einladung": einladung, "form": form, "abweichend": abweichend}
    if request.method != "POST":
        return render(request, "kommunen/einladung.html", context)
    if form is not None and not form.is_valid():
        return render(request, "kommunen/einladung.html", context, status=400)
    try:
        mitgliedschaft = services.einladung_annehmen(
            token=token, user=request.user, andere_adresse_bestaetigt=abweichend
        )
    except ValidationError as exc:
        return _einladung_ungueltig(request, exc)
    return _willkommen(request, mitgliedschaft)


def _einladung_ungueltig(request, exc: ValidationError):
    return render(
        request, "kommunen/einladung_ungueltig.html", {"fehler": exc.messages}, status=410
    )


def _willkommen(request, mitgliedschaft):
    messages.success(
        request,
        _("Willkommen! Sie sind jetzt Mitglied von %(kommune)s.")
        % {"kommune": mitgliedschaft.kommune.name},
    )
    return _zurueck(mitgliedschaft.kommune)


@login_required
def koordination_kommunen(request):
    if not permissions.ist_koordination(request.user):
        raise NichtGefunden
    # A search by name or AGS lists matches; choosing one fills the AGS field (no script needed).
    suche = request.GET.get("q", "").strip()
    treffer = list(selectors.kommunen_suchen(q=suche)[:25]) if suche else []
    initial = {"ags": request.GET.get("ags", "")}
    form = KommuneAufnehmenForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            war_mitglied = form.kommune.ist_mitglied
            try:
                einladung, _token = services.kommune_aufnehmen(
                    user=request.user,
                    kommune=form.kommune,
                    admin_email=form.cleaned_data["admin_email"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
                status = getattr(exc, "status", 400)
            else:
                werte = {"kommune": einladung.kommune.name, "email": einladung.email}
                verschickt, hinweis = services.einladung_hinweis(einladung)
                if not verschickt:
                    messages.warning(request, hinweis)
                    return redirect("koordination_kommunen")
                if war_mitglied:
                    text = _(
                        "%(kommune)s war bereits Mitglied, hatte aber keine aktive "
                        "Kommunen-Admin-Person. Die Einladung an %(email)s wurde verschickt."
                    )
                else:
                    text = _(
                        "%(kommune)s ist Mitglied. Die Einladung an %(email)s wurde verschickt."
                    )
                messages.success(request, text % werte)
                return redirect("koordination_kommunen")
        else:
            status = 400
    mitglieder = selectors.kommunen_suchen(nur_mitglieder=True)
    return render(
        request,
        "kommunen/koordination_kommunen.html",
        {"form": form, "mitglieder": mitglieder, "suche": suche, "treffer": treffer},
        status=status,
    )


AUDIT_PRO_SEITE = 50


@login_required
def koordination_audit(request):
    """The audit log, filtered by Kommune, action and period (coordination only)."""
    if not permissions.ist_koordination(request.user):
        raise NichtGefunden
    form = AuditFilterForm(request.GET, kommunen=selectors.kommunen_im_audit())
    gueltig = form.is_valid()
    filter_ = {k: v for k, v in form.cleaned_data.items() if v} if gueltig else {}
    eintraege = selectors.audit_eintraege(request.user, **filter_)
    seite = Paginator(eintraege, AUDIT_PRO_SEITE).get_page(request.GET.get("seite"))
    return render(
        request,
        "kommunen/koordination_audit.html",
        {"form": form, "seite": seite, "gefiltert": bool(filter_), "gueltig": gueltig},
        status=200 if gueltig else 400,
    )
