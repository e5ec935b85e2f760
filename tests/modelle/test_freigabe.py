"""Review and publication under four eyes, and what the network and the public then see."""

from __future__ import annotations

import pytest
from bpmn_bau import prozess
from django.test import Client
from rest_framework.test import APIClient

from modelle import services
from modelle.models import Modellversion, Prozessmodell
from modelle.services import freigabe
from prozessbibliothek.fehler import KeineBerechtigung, Konflikt

pytestmark = pytest.mark.django_db


@pytest.fixture
def veroeffentlicht(redakteur_a, admin_a, kommune_a, modell_von, verarbeitet):
    """veroeffentlicht(titel, sichtbarkeit) → a model of A whose version 1 is published."""

    def make(titel="Hundesteuer anmelden", sichtbarkeit="netzwerk"):
        version = modell_von(redakteur_a, kommune_a, titel, sichtbarkeit=sichtbarkeit)
        verarbeitet(freigabe.zur_pruefung_geben, user=redakteur_a, version=version)
        verarbeitet(freigabe.freigeben, user=admin_a, version=version)
        return Modellversion.objects.get(pk=version.pk)

    return make


def test_vier_augen_freigabe_mit_mails(redakteur_a, admin_a, kommune_a, make_mitglied, modell_von,
                                       verarbeitet, mailoutbox):  # fmt: skip
    zweite_admin = make_mitglied(kommune_a, "verwalten", email="zweite@boeblingen.example")
    version = modell_von(redakteur_a, kommune_a)
    verarbeitet(freigabe.zur_pruefung_geben, user=redakteur_a, version=version)
    assert Modellversion.objects.get(pk=version.pk).status == "in_pruefung"
    # both admins are asked
    assert sorted(mailoutbox[-1].to) == ["admin_a@example.org", "zweite@boeblingen.example"]
    assert mailoutbox[-1].subject == "Zur Freigabe: Hundesteuer anmelden, Version 1"

    verarbeitet(freigabe.freigeben, user=zweite_admin, version=version)
    version.refresh_from_db()
    assert (version.status, version.freigegeben_von) == ("freigegeben", zweite_admin)
    assert Prozessmodell.objects.get(pk=version.modell_id).veroeffentlichte_version == version
    assert mailoutbox[-1].to == ["redakteur_a@example.org"]
    assert "ist jetzt für das Netzwerk sichtbar" in mailoutbox[-1].body


def test_wer_hochlud_darf_nicht_freigeben(admin_a, kommune_a, modell_von, verarbeitet):
    # An admin uploads herself: she may ask for review, but another admin must publish.
    version = modell_von(admin_a, kommune_a)
    verarbeitet(freigabe.zur_pruefung_geben, user=admin_a, version=version)
    with pytest.raises(KeineBerechtigung) as fehler:
        freigabe.freigeben(user=admin_a, version=version)
    assert "Vier-Augen-Prinzip" in fehler.value.meldung
    assert Modellversion.objects.get(pk=version.pk).status == "in_pruefung"


@pytest.mark.parametrize("herkunft", ["import", "konto_geloescht"])
def test_version_ohne_hochladende_person_kann_freigegeben_werden(
    herkunft, redakteur_a, admin_a, kommune_a, make_mitglied, datei, verarbeitet
):
    # GIVEN a version in review whose uploader is unknown: an operator import without
    # --benutzer, or an uploader whose account was deleted since
    if herkunft == "import":
        version = verarbeitet(
            services.modell_anlegen, user=None, kommune=kommune_a, system=True,
            datei=datei("import.bpmn", prozess("Sperrmüll anmelden", variante="import")),
        )  # fmt: skip
    else:
        weg = make_mitglied(kommune_a, "bearbeiten", username="ehemalig")
        version = verarbeitet(
            services.modell_anlegen, user=weg, kommune=kommune_a,
            datei=datei("alt.bpmn", prozess("Sperrmüll anmelden", variante="alt")),
        )  # fmt: skip
        weg.delete()
    verarbeitet(freigabe.zur_pruefung_geben, user=redakteur_a, version=version)
    version = Modellversion.objects.get(pk=version.pk)
    assert version.erstellt_von_id is None
    # WHEN an admin of the Kommune publishes it
    verarbeitet(freigabe.freigeben, user=admin_a, version=version)
    # THEN it is published, by her
    version = Modellversion.objects.get(pk=version.pk)
    assert (version.status, version.freigegeben_von) == ("freigegeben", admin_a)
    assert Prozessmodell.objects.get(pk=version.modell_id).veroeffentlichte_version == version


