"""The register's pages: upload (files, ZIP), model page, downloads, new versions, metadata."""

from __future__ import annotations

import json
import re

import pytest
from bpmn_bau import mit_befund, prozess, zip_aus
from django.core.files.uploadedfile import SimpleUploadedFile

from kommunen.models import Mitgliedschaft, Rolle
from modelle.models import Modellversion, Prozessmodell

pytestmark = pytest.mark.django_db


def _datei(name: str, inhalt: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, inhalt, content_type="application/octet-stream")


def _hochladen(client, dateien: dict[str, bytes], **felder):
    daten = {"sichtbarkeit": "netzwerk", "lizenz": "cc-by-4.0", "kategorie": "finanzen", **felder}
    daten["dateien"] = [_datei(n, b) for n, b in dateien.items()]
    return client.post("/modelle/hochladen/", daten)


def _dateien_im_speicher(speicher) -> int:
    return sum(1 for p in speicher.rglob("*") if p.is_file())


def test_zwei_dateien_auf_einmal(client_als, redakteur_a, kommune_a, verarbeitet):
    client = client_als(redakteur_a)
    antwort = verarbeitet(
        _hochladen, client, {"hund.bpmn": prozess("Hundesteuer"), "g.bpmn": mit_befund()},
        kommune=kommune_a.pk,
    )  # fmt: skip
    text = antwort.content.decode()
    assert antwort.status_code == 200
    assert "2 Modelle gespeichert" in text
    modelle = Prozessmodell.objects.order_by("titel")
    assert [m.titel for m in modelle] == ["Gewerbe anmelden", "Hundesteuer"]
    assert {m.kategorie for m in modelle} == {"finanzen"}
    for m in modelle:
        assert f'href="/modelle/{m.uuid}/"' in text
        # the live status element of each new version is on the page
        assert f'data-version-status="{m.neueste_version.uuid}"' in text


def test_zip_mit_fuenf_modellen(client_als, redakteur_a, kommune_a):
    archiv = zip_aus({f"Export/p{i}.bpmn": prozess(f"Prozess {i}") for i in range(5)})
    antwort = _hochladen(client_als(redakteur_a), {"export.zip": archiv}, kommune=kommune_a.pk)
    assert antwort.status_code == 200
    assert "5 Modelle gespeichert" in antwort.content.decode()
    assert sorted(Prozessmodell.objects.values_list("titel", flat=True)) == [
        f"Prozess {i}" for i in range(5)
    ]


def test_schlechte_datei_steht_mit_namen_am_feld_die_anderen_werden_gespeichert(
    client_als, redakteur_a, kommune_a
):
    antwort = _hochladen(
        client_als(redakteur_a),
        {"gut.bpmn": prozess("Gut"), "bild.bpmn": b"\x89PNG\r\n\x1a\n"},
        kommune=kommune_a.pk,
    )
    text = antwort.content.decode()
    assert antwort.status_code == 200
    assert "1 Modell gespeichert" in text
    assert (
        '<p class="error" role="alert">„bild.bpmn“: Die Datei ist kein wohlgeformtes XML. '
        "Am Anfang steht kein XML-Element – ist es wirklich eine BPMN-Datei? (Zeile 1)</p>" in text
    )
    assert list(Prozessmodell.objects.values_list("titel", flat=True)) == ["Gut"]


@pytest.mark.parametrize(
    ("name", "inhalt", "meldung"),
    [
        ("leer.bpmn", b"", "„leer.bpmn“: Die Datei ist leer."),
        ("gross.bpmn", b" " * (10 * 1024 * 1024 + 5),
         "„gross.bpmn“: Die Datei ist 10,0 MiB groß; erlaubt sind höchstens 10 MiB je Modell."),
        ("xxe.bpmn", b'<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><d>&x;</d>',
         "„xxe.bpmn“: Die Datei verweist auf externe Entitäten; das ist nicht erlaubt."),
        ("weg.zip", zip_aus({"../weg.bpmn": prozess()}), "„weg.zip“: Das ZIP-Archiv enthält "
         "einen Pfad, der aus dem Archiv hinauszeigt („../weg.bpmn“); es wird nicht entpackt."),
    ],
)  # fmt: skip
def test_nur_schlechte_dateien_400_und_nichts_gespeichert(
    client_als, redakteur_a, kommune_a, speicher, name, inhalt, meldung
):
    antwort = _hochladen(client_als(redakteur_a), {name: inhalt}, kommune=kommune_a.pk)
    assert antwort.status_code == 400
    assert meldung in antwort.content.decode()
    assert not Prozessmodell.objects.exists() and not Modellversion.objects.exists()
    assert _dateien_im_speicher(speicher) == 0


