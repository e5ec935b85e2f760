"""The catalog on any database: who finds what, facets, orderings, pages, the API list, the start
page, and a constant number of queries. (PostgreSQL's full-text and trigram search: see
test_katalog_postgres.py; these tests run on SQLite's fallback as well as on PostgreSQL.)"""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from katalog_bau import (
    archivieren,
    eigener_cache,  # noqa: F401 - autouse fixture
    modell,
    nachnutzen,
    neue_version,
    veroeffentlichen,
    veroeffentlicht,
)
from rest_framework.test import APIClient

from kommunen.models import Kommune, Rolle
from modelle import suche
from modelle.models import Prozessmodell
from schulungen.models import Kohorte

pytestmark = pytest.mark.django_db


@pytest.fixture
def redakteur_b(make_mitglied, kommune_b):
    return make_mitglied(kommune_b, Rolle.BEARBEITEN, username="redakteur_b")


@pytest.fixture
def netz(redakteur_a, admin_a, redakteur_b, admin_b, kommune_a, kommune_b):
    """Böblingen (A) and Leonberg (B) with published, draft, internal and public models."""
    return {
        "a_hund": veroeffentlicht(
            redakteur_a, admin_a, kommune_a, "Hundesteuer anmelden", ("Steuerbescheid erstellen",),
            sichtbarkeit="oeffentlich", kategorie="finanzen", schlagworte=["Hund", "Steuer"],
        ),
        "a_entwurf": modell(redakteur_a, kommune_a, "Gewerbe anmelden", kategorie="gewerbe"),
        "a_intern": veroeffentlicht(
            redakteur_a, admin_a, kommune_a, "Urlaubsantrag", sichtbarkeit="intern",
            kategorie="personal",
        ),
        "b_strasse": veroeffentlicht(
            redakteur_b, admin_b, kommune_b, "Straßenreinigung melden", ("Kehrplan prüfen",),
            kategorie="verkehr", lizenz="cc0-1.0",
        ),
        "b_entwurf": modell(redakteur_b, kommune_b, "Bauantrag stellen", kategorie="bauen"),
    }  # fmt: skip


def _titel(antwort) -> list[str]:
    return [m.titel for m in antwort.context["ergebnis"].modelle]


def _facette(antwort, name: str) -> dict[str, int]:
    f = next(f for f in antwort.context["ergebnis"].facetten if f.name == name)
    return {o.name: o.anzahl for o in f.optionen}


def test_mitglied_sieht_eigenes_und_veroeffentlichtes_der_anderen(client_als, mitglied_b, netz):
    antwort = client_als(mitglied_b).get("/modelle/")
    assert antwort.status_code == 200
    # B's own draft, B's published model, A's published network/public model — never A's draft
    # or A's internal model
    assert sorted(_titel(antwort)) == [
        "Bauantrag stellen", "Hundesteuer anmelden", "Straßenreinigung melden"]  # fmt: skip
    assert antwort.context["ergebnis"].anzahl == 3
    html = antwort.content.decode()
    assert "Gewerbe anmelden" not in html and "Urlaubsantrag" not in html
    assert _facette(antwort, "kommune") == {"Böblingen, Stadt": 1, "Leonberg, Stadt": 2}
    assert _facette(antwort, "kategorie") == {
        "Planen, Bauen und Wohnen": 1, "Verkehr und Straßen": 1,
        "Finanzen, Steuern und Abgaben": 1}  # fmt: skip


def test_besucher_sieht_nur_oeffentliches(client, netz):
    antwort = client.get("/modelle/")
    assert _titel(antwort) == ["Hundesteuer anmelden"]
    assert _facette(antwort, "kommune") == {"Böblingen, Stadt": 1}
    assert _facette(antwort, "lizenz") == {"CC BY 4.0 (Namensnennung)": 1}


