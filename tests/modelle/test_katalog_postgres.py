"""The catalog's PostgreSQL search: German full text (stemming), trigram similarity (typos), the
labels inside the diagram — and that a draft's words never find another Kommune's model, in the
results, the counts, the facets or the API."""

from __future__ import annotations

import pytest
from django.conf import settings
from katalog_bau import eigener_cache, modell, neue_version, veroeffentlicht  # noqa: F401 - eigener_cache: autouse fixture
from rest_framework.test import APIClient

from kommunen.models import Rolle
from modelle import suche

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

if "postgresql" not in settings.DATABASES["default"]["ENGINE"]:
    pytest.skip(
        "Volltext- und Trigrammsuche brauchen PostgreSQL (DATABASE_URL=postgres://…)",
        allow_module_level=True,
    )


@pytest.fixture
def redakteur_b(make_mitglied, kommune_b):
    return make_mitglied(kommune_b, Rolle.BEARBEITEN, username="redakteur_b")


@pytest.fixture
def hund(redakteur_a, admin_a, kommune_a, redakteur_b, admin_b, kommune_b):
    """A's published Hundesteuer model among a few others."""
    m = veroeffentlicht(
        redakteur_a, admin_a, kommune_a, "Hundesteuer", ("Steuermarke aushändigen",),
        beschreibung="Anmeldung eines Hundes zur Steuer.", schlagworte=["Hund"],
        leistungsschluessel="99102013104000",
    )  # fmt: skip
    veroeffentlicht(redakteur_b, admin_b, kommune_b, "Gewerbeanmeldung", ("Gewerbe prüfen",))
    veroeffentlicht(redakteur_b, admin_b, kommune_b, "Bauantrag", ("Angrenzer benachrichtigen",))
    modell(redakteur_a, kommune_a, "Wohnsitz anmelden", ("Meldebestätigung drucken",))
    return m


def _titel(user, q: str, **filter) -> list[str]:
    ergebnis = suche.katalog(user, suche.Suchanfrage(q=q, **filter))
    return [m.titel for m in ergebnis.modelle]


@pytest.mark.parametrize(
    "q",
    [
        "hundesteuern",  # inflected: the German stemmer
        "Hundsteuer",  # typo: trigram similarity
        "HUNDESTEUER",
        "Steuermarke",  # only inside the diagram
        "Steuermarken",
        "99102013104000",  # Leistungsschlüssel
        "99102013",  # its beginning
        "Anmeldung Hund",
    ],
)
def test_findet_hundesteuer(mitglied_b, hund, q):
    assert _titel(mitglied_b, q) == ["Hundesteuer"]


def test_relevanz_titel_vor_beschriftung(mitglied_b, redakteur_a, admin_a, kommune_a, hund):
    veroeffentlicht(redakteur_a, admin_a, kommune_a, "Fundsachen", ("Hundesteuer prüfen",))
    assert _titel(mitglied_b, "Hundesteuer") == ["Hundesteuer", "Fundsachen"]


def test_nur_stoppwoerter_und_unsinn(mitglied_b, hund):
    assert _titel(mitglied_b, "und die der") == []
    assert _titel(mitglied_b, 'xqzw "&|!:*(') == []


def test_entwurf_anderer_kommunen_bleibt_unsichtbar(mitglied_a, mitglied_b, redakteur_a, hund):
    # GIVEN A's published model has a newer draft with words of its own, and A has a draft model
    neue_version(redakteur_a, hund, ("Chipnummer abgleichen", "Zahlungsweise wählen"))
    for q in ("Chipnummer", "Chipnumer", "chipnummern", "Meldebestätigung", "Wohnsitz"):
        # THEN B finds nothing through them — no result, no count, no facet
        ergebnis = suche.katalog(mitglied_b, suche.Suchanfrage(q=q))
        assert (ergebnis.anzahl, ergebnis.modelle) == (0, []), q
        assert all(f.optionen == [] for f in ergebnis.facetten), q
        api = APIClient()
        api.force_authenticate(mitglied_b)
        assert api.get("/api/v1/modelle/", {"q": q}).json()["count"] == 0, q
        assert APIClient().get("/api/v1/modelle/", {"q": q}).json()["count"] == 0, q
    # while A finds its own draft words
    assert _titel(mitglied_a, "Chipnummer") == ["Hundesteuer"]
    assert _titel(mitglied_a, "Meldebestätigung") == ["Wohnsitz anmelden"]
    # and B still finds the published version's words, showing version 1
    ergebnis = suche.katalog(mitglied_b, suche.Suchanfrage(q="Steuermarke"))
    assert [(m.titel, m.sichtbare_version.nummer) for m in ergebnis.modelle] == [("Hundesteuer", 1)]
    kommunen = next(f for f in ergebnis.facetten if f.name == "kommune")
    assert [(o.name, o.anzahl) for o in kommunen.optionen] == [("Böblingen, Stadt", 1)]


def test_facetten_zaehlen_in_einer_abfrage(mitglied_b, hund, django_assert_num_queries):
    qs = suche.gefiltert(mitglied_b, suche.Suchanfrage())
    with django_assert_num_queries(1):
        zahlen = suche._zaehlen(qs, suche.ZAEHLFELDER)
    assert sum(zahlen["kategorie"].values()) == 3
    assert zahlen["sichtbare_befunde"] == {False: 3}
    assert sum(zahlen["kommune_id"].values()) == 3
