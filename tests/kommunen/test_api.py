import pytest

from kommunen.models import Einladung

pytestmark = pytest.mark.django_db


def test_kommunen_api_suche_nach_name_ags_kreis(client, stammdaten):
    daten = client.get("/api/v1/kommunen/", {"q": "Leonberg"}).json()
    assert [k["ags"] for k in daten["results"]] == ["08115028"]
    assert client.get("/api/v1/kommunen/", {"q": "08115"}).json()["count"] == 26
    assert client.get("/api/v1/kommunen/", {"kreis": "Böblingen"}).json()["count"] == 26
    assert client.get("/api/v1/kommunen/08111000/").json()["name"] == "Stuttgart, Landeshauptstadt"


def test_unbekannter_ags_ist_404(client):
    assert client.get("/api/v1/kommunen/08999999/").status_code == 404


def test_meine_mitgliedschaften(client_als, admin_a):
    daten = client_als(admin_a).get("/api/v1/ich/mitgliedschaften/").json()
    assert [(m["kommune"]["ags"], m["rolle"]) for m in daten] == [("08115003", "verwalten")]


def test_mitgliedschaften_brauchen_anmeldung(client):
    assert client.get("/api/v1/ich/mitgliedschaften/").status_code in (401, 403)


def test_api_einladung_kommune_aus_mitgliedschaft(client_als, admin_a, kommune_a, kommune_b):
    antwort = client_als(admin_a).post(
        "/api/v1/einladungen/",
        {"email": "x@example.org", "rolle": "lesen", "kommune": kommune_b.ags},
        content_type="application/json",
    )
    assert antwort.status_code == 201
    assert antwort.json()["kommune"] == kommune_a.ags
    assert Einladung.objects.get().kommune == kommune_a


def test_api_einladung_ohne_adminrolle_404(client_als, mitglied_a):
    antwort = client_als(mitglied_a).post(
        "/api/v1/einladungen/",
        {"email": "x@example.org", "rolle": "lesen"},
        content_type="application/json",
    )
    assert antwort.status_code == 404


def test_api_fehler_auf_deutsch(client_als, admin_a):
    antwort = client_als(admin_a).post(
        "/api/v1/einladungen/",
        {"email": "kaputt", "rolle": "chef"},
        content_type="application/json",
    )
    assert antwort.status_code == 400
    fehler = antwort.json()
    assert fehler["email"] == ["Bitte geben Sie eine gültige E-Mail-Adresse ein."]
    assert "ist keine gültige Option" in fehler["rolle"][0]


def test_openapi_schema_und_docs(client):
    assert client.get("/api/schema/").status_code == 200
    assert client.get("/api/docs/").status_code == 200