def test_suche_in_titel_schlagwort_beschriftung_und_gefaltet(client_als, mitglied_b, netz):
    c = client_als(mitglied_b)
    assert _titel(c.get("/modelle/", {"q": "hundesteuer"})) == ["Hundesteuer anmelden"]
    # a word that only appears inside the diagram
    assert _titel(c.get("/modelle/", {"q": "Steuerbescheid"})) == ["Hundesteuer anmelden"]
    # ß and ss, upper and lower case
    assert _titel(c.get("/modelle/", {"q": "STRASSENREINIGUNG"})) == ["Straßenreinigung melden"]
    assert _titel(c.get("/modelle/", {"q": "kehrplan"})) == ["Straßenreinigung melden"]
    # the own draft is found by the words of its diagram too
    assert _titel(c.get("/modelle/", {"q": "Bauantrag"})) == ["Bauantrag stellen"]
    # every word must match somewhere
    assert _titel(c.get("/modelle/", {"q": "Hundesteuer Kehrplan"})) == []
    assert _titel(c.get("/modelle/", {"q": "Gewerbe"})) == []  # A's draft


def test_wort_aus_neuerem_entwurf_findet_fremdes_modell_nicht(
    client_als, mitglied_a, mitglied_b, redakteur_a, netz
):
    # GIVEN A's published Hundesteuer model gets a newer draft with a new step
    neue_version(redakteur_a, netz["a_hund"], ("Chipnummer abgleichen",))
    # THEN B (another Kommune) does not find it by that word, nor count or facet it
    antwort = client_als(mitglied_b).get("/modelle/", {"q": "Chipnummer"})
    assert _titel(antwort) == []
    assert antwort.context["ergebnis"].anzahl == 0
    assert _facette(antwort, "kommune") == {}
    assert _facette(antwort, "befunde") == {}
    # but the published version's words still find it, and its card shows version 1
    antwort = client_als(mitglied_b).get("/modelle/", {"q": "Steuerbescheid"})
    assert _titel(antwort) == ["Hundesteuer anmelden"]
    assert antwort.context["ergebnis"].modelle[0].sichtbare_version.nummer == 1
    assert "Version 2" not in antwort.content.decode()
    # the own Kommune finds it by the draft's word and sees version 2
    antwort = client_als(mitglied_a).get("/modelle/", {"q": "Chipnummer"})
    assert _titel(antwort) == ["Hundesteuer anmelden"]
    assert antwort.context["ergebnis"].modelle[0].sichtbare_version.nummer == 2


def test_filter_und_gewaehlte_filter_in_der_url(client_als, mitglied_b, netz, kommune_b):
    c = client_als(mitglied_b)
    kreis = kommune_b.kreis.schluessel  # Böblingen and Leonberg lie in the same Kreis
    antwort = c.get("/modelle/", {"kreis": kreis, "kategorie": "verkehr"})
    assert _titel(antwort) == ["Straßenreinigung melden"]
    html = antwort.content.decode()
    assert "Kategorie: Verkehr und Straßen" in html
    # removing one filter keeps the other
    assert f'href="?kreis={kreis}"' in html
    antwort = c.get("/modelle/", {"kommune": kommune_b.ags})
    assert _titel(antwort) == ["Bauantrag stellen", "Straßenreinigung melden"]
    # the place facets count without the place filter: another Kommune stays selectable
    assert _facette(antwort, "kommune") == {"Böblingen, Stadt": 1, "Leonberg, Stadt": 2}
    assert _facette(antwort, "kategorie") == {
        "Planen, Bauen und Wohnen": 1, "Verkehr und Straßen": 1}  # fmt: skip
    assert _titel(c.get("/modelle/", {"lizenz": "cc0-1.0"})) == ["Straßenreinigung melden"]
    assert _titel(c.get("/modelle/", {"regierungsbezirk": "Karlsruhe"})) == []
    assert _facette(c.get("/modelle/"), "regierungsbezirk") == {"Stuttgart": 3}


def test_befunde_der_sichtbaren_version(client_als, mitglied_b, redakteur_a, admin_a, kommune_a,
                                        netz):  # fmt: skip
    mit = veroeffentlicht(redakteur_a, admin_a, kommune_a, "Gewerbe abmelden", befund=True)
    assert mit.befunde_veroeffentlicht is True
    c = client_als(mitglied_b)
    assert _titel(c.get("/modelle/", {"befunde": "ja"})) == ["Gewerbe abmelden"]
    assert len(_titel(c.get("/modelle/", {"befunde": "nein"}))) == 3
    assert _facette(c.get("/modelle/"), "befunde") == {"mit Befunden": 1, "ohne Befunde": 3}


