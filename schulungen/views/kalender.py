"""Calendar, cohort and event pages, iCal downloads and the personal feed; enrolment actions."""

from __future__ import annotations

import calendar
from collections import defaultdict
from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kommunen import permissions
from prozessbibliothek.downloads import download

from .. import ical, selectors, services
from ..forms import TeilnehmendeForm
from ..models import Einschreibung, Veranstaltung

MONATE = [
    _("Januar"), _("Februar"), _("März"), _("April"), _("Mai"), _("Juni"), _("Juli"),
    _("August"), _("September"), _("Oktober"), _("November"), _("Dezember"),
]  # fmt: skip
WOCHENTAGE = [_("Montag"), _("Dienstag"), _("Mittwoch"), _("Donnerstag"), _("Freitag"),
              _("Samstag"), _("Sonntag")]  # fmt: skip


def _fehler(request, exc: ValidationError) -> None:
    for meldung in exc.messages:
        messages.error(request, meldung)


def _monat(wert: str) -> date:
    try:
        jahr, monat = (int(x) for x in wert.split("-"))
        return date(jahr, monat, 1)
    except (ValueError, AttributeError):
        heute = timezone.localdate()
        return heute.replace(day=1)


def _ics(inhalt: bytes, dateiname: str) -> HttpResponse:
    return download(inhalt, content_type="text/calendar; charset=utf-8", dateiname=dateiname)


def kalender(request):
    user = request.user
    ansicht = "liste" if request.GET.get("ansicht") == "liste" else "monat"
    kohorten = list(selectors.kohorten_sichtbar(user))
    kohorte = next((k for k in kohorten if str(k.uuid) == request.GET.get("kohorte")), None)
    typ = request.GET.get("typ", "")
    typ = typ if typ in Veranstaltung.Typ.values else ""
    nur_meine = request.GET.get("meine") == "1" and user.is_authenticated
    qs = selectors.veranstaltungen_sichtbar(user, kohorte=kohorte, typ=typ, nur_meine=nur_meine)
    teilnahmen = selectors.meine_teilnahmen(user)
    monat = _monat(request.GET.get("monat", ""))
    context = {
        "ansicht": ansicht,
        "kohorten": kohorten,
        "kohorte": kohorte,
        "typ": typ,
        "typen": Veranstaltung.Typ.choices,
        "nur_meine": nur_meine,
        "teilnahmen": teilnahmen,
        "monat": monat,
        "monat_name": f"{MONATE[monat.month - 1]} {monat.year}",
    }
    filter_params = request.GET.copy()
    filter_params.pop("monat", None)
    context["filter_query"] = filter_params.urlencode()
    if ansicht == "monat":
        wochen = calendar.Calendar(firstweekday=0).monthdatescalendar(monat.year, monat.month)
        von, bis = wochen[0][0], wochen[-1][-1]
        termine = defaultdict(list)
        for v in qs.filter(beginn__date__gte=von, beginn__date__lte=bis):
            termine[timezone.localtime(v.beginn).date()].append(v)
        context["wochen"] = [
            [{"datum": d, "im_monat": d.month == monat.month, "termine": termine.get(d, [])}
             for d in woche]
            for woche in wochen
        ]  # fmt: skip
        context["wochentage"] = WOCHENTAGE
        vorher = (monat.replace(day=1) - timedelta(days=1)).replace(day=1)
        nachher = (monat.replace(day=28) + timedelta(days=7)).replace(day=1)
        context["vorher"], context["nachher"] = f"{vorher:%Y-%m}", f"{nachher:%Y-%m}"
        context["heute"] = timezone.localdate()
        context["anzahl_im_monat"] = sum(len(x) for x in termine.values())
        naechster = qs.filter(beginn__gte=timezone.now()).first()
        context["naechster"] = naechster
    else:
        jetzt = timezone.now()
        context["kommende"] = list(qs.filter(ende__gte=jetzt))
        context["vergangene"] = list(qs.filter(ende__lt=jetzt).order_by("-beginn")[:50])
    return render(request, "schulungen/kalender.html", context)


def kohorte_detail(request, uuid):
    user = request.user
    kohorte = selectors.kohorte_fuer(user, uuid)
    veranstaltungen = kohorte.veranstaltungen.all()
    context = {
        "kohorte": kohorte,
        "veranstaltungen": veranstaltungen,
        "bestaetigt": kohorte.einschreibungen.filter(
            status=Einschreibung.Status.BESTAETIGT
        ).count(),
        "warteliste": kohorte.einschreibungen.filter(
            status=Einschreibung.Status.WARTELISTE
        ).count(),
        "anmeldung_offen": kohorte.anmeldung_offen(),
        "teilnahmen": selectors.meine_teilnahmen(user),
    }
    verwaltet = list(selectors.verwaltete_kommunen(user))
    if verwaltet:
        kommune = next((k for k in verwaltet if k.slug == request.GET.get("kommune")), verwaltet[0])
        mitglieder = list(selectors.mitglieder_zur_auswahl(user, kommune))
        einschreibung = selectors.eigene_einschreibung(user, kohorte, kommune)
        initial = {"personen": list(einschreibung.teilnehmende.all())} if einschreibung else {}
        context.update(
            verwaltet=verwaltet,
            kommune=kommune,
            einschreibung=einschreibung,
            teilnehmende_form=TeilnehmendeForm(mitglieder=mitglieder, initial=initial),
        )
    else:
        # Members without the admin role see how their Kommune stands, nothing of others.
        context["eigene"] = (
            []
            if permissions.ist_koordination(user)
            else list(selectors.einschreibungen_sichtbar(user).filter(kohorte=kohorte))
        )
    return render(request, "schulungen/kohorte.html", context)


