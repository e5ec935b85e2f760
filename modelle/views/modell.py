"""The model page, its versions, metadata, new versions and the downloads."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kommunen import permissions
from kommunen.audit import aktion_name
from kommunen.models import Kommune
from prozessbibliothek.downloads import download

from .. import ablage, eingang, selectors, services
from ..bpmn.render import png
from ..diagramm import diagramm_kontext
from ..forms import MetadatenForm, VersionForm
from ..models import Prozessmodell, liest_im_netzwerk
from ..services.register import stand_von
from .diskussion import KommentarForm

# A downloaded picture: wide enough to print, bounded in pixels (memory of the rasteriser).
BILD_BREITE = 2000
BILD_MAX_PIXEL = 12_000_000


def _geaenderte_angaben(details: dict) -> str:
    """The changed fields by their German names (the values stay on the audit page)."""
    namen = []
    for feld in details:
        try:
            namen.append(str(Prozessmodell._meta.get_field(feld).verbose_name))
        except FieldDoesNotExist:
            continue
    return ", ".join(namen)


# What an entry adds to its name, per action. Comments are stored by their uuid and uploads by
# their hash: those are for the audit page, not for people reading the history.
_HINWEIS = {
    "prozessmodell.geaendert": _geaenderte_angaben,
    "prozessmodell.nachgenutzt_von": lambda d: d.get("kommune", ""),
}


def _verlauf(modell) -> list[dict]:
    return [
        {
            "wann": e.zeitpunkt,
            "wer": e.wer.anzeigename() if e.wer else _("System"),
            "was": aktion_name(e.aktion),
            "version": e.details.get("version"),
            "hinweis": _HINWEIS[e.aktion](e.details) if e.aktion in _HINWEIS else "",
            # Only the return to the Redaktion carries a remark written for people.
            "kommentar": e.details.get("kommentar", "")
            if e.aktion == "modellversion.zurueckgegeben"
            else "",
        }
        for e in selectors.verlauf(modell)
    ]


def _viewer(version, darstellungen) -> dict:
    """The viewer's context: the main diagram first, findings and element details stored by the
    worker (SVGs drawn by our renderer as element trees — see diagramm_kontext)."""
    reihe = sorted(darstellungen, key=lambda d: d.nummer != version.hauptdiagramm)
    return diagramm_kontext(
        zeichnungen=[(d.name, d.svg) for d in reihe],
        befunde=version.befunde,
        elemente=version.elemente,
        praefix="modell",
    )


def _kommentare(user, modell, version) -> list:
    kommentare = list(selectors.kommentare_zum_modell(user, modell))
    namen = version.elemente if version else {}
    for k in kommentare:
        if k.element_id and k.version_id == getattr(version, "pk", None):
            k.element_name = (namen.get(k.element_id) or {}).get("name", "")
    return kommentare


def _elemente_auswahl(version) -> list[dict]:
    """Named elements of the shown version, for "comment on an element"."""
    if version is None:
        return []
    eintraege = [{"id": i, "name": f"{e['name']} ({e['typ']})"}
                 for i, e in version.elemente.items() if e.get("name")]  # fmt: skip
    return sorted(eintraege, key=lambda e: e["name"].lower())


def _seite(request, modell, version, *, version_form=None, status=200):
    user = request.user
    darstellungen = selectors.darstellungen(version) if version else []
    versionen = list(selectors.versionen_des_modells(user, modell))
    eigen = Kommune.objects.mit_rolle(user).filter(pk=modell.kommune_id).exists()
    darf_bearbeiten = eigen and permissions.kann_bearbeiten(user, modell)
    ist_admin = eigen and permissions.kann_mitglieder_verwalten(user, modell.kommune)
    if darf_bearbeiten and version_form is None:
        version_form = VersionForm()
    return render(
        request,
        "modelle/modell.html",
        {
            "modell": modell,
            "version": version,
            "neueste_sichtbare": versionen[0] if versionen else None,
            "versionen": versionen,
            "darstellungen": darstellungen,
            "viewer": _viewer(version, darstellungen) if darstellungen else None,
            "eigen": eigen,
            "darf_bearbeiten": darf_bearbeiten,
            "ist_admin": ist_admin,
            "darf_freigeben": version is not None and permissions.kann_freigeben(user, version),
            "verlauf": _verlauf(modell) if eigen else [],
            "version_form": version_form,
            "kommentare": _kommentare(user, modell, version),
            "elemente_auswahl": _elemente_auswahl(version),
            "herkunft": selectors.herkunft(user, modell),
            "aehnliche": selectors.aehnliche_modelle(user, modell),
            "nachgenutzt_von": selectors.nachnutzungen_von(modell) if modell.nachnutzungen else [],
            "nachnutzen_in": _nachnutzen_in(user, modell, version),
            "kommentar_form": KommentarForm() if liest_im_netzwerk(user) else None,
        },
        status=status,
    )


def _nachnutzen_in(user, modell, version) -> list:
    """The user's other Kommunen (with Redaktion) into which this version could be taken."""
    if version is None or version.status != version.Status.FREIGEGEBEN:
        return []
    return list(selectors.kommunen_zum_hochladen(user).exclude(pk=modell.kommune_id))