def test_ueber_der_grenze_eines_hochladens_wird_nichts_davon_gespeichert(
    client_als, redakteur_a, kommune_a, speicher, monkeypatch
):
    from modelle import eingang

    # GIVEN at most 2 models per upload WHEN a file and an archive of two come together
    monkeypatch.setattr(eingang, "MAX_MODELLE", 2)
    archiv = zip_aus({"b.bpmn": prozess("B"), "c.bpmn": prozess("C")})
    antwort = _hochladen(
        client_als(redakteur_a), {"a.bpmn": prozess("A"), "export.zip": archiv},
        kommune=kommune_a.pk,
    )  # fmt: skip
    # THEN the single file is saved, the archive is named and none of its models stored
    text = antwort.content.decode()
    assert antwort.status_code == 200
    assert "1 Modell gespeichert" in text
    assert (
        "„export.zip“: Mit dieser Datei wären es mehr als 2 Modelle auf einmal; sie und die "
        "folgenden Dateien wurden nicht übernommen." in text
    )
    assert list(Prozessmodell.objects.values_list("titel", flat=True)) == ["A"]
    assert _dateien_im_speicher(speicher) == 1


def test_duplikat_beim_hochladen(client_als, redakteur_a, kommune_a, modell_von):
    modell_von(redakteur_a, kommune_a, "Bauantrag")
    antwort = _hochladen(
        client_als(redakteur_a),
        {"nochmal.bpmn": prozess("Bauantrag", variante="Bauantrag")},
        kommune=kommune_a.pk,
    )
    assert antwort.status_code == 400
    assert (
        "„nochmal.bpmn“: Diese Datei liegt bereits als Version 1 von „Bauantrag“ in der "
        "Bibliothek." in antwort.content.decode()
    )
    assert Modellversion.objects.count() == 1


def test_leserecht_sieht_eine_erklaerung_statt_des_formulars(client_als, mitglied_a):
    antwort = client_als(mitglied_a).get("/modelle/hochladen/")
    assert antwort.status_code == 403
    assert "Modelle in die Bibliothek bringen dürfen Redaktion" in antwort.content.decode()


def test_kommune_kommt_aus_der_mitgliedschaft(
    client_als, redakteur_a, kommune_a, kommune_b, speicher
):
    # Member of two Kommunen, Redakteur only in A: naming B in the form is refused.
    Mitgliedschaft.objects.create(user=redakteur_a, kommune=kommune_b, rolle=Rolle.LESEN)
    antwort = _hochladen(client_als(redakteur_a), {"a.bpmn": prozess()}, kommune=kommune_b.pk)
    assert antwort.status_code == 400
    assert not Prozessmodell.objects.exists() and _dateien_im_speicher(speicher) == 0


def test_anonym_muss_sich_anmelden(client):
    antwort = client.get("/modelle/hochladen/")
    assert antwort.status_code == 302 and antwort["Location"].startswith("/konto/login/")


def test_zu_grosse_anfrage_wird_vor_dem_lesen_abgelehnt(client_als, redakteur_a):
    antwort = client_als(redakteur_a).post(
        "/modelle/hochladen/", data=b"x", content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(61 * 1024 * 1024),
    )  # fmt: skip
    assert antwort.status_code == 413
    assert "Die Anfrage ist zu groß: höchstens 60 MiB auf einmal." in antwort.content.decode()