def test_kohorte_als_filter(client_als, mitglied_b, redakteur_a, admin_a, kommune_a, netz):
    from datetime import date

    from schulungen.models import Einschreibung

    kohorte = Kohorte.objects.create(
        name="Kohorte 2026", jahr=2026, beginn=date(2026, 1, 1), ende=date(2026, 12, 31),
        anmeldeschluss=date(2025, 12, 1), max_kommunen=10,
    )  # fmt: skip
    Einschreibung.objects.create(
        kohorte=kohorte, kommune=kommune_a, status=Einschreibung.Status.BESTAETIGT
    )
    veroeffentlicht(redakteur_a, admin_a, kommune_a, "Fundsache melden", kohorte=kohorte)
    antwort = client_als(mitglied_b).get("/modelle/", {"kohorte": str(kohorte.uuid)})
    assert _titel(antwort) == ["Fundsache melden"]
    assert _facette(antwort, "kohorte") == {str(kohorte): 1}


def test_falsche_parameter_erklaert_nicht_abgestuerzt(client_als, mitglied_b, netz):
    antwort = client_als(mitglied_b).get(
        "/modelle/",
        {"kategorie": "<script>", "kreis": "abc", "seite": "x", "befunde": "vielleicht"},
    )
    assert antwort.status_code == 200
    html = antwort.content.decode()
    assert "Unbekannter Wert „&lt;script&gt;“." in html
    assert "Der Kreisschlüssel besteht aus 5 Ziffern" in html
    assert "Erlaubt sind „ja“ und „nein“." in html
    assert len(_titel(antwort)) == 3  # the bad filters are left out


def test_sortierung_und_seiten(client_als, mitglied_b, redakteur_a, admin_a, kommune_a,
                               redakteur_b, kommune_b, netz, monkeypatch):  # fmt: skip
    nachnutzen(redakteur_b, kommune_b, netz["a_hund"])
    c = client_als(mitglied_b)
    meist = _titel(c.get("/modelle/", {"sortierung": "meistgenutzt"}))
    assert meist[0] == "Hundesteuer anmelden"
    assert Prozessmodell.objects.get(pk=netz["a_hund"].pk).nachnutzungen == 1
    # newest first: the copy was created last and is B's own draft
    assert _titel(c.get("/modelle/"))[0] == "Hundesteuer anmelden (nachgenutzt)"
    monkeypatch.setattr(suche, "SEITENGROESSE", 2)
    erste = c.get("/modelle/", {"sortierung": "neueste"})
    zweite = c.get("/modelle/", {"sortierung": "neueste", "seite": "2"})
    alle = _titel(c.get("/modelle/", {"sortierung": "neueste"}))
    assert len(_titel(erste)) == 2 and len(_titel(zweite)) == 2
    assert set(_titel(erste)).isdisjoint(_titel(zweite))
    assert 'href="?sortierung=neueste&amp;seite=2" rel="next"' in erste.content.decode()
    assert "Seite 2 von 2" in zweite.content.decode()
    assert len(alle) == 2
    # a page past the end shows the last one
    assert _titel(c.get("/modelle/", {"sortierung": "neueste", "seite": "99"})) == _titel(zweite)


def test_startseite_neu_und_meistgenutzt(client_als, mitglied_b, redakteur_b, kommune_b,
                                         netz):  # fmt: skip
    nachnutzen(redakteur_b, kommune_b, netz["a_hund"])
    antwort = client_als(mitglied_b).get("/")
    assert [m.titel for m in antwort.context["neueste"]] == [
        "Straßenreinigung melden", "Hundesteuer anmelden"]  # fmt: skip
    assert [m.titel for m in antwort.context["meistgenutzt"]] == ["Hundesteuer anmelden"]
    html = antwort.content.decode()
    # the start page's own search (the header's has no id "suche"), and the reuse count
    assert '<input id="suche" name="q" type="search"' in html and "1-mal nachgenutzt" in html
    anonym = Client().get("/")  # `client` is logged in by now
    assert [m.titel for m in anonym.context["neueste"]] == ["Hundesteuer anmelden"]


def test_kopfzeile_sucht_modelle(client, netz):
    html = client.get("/kommunen/").content.decode()
    kopf = html[html.index("<header") : html.index("</header>")]
    assert re.search(
        r'<form class="kopf-suche" role="search" method="get" action="/modelle/"', kopf
    )
    assert '<label for="kopf-q"' in kopf


