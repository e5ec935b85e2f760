"""Comments: plain text, own ones only, drafts stay in the Kommune, mail to the owner."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.test import Client

from kommunen.models import AuditEintrag
from modelle.models import Kommentar, Modellversion
from modelle.services import diskussion, freigabe
from prozessbibliothek.fehler import NichtGefunden

pytestmark = pytest.mark.django_db


@pytest.fixture
def freigegeben(redakteur_a, admin_a, kommune_a, modell_von, verarbeitet):
    version = modell_von(redakteur_a, kommune_a)
    verarbeitet(freigabe.zur_pruefung_geben, user=redakteur_a, version=version)
    verarbeitet(freigabe.freigeben, user=admin_a, version=version)
    return version


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_kommentar_aus_anderer_kommune_mit_mail(freigegeben, mitglied_b, verarbeitet, mailoutbox):
    url = f"/modelle/{freigegeben.modell.uuid}/versionen/1/kommentare/"
    antwort = verarbeitet(
        _client(mitglied_b).post,
        url,
        {"text": "Bei uns prüft das <b>Ordnungsamt</b> **zuerst**.\nZweite Zeile"},
    )
    kommentar = Kommentar.objects.get()
    assert antwort.status_code == 302
    assert antwort["Location"].endswith(f"/versionen/1/#kommentar-{kommentar.uuid}")
    text = _client(mitglied_b).get(f"/modelle/{freigegeben.modell.uuid}/").content.decode()
    assert (
        '<p class="kommentar-text">Bei uns prüft das &lt;b&gt;Ordnungsamt&lt;/b&gt; **zuerst**.'
        "<br>Zweite Zeile</p>" in text
    )
    # Redaktion and Verwaltung of the model's Kommune are told, the author is not
    assert sorted(mailoutbox[-1].to) == ["admin_a@example.org", "redakteur_a@example.org"]
    assert mailoutbox[-1].subject == "Neuer Kommentar: Hundesteuer anmelden"


def test_nur_eigene_kommentare_aendern_und_loeschen(freigegeben, mitglied_b, redakteur_a):
    kommentar = diskussion.kommentar_schreiben(user=mitglied_b, version=freigegeben, text="Erst")
    fremd = _client(redakteur_a)
    assert fremd.get(f"/kommentare/{kommentar.uuid}/bearbeiten/").status_code == 403
    assert fremd.post(f"/kommentare/{kommentar.uuid}/loeschen/").status_code == 403
    eigen = _client(mitglied_b)
    eigen.post(f"/kommentare/{kommentar.uuid}/bearbeiten/", {"text": "Dann"})
    kommentar.refresh_from_db()
    assert (kommentar.text, kommentar.geaendert_am is not None) == ("Dann", True)
    frage = eigen.get(f"/kommentare/{kommentar.uuid}/loeschen/").content.decode()
    assert "Das lässt sich nicht rückgängig machen." in frage
    eigen.post(f"/kommentare/{kommentar.uuid}/loeschen/")
    kommentar.refresh_from_db()
    assert kommentar.text == "" and kommentar.geloescht_am is not None
    seite = eigen.get(f"/modelle/{freigegeben.modell.uuid}/").content.decode()
    assert "Dieser Kommentar wurde gelöscht." in seite
    # a deleted comment is gone, also for its author
    with pytest.raises(NichtGefunden):
        diskussion.kommentar_aendern(user=mitglied_b, kommentar=kommentar, text="wieder da")
    assert eigen.get(f"/kommentare/{kommentar.uuid}/bearbeiten/").status_code == 404


def test_aenderung_aus_einem_alten_tab_bringt_geloeschten_kommentar_nicht_zurueck(
    freigegeben, mitglied_b
):
    # GIVEN a comment open for editing in one tab and deleted in another
    kommentar = diskussion.kommentar_schreiben(user=mitglied_b, version=freigegeben, text="Erst")
    alter_tab = Kommentar.objects.get(pk=kommentar.pk)
    diskussion.kommentar_loeschen(user=mitglied_b, kommentar=kommentar)
    # WHEN the first tab saves its edit THEN it is refused as gone and the comment stays deleted
    with pytest.raises(NichtGefunden):
        diskussion.kommentar_aendern(user=mitglied_b, kommentar=alter_tab, text="Dann")
    kommentar.refresh_from_db()
    assert (kommentar.text, kommentar.geaendert_am) == ("", None)
    assert not AuditEintrag.objects.filter(aktion="kommentar.geaendert").exists()


def test_aenderung_ohne_protokolleintrag_bleibt_nicht_stehen(freigegeben, mitglied_b, monkeypatch):
    kommentar = diskussion.kommentar_schreiben(user=mitglied_b, version=freigegeben, text="Erst")

    def kaputt(**kwargs):
        raise DatabaseError("audit log unavailable")

    monkeypatch.setattr(diskussion, "audit", kaputt)
    with pytest.raises(DatabaseError):
        diskussion.kommentar_aendern(user=mitglied_b, kommentar=kommentar, text="Dann")
    kommentar.refresh_from_db()
    assert (kommentar.text, kommentar.geaendert_am) == ("Erst", None)


def test_diskussion_eines_entwurfs_bleibt_in_der_kommune(
    freigegeben, redakteur_a, mitglied_b, datei, verarbeitet
):
    from bpmn_bau import prozess

    from modelle import services

    v2 = verarbeitet(
        services.version_hochladen, user=redakteur_a, modell=freigegeben.modell,
        datei=datei("v2.bpmn", prozess("Hundesteuer anmelden", ("Neu",))),
    )  # fmt: skip
    diskussion.kommentar_schreiben(user=redakteur_a, version=v2, text="Intern: noch nicht fertig")
    diskussion.kommentar_schreiben(user=redakteur_a, version=freigegeben, text="Öffentlich")
    seite = _client(mitglied_b).get(f"/modelle/{freigegeben.modell.uuid}/").content.decode()
    assert "Öffentlich" in seite and "Intern: noch nicht fertig" not in seite
    eigen = _client(redakteur_a).get(f"/modelle/{freigegeben.modell.uuid}/").content.decode()
    assert "Intern: noch nicht fertig" in eigen


def test_kommentar_zu_einem_element(freigegeben, mitglied_b):
    client = _client(mitglied_b)
    url = f"/modelle/{freigegeben.modell.uuid}/versionen/1/kommentare/"
    client.post(url, {"text": "Gibt es nicht", "element_id": "Erfunden"})
    assert not Kommentar.objects.exists()
    folge = client.get(f"/modelle/{freigegeben.modell.uuid}/").content.decode()
    assert "Dieses Element gibt es in Version 1 nicht." in folge
    client.post(url, {"text": "Hier fehlt die Frist", "element_id": "T0"})
    kommentar = Kommentar.objects.get()
    assert kommentar.element_id == "T0"
    seite = client.get(f"/modelle/{freigegeben.modell.uuid}/").content.decode()
    assert f'href="/modelle/{freigegeben.modell.uuid}/versionen/1/?element=T0#diagramm"' in seite


def test_kommentar_zu_einem_element_liest_die_datei_nicht(freigegeben, mitglied_b, monkeypatch):
    from modelle import ablage

    # The elements the page offers are those the worker stored; the file is not read again.
    def nicht_lesen(key):
        raise AssertionError("the stored file was read in the request")

    monkeypatch.setattr(ablage, "lesen", nicht_lesen)
    freigegeben.refresh_from_db()  # as the page loads it: processed
    kommentar = diskussion.kommentar_schreiben(
        user=mitglied_b, version=freigegeben, text="Frist?", element_id="T0"
    )
    assert kommentar.element_id == "T0"
    # An id that is in the file but not among the stored elements is not offered, so refused.
    Modellversion.objects.filter(pk=freigegeben.pk).update(elemente={})
    freigegeben.refresh_from_db()
    with pytest.raises(ValidationError) as fehler:
        diskussion.kommentar_schreiben(
            user=mitglied_b, version=freigegeben, text="Frist?", element_id="T0"
        )
    assert fehler.value.message_dict == {
        "element_id": ["Dieses Element gibt es in Version 1 nicht."]
    }


def test_kommentar_zu_einem_element_erst_nach_der_pruefung(redakteur_a, kommune_a, datei):
    from bpmn_bau import prozess

    from modelle import services

    # GIVEN a version whose file is not processed yet (its elements are not known)
    version = services.modell_anlegen(
        user=redakteur_a, kommune=kommune_a, datei=datei("neu.bpmn", prozess("Neu", variante="n"))
    )
    assert version.verarbeitung == "wartend"
    # WHEN someone comments on one of its elements THEN she is told to wait
    with pytest.raises(ValidationError) as fehler:
        diskussion.kommentar_schreiben(user=redakteur_a, version=version, text="x", element_id="T0")
    assert fehler.value.message_dict == {
        "element_id": [
            "Version 1 wird noch geprüft. Zu einzelnen Elementen können Sie kommentieren, "
            "sobald die Prüfung fertig ist."
        ]
    }
    assert not Kommentar.objects.exists()
    # … a comment on the whole version is fine
    diskussion.kommentar_schreiben(user=redakteur_a, version=version, text="Allgemein")
    assert Kommentar.objects.get().element_id == ""


def test_ohne_anmeldung_kein_kommentar(freigegeben, redakteur_a, admin_a):
    freigegeben.modell.sichtbarkeit = "oeffentlich"
    freigegeben.modell.save(update_fields=["sichtbarkeit"])
    anonym = Client()
    assert (
        "Anmelden, um zu kommentieren"
        in anonym.get(f"/modelle/{freigegeben.modell.uuid}/").content.decode()
    )
    antwort = anonym.post(
        f"/modelle/{freigegeben.modell.uuid}/versionen/1/kommentare/", {"text": "x"}
    )
    assert antwort.status_code == 302 and "/konto/login/" in antwort["Location"]
    assert not Kommentar.objects.exists()


def test_kommentar_zu_abgeloester_version_verlinkt_nur_sichtbares(
    freigegeben, redakteur_a, admin_a, mitglied_b, datei, verarbeitet
):
    from bpmn_bau import prozess

    from modelle import services

    # GIVEN B's comment on element T0 of version 1, then A publishes version 2
    modell = freigegeben.modell
    b = _client(mitglied_b)
    b.post(
        f"/modelle/{modell.uuid}/versionen/1/kommentare/", {"text": "Frist?", "element_id": "T0"}
    )
    kommentar = Kommentar.objects.get()
    v2 = verarbeitet(
        services.version_hochladen, user=redakteur_a, modell=modell,
        datei=datei("v2.bpmn", prozess("Hundesteuer anmelden", ("Neu",))),
    )  # fmt: skip
    verarbeitet(freigabe.zur_pruefung_geben, user=redakteur_a, version=v2)
    verarbeitet(freigabe.freigeben, user=admin_a, version=v2)
    assert b.get(f"/modelle/{modell.uuid}/versionen/1/").status_code == 404
    # THEN B still reads the comment, but nothing links to version 1 any more
    seite = b.get(f"/modelle/{modell.uuid}/").content.decode()
    assert "Frist?" in seite
    assert " · zu Version 1 · zum Element „T0“</p>" in seite
    assert f"/modelle/{modell.uuid}/versionen/1/" not in seite
    # while A, who sees every version, keeps the links
    eigen = _client(redakteur_a).get(f"/modelle/{modell.uuid}/").content.decode()
    assert f'<a href="/modelle/{modell.uuid}/versionen/1/">zu Version 1</a>' in eigen
    # WHEN B edits or deletes the comment THEN B lands on the model page, not on a 404
    ziel = f"/modelle/{modell.uuid}/#kommentar-{kommentar.uuid}"
    geaendert = b.post(f"/kommentare/{kommentar.uuid}/bearbeiten/", {"text": "Frist 14 Tage?"})
    assert geaendert["Location"] == ziel
    assert b.get(geaendert["Location"]).status_code == 200
    assert b.post(f"/kommentare/{kommentar.uuid}/loeschen/")["Location"] == ziel