def test_modellseite_zeigt_diagramm_befunde_kennzahlen_versionen(
    client_als, redakteur_a, kommune_a, datei, verarbeitet
):
    from modelle import services

    version = verarbeitet(
        services.modell_anlegen, user=redakteur_a, kommune=kommune_a,
        datei=datei("gewerbe.bpmn", mit_befund()),
    )  # fmt: skip
    text = client_als(redakteur_a).get(f"/modelle/{version.modell.uuid}/").content.decode()
    assert "<h1>Gewerbe anmelden</h1>" in text
    assert 'data-element-id="Lose"' in text  # the drawn diagram, inline
    # a finding with its element's name, in the viewer's list of findings
    assert '<span class="dv-elementname">Vergessene Aufgabe</span>' in text
    assert '<code class="dv-regel">no-disconnected</code>' in text
    # element details for the viewer, as a JSON data block (key order is the database's)
    block = re.search(r'<script id="modell-elemente" type="application/json">(.*?)</script>', text)
    assert json.loads(block.group(1))["Lose"] | {"doku": ""} == {
        "name": "Vergessene Aufgabe", "typ": "Aufgabe", "doku": ""}  # fmt: skip
    assert "<dt>Aufgaben</dt><dd>2</dd>" in text
    assert "gewerbe.bpmn" in text  # the versions table
    assert "geprüft, mit Befunden" in text
    assert f'href="/modelle/{version.modell.uuid}/versionen/1/datei.bpmn"' in text
    assert "Neue Version hochladen" in text  # the Redakteur may add one


def test_leser_sieht_das_modell_ohne_bearbeiten(client_als, redakteur_a, mitglied_a, kommune_a,
                                              modell_von):  # fmt: skip
    version = modell_von(redakteur_a, kommune_a)
    text = client_als(mitglied_a).get(f"/modelle/{version.modell.uuid}/").content.decode()
    assert "<h1>Hundesteuer anmelden</h1>" in text
    assert "Neue Version hochladen" not in text and "Angaben bearbeiten" not in text
    assert (
        client_als(mitglied_a).get(f"/modelle/{version.modell.uuid}/bearbeiten/").status_code == 403
    )


