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


def test_api_einladung_email_zu_lang(client_als, admin_a):
    zu_lang = "a" * 64 + "@" + ".".join(["b" * 63, "c" * 63, "d" * 59]) + ".de"
    antwort = client_als(admin_a).post(
        "/api/v1/einladungen/",
        {"email": zu_lang, "rolle": "lesen"},
        content_type="application/json",
    )
    assert antwort.status_code == 400
    assert antwort.json()["email"] == ["Eine E-Mail-Adresse hat höchstens 254 Zeichen."]
    assert not Einladung.objects.exists()


def test_einladung_service_prueft_laenge_selbst(admin_a, kommune_a):
    from django.core.exceptions import ValidationError

    from kommunen import services

    zu_lang = "a" * 64 + "@" + ".".join(["b" * 63, "c" * 63, "d" * 59]) + ".de"
    with pytest.raises(ValidationError) as fehler:
        services.einladung_erstellen(user=admin_a, kommune=kommune_a, email=zu_lang, rolle="lesen")
    assert fehler.value.messages == [
        "Eine E-Mail-Adresse hat höchstens 254 Zeichen; diese hat 255."
    ]


def test_api_kommunensuche_verzeiht_umlaute(client, stammdaten):
    for q in ("Boeblingen", "boblingen"):
        daten = client.get("/api/v1/kommunen/", {"q": q}).json()
        assert daten["results"][0]["ags"] == "08115003"


def test_schema_download_behaelt_den_deutschen_namen(client):
    antwort = client.get("/api/schema/")
    assert antwort["Content-Disposition"] == (
        "inline; filename*=utf-8''Prozessbibliothek%20Baden-W%C3%BCrttemberg%20API.yaml"
    )


def test_nicht_mehr_mitglied_im_netzwerk_heisst_keine_mitgliedschaft(
    client_als, admin_a, kommune_a
):
    """The one membership rule: a Kommune that left the network has no members to act for."""
    kommune_a.ist_mitglied = False
    kommune_a.save()
    c = client_als(admin_a)
    assert c.get("/api/v1/ich/mitgliedschaften/").json() == []
    antwort = c.post(
        "/api/v1/einladungen/",
        {"email": "x@example.org", "rolle": "lesen"},
        content_type="application/json",
    )
    assert antwort.status_code == 404
    assert "noch zu keiner Mitgliedskommune" in c.get("/meine-kommune/").content.decode()
