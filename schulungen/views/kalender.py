"""Calendar, cohort and event pages, iCal downloads and the personal feed; enrolment actions."""

from __future__ import annotations

import calendar
from collections import defaultdict
from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

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


def _link(params: QueryDict, **aenderungen: str | None) -> str:
    """The calendar URL with these parameters replaced (None: dropped). Replacing, not
    appending, keeps every parameter once however often someone clicks."""
    neu = params.copy()
    for name, wert in aenderungen.items():
        neu.pop(name, None)
        if wert:
            neu[name] = wert
    return "?" + neu.urlencode()


def _bestaetigt(request) -> bool:
    return request.method == "POST" and request.POST.get("bestaetigt") == "ja"


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
    context["link_monat"] = _link(request.GET, ansicht=None)
    context["link_liste"] = _link(request.GET, ansicht="liste", monat=None)
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
        context["link_vorher"] = _link(request.GET, monat=f"{vorher:%Y-%m}")
        context["link_nachher"] = _link(request.GET, monat=f"{nachher:%Y-%m}")
        context["heute"] = timezone.localdate()
        context["anzahl_im_monat"] = sum(len(x) for x in termine.values())
        naechster = qs.filter(beginn__gte=timezone.now()).first()
        context["naechster"] = naechster
        if naechster:
            monat_naechster = f"{timezone.localtime(naechster.beginn):%Y-%m}"
            context["link_naechster"] = _link(request.GET, monat=monat_naechster)
    else:
        jetzt = timezone.now()
        context["kommende"] = list(qs.filter(ende__gte=jetzt))
        context["vergangene"] = list(qs.filter(ende__lt=jetzt).order_by("-beginn")[:50])
    return render(request, "schulungen/kalender.html", context)


def kohorte_detail(request, uuid):
    user = request.user
    kohorte = selectors.kohorte_fuer(user, uuid)
    context = {
        "kohorte": kohorte,
        "veranstaltungen": kohorte.veranstaltungen.all(),
        "bestaetigt": kohorte.n_bestaetigt,
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
        initial = (
            {"personen": [b.person for b in einschreibung.benennungen.gueltig()]}
            if einschreibung
            else {}
        )
        context.update(
            verwaltet=verwaltet,
            kommune=kommune,
            einschreibung=einschreibung,
            teilnehmende_form=TeilnehmendeForm(mitglieder=mitglieder, initial=initial),
        )
    else:
        # Members without the admin role see how their Kommune stands, nothing of others.
        context["eigene"] = list(selectors.eigene_einschreibungen(user).filter(kohorte=kohorte))
    return render(request, "schulungen/kohorte.html", context)


def veranstaltung_detail(request, uuid):
    user = request.user
    v = selectors.veranstaltung_fuer(user, uuid)
    return render(
        request,
        "schulungen/veranstaltung.html",
        {
            "v": v,
            "darf_aufzeichnung": selectors.aufzeichnungszugang(user).erlaubt(v),
            "teilnahme": selectors.meine_teilnahmen(user).get(v.pk),
            "belegt": selectors.belegte_plaetze(v),
        },
    )


def veranstaltung_ics(request, uuid):
    user = request.user
    v = selectors.veranstaltung_fuer(user, uuid)
    inhalt = ical.kalender(
        [v],
        name=v.titel,
        zugang=selectors.aufzeichnungszugang(user),
        teilnahmen=selectors.meine_teilnahmen(user),
    )
    return _ics(inhalt, f"veranstaltung-{v.beginn:%Y-%m-%d}.ics")


def feed(request, token: str):
    abo = selectors.abo_nach_token(token)
    person = abo.person
    inhalt = ical.kalender(
        selectors.feed_veranstaltungen(person),
        name=_("Meine Schulungstermine – Prozessbibliothek BW"),
        zugang=selectors.aufzeichnungszugang(person),
        teilnahmen=selectors.meine_teilnahmen(person),
    )
    antwort = HttpResponse(inhalt, content_type="text/calendar; charset=utf-8")
    antwort["Cache-Control"] = "private, max-age=900"
    return antwort


@login_required
def abo(request):
    aktuell = selectors.abo_von(request.user)
    link = (
        request.build_absolute_uri(reverse("schulungen_feed", args=[aktuell.token]))
        if aktuell
        else None
    )
    return render(request, "schulungen/abo.html", {"abo": aktuell, "link": link})


@login_required
@require_http_methods(["GET", "POST"])
def abo_erzeugen(request):
    """The first link is made on one click; renewing one asks first (the old one dies)."""
    vorhanden = selectors.abo_von(request.user) is not None
    if vorhanden and not _bestaetigt(request):
        return render(
            request,
            "bestaetigung.html",
            {
                "titel": _("Neuen Abo-Link erzeugen?"),
                "folgen": [
                    _("Ihr bisheriger Abo-Link funktioniert sofort nicht mehr."),
                    _(
                        "Kalender, die den bisherigen Link abonniert haben, bekommen keine "
                        "Termine mehr: Tragen Sie dort den neuen Link ein."
                    ),
                ],
                "aktion": request.path,
                "knopf": _("Neuen Abo-Link erzeugen"),
                "zurueck": reverse("schulungen_abo"),
            },
        )
    if request.method != "POST":
        return redirect("schulungen_abo")
    _abo, ersetzt = services.kalender_abo_erneuern(user=request.user)
    if ersetzt:
        messages.success(
            request,
            _("Ein neuer Abo-Link wurde erzeugt. Der bisherige Link funktioniert nicht mehr."),
        )
    else:
        messages.success(request, _("Ihr Abo-Link wurde erzeugt."))
    return redirect("schulungen_abo")


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
                user=request.user,
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
                user=request.user, einschreibung=e, personen=list(form.cleaned_data["personen"])
            )
        except ValidationError as exc:
            _fehler(request, exc)
        else:
            messages.success(request, _("Die Teilnehmenden wurden gespeichert."))
    return redirect(
        f"{reverse('schulungen_kohorte', args=[e.kohorte.uuid])}?kommune={e.kommune.slug}"
    )


