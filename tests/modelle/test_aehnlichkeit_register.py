"""Similar processes: computed by the worker, shown with their reason, only what one may see."""

from __future__ import annotations

import pytest
from bpmn_bau import prozess
from django.test import Client

from modelle import selectors, services
from modelle.models import Aehnlichkeit, Band, Fingerabdruck
from modelle.services import freigabe

pytestmark = pytest.mark.django_db

SCHRITTE = (
    "Antrag prüfen",
    "Hund registrieren",
    "Steuerbescheid erstellen",
    "Steuermarke ausgeben",
)


@pytest.fixture
def neues(datei, verarbeitet):
    def make(user, kommune, titel, schritte):
        return verarbeitet(
            services.modell_anlegen,
            user=user,
            kommune=kommune,
            datei=datei(f"{titel}.bpmn", prozess(titel, schritte)),
        )

    return make


@pytest.fixture
def redakteur_b(make_mitglied, kommune_b):
    return make_mitglied(kommune_b, "bearbeiten")


def _veroeffentlichen(user, admin, version, verarbeitet):
    verarbeitet(freigabe.zur_pruefung_geben, user=user, version=version)
    verarbeitet(freigabe.freigeben, user=admin, version=version)


def test_aehnliche_prozesse_mit_grund(redakteur_a, admin_a, kommune_a, kommune_b, admin_b,
                                      redakteur_b, neues, verarbeitet):  # fmt: skip
    a = neues(redakteur_a, kommune_a, "Hundesteuer Böblingen", SCHRITTE)
    b = neues(redakteur_b, kommune_b, "Hundesteuer Leonberg", (*SCHRITTE[:3], "Marke zusenden"))
    anders = neues(redakteur_b, kommune_b, "Sperrmüll", ("Termin vergeben",))
    assert Fingerabdruck.objects.count() == 3 and Band.objects.count() == 3 * 16
    _veroeffentlichen(redakteur_b, admin_b, b, verarbeitet)
    _veroeffentlichen(redakteur_b, admin_b, anders, verarbeitet)
    # A's draft gets a list against what B published; the most similar first, with a reason
    services.aehnlichkeit.aehnliche_berechnen(modell_id=a.modell_id)
    erster = Aehnlichkeit.objects.filter(modell=a.modell).order_by("-wert").first()
    # start, end and three tasks are the same
    assert (erster.anderes, erster.grund) == (b.modell, "5 gleiche Schritte, gleiche Struktur")
    seite = Client()
    seite.force_login(redakteur_a)
    text = seite.get(f"/modelle/{a.modell.uuid}/").content.decode()
    assert "Ähnliche Prozesse anderer Kommunen" in text
    assert f'<a href="/modelle/{b.modell.uuid}/">Hundesteuer Leonberg</a> – Leonberg, Stadt' in text
    # when A is published, B's list learns about it without being recomputed by hand
    _veroeffentlichen(redakteur_a, admin_a, a, verarbeitet)
    assert Aehnlichkeit.objects.filter(modell=b.modell, anderes=a.modell).exists()


def test_entwuerfe_erscheinen_nicht_als_aehnlich(redakteur_a, kommune_a, kommune_b, redakteur_b,
                                                 mitglied_b, neues):  # fmt: skip
    entwurf_a = neues(redakteur_a, kommune_a, "Hundesteuer A", SCHRITTE)
    b = neues(redakteur_b, kommune_b, "Hundesteuer B", SCHRITTE)
    services.aehnlichkeit.aehnliche_berechnen(modell_id=b.modell_id)
    # A's draft is no candidate for anybody
    assert not Aehnlichkeit.objects.filter(anderes=entwurf_a.modell).exists()
    # and a stale entry pointing at a model the viewer may not see is never shown
    Aehnlichkeit.objects.create(modell=b.modell, anderes=entwurf_a.modell, wert=1.0, grund="x")
    assert selectors.aehnliche_modelle(mitglied_b, b.modell) == []