def test_redakteur_darf_nicht_freigeben(redakteur_a, kommune_a, modell_von, verarbeitet):
    version = modell_von(redakteur_a, kommune_a)
    verarbeitet(freigabe.zur_pruefung_geben, user=redakteur_a, version=version)
    with pytest.raises(KeineBerechtigung) as fehler:
        freigabe.freigeben(user=redakteur_a, version=version)
    # She uploaded it, but the reason she is refused is her role.
    assert fehler.value.meldung == "Freigeben darf nur die Verwaltung der Kommune."


def test_zurueckgeben_braucht_kommentar(redakteur_a, admin_a, kommune_a, modell_von, verarbeitet,
                                        mailoutbox):  # fmt: skip
    version = modell_von(redakteur_a, kommune_a)
    verarbeitet(freigabe.zur_pruefung_geben, user=redakteur_a, version=version)
    with pytest.raises(Konflikt):
        freigabe.zurueckgeben(user=admin_a, version=version, kommentar="  ")
    verarbeitet(freigabe.zurueckgeben, user=admin_a, version=version, kommentar="Lane fehlt")
    version.refresh_from_db()
    assert (version.status, version.rueckmeldung) == ("entwurf", "Lane fehlt")
    assert mailoutbox[-1].to == ["redakteur_a@example.org"]
    assert "Kommentar:\nLane fehlt" in mailoutbox[-1].body
    with pytest.raises(Konflikt):  # no longer in review
        freigabe.freigeben(user=admin_a, version=version)


def test_freigegebene_bleibt_sichtbar_waehrend_neuer_entwurf_in_pruefung(
    veroeffentlicht, redakteur_a, mitglied_b, datei, verarbeitet
):
    v1 = veroeffentlicht()
    v2 = verarbeitet(
        services.version_hochladen, user=redakteur_a, modell=v1.modell,
        datei=datei("v2.bpmn", prozess("Hundesteuer anmelden", ("Nur im Entwurf",))),
    )  # fmt: skip
    verarbeitet(freigabe.zur_pruefung_geben, user=redakteur_a, version=v2)
    client = Client()
    client.force_login(mitglied_b)
    seite = client.get(f"/modelle/{v1.modell.uuid}/")
    text = seite.content.decode()
    assert seite.status_code == 200
    assert "Version 1" in text and 'data-element-id="T0"' in text
    assert "Nur im Entwurf" not in text and "Version 2" not in text
    assert client.get(f"/modelle/{v1.modell.uuid}/versionen/2/").status_code == 404
    assert client.get(f"/modelle/{v1.modell.uuid}/versionen/2/datei.bpmn").status_code == 404
    assert client.get(f"/modelle/{v1.modell.uuid}/versionen/2/vorschau.png").status_code == 404
    assert client.get(f"/modelle/{v1.modell.uuid}/versionen/1/vorschau.png").status_code == 200
    api = APIClient()
    api.force_authenticate(mitglied_b)
    daten = api.get(f"/api/v1/modelle/{v1.modell.uuid}/").json()
    assert [v["nummer"] for v in daten["versionen"]] == [1]
    assert daten["aktuelle_version"]["nummer"] == 1
    assert api.get(f"/api/v1/modelle/{v1.modell.uuid}/versionen/2/").status_code == 404


def test_entwuerfe_anderer_kommunen_bleiben_404(redakteur_a, kommune_a, mitglied_b, modell_von):
    version = modell_von(redakteur_a, kommune_a, sichtbarkeit="oeffentlich")
    basis = f"/modelle/{version.modell.uuid}"
    client = Client()
    client.force_login(mitglied_b)
    for rest in ("", "versionen/1/", "versionen/1/datei.bpmn", "versionen/1/vorschau.png",
                 "versionen/1/diagramm-0.svg"):  # fmt: skip
        assert client.get(f"{basis}/{rest}").status_code == 404, rest
        assert Client().get(f"{basis}/{rest}").status_code == 404, rest
    api = APIClient()
    api.force_authenticate(mitglied_b)
    assert api.get(f"/api/v1/modelle/{version.modell.uuid}/").status_code == 404
    assert api.get("/api/v1/modelle/").json()["count"] == 0