# --- the API ---------------------------------------------------------------------------------


def test_api_liste_mit_filtern(client_als, mitglied_b, netz, kommune_b):
    api = APIClient()
    api.force_authenticate(mitglied_b)
    daten = api.get("/api/v1/modelle/", {"q": "kehrplan"}).json()
    assert [m["titel"] for m in daten["results"]] == ["Straßenreinigung melden"]
    eintrag = daten["results"][0]
    assert eintrag["version"]["nummer"] == 1 and eintrag["version"]["status"] == "freigegeben"
    assert eintrag["kommune"] == kommune_b.ags and eintrag["kreis"] == kommune_b.kreis.schluessel
    assert "suchtext" not in str(eintrag) and "befunde" in eintrag["version"]
    daten = api.get("/api/v1/modelle/", {"kommune": kommune_b.ags, "sortierung": "neueste"}).json()
    assert [m["titel"] for m in daten["results"]] == [
        "Bauantrag stellen",
        "Straßenreinigung melden",
    ]
    antwort = api.get("/api/v1/modelle/", {"kohorte": "keine-uuid", "befunde": "vielleicht"})
    assert antwort.status_code == 400
    assert set(antwort.json()) == {"kohorte", "befunde"}
    assert antwort.json()["befunde"] == ["Erlaubt sind „ja“ und „nein“."]


def test_api_anonym_liest_oeffentliche(netz):
    daten = APIClient().get("/api/v1/modelle/").json()
    assert [m["titel"] for m in daten["results"]] == ["Hundesteuer anmelden"]
    assert daten["count"] == 1


def test_api_entwurf_eines_fremden_modells_bleibt_verborgen(mitglied_b, redakteur_a, netz):
    neue_version(redakteur_a, netz["a_hund"], ("Chipnummer abgleichen",))
    api = APIClient()
    api.force_authenticate(mitglied_b)
    assert api.get("/api/v1/modelle/", {"q": "Chipnummer"}).json()["count"] == 0
    eintrag = api.get("/api/v1/modelle/", {"q": "Steuerbescheid"}).json()["results"][0]
    assert eintrag["version"]["nummer"] == 1
    assert "versionen_anzahl" not in eintrag and "neueste_version" not in eintrag


def test_api_schema_beschreibt_die_parameter(client):
    schema = client.get("/api/schema/", {"format": "json"}).json()
    parameter = {p["name"]: p for p in schema["paths"]["/api/v1/modelle/"]["get"]["parameters"]}
    assert {"q", "kreis", "kommune", "kategorie", "lizenz", "kohorte", "befunde", "sortierung",
            "regierungsbezirk", "page"} <= set(parameter)  # fmt: skip
    assert parameter["kohorte"]["schema"] == {"type": "string", "format": "uuid"}
    assert parameter["befunde"]["schema"]["type"] == "boolean"
    assert parameter["sortierung"]["schema"]["enum"] == ["meistgenutzt", "neueste", "relevanz"]
    assert parameter["kategorie"]["schema"]["enum"][0] == "bauen"
    assert "post" in schema["paths"]["/api/v1/modelle/"]


# --- queries do not grow with the page ---------------------------------------------------------


def _viele(redakteur, admin, kommune, anzahl: int) -> None:
    for i in range(anzahl):
        veroeffentlicht(
            redakteur, admin, kommune, f"Prozess {i}", kategorie=["finanzen", "bauen"][i % 2]
        )


