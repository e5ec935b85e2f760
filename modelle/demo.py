"""Demo process models for `make run`, loaded through the real services and pipeline.

The models and their files are in `demo_daten/` (see its catalogue). Each version is uploaded by
the Kommune's Redaktion, processed, sent for review and published by the Kommune's Verwaltung —
the same path a real upload takes — except where the plan below leaves a version in review or as a
draft, so every state can be seen. The one reused model is taken over with the Nachnutzung
service while its source's version 1 is the published one; the source publishes version 2 later,
so the copy shows the "newer version at the origin" notice.

Idempotent: a model that already exists (same title in the same Kommune) is left alone.
"""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.test.utils import override_settings

from kommunen.demo import DEMO_PASSWORT
from kommunen.models import Kommune, Mitgliedschaft, Rolle
from schulungen.models import Kohorte

from . import eingang, services
from .demo_daten.katalog import KATALOG
from .models import Modellversion, Prozessmodell
from .services import freigabe, verarbeitung

DATEN = Path(__file__).parent / "demo_daten"
# slug → number of the version that stays in review / as a draft (all others are published)
IN_PRUEFUNG = {"bauantrag-herrenberg": 2, "veranstaltungsgenehmigung-sindelfingen": 1}
ENTWURF = {"fundsachen-neckarsulm": 1, "sondernutzung-stuttgart": 2}
# Demo people per Kommune: (Redaktion, Verwaltung) as (username, first name, last name).
PERSONEN = {
    "08115003": (("redaktion.boeblingen", "Rainer", "Schmid"), ("admin.boeblingen", "", "")),
    "08115028": (("redaktion.leonberg", "Sophie", "Keller"), ("admin.leonberg", "", "")),
    "08111000": (("redaktion.stuttgart", "Jonas", "Weber"), ("admin.stuttgart", "", "")),
    "08115021": (("redaktion.herrenberg", "Miriam", "Scholz"), ("admin.herrenberg", "", "")),
    "08115045": (("redaktion.sindelfingen", "Tobias", "Braun"),
                 ("admin.sindelfingen", "Ines", "Hartmann")),
    "08116019": (("redaktion.esslingen", "Katja", "Lorenz"),
                 ("admin.esslingen", "Peter", "Schuster")),
    "08311000": (("redaktion.freiburg", "Lea", "Winter"), ("admin.freiburg", "", "")),
    "08212000": (("redaktion.karlsruhe", "Daniel", "Roth"),
                 ("admin.karlsruhe", "Sandra", "Zimmer")),
    "08421000": (("redaktion.ulm", "Julia", "Neumann"), ("admin.ulm", "Markus", "Fuchs")),
    "08125065": (("redaktion.neckarsulm", "Selin", "Aydin"),
                 ("admin.neckarsulm", "Frank", "Wolf")),
}  # fmt: skip


def _person(kommune: Kommune, angaben: tuple[str, str, str], rolle: str):
    username, vorname, nachname = angaben
    user, neu = get_user_model().objects.get_or_create(
        username=username,
        defaults={
            "email": f"{username}@kommune.example",
            "first_name": vorname or "Demo",
            "last_name": nachname or kommune.name,
        },
    )
    if neu:
        user.set_password(DEMO_PASSWORT)
        user.save()
    Mitgliedschaft.objects.get_or_create(user=user, kommune=kommune, defaults={"rolle": rolle})
    return user


def _personen(kommune: Kommune):
    redaktion, verwaltung = PERSONEN[kommune.ags]
    return (
        _person(kommune, redaktion, Rolle.BEARBEITEN),
        _person(kommune, verwaltung, Rolle.VERWALTEN),
    )


def _datei(eintrag: dict, nummer: int) -> eingang.Datei:
    pfad = DATEN / eintrag["versionen"][nummer - 1]["datei"]
    return eingang.datei_pruefen(pfad.name, pfad.read_bytes())


def _metadaten(eintrag: dict, kommune: Kommune) -> dict:
    kohorte = None
    if eintrag.get("kohorte_jahr"):
        kohorte = Kohorte.objects.filter(
            jahr=eintrag["kohorte_jahr"],
            einschreibungen__kommune=kommune,
            einschreibungen__status="bestaetigt",
        ).first()
    felder = ("titel", "beschreibung", "leistungsschluessel", "kategorie", "schlagworte",
              "ansprechperson", "lizenz", "sichtbarkeit")  # fmt: skip
    return {**{f: eintrag[f] for f in felder}, "kohorte": kohorte}