@pytest.mark.parametrize(
    ("sichtbarkeit", "netzwerk", "oeffentlich"),
    [("intern", False, False), ("netzwerk", True, False), ("oeffentlich", True, True)],
)
def test_sichtbarkeit_nach_freigabe(veroeffentlicht, mitglied_b, koordinator, sichtbarkeit,
                                    netzwerk, oeffentlich):  # fmt: skip
    url = f"/modelle/{veroeffentlicht(sichtbarkeit=sichtbarkeit).modell.uuid}/"
    b, k = Client(), Client()
    b.force_login(mitglied_b)
    k.force_login(koordinator)
    assert b.get(url).status_code == (200 if netzwerk else 404)
    assert k.get(url).status_code == (200 if netzwerk else 404)
    assert Client().get(url).status_code == (200 if oeffentlich else 404)


def test_archivieren_verbirgt_und_behaelt(veroeffentlicht, admin_a, mitglied_a, mitglied_b):
    version = veroeffentlicht()
    url = f"/modelle/{version.modell.uuid}/"
    admin = Client()
    admin.force_login(admin_a)
    bestaetigung = admin.get(f"{url}archivieren/")
    assert "Andere Kommunen und die Öffentlichkeit sehen das Modell nicht mehr" in (
        bestaetigung.content.decode()
    )
    assert admin.post(f"{url}archivieren/").status_code == 302
    b = Client()
    b.force_login(mitglied_b)
    assert b.get(url).status_code == 404
    eigen = Client()
    eigen.force_login(mitglied_a)
    assert "Archiviert am" in eigen.get(url).content.decode()
    # a reader of A may not archive or restore
    assert eigen.post(f"{url}wiederherstellen/").status_code == 403
    assert admin.post(f"{url}wiederherstellen/").status_code == 302
    assert b.get(url).status_code == 200


def test_seite_zeigt_den_weg_zur_freigabe(redakteur_a, admin_a, kommune_a, modell_von):
    version = modell_von(redakteur_a, kommune_a)
    basis = f"/modelle/{version.modell.uuid}/versionen/1/"
    redaktion = Client()
    redaktion.force_login(redakteur_a)
    assert "Zur Prüfung geben" in redaktion.get(basis).content.decode()
    antwort = redaktion.post(f"{basis}zur-pruefung/", follow=True)
    assert "Version 1 liegt jetzt der Verwaltung Ihrer Kommune zur Prüfung vor." in (
        antwort.content.decode()
    )
    # the Redakteur cannot publish: 403 with the reason
    verboten = redaktion.post(f"{basis}freigeben/")
    assert verboten.status_code == 403
    assert "Freigeben darf nur die Verwaltung der Kommune." in verboten.content.decode()
    admin = Client()
    admin.force_login(admin_a)
    text = admin.get(basis).content.decode()
    assert "Freigeben" in text and "Kommentar an die Redaktion" in text
    text = admin.post(f"{basis}freigeben/", follow=True).content.decode()
    assert "Version 1 ist freigegeben und für das Netzwerk sichtbar." in text
    assert "Verlauf" in text and "zur Prüfung gegeben" in text
    # clicking again: a clear message, not an error page
    text = admin.post(f"{basis}freigeben/", follow=True).content.decode()
    assert "Version 1 ist nicht in Prüfung (jetzt: freigegeben)." in text


def test_ablauf_als_text_auf_der_seite_und_in_der_api(redakteur_a, kommune_a, modell_von):
    version = modell_von(redakteur_a, kommune_a, "Bauantrag")
    client = Client()
    client.force_login(redakteur_a)
    text = client.get(f"/modelle/{version.modell.uuid}/").content.decode()
    assert '<h2 id="h-ablauf">Ablauf als Text</h2>' in text
    assert "Antrag prüfen" in text[text.index('id="h-ablauf"') :]
    api = APIClient()
    api.force_authenticate(redakteur_a)
    ablauf = api.get(f"/api/v1/modelle/{version.modell.uuid}/versionen/1/").json()["ablauf"]
    assert [a["title_de"] for a in ablauf["sections"]] == ["Bauantrag"]