def _abfragen(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as abfragen:
        antwort = client.get(url, params or {})
    assert antwort.status_code == 200
    return len(abfragen)


def test_abfragen_unabhaengig_von_der_anzahl(
    client_als, mitglied_b, redakteur_a, admin_a, kommune_a, redakteur_b, admin_b, kommune_b
):
    # GIVEN three models of each Kommune
    _viele(redakteur_a, admin_a, kommune_a, 3)
    _viele(redakteur_b, admin_b, kommune_b, 3)
    c = client_als(mitglied_b)
    api = APIClient()
    api.force_authenticate(mitglied_b)
    urls = [("/modelle/", {}), ("/modelle/", {"q": "Prozess", "kreis": kommune_a.kreis.schluessel}),
            ("/", {})]  # fmt: skip
    vorher = [_abfragen(c, u, p) for u, p in urls] + [_abfragen(api, "/api/v1/modelle/")]
    # WHEN there are thirty of each
    _viele(redakteur_a, admin_a, kommune_a, 27)
    _viele(redakteur_b, admin_b, kommune_b, 27)
    nachher = [_abfragen(c, u, p) for u, p in urls] + [_abfragen(api, "/api/v1/modelle/")]
    assert len(c.get("/modelle/").context["ergebnis"].modelle) == 24
    # THEN the pages make exactly as many queries as before
    assert nachher == vorher


def test_katalogspalten_werden_nicht_fuer_listen_geladen(mitglied_b, netz):
    ergebnis = suche.katalog(mitglied_b, suche.Suchanfrage())
    geladen = ergebnis.modelle[0].get_deferred_fields()
    assert {"beschreibung", "suchdokument", "suchdokument_eigen", "suchkopf"} <= geladen
    assert {"suchtext", "kennzahlen", "befunde"} <= (
        ergebnis.modelle[0].sichtbare_version.get_deferred_fields()
    )


def test_sichtbare_version_stimmt_mit_der_regel_ueberein(mitglied_b, redakteur_a, netz):
    from modelle.models import Modellversion

    neue_version(redakteur_a, netz["a_hund"], ("Chipnummer abgleichen",))
    for user in (mitglied_b, None):
        from django.contrib.auth.models import AnonymousUser

        user = user or AnonymousUser()
        sichtbar = set(Modellversion.objects.sichtbar_fuer(user).values_list("pk", flat=True))
        gezeigt = Prozessmodell.objects.sichtbar_fuer(user).mit_sichtbarer_version(user)
        assert {m.sichtbare_version_id for m in gezeigt} <= sichtbar
        assert len(gezeigt) >= 1


def test_neue_veroeffentlichung_aktualisiert_den_katalog(client_als, mitglied_b, redakteur_a,
                                                         admin_a, netz):  # fmt: skip
    neue_version(redakteur_a, netz["a_hund"], ("Chipnummer abgleichen",))
    veroeffentlichen(redakteur_a, admin_a, netz["a_hund"])
    antwort = client_als(mitglied_b).get("/modelle/", {"q": "Chipnummer"})
    assert _titel(antwort) == ["Hundesteuer anmelden"]
    assert antwort.context["ergebnis"].modelle[0].sichtbare_version.nummer == 2
    assert Kommune.objects.filter(prozessmodelle__titel="Hundesteuer anmelden").count() == 1


def test_gezaehlte_facetten_folgen_archivieren_und_freigabe(
    client_als, mitglied_b, admin_a, redakteur_a, kommune_a, netz
):
    c = client_als(mitglied_b)
    assert _facette(c.get("/modelle/"), "kommune") == {"Böblingen, Stadt": 1, "Leonberg, Stadt": 2}
    # WHEN A archives its model, THEN B's counts (cached a moment ago) drop it at once
    archivieren(admin_a, netz["a_hund"])
    antwort = c.get("/modelle/")
    assert _facette(antwort, "kommune") == {"Leonberg, Stadt": 2}
    assert antwort.context["ergebnis"].anzahl == 2
    # and a newly published model of A is counted at once
    veroeffentlicht(redakteur_a, admin_a, kommune_a, "Wahlhelfer gewinnen")
    assert _facette(c.get("/modelle/"), "kommune") == {"Böblingen, Stadt": 1, "Leonberg, Stadt": 2}


def test_sehr_viele_treffer_neueste_zuerst(client_als, mitglied_b, netz, monkeypatch):
    c = client_als(mitglied_b)
    # "Antrag" is in every diagram ("Antrag eingegangen"): three matches, limit one
    monkeypatch.setattr(suche, "RANG_GRENZE", 1)
    antwort = c.get("/modelle/", {"q": "Antrag"})
    # past the limit the newest come first, and the page says why
    assert _titel(antwort) == [
        "Bauantrag stellen", "Straßenreinigung melden", "Hundesteuer anmelden"]  # fmt: skip
    assert "Sehr viele Treffer: Die neuesten stehen vorn." in antwort.content.decode()
