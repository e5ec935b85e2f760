"""The register's REST API: create models and versions, read them, change metadata."""

from __future__ import annotations

import pytest
from bpmn_bau import prozess
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from kommunen.models import Mitgliedschaft, Rolle
from modelle.models import Modellversion, Prozessmodell

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    def als(user=None) -> APIClient:
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client

    return als


def _datei(name="hund.bpmn", inhalt=None):
    return SimpleUploadedFile(name, inhalt if inhalt is not None else prozess("Hundesteuer"))


def test_modell_anlegen(api, redakteur_a, kommune_a, verarbeitet):
    antwort = verarbeitet(
        api(redakteur_a).post,
        "/api/v1/modelle/",
        {"datei": _datei(), "leistungsschluessel": "99026005001000", "schlagworte": ["Hund"],
         "sichtbarkeit": "oeffentlich", "kommune": "99999999"},
        format="multipart",
    )  # fmt: skip
    assert antwort.status_code == 404  # not a Kommune of hers
    antwort = verarbeitet(
        api(redakteur_a).post,
        "/api/v1/modelle/",
        {"datei": _datei(), "leistungsschluessel": "99026005001000", "schlagworte": ["Hund"],
         "sichtbarkeit": "oeffentlich"},
        format="multipart",
    )  # fmt: skip
    assert antwort.status_code == 201, antwort.json()
    daten = antwort.json()
    assert (daten["titel"], daten["kommune"], len(daten["versionen"])) == (
        "Hundesteuer", kommune_a.ags, 1)  # fmt: skip
    assert daten["aktuelle_version"]["nummer"] == 1
    assert (daten["leistungsschluessel"], daten["schlagworte"], daten["sichtbarkeit"]) == (
        "99026005001000", ["Hund"], "oeffentlich")  # fmt: skip
    version = daten["versionen"][0]
    assert (version["nummer"], version["dateiname"]) == (1, "hund.bpmn")
    detail = api(redakteur_a).get(version["url"]).json()
    assert detail["verarbeitung"] == "ok"
    assert detail["befunde"] == []
    assert detail["downloads"]["bpmn"] == f"/modelle/{daten['uuid']}/versionen/1/datei.bpmn"
    assert detail["downloads"]["svg"] == [f"/modelle/{daten['uuid']}/versionen/1/diagramm-0.svg"]


def test_schlechte_datei_400_mit_namen(api, redakteur_a, speicher):
    antwort = api(redakteur_a).post(
        "/api/v1/modelle/", {"datei": _datei("bild.bpmn", b"\x89PNG")}, format="multipart"
    )
    assert antwort.status_code == 400
    assert antwort.json()["datei"] == [
        "„bild.bpmn“: Die Datei ist kein wohlgeformtes XML. Am Anfang steht kein XML-Element – "
        "ist es wirklich eine BPMN-Datei? (Zeile 1)"
    ]
    assert not Prozessmodell.objects.exists()
    assert not any(p.is_file() for p in speicher.rglob("*"))


def test_zu_grosse_datei_400_mit_ihrer_groesse(api, redakteur_a, speicher):
    gross = b"<definitions>" + b" " * (11 * 1024 * 1024) + b"</definitions>"
    antwort = api(redakteur_a).post(
        "/api/v1/modelle/", {"datei": _datei("gross.bpmn", gross)}, format="multipart"
    )
    assert antwort.status_code == 400
    assert antwort.json()["datei"] == [
        "„gross.bpmn“: Die Datei ist 11,0 MiB groß; erlaubt sind höchstens 10 MiB je Modell."
    ]
    assert not Prozessmodell.objects.exists()


def test_duplikat_409(api, redakteur_a):
    assert api(redakteur_a).post("/api/v1/modelle/", {"datei": _datei()}).status_code == 201
    antwort = api(redakteur_a).post("/api/v1/modelle/", {"datei": _datei()})
    assert antwort.status_code == 409
    assert antwort.json() == {
        "detail": ["Diese Datei liegt bereits als Version 1 von „Hundesteuer“ in der Bibliothek."],
        "code": "duplikat",
    }


def test_rechte(api, mitglied_a, redakteur_a, mitglied_b, modell_von, kommune_a):
    assert api().post("/api/v1/modelle/", {"datei": _datei()}).status_code in (401, 403)
    antwort = api(mitglied_a).post("/api/v1/modelle/", {"datei": _datei()})
    assert antwort.status_code == 403
    assert "Redaktion und Verwaltung" in antwort.json()["detail"]
    modell = modell_von(redakteur_a, kommune_a).modell
    url = f"/api/v1/modelle/{modell.uuid}/"
    # another Kommune: the model does not exist for them, in list, detail, versions and writes
    assert api(mitglied_b).get("/api/v1/modelle/").json()["count"] == 0
    assert api(mitglied_b).get(url).status_code == 404
    assert api(mitglied_b).get(f"{url}versionen/1/").status_code == 404
    assert api(mitglied_b).patch(url, {"titel": "x"}, format="json").status_code == 404
    assert (
        api(mitglied_b).post(f"{url}versionen/", {"datei": _datei("n", prozess("n"))}).status_code
        == 404
    )
    assert api().get(url).status_code == 404
    # own reader: sees, may not change
    assert api(mitglied_a).get(url).status_code == 200
    assert api(mitglied_a).patch(url, {"titel": "x"}, format="json").status_code == 403
    modell.refresh_from_db()
    assert modell.titel == "Hundesteuer anmelden"


def test_mehrere_kommunen_brauchen_den_ags(api, redakteur_a, kommune_b):
    Mitgliedschaft.objects.create(user=redakteur_a, kommune=kommune_b, rolle=Rolle.BEARBEITEN)
    antwort = api(redakteur_a).post("/api/v1/modelle/", {"datei": _datei()})
    assert antwort.status_code == 400
    assert antwort.json() == {
        "kommune": ["Sie gehören mehreren Kommunen an: Bitte den AGS angeben."]
    }
    antwort = api(redakteur_a).post(
        "/api/v1/modelle/", {"datei": _datei(), "kommune": kommune_b.ags}
    )
    assert antwort.status_code == 201 and antwort.json()["kommune"] == kommune_b.ags


def test_neue_version_und_metadaten(api, redakteur_a, kommune_a, modell_von):
    modell = modell_von(redakteur_a, kommune_a).modell
    url = f"/api/v1/modelle/{modell.uuid}/"
    antwort = api(redakteur_a).post(
        f"{url}versionen/",
        {
            "datei": _datei("v2.bpmn", prozess("Hundesteuer", ("A", "B"))),
            "aenderungsnotiz": "B neu",
        },
    )
    assert antwort.status_code == 201
    assert (antwort.json()["nummer"], antwort.json()["aenderungsnotiz"]) == (2, "B neu")
    stand = api(redakteur_a).get(url).json()["stand"]
    ok = api(redakteur_a).patch(url, {"titel": "Hundesteuer", "stand": stand}, format="json")
    assert ok.status_code == 200 and ok.json()["titel"] == "Hundesteuer"
    veraltet = api(redakteur_a).patch(url, {"titel": "Anders", "stand": stand}, format="json")
    assert veraltet.status_code == 409
    falsch = api(redakteur_a).patch(url, {"leistungsschluessel": "12"}, format="json")
    assert falsch.status_code == 400
    assert "leistungsschluessel" in falsch.json()
    assert Modellversion.objects.filter(modell=modell).count() == 2
