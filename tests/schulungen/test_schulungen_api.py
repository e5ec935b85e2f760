"""REST API: public lists, own enrolments, enrolment from membership, 404 for others'."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from schulungen import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    def als(user=None):
        c = APIClient()
        if user is not None:
            c.force_authenticate(user)
        return c

    return als


def test_kohorten_und_veranstaltungen_sind_oeffentlich(api, kohorte, make_veranstaltung):
    make_veranstaltung(kohorte, aufzeichnung_url="https://video.example/x")
    assert api().get(reverse("api_kohorten")).json()["results"][0]["name"] == kohorte.name
    v = api().get(reverse("api_veranstaltungen"), {"kohorte": str(kohorte.uuid)}).json()
    assert v["results"][0]["aufzeichnung_url"] is None


def test_anmeldung_per_api_nimmt_kommune_aus_der_mitgliedschaft(
    api, admin_a, kommune_a, kommune_b, mitglied_a, kohorte
):
    c = api(admin_a)
    antwort = c.post(
        reverse("api_einschreibungen"),
        {"kohorte": str(kohorte.uuid), "teilnehmende": [mitglied_a.username]},
        format="json",
    )
    assert antwort.status_code == 201, antwort.json()
    assert antwort.json()["kommune"] == kommune_a.ags
    assert antwort.json()["status"] == "bestaetigt"

    fremd = c.post(
        reverse("api_einschreibungen"),
        {"kohorte": str(kohorte.uuid), "kommune": kommune_b.slug},
        format="json",
    )
    assert fremd.status_code == 404

    doppelt = c.post(reverse("api_einschreibungen"), {"kohorte": str(kohorte.uuid)}, format="json")
    assert doppelt.status_code == 400
    assert "bereits angemeldet" in str(doppelt.json()["detail"])

    meine = c.get(reverse("api_meine_einschreibungen")).json()
    assert [e["kommune"] for e in meine] == [kommune_a.ags]


def test_fremde_einschreibung_ist_404_und_eigene_laesst_sich_stornieren(
    api, admin_a, kommune_a, admin_b, kommune_b, kohorte
):
    e_a = services.einschreibung_anfragen(user=admin_a, kommune=kommune_a, kohorte=kohorte)
    e_b = services.einschreibung_anfragen(user=admin_b, kommune=kommune_b, kohorte=kohorte)
    c = api(admin_a)
    assert c.get(reverse("api_einschreibung", args=[e_b.uuid])).status_code == 404
    assert c.post(reverse("api_einschreibung_zurueckziehen", args=[e_b.uuid])).status_code == 404
    assert c.get(reverse("api_meine_einschreibungen")).json()[0]["uuid"] == str(e_a.uuid)
    antwort = c.post(reverse("api_einschreibung_zurueckziehen", args=[e_a.uuid]))
    assert antwort.status_code == 200 and antwort.json()["status"] == "zurueckgezogen"


def test_anonym_darf_nicht_anmelden(api, kohorte):
    antwort = api().post(reverse("api_einschreibungen"), {"kohorte": str(kohorte.uuid)})
    assert antwort.status_code in (401, 403)