def test_andere_kommune_bekommt_ueberall_404(client_als, redakteur_a, kommune_a, mitglied_b,
                                            modell_von):  # fmt: skip
    version = modell_von(redakteur_a, kommune_a)
    basis = f"/modelle/{version.modell.uuid}"
    client = client_als(mitglied_b)
    urls = [f"{basis}/", f"{basis}/bearbeiten/", f"{basis}/versionen/neu/"] + [
        f"{basis}/versionen/1/{rest}"
        for rest in ("", "datei.bpmn", "diagramm-0.svg", "vorschau.png", "bild.png")
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    assert (
        client.post(
            f"{basis}/versionen/neu/", {"datei": _datei("x.bpmn", prozess("x"))}
        ).status_code
        == 404
    )
    assert client.get(f"/modelle/status/?v={version.uuid}").json() == {"versionen": []}
    # and for anonymous visitors as well
    client.logout()
    for url in urls:
        assert client.get(url).status_code in (404, 302), url
    assert client.get(f"{basis}/").status_code == 404


def test_downloads_mit_sicheren_koepfen(client_als, redakteur_a, kommune_a, modell_von):
    version = modell_von(redakteur_a, kommune_a, "Hundesteuer: Anmeldung/Änderung")
    basis = f"/modelle/{version.modell.uuid}/versionen/1"
    client = client_als(redakteur_a)
    bpmn = client.get(f"{basis}/datei.bpmn")
    assert bpmn.content == prozess(
        "Hundesteuer: Anmeldung/Änderung", variante="Hundesteuer: Anmeldung/Änderung"
    )
    assert bpmn["Content-Disposition"] == (
        'attachment; filename="hundesteuer-anmeldunganderung-v1.bpmn"'
    )
    assert bpmn["X-Content-Type-Options"] == "nosniff"
    svg = client.get(f"{basis}/diagramm-0.svg")
    assert svg["Content-Type"] == "image/svg+xml"
    assert svg["Content-Disposition"].startswith("attachment;")
    assert (
        svg["Content-Security-Policy"] == "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    )
    assert svg.content.startswith(b"<svg")
    vorschau = client.get(f"{basis}/vorschau.png")
    assert vorschau["Content-Type"] == "image/png" and vorschau.content[:4] == b"\x89PNG"
    assert vorschau["Cache-Control"] == "private, max-age=600"
    bild = client.get(f"{basis}/bild.png")
    assert (
        bild["Content-Disposition"] == 'attachment; filename="hundesteuer-anmeldunganderung-v1.png"'
    )
    assert int.from_bytes(bild.content[16:20], "big") == 2000  # width of the print picture
    assert client.get(f"{basis}/diagramm-5.svg").status_code == 404


def test_neue_version_ueber_die_seite(client_als, redakteur_a, kommune_a, modell_von, verarbeitet):
    version = modell_von(redakteur_a, kommune_a, "Bauantrag")
    client = client_als(redakteur_a)
    url = f"/modelle/{version.modell.uuid}/versionen/neu/"
    antwort = verarbeitet(client.post, url, {
        "datei": _datei("bauantrag-v2.bpmn", prozess("Bauantrag", ("Prüfen", "Bescheiden"))),
        "aenderungsnotiz": "Bescheid als eigener Schritt",
    })  # fmt: skip
    assert antwort.status_code == 302 and antwort["Location"] == f"/modelle/{version.modell.uuid}/"
    seite = client.get(antwort["Location"]).content.decode()
    assert "Version 2 ist gespeichert und wird jetzt geprüft." in seite
    assert "Bescheid als eigener Schritt" in seite
    # the same file again: refused at the field, naming it
    doppelt = client.post(
        url, {"datei": _datei("nochmal.bpmn", prozess("Bauantrag", ("Prüfen", "Bescheiden")))}
    )
    assert doppelt.status_code == 400
    assert (
        "„nochmal.bpmn“: Diese Datei liegt bereits als Version 2 von „Bauantrag“"
        in doppelt.content.decode()
    )
    assert Modellversion.objects.filter(modell=version.modell).count() == 2


def test_angaben_bearbeiten_mit_veraltetem_stand(client_als, redakteur_a, admin_a, kommune_a,
                                                 modell_von):  # fmt: skip
    modell = modell_von(redakteur_a, kommune_a).modell
    formular = client_als(redakteur_a).get(f"/modelle/{modell.uuid}/bearbeiten/")
    stand = formular.context["form"]["stand"].value()
    felder = {"titel": "Hundesteuer", "kategorie": "finanzen", "lizenz": "cc0-1.0",
              "sichtbarkeit": "netzwerk", "stand": stand, "leistungsschluessel": "99026005001000",
              "schlagworte": "Hund, Steuer"}  # fmt: skip
    ok = client_als(admin_a).post(f"/modelle/{modell.uuid}/bearbeiten/", felder)
    assert ok.status_code == 302
    veraltet = client_als(redakteur_a).post(
        f"/modelle/{modell.uuid}/bearbeiten/", {**felder, "titel": "Mein Titel"}
    )
    assert veraltet.status_code == 400
    assert "Das Modell wurde inzwischen von jemand anderem geändert." in veraltet.content.decode()
    modell.refresh_from_db()
    assert (modell.titel, modell.lizenz, modell.schlagworte) == (
        "Hundesteuer",
        "cc0-1.0",
        ["Hund", "Steuer"],
    )


def test_meine_modelle_mit_vorschaubildern(client_als, redakteur_a, kommune_a, modell_von):
    a = modell_von(redakteur_a, kommune_a, "Bauantrag")
    b = modell_von(redakteur_a, kommune_a, "Hundesteuer")
    text = client_als(redakteur_a).get("/modelle/meine/").content.decode()
    assert "2 Modelle" in text
    for v in (a, b):
        assert f'src="/modelle/{v.modell.uuid}/versionen/1/vorschau.png"' in text
    assert text.index("Hundesteuer") < text.index("Bauantrag")  # newest change first


def test_status_json(client_als, redakteur_a, kommune_a, modell_von):
    version = modell_von(redakteur_a, kommune_a)
    Modellversion.objects.filter(pk=version.pk).update(verarbeitung="laeuft")
    antwort = client_als(redakteur_a).get(f"/modelle/status/?v={version.uuid}&v=kaputt")
    assert antwort.json() == {"versionen": [{
        "uuid": str(version.uuid), "titel": "Hundesteuer anmelden", "verarbeitung": "laeuft",
        "anzeige": "wird verarbeitet", "fertig": False, "fehler": 0, "warnungen": 0, "grund": "",
    }]}  # fmt: skip
    assert antwort["Cache-Control"] == "private, no-store"


def test_ablage_text_kommt_uebersetzt_aus_der_vorlage(client_als, redakteur_a, kommune_a):
    # GIVEN the upload page — THEN the drop area's wording is in the page, not in the script
    from pathlib import Path

    from django.conf import settings

    text = client_als(redakteur_a).get("/modelle/hochladen/").content.decode()
    assert (
        '<p class="help" data-ablage-liste aria-live="polite" '
        'data-text-ausgewaehlt="%(n)s ausgewählt: %(namen)s"></p>'
    ) in text
    skript = (Path(settings.BASE_DIR) / "static" / "js" / "hochladen.js").read_text()
    assert "ausgewählt" not in skript.replace("%(n)s ausgewählt: %(namen)s", "")


def _abfragen(client, url: str) -> tuple[int, str]:
    """(number of queries, text) of a second GET: the first one warms session and caches."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    with CaptureQueriesContext(connection) as abfragen:
        antwort = client.get(url)
    assert antwort.status_code == 200
    return len(abfragen), antwort.content.decode()


def test_listen_mit_befundzahlen_fragen_nicht_je_zeile(
    client_als, redakteur_a, kommune_a, datei, verarbeitet
):
    from modelle import services

    def neues_modell(titel: str) -> Modellversion:
        return verarbeitet(
            services.modell_anlegen, user=redakteur_a, kommune=kommune_a,
            datei=datei(f"{titel}.bpmn", mit_befund(titel)), metadaten={"titel": titel},
        )  # fmt: skip

    client = client_als(redakteur_a)
    erste = neues_modell("Gewerbe anmelden")
    seiten = {
        "meine": "/modelle/meine/",
        "modellseite": f"/modelle/{erste.modell.uuid}/",
        "status": "",  # built from the versions below
    }

    def messen(versionen: list[Modellversion]) -> dict[str, tuple[int, str]]:
        status = "/modelle/status/?" + "&".join(f"v={v.uuid}" for v in versionen)
        return {n: _abfragen(client, status if n == "status" else u) for n, u in seiten.items()}

    # GIVEN one model with one version that has a finding
    vorher = messen([erste])
    # WHEN the Kommune has four models and the first one four versions
    weitere = [neues_modell(f"Gewerbe {i}") for i in range(3)]
    for i in range(3):
        weitere.append(
            verarbeitet(
                services.version_hochladen,
                user=redakteur_a,
                modell=erste.modell,
                datei=datei(f"v{i}.bpmn", mit_befund(f"Gewerbe anmelden {i}")),
            )
        )
    nachher = messen([erste, *weitere])
    # THEN each page still asks the database the same number of times
    assert {n: a for n, (a, _) in nachher.items()} == {n: a for n, (a, _) in vorher.items()}
    # and still shows every row's count of findings
    badge = 'geprüft, mit Befunden</span><span class="verarbeitung-zahlen"> · 3 Fehler</span>'
    assert nachher["meine"][1].count(badge) == 4
    assert nachher["modellseite"][1].count(badge) == 4 + 1  # the table and the shown version
    status = json.loads(nachher["status"][1])["versionen"]
    assert [v["anzeige"] for v in status] == ["geprüft, mit Befunden · 3 Fehler"] * 7
