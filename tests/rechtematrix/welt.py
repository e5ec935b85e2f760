"""The world the permission matrix (and the API fuzzing) runs against, built through the services.

Two member Kommunen, A (Böblingen) and B (Leonberg); A has one model in every state a visitor
must or must not see, comments, an invitation, an enrolment; B has a draft of its own. Every
object that some actor must never see carries a marker (`GEHEIM_…`) in its title or text: no
answer to that actor may contain it, whatever the status code says.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import TestCase, override_settings
from django.utils import timezone
from rest_framework.authtoken.models import Token

from kommunen import services as kommunen_services
from kommunen.models import Kommune, Kreis, Mitgliedschaft, Rolle
from kommunen.stammdaten import stammdaten_laden
from modelle import eingang, services
from modelle.models import Sichtbarkeit
from modelle.services import diskussion, freigabe
from schulungen import services as schulungen_services
from schulungen.models import Kohorte, Veranstaltung
from tests.modelle.bpmn_bau import prozess

# The actors, in the order of the matrix's columns.
AKTEURE = ("anonym", "leser_a", "redaktion_a", "admin_a", "admin_b", "koordination")
LEISTUNG = "99108001000000"


@dataclass
class Welt:
    users: dict = field(default_factory=dict)  # actor → user (None for anonym)
    tokens: dict = field(default_factory=dict)  # actor → API token
    ziele: dict = field(default_factory=dict)  # target name → URL kwargs (+ "?" query string)
    geheim: dict = field(default_factory=dict)  # marker → actors that may see it
    # marker → routes that show it to whoever opens them, on purpose (the link is the key)
    frei_auf: dict = field(default_factory=dict)
    objekte: dict = field(default_factory=dict)  # name → model instance, for the tests

    def verborgen_vor(self, akteur: str, route: str) -> list[str]:
        """The markers this actor must never find in an answer of this route."""
        return [
            m
            for m, erlaubt in self.geheim.items()
            if akteur not in erlaubt and route not in self.frei_auf.get(m, ())
        ]


def _verarbeitet(fn, **kwargs):
    """Run a service and then what it enqueued on commit (processing runs eagerly in tests)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return fn(**kwargs)


def _modell(user, kommune, titel: str, **metadaten):
    datei = eingang.datei_pruefen(f"{titel}.bpmn", prozess(titel, variante=titel))
    return _verarbeitet(
        services.modell_anlegen,
        user=user,
        kommune=kommune,
        datei=datei,
        metadaten={"titel": titel, **metadaten},
    )


def _veroeffentlicht(redaktion, admin, version):
    _verarbeitet(freigabe.zur_pruefung_geben, user=redaktion, version=version)
    return _verarbeitet(freigabe.freigeben, user=admin, version=version)


def _mitglied(username: str, kommune: Kommune | None, rolle: str | None, **extra):
    user = get_user_model().objects.create_user(
        username=username,
        email=f"{username}@example.org",
        password="Rechte-Matrix-2026!",
        first_name="Rechte",
        last_name=username,
        **extra,
    )
    if kommune is not None:
        Mitgliedschaft.objects.create(user=user, kommune=kommune, rolle=rolle)
    return user