def _abschliessen(version: Modellversion, eintrag: dict, redaktion, verwaltung) -> None:
    """Process (a no-op when the worker was faster), then review and publish as planned."""
    verarbeitung.version_verarbeiten(version_id=version.pk)
    slug, nummer = eintrag["slug"], version.nummer
    if ENTWURF.get(slug) == nummer:
        return
    freigabe.zur_pruefung_geben(user=redaktion, version=version)
    if IN_PRUEFUNG.get(slug) != nummer:
        freigabe.freigeben(user=verwaltung, version=version)


def _hochladen(eintrag: dict, nummer: int, modell: Prozessmodell | None, kommune, redaktion):
    notiz = eintrag["versionen"][nummer - 1]["notiz"]
    if modell is None:
        return services.modell_anlegen(
            user=redaktion,
            kommune=kommune,
            datei=_datei(eintrag, nummer),
            metadaten=_metadaten(eintrag, kommune),
            aenderungsnotiz=notiz,
        )
    return services.version_hochladen(
        user=redaktion, modell=modell, datei=_datei(eintrag, nummer), aenderungsnotiz=notiz
    )


def demo_erzeugen(log=print) -> None:
    # The review mails of the demo's own publishing would only flood the console.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        _laden(log)


def _laden(log) -> None:
    nach_slug = {e["slug"]: e for e in KATALOG}
    quellen = {e["abgeleitet_von"]["slug"]: e["abgeleitet_von"]["version"]
               for e in KATALOG if e.get("abgeleitet_von")}  # fmt: skip
    modelle: dict[str, Prozessmodell] = {}
    offen: list[tuple[dict, int]] = []
    neu = 0

    def vorhanden(eintrag) -> Prozessmodell | None:
        return Prozessmodell.objects.filter(
            kommune__ags=eintrag["kommune_ags"], titel=eintrag["titel"]
        ).first()

    # 1. every original, up to the version another Kommune takes over
    for eintrag in KATALOG:
        if eintrag.get("abgeleitet_von") or vorhanden(eintrag):
            continue
        kommune = Kommune.objects.get(ags=eintrag["kommune_ags"])
        redaktion, verwaltung = _personen(kommune)
        bis = quellen.get(eintrag["slug"], len(eintrag["versionen"]))
        for nummer in range(1, len(eintrag["versionen"]) + 1):
            if nummer > bis:
                offen.append((eintrag, nummer))
                continue
            version = _hochladen(eintrag, nummer, modelle.get(eintrag["slug"]), kommune, redaktion)
            modelle[eintrag["slug"]] = version.modell
            _abschliessen(version, eintrag, redaktion, verwaltung)
        neu += 1

    # 2. the reused models: taken over, then adapted as their own next version
    for eintrag in KATALOG:
        herkunft = eintrag.get("abgeleitet_von")
        if not herkunft or vorhanden(eintrag) or herkunft["slug"] not in modelle:
            continue
        kommune = Kommune.objects.get(ags=eintrag["kommune_ags"])
        redaktion, verwaltung = _personen(kommune)
        quelle = Modellversion.objects.get(
            modell=modelle[herkunft["slug"]], nummer=herkunft["version"]
        )
        kopie = services.nachnutzen(user=redaktion, version=quelle, kommune=kommune)
        verarbeitung.version_verarbeiten(version_id=kopie.pk)
        modell = Prozessmodell.objects.get(pk=kopie.modell_id)
        services.modell_aendern(user=redaktion, modell=modell, daten=_metadaten(eintrag, kommune))
        for nummer in range(1, len(eintrag["versionen"]) + 1):
            version = _hochladen(eintrag, nummer, modell, kommune, redaktion)
            _abschliessen(version, eintrag, redaktion, verwaltung)
        neu += 1

    # 3. the originals go on: a newer version at the origin, after the reuse
    for eintrag, nummer in offen:
        kommune = Kommune.objects.get(ags=eintrag["kommune_ags"])
        redaktion, verwaltung = _personen(kommune)
        version = _hochladen(eintrag, nummer, modelle[eintrag["slug"]], kommune, redaktion)
        _abschliessen(version, eintrag, redaktion, verwaltung)

    if neu:
        freigegeben = Prozessmodell.objects.filter(veroeffentlichte_version__isnull=False).count()
        log(
            f"Demo-Modelle: {neu} Prozessmodelle mit "
            f"{Modellversion.objects.count()} Versionen geladen, {freigegeben} freigegeben."
        )
        orte = sorted({angaben[0][0].split(".", 1)[1] for angaben in PERSONEN.values()})
        log(
            "  Redaktion und Verwaltung je Demo-Kommune: redaktion.<ort>, admin.<ort> "
            f"(<ort>: {', '.join(orte)}; gleiches Passwort)"
        )
    unbekannt = set(quellen) - set(nach_slug)
    if unbekannt:
        log(f"Hinweis: unbekannte Quellen im Katalog: {sorted(unbekannt)}")
