"""Pages about Kommunen and their members. Thin: check input, call one service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from modelle import suche

from . import permissions, selectors, services
from .forms import EinladungForm, KommuneAufnehmenForm, RegistrierungForm, RolleForm
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
        {"kommune": kommune, "ist_mitglied": permissions.ist_mitglied_von(request.user, kommune)},
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


def _verwaltete_kommune(request, slug: str):
    # The Kommune comes from the user's own membership; a slug naming another is a 404.
    mitgliedschaft = selectors.eigene_mitgliedschaft(request.user, slug=slug)
    if mitgliedschaft.rolle != Rolle.VERWALTEN:
        raise Http404
    return mitgliedschaft.kommune


def _zurueck(kommune):
    return redirect(f"/meine-kommune/?kommune={kommune.slug}")


@login_required
@require_POST
def einladen(request, slug: str):
    kommune = _verwaltete_kommune(request, slug)
    form = EinladungForm(request.POST)
    if not form.is_valid():
        for fehler in form.errors.values():
            for meldung in fehler:
                messages.error(request, meldung)
        return _zurueck(kommune)
    try:
        einladung, _token = services.einladung_erstellen(
            von=request.user, kommune=kommune, **form.cleaned_data
        )
    except ValidationError as exc:
        _fehler(request, exc)
    else:
        messages.success(
            request, _("Die Einladung an %(email)s wurde verschickt.") % {"email": einladung.email}
        )
    return _zurueck(kommune)


@login_required
@require_POST
def einladung_zurueckziehen(request, slug: str, uuid):
    kommune = _verwaltete_kommune(request, slug)
    einladung = selectors.einladung_zum_verwalten(request.user, kommune=kommune, uuid=uuid)
    try:
        services.einladung_zurueckziehen(von=request.user, einladung=einladung)
    except ValidationError as exc:
        _fehler(request, exc)
    else:
        messages.success(request, _("Die Einladung wurde zurückgezogen."))
    return _zurueck(kommune)


@login_required
@require_POST
def rolle_aendern(request, slug: str, pk: int):
    kommune = _verwaltete_kommune(request, slug)
    mitgliedschaft = selectors.mitgliedschaft_zum_verwalten(request.user, kommune=kommune, pk=pk)
    form = RolleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Bitte wählen Sie eine gültige Rolle."))
        return _zurueck(kommune)
    try:
        services.mitgliedschaft_rolle_aendern(
            von=request.user, mitgliedschaft=mitgliedschaft, rolle=form.cleaned_data["rolle"]
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
@require_POST
def mitglied_entfernen(request, slug: str, pk: int):
    kommune = _verwaltete_kommune(request, slug)
    mitgliedschaft = selectors.mitgliedschaft_zum_verwalten(request.user, kommune=kommune, pk=pk)
    name = mitgliedschaft.user.anzeigename()
    try:
        services.mitgliedschaft_entfernen(von=request.user, mitgliedschaft=mitgliedschaft)
    except ValidationError as exc:
        _fehler(request, exc)
    else:
        messages.success(request, _("%(name)s ist nicht mehr Mitglied.") % {"name": name})
    return _zurueck(kommune)


def einladung_annehmen(request, token: str):
    try:
        einladung = services.einladung_finden(token)
    except ValidationError as exc:
        return render(
            request, "kommunen/einladung_ungueltig.html", {"fehler": exc.messages}, status=410
        )
    form = RegistrierungForm()
    if request.method == "POST":
        try:
            if request.user.is_authenticated:
                mitgliedschaft = services.einladung_annehmen(token=token, user=request.user)
            else:
                form = RegistrierungForm(request.POST)
                if not form.is_valid():
                    return render(
                        request,
                        "kommunen/einladung.html",
                        {"einladung": einladung, "form": form},
                        status=400,
                    )
                daten = form.cleaned_data
                mitgliedschaft = services.benutzer_registrieren_und_einladung_annehmen(
                    token=token,
                    username=daten["username"],
                    first_name=daten["first_name"],
                    last_name=daten["last_name"],
                    password=daten["password1"],
                )
                login(
                    request,
                    mitgliedschaft.user,
                    backend="django.contrib.auth.backends.ModelBackend",
                )
        except ValidationError as exc:
            return render(
                request, "kommunen/einladung_ungueltig.html", {"fehler": exc.messages}, status=410
            )
        messages.success(
            request,
            _("Willkommen! Sie sind jetzt Mitglied von %(kommune)s.")
            % {"kommune": mitgliedschaft.kommune.name},
        )
        return _zurueck(mitgliedschaft.kommune)
    return render(request, "kommunen/einladung.html", {"einladung": einladung, "form": form})


@login_required
def koordination_kommunen(request):
    if not permissions.ist_koordination(request.user):
        raise Http404
    form = KommuneAufnehmenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            einladung, _token = services.kommune_aufnehmen(
                von=request.user, kommune=form.kommune, admin_email=form.cleaned_data["admin_email"]
            )
        except ValidationError as exc:
            _fehler(request, exc)
        else:
            messages.success(
                request,
                _("%(kommune)s ist Mitglied. Die Einladung an %(email)s wurde verschickt.")
                % {"kommune": einladung.kommune.name, "email": einladung.email},
            )
            return redirect("koordination_kommunen")
    mitglieder = selectors.kommunen_suchen(nur_mitglieder=True)
    return render(
        request,
        "kommunen/koordination_kommunen.html",
        {"form": form, "mitglieder": mitglieder},
        status=400 if form.is_bound and form.errors else 200,
    )