def bauen() -> Welt:
    """Build the world in the current transaction; returns what the tests address."""
    if Kommune.objects.count() < 1104:
        stammdaten_laden(Kreis, Kommune)
    a = Kommune.objects.get(ags="08115003")
    b = Kommune.objects.get(ags="08115028")
    Kommune.objects.filter(pk__in=[a.pk, b.pk]).update(ist_mitglied=True)
    a.refresh_from_db()
    b.refresh_from_db()

    w = Welt()
    u = w.users
    u["anonym"] = None
    u["leser_a"] = _mitglied("leser_a", a, Rolle.LESEN)
    u["redaktion_a"] = _mitglied("redaktion_a", a, Rolle.BEARBEITEN)
    u["admin_a"] = _mitglied("admin_a", a, Rolle.VERWALTEN)
    u["admin_b"] = _mitglied("admin_b", b, Rolle.VERWALTEN)
    u["koordination"] = _mitglied("koordination", None, None, ist_koordination=True)
    w.tokens = {
        name: Token.objects.create(user=user).key for name, user in u.items() if user is not None
    }
    alle = set(AKTEURE)
    netz = alle - {"anonym"}
    kommune_a = {"leser_a", "redaktion_a", "admin_a"}

    # --- models of A, one per state ------------------------------------------------------
    red, adm = u["redaktion_a"], u["admin_a"]
    entwurf = _modell(red, a, "GEHEIM-Entwurf-A")
    pruefung = _modell(red, a, "GEHEIM-Pruefung-A")
    _verarbeitet(freigabe.zur_pruefung_geben, user=red, version=pruefung)
    netzwerk = _modell(red, a, "Netzwerk-Modell-A", leistungsschluessel=LEISTUNG)
    _veroeffentlicht(red, adm, netzwerk)
    netzwerk_v2 = _verarbeitet(
        services.version_hochladen,
        user=red,
        modell=netzwerk.modell,
        datei=eingang.datei_pruefen(
            "v2.bpmn", prozess("Netzwerk-Modell-A", ("Antrag prüfen", "GEHEIM-Schritt-v2"))
        ),
    )
    oeffentlich = _modell(red, a, "Oeffentlich-Modell-A", sichtbarkeit=Sichtbarkeit.OEFFENTLICH)
    _veroeffentlicht(red, adm, oeffentlich)
    intern = _modell(red, a, "GEHEIM-Intern-A", sichtbarkeit=Sichtbarkeit.INTERN)
    _veroeffentlicht(red, adm, intern)
    archiv = _modell(red, a, "GEHEIM-Archiv-A")
    _veroeffentlicht(red, adm, archiv)
    _verarbeitet(freigabe.modell_archivieren, user=adm, modell=archiv.modell)
    fremd = _modell(u["admin_b"], b, "GEHEIM-Entwurf-B")

    w.geheim.update(
        {
            "GEHEIM-Entwurf-A": kommune_a,
            "GEHEIM-Pruefung-A": kommune_a,
            "GEHEIM-Schritt-v2": kommune_a,
            "GEHEIM-Intern-A": kommune_a,
            "GEHEIM-Archiv-A": kommune_a,
            "GEHEIM-Entwurf-B": {"admin_b"},
            "Netzwerk-Modell-A": netz,
        }
    )
    for name, v in {
        "entwurf": entwurf,
        "pruefung": pruefung,
        "netzwerk": netzwerk,
        "netzwerk_v2": netzwerk_v2,
        "oeffentlich": oeffentlich,
        "intern": intern,
        "archiv": archiv,
        "fremd": fremd,
    }.items():
        w.ziele[name] = {"uuid": v.modell.uuid, "nummer": v.nummer, "diagramm": 0}
        w.objekte[name] = v
    w.ziele["vergleich_netzwerk"] = {"uuid": netzwerk.modell.uuid, "?": "a=1&b=2"}
    w.ziele["vergleich_uuid"] = {"?": f"a={oeffentlich.uuid}&b={netzwerk.uuid}"}
    w.ziele["vergleich_geheim"] = {"?": f"a={netzwerk.uuid}&b={entwurf.uuid}"}
    w.ziele["vergleich_oeffentlich"] = {"uuid": oeffentlich.modell.uuid, "?": "a=1&b=1"}
    w.ziele["leistung"] = {"schluessel": LEISTUNG}
    w.ziele["leistung_kaputt"] = {"schluessel": "kein-schluessel"}
    w.ziele["kaputt"] = {"uuid": "00000000-0000-4000-8000-000000000000", "nummer": 1}
    w.ziele["status_alle"] = {
        "?": "&".join(
            f"v={v.uuid}"
            for v in (entwurf, pruefung, netzwerk, netzwerk_v2, oeffentlich, intern, archiv, fremd)
        )
    }

    # --- comments ------------------------------------------------------------------------
    def kommentar(user, version, text):
        return diskussion.kommentar_schreiben(user=user, version=version, text=text)

    k_leser = kommentar(u["leser_a"], netzwerk, "Kommentar von Leser A")
    k_b = kommentar(u["admin_b"], netzwerk, "Kommentar von Admin B")
    k_entwurf = kommentar(red, entwurf, "GEHEIM-Kommentar-Entwurf")
    w.geheim["GEHEIM-Kommentar-Entwurf"] = kommune_a
    w.ziele["kommentar_leser_a"] = {"uuid": k_leser.uuid}
    w.ziele["kommentar_admin_b"] = {"uuid": k_b.uuid}
    w.ziele["kommentar_entwurf"] = {"uuid": k_entwurf.uuid}

    # --- Kommune A's people: invitation, memberships ----------------------------------------
    einladung, token = kommunen_services.einladung_erstellen(
        user=adm, kommune=a, email="geheim-eingeladen@example.org", rolle=Rolle.LESEN
    )
    w.geheim["geheim-eingeladen@example.org"] = {"admin_a"}
    # The invitation page greets whoever holds the link with the address it was sent to.
    w.frei_auf["geheim-eingeladen@example.org"] = {"einladung_annehmen"}
    w.ziele["einladung_a"] = {"slug": a.slug, "uuid": einladung.uuid}
    w.ziele["einladung_token"] = {"token": token}
    w.ziele["einladung_kaputt"] = {"token": "kein-gueltiger-token"}
    m_leser = Mitgliedschaft.objects.get(user=u["leser_a"])
    m_b = Mitgliedschaft.objects.get(user=u["admin_b"])
    w.ziele["mitglied_a"] = {"slug": a.slug, "pk": m_leser.pk}
    w.ziele["mitglied_b"] = {"slug": b.slug, "pk": m_b.pk}
    # B's membership addressed through A's slug: must be a 404 for A's admin too.
    w.ziele["mitglied_b_ueber_a"] = {"slug": a.slug, "pk": m_b.pk}
    w.ziele["kommune_a"] = {"slug": a.slug, "ags": a.ags}
    w.ziele["kommune_b"] = {"slug": b.slug, "ags": b.ags}
    w.ziele["kommune_kaputt"] = {"slug": "gibt-es-nicht", "ags": "08999999"}
    w.ziele["reset_kaputt"] = {"uidb64": "MQ", "token": "abc-def"}

    # --- cohorts, events, enrolments -----------------------------------------------------------
    heute = timezone.localdate()
    koord = u["koordination"]

    def kohorte_neu(name, status):
        return schulungen_services.kohorte_erstellen(
            user=koord,
            name=name,
            jahr=heute.year + 1,
            beginn=heute + datetime.timedelta(days=30),
            ende=heute + datetime.timedelta(days=300),
            anmeldeschluss=heute + datetime.timedelta(days=20),
            max_kommunen=5,
            status=status,
            automatisch_bestaetigen=True,
        )

    kohorte = kohorte_neu("Kohorte-Offen", Kohorte.Status.OFFEN)
    kohorte_frei = kohorte_neu("Kohorte-Frei", Kohorte.Status.OFFEN)
    kohorte_entwurf = kohorte_neu("GEHEIM-Kohorte-Entwurf", Kohorte.Status.ENTWURF)
    w.geheim["GEHEIM-Kohorte-Entwurf"] = {"koordination"}

    def termin(k, titel, tage):
        beginn = timezone.now() + datetime.timedelta(days=tage)
        return schulungen_services.veranstaltung_erstellen(
            user=koord,
            kohorte=k,
            typ=Veranstaltung.Typ.SCHULUNG,
            titel=titel,
            beginn=beginn,
            ende=beginn + datetime.timedelta(hours=3),
            format=Veranstaltung.Format.ONLINE,
            ort_oder_link="https://konferenz.example/raum",
            aufzeichnung_url="https://video.example/aufzeichnung",
            material="Folien: https://material.example/folien",
        )

    veranstaltung = termin(kohorte, "Termin-Offen", 40)
    veranstaltung_entwurf = termin(kohorte_entwurf, "GEHEIM-Termin-Entwurf", 41)
    w.geheim["GEHEIM-Termin-Entwurf"] = {"koordination"}
    e_a = _verarbeitet(
        schulungen_services.einschreibung_anfragen,
        user=adm,
        kommune=a,
        kohorte=kohorte,
        teilnehmende=[u["leser_a"]],
    )
    e_b = _verarbeitet(
        schulungen_services.einschreibung_anfragen, user=u["admin_b"], kommune=b, kohorte=kohorte
    )
    abo, _neu = schulungen_services.kalender_abo_erneuern(user=u["leser_a"])
    w.geheim[abo.token] = {"leser_a"}

    # "?" feeds the API's filter; the pages ignore it.
    w.ziele["kohorte"] = {"uuid": kohorte.uuid, "?": f"kohorte={kohorte.uuid}"}
    w.ziele["kohorte_frei"] = {"uuid": kohorte_frei.uuid}
    w.ziele["kohorte_entwurf"] = {
        "uuid": kohorte_entwurf.uuid,
        "?": f"kohorte={kohorte_entwurf.uuid}",
    }
    w.ziele["kohorte_kaputt"] = {"?": "kohorte=kein-uuid"}
    w.ziele["veranstaltung"] = {"uuid": veranstaltung.uuid}
    w.ziele["veranstaltung_entwurf"] = {"uuid": veranstaltung_entwurf.uuid}
    w.ziele["einschreibung_a"] = {"uuid": e_a.uuid}
    w.ziele["einschreibung_b"] = {"uuid": e_b.uuid}
    w.ziele["abo_leser_a"] = {"token": abo.token}
    w.ziele["abo_kaputt"] = {"token": "kein-abo"}
    w.objekte.update(
        kommune_a=a,
        kommune_b=b,
        kohorte=kohorte,
        kohorte_frei=kohorte_frei,
        einschreibung_a=e_a,
        einschreibung_b=e_b,
        einladung_a=einladung,
        mitglied_a=m_leser,
    )
    # The coordination reads the whole audit log, drafts' titles and invited addresses included:
    # that is what the page is for (every other actor gets a 404 there, which the matrix checks).
    for marke in w.geheim:
        w.frei_auf.setdefault(marke, set()).add("koordination_audit")
    return w


@contextmanager
def aufgebaut(media_root: str) -> Iterator[Welt]:
    """The world for one test module: built in a transaction that is rolled back at the end
    (each case runs in a savepoint inside it), files in `media_root`. Needs the database
    unblocked (pytest-django's `django_db_blocker`)."""
    with (
        override_settings(
            MEDIA_ROOT=media_root,
            # Hundreds of logins and password checks: the fast hasher keeps the run short.
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        ),
        transaction.atomic(),
    ):
        yield bauen()
        transaction.set_rollback(True)