def veranstaltung_detail(request, uuid):
    user = request.user
    v = selectors.veranstaltung_fuer(user, uuid)
    return render(
        request,
        "schulungen/veranstaltung.html",
        {
            "v": v,
            "darf_aufzeichnung": selectors.darf_aufzeichnung_sehen(user, v),
            "teilnahme": selectors.meine_teilnahmen(user).get(v.pk),
            "belegt": v.teilnahmen.filter(
                status__in=("angemeldet", "anwesend", "abwesend")
            ).count(),
        },
    )


def veranstaltung_ics(request, uuid):
    user = request.user
    v = selectors.veranstaltung_fuer(user, uuid)
    inhalt = ical.kalender(
        [v],
        name=v.titel,
        zugang=selectors.kohorten_mit_zugang(user),
        teilnahmen=selectors.meine_teilnahmen(user),
        alle_aufzeichnungen=permissions.ist_koordination(user),
    )
    return _ics(inhalt, f"veranstaltung-{v.beginn:%Y-%m-%d}.ics")


def feed(request, token: str):
    abo = selectors.abo_nach_token(token)
    person = abo.person
    inhalt = ical.kalender(
        selectors.feed_veranstaltungen(person),
        name=_("Meine Schulungstermine – Prozessbibliothek BW"),
        zugang=selectors.kohorten_mit_zugang(person),
        teilnahmen=selectors.meine_teilnahmen(person),
    )
    antwort = HttpResponse(inhalt, content_type="text/calendar; charset=utf-8")
    antwort["Cache-Control"] = "private, max-age=900"
    return antwort


@login_required
def abo(request):
    if request.method == "POST":
        services.kalender_abo_erneuern(person=request.user)
        messages.success(
            request,
            _("Ein neuer Abo-Link wurde erzeugt. Der bisherige Link funktioniert nicht mehr."),
        )
        return redirect("schulungen_abo")
    aktuell = selectors.abo_von(request.user)
    link = (
        request.build_absolute_uri(reverse("schulungen_feed", args=[aktuell.token]))
        if aktuell
        else None
    )
    return render(request, "schulungen/abo.html", {"abo": aktuell, "link": link})


@login_required
@require_POST
def anmelden(request, uuid):
    kohorte = selectors.kohorte_fuer(request.user, uuid)
    kommune = selectors.verwaltete_kommune(request.user, request.POST.get("kommune"))
    form = TeilnehmendeForm(
        request.POST, mitglieder=selectors.mitglieder_zur_auswahl(request.user, kommune)
    )
    if not form.is_valid():
        messages.error(request, _("Bitte wählen Sie nur Mitglieder Ihrer Kommune aus."))
    else:
        try:
            e = services.einschreibung_anfragen(
                von=request.user,
                kommune=kommune,
                kohorte=kohorte,
                teilnehmende=list(form.cleaned_data["personen"]),
            )
        except ValidationError as exc:
            _fehler(request, exc)
        else:
            texte = {
                Einschreibung.Status.BESTAETIGT: _("Angemeldet: %(kommune)s hat einen Platz."),
                Einschreibung.Status.WARTELISTE: _(
                    "Alle Plätze sind vergeben: %(kommune)s steht auf der Warteliste."
                ),
                Einschreibung.Status.ANGEFRAGT: _(
                    "Die Anfrage für %(kommune)s ist eingegangen; die Koordination entscheidet."
                ),
            }
            # Waiting is not a success: shown as a notice, so nobody reads it as "you are in".
            wartet = e.status == Einschreibung.Status.WARTELISTE
            melden = messages.warning if wartet else messages.success
            melden(request, texte[e.status] % {"kommune": kommune.name})
    return redirect(f"{reverse('schulungen_kohorte', args=[kohorte.uuid])}?kommune={kommune.slug}")


@login_required
@require_POST
def teilnehmende(request, uuid):
    e = selectors.einschreibung_zum_verwalten(request.user, uuid)
    form = TeilnehmendeForm(
        request.POST, mitglieder=selectors.mitglieder_zur_auswahl(request.user, e.kommune)
    )
    if not form.is_valid():
        messages.error(request, _("Bitte wählen Sie nur Mitglieder Ihrer Kommune aus."))
    else:
        try:
            services.teilnehmende_festlegen(
                von=request.user, einschreibung=e, personen=list(form.cleaned_data["personen"])
            )
        except ValidationError as exc:
            _fehler(request, exc)
        else:
            messages.success(request, _("Die Teilnehmenden wurden gespeichert."))
    return redirect(
        f"{reverse('schulungen_kohorte', args=[e.kohorte.uuid])}?kommune={e.kommune.slug}"
    )


@login_required
@require_POST
def zurueckziehen(request, uuid):
    e = selectors.einschreibung_zum_verwalten(request.user, uuid)
    try:
        services.einschreibung_stornieren(von=request.user, einschreibung=e)
    except ValidationError as exc:
        _fehler(request, exc)
    else:
        messages.success(
            request,
            _("Die Anmeldung von %(kommune)s wurde zurückgezogen.") % {"kommune": e.kommune},
        )
    return redirect(
        f"{reverse('schulungen_kohorte', args=[e.kohorte.uuid])}?kommune={e.kommune.slug}"
    )