def modell_detail(request, uuid):
    modell = selectors.modell_fuer(request.user, uuid)
    version = selectors.version_fuer(request.user, uuid) if modell.versionen_anzahl else None
    return _seite(request, modell, version)


def version_detail(request, uuid, nummer: int):
    version = selectors.version_fuer(request.user, uuid, nummer)
    return _seite(request, version.modell, version)


@login_required
def version_neu(request, uuid):
    """Upload the next version of a model (form on the model page; GET shows it alone)."""
    modell = selectors.modell_zum_bearbeiten(request.user, uuid)
    if request.method != "POST":
        kontext = {"modell": modell, "form": VersionForm()}
        return render(request, "modelle/version_neu.html", kontext)
    form = VersionForm(request.POST, request.FILES)
    if form.is_valid():
        hochgeladen = form.cleaned_data["datei"]
        try:
            datei = eingang.hochgeladene_datei(hochgeladen)
            version = services.version_hochladen(
                user=request.user,
                modell=modell,
                datei=datei,
                aenderungsnotiz=form.cleaned_data["aenderungsnotiz"],
            )
        except eingang.Abgelehnt as exc:
            form.add_error("datei", f"„{exc.dateiname}“: {exc.meldung}")
        except ValidationError as exc:
            form.add_error("datei", f"„{eingang.anzeigename(hochgeladen.name)}“: {exc.messages[0]}")
        else:
            messages.success(
                request,
                _("Version %(n)s ist gespeichert und wird jetzt geprüft.") % {"n": version.nummer},
            )
            return redirect("modell_detail", uuid=modell.uuid)
    return render(request, "modelle/version_neu.html", {"modell": modell, "form": form}, status=400)


@login_required
def modell_bearbeiten(request, uuid):
    modell = selectors.modell_zum_bearbeiten(request.user, uuid)
    kohorten = selectors.kohorten_der_kommune(modell.kommune)
    if request.method == "POST":
        form = MetadatenForm(request.POST, kohorten=kohorten)
        if form.is_valid():
            try:
                services.modell_aendern(
                    user=request.user,
                    modell=modell,
                    daten=form.daten(),
                    stand=form.cleaned_data["stand"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Die Angaben zum Modell sind gespeichert."))
                return redirect("modell_detail", uuid=modell.uuid)
        status = 400
    else:
        form = MetadatenForm(
            initial={
                **{f: getattr(modell, f) for f in ("titel", "beschreibung", "leistungsschluessel",
                                                   "kategorie", "ansprechperson", "lizenz",
                                                   "sichtbarkeit", "kohorte")},
                "schlagworte": ", ".join(modell.schlagworte),
                "stand": stand_von(modell),
            },
            kohorten=kohorten,
        )  # fmt: skip
        status = 200
    return render(
        request, "modelle/bearbeiten.html", {"modell": modell, "form": form}, status=status
    )


def _dateiname(version, endung: str, zusatz: str = "") -> str:
    stamm = slugify(version.modell.titel)[:60] or "modell"
    return f"{stamm}-v{version.nummer}{zusatz}.{endung}"


def datei_herunterladen(request, uuid, nummer: int):
    version = selectors.version_fuer(request.user, uuid, nummer)
    return download(
        ablage.lesen(version.datei),
        content_type="application/xml",
        dateiname=_dateiname(version, "bpmn"),
    )


def svg_herunterladen(request, uuid, nummer: int, diagramm: int):
    version = selectors.version_fuer(request.user, uuid, nummer)
    darstellung = selectors.darstellung(version, diagramm)
    antwort = download(
        darstellung.svg.encode(),
        content_type="image/svg+xml",
        dateiname=_dateiname(version, "svg", f"-diagramm{diagramm + 1}" if diagramm else ""),
    )
    # Opened on its own, the picture may not run anything or load anything.
    antwort["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    return antwort


def vorschau(request, uuid, nummer: int):
    """The thumbnail for <img>: inline, but never sniffed and never in a shared cache."""
    version = selectors.version_fuer(request.user, uuid, nummer)
    bild = selectors.vorschau(version)
    antwort = HttpResponse(bytes(bild.png), content_type="image/png")
    antwort["X-Content-Type-Options"] = "nosniff"
    antwort["Cache-Control"] = "private, max-age=600"
    antwort["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return antwort


def bild_herunterladen(request, uuid, nummer: int):
    """The main diagram as a PNG to print or paste, rendered on request (bounded in pixels)."""
    version = selectors.version_fuer(request.user, uuid, nummer)
    darstellung = selectors.darstellung(version, version.hauptdiagramm)
    vorschaubild = selectors.vorschau(version)
    seitenverhaeltnis = vorschaubild.hoehe / max(vorschaubild.breite, 1)
    breite = int(min(BILD_BREITE, (BILD_MAX_PIXEL / max(seitenverhaeltnis, 1e-3)) ** 0.5))
    return download(
        png(darstellung.svg.encode(), max(breite, 200)),
        content_type="image/png",
        dateiname=_dateiname(version, "png"),
    )