@login_required
@require_http_methods(["GET", "POST"])
def zurueckziehen(request, uuid):
    """GET (and an unconfirmed POST) says what follows; the confirmed POST withdraws."""
    e = selectors.einschreibung_zum_verwalten(request.user, uuid)
    zurueck = f"{reverse('schulungen_kohorte', args=[e.kohorte.uuid])}?kommune={e.kommune.slug}"
    if not _bestaetigt(request):
        werte = {"kommune": e.kommune.name, "kohorte": e.kohorte.name}
        folgen = []
        if e.status == Einschreibung.Status.BESTAETIGT:
            folgen += [
                _("%(kommune)s gibt den Platz in %(kohorte)s frei.") % werte,
                _("Die Teilnehmenden verlieren ihre kommenden Termine dieser Kohorte."),
                _("Den Platz bekommt die nächste Kommune auf der Warteliste."),
            ]
        else:
            folgen.append(_("Die Anfrage von %(kommune)s für %(kohorte)s endet.") % werte)
        folgen.append(
            _(
                "Eine neue Anmeldung ist möglich, solange Anmeldungen offen sind; sie reiht sich "
                "dann hinten ein."
            )
        )
        return render(
            request,
            "bestaetigung.html",
            {
                "titel": _("Anmeldung von %(kommune)s zurückziehen?") % werte,
                "folgen": folgen,
                "aktion": request.path,
                "knopf": _("Anmeldung zurückziehen"),
                "zurueck": zurueck,
            },
        )
    try:
        services.einschreibung_zurueckziehen(user=request.user, einschreibung=e)
    except ValidationError as exc:
        _fehler(request, exc)
    else:
        messages.success(
            request,
            _("Die Anmeldung von %(kommune)s wurde zurückgezogen.") % {"kommune": e.kommune},
        )
    return redirect(zurueck)
