"""The synchronous checks: bad files are refused with a German message naming the file."""

from __future__ import annotations

import io
import os
import zipfile

import pytest
from bpmn_bau import prozess, zip_aus

from modelle import eingang

XXE = (
    b'<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
    b'<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL">&x;'
    b"</bpmn:definitions>"
)
LACHEN = (
    b'<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;">'
    b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>\n'
    b'<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL">&c;'
    b"</bpmn:definitions>"
)
DOCTYPE = b'<?xml version="1.0"?>\n<!DOCTYPE html>\n' + prozess().split(b"\n", 1)[1]


def _pruefen(dateien: dict[str, bytes]):
    return eingang.hochgeladene_pruefen(
        [(name, io.BytesIO(daten), len(daten)) for name, daten in dateien.items()]
    )


@pytest.mark.parametrize(
    ("daten", "meldung"),
    [
        (b"", "Die Datei ist leer."),
        (b"\x89PNG\r\n\x1a\n", "Die Datei ist kein wohlgeformtes XML. Am Anfang steht kein "
         "XML-Element – ist es wirklich eine BPMN-Datei?"),
        (b"<bpmn:definitions", "Die Datei ist kein wohlgeformtes XML."),
        (b'<?xml version="1.0"?><html/>',
         "Die Datei ist kein BPMN-2.0-Modell: Das Wurzelelement ist „html“, erwartet wird "
         "„definitions“. (Zeile 1)"),
        (XXE, "Die Datei verweist auf externe Entitäten; das ist nicht erlaubt."),
        (LACHEN, "Die Datei enthält sich vervielfachende Entitäten"),
        (DOCTYPE, "Eine DOCTYPE-Deklaration ist in BPMN-Dateien nicht erlaubt."),
        (b"x" * (10 * 1024 * 1024 + 1), "Die Datei ist 10,0 MiB groß; erlaubt sind höchstens 10 "
         "MiB je Modell."),  # the page knows every file's size
    ],
)  # fmt: skip
def test_schlechte_datei_wird_mit_deutscher_meldung_und_namen_abgelehnt(daten, meldung):
    gut, abgelehnt, _ = _pruefen({"Antrag.bpmn": daten})
    assert gut == []
    assert [a.dateiname for a in abgelehnt] == ["Antrag.bpmn"]
    assert abgelehnt[0].meldung.startswith(meldung)
    # never the XML library's English text
    assert "expected" not in abgelehnt[0].meldung and "tag" not in abgelehnt[0].meldung


def test_gute_datei_bekommt_titel_aus_dem_modell():
    gut, abgelehnt, _ = _pruefen({"c:\\Users\\x\\hund.bpmn": prozess("Hundesteuer anmelden")})
    assert abgelehnt == []
    assert (gut[0].name, gut[0].titel) == ("hund.bpmn", "Hundesteuer anmelden")


def test_eine_schlechte_datei_haelt_die_anderen_nicht_auf():
    gut, abgelehnt, _ = _pruefen(
        {"a.bpmn": prozess("A"), "kaputt.bpmn": b"<x", "b.bpmn": prozess("B")}
    )
    assert [d.titel for d in gut] == ["A", "B"]
    assert [a.dateiname for a in abgelehnt] == ["kaputt.bpmn"]


def test_zip_mit_fuenf_modellen_ordnern_und_beiwerk():
    archiv = zip_aus(
        {
            **{f"Export/Prozesse/p{i}.bpmn": prozess(f"Prozess {i}") for i in range(5)},
            "Export/Prozesse/": b"",
            "__MACOSX/Export/._p0.bpmn": b"\x00\x05",
            "Export/.DS_Store": b"x",
            "Export/Handbuch.pdf": b"%PDF-1.4",
        }
    )
    gut, abgelehnt, uebergangen = _pruefen({"picture-export.zip": archiv})
    assert sorted(d.titel for d in gut) == [f"Prozess {i}" for i in range(5)]
    assert abgelehnt == []
    assert uebergangen == ["picture-export.zip › Handbuch.pdf"]


def test_zip_mit_pfad_nach_draussen_wird_ganz_abgelehnt():
    archiv = zip_aus({"ok.bpmn": prozess(), "../../etc/cron.d/x.bpmn": prozess("Böse")})
    gut, abgelehnt, _ = _pruefen({"export.zip": archiv})
    assert gut == []
    assert abgelehnt[0].dateiname == "export.zip"
    assert abgelehnt[0].meldung == (
        "Das ZIP-Archiv enthält einen Pfad, der aus dem Archiv hinauszeigt "
        "(„../../etc/cron.d/x.bpmn“); es wird nicht entpackt."
    )
    assert abgelehnt[0].code == "zip_path"


@pytest.mark.parametrize("pfad", ["/etc/passwd.bpmn", "C:/Windows/x.bpmn", "a\\..\\..\\b.bpmn"])
def test_absolute_und_windows_pfade_gelten_als_ausbruch(pfad):
    _, abgelehnt, _ = _pruefen({"export.zip": zip_aus({pfad: prozess()})})
    assert [a.code for a in abgelehnt] == ["zip_path"]


def test_zip_bombe_wird_nicht_entpackt():
    # 9 MiB of one repeated byte packs into a few KiB: far beyond any real BPMN's ratio.
    bombe = b"<" + b" " * (9 * 1024 * 1024)
    archiv = zip_aus({"bombe.bpmn": bombe, "gut.bpmn": prozess()})
    assert len(archiv) < 100_000
    gut, abgelehnt, _ = _pruefen({"export.zip": archiv})
    assert [d.name for d in gut] == ["gut.bpmn"]
    assert [(a.dateiname, a.code) for a in abgelehnt] == [("export.zip › bombe.bpmn", "zip_bomb")]
    assert "ungewöhnlich stark komprimiert" in abgelehnt[0].meldung


def test_zip_im_zip_wird_nicht_geoeffnet():
    innen = zip_aus({"p.bpmn": prozess()})
    archiv = zip_aus({"innen.zip": innen, "getarnt.bpmn": innen, "gut.bpmn": prozess("Gut")})
    gut, abgelehnt, _ = _pruefen({"export.zip": archiv})
    assert [d.titel for d in gut] == ["Gut"]
    assert sorted(a.dateiname for a in abgelehnt) == [
        "export.zip › getarnt.bpmn",
        "export.zip › innen.zip",
    ]
    assert {a.meldung for a in abgelehnt} == {"Archive in Archiven werden nicht entpackt."}


def test_zu_viele_eintraege(monkeypatch):
    monkeypatch.setattr(eingang, "MAX_ZIP_EINTRAEGE", 3)
    archiv = zip_aus({f"p{i}.bpmn": prozess(f"P{i}") for i in range(4)})
    gut, abgelehnt, _ = _pruefen({"export.zip": archiv})
    assert gut == []
    assert abgelehnt[0].meldung == ("Das ZIP-Archiv enthält 4 Einträge; erlaubt sind höchstens 3.")


def _gepolstert(titel: str, kib: int) -> bytes:
    """A valid model made about `kib` KiB large by a comment (compresses to almost nothing)."""
    return prozess(titel, variante=titel) + b"<!--" + b"a" * (kib * 1024) + b"-->\n"


def test_entpackte_groesse_gilt_fuer_das_ganze_hochladen(monkeypatch):
    # GIVEN an upload budget of 1 MiB, one file and three archives of about 400 KiB each
    monkeypatch.setattr(eingang, "MAX_ENTPACKT", 1024 * 1024)
    dateien = {"einzeln.bpmn": _gepolstert("Einzeln", 200)}
    for a in range(3):
        dateien[f"a{a}.zip"] = zip_aus(
            {f"m{i}.bpmn": _gepolstert(f"A{a} M{i}", 200) for i in range(2)}
        )
    dateien["danach.bpmn"] = prozess("Danach")
    # WHEN they come in one request
    gut, abgelehnt, _ = _pruefen(dateien)
    # THEN the file and the first two archives are taken (each archive alone is below the limit)
    assert [d.titel for d in gut] == ["Einzeln", "A0 M0", "A0 M1", "A1 M0", "A1 M1"]
    assert sum(len(d.daten) for d in gut) <= 1024 * 1024
    # … the third archive, which goes over, is refused as a whole, named, and nothing after it read
    assert [(a.dateiname, a.code, a.meldung) for a in abgelehnt] == [
        ("a2.zip", "upload_too_large",
         "Mit dieser Datei wären die Modelle zusammen entpackt größer als 1 MiB; sie und die "
         "folgenden Dateien wurden nicht übernommen. Bitte laden Sie sie in einem weiteren "
         "Schritt hoch."),
        ("danach.bpmn", "upload_too_large",
         "Nicht übernommen: Die Grenze für ein Hochladen wurde schon mit „a2.zip“ erreicht. "
         "Bitte laden Sie diese Datei in einem weiteren Schritt hoch."),
    ]  # fmt: skip


def test_anzahl_der_modelle_gilt_fuer_das_ganze_hochladen(monkeypatch):
    # GIVEN at most 3 models per upload: two single files, then an archive with two models
    monkeypatch.setattr(eingang, "MAX_MODELLE", 3)
    gut, abgelehnt, _ = _pruefen(
        {
            "a.bpmn": prozess("A", variante="a"),
            "b.bpmn": prozess("B", variante="b"),
            "export.zip": zip_aus({"c.bpmn": prozess("C"), "d.bpmn": prozess("D")}),
            "e.bpmn": prozess("E", variante="e"),
        }
    )
    # THEN the archive's first model does not slip through: the archive is refused whole
    assert [d.titel for d in gut] == ["A", "B"]
    assert [(a.dateiname, a.meldung) for a in abgelehnt] == [
        ("export.zip", "Mit dieser Datei wären es mehr als 3 Modelle auf einmal; sie und die "
         "folgenden Dateien wurden nicht übernommen. Bitte laden Sie sie in einem weiteren "
         "Schritt hoch."),
        ("e.bpmn", "Nicht übernommen: Die Grenze für ein Hochladen wurde schon mit „export.zip“ "
         "erreicht. Bitte laden Sie diese Datei in einem weiteren Schritt hoch."),
    ]  # fmt: skip


def test_kein_zip_trotz_endung():
    _, abgelehnt, _ = _pruefen({"export.zip": b"PK\x03\x04 kaputt"})
    assert [(a.dateiname, a.meldung) for a in abgelehnt] == [
        ("export.zip", "Die Datei ist kein lesbares ZIP-Archiv.")
    ]


def test_verschluesselter_eintrag():
    archiv = bytearray(zip_aus({"geheim.bpmn": prozess()}, methode=zipfile.ZIP_STORED))
    # set the "encrypted" flag bit in the local header and the central directory entry
    archiv[6] |= 1
    zentral = archiv.rfind(b"PK\x01\x02")
    archiv[zentral + 8] |= 1
    _, abgelehnt, _ = _pruefen({"export.zip": bytes(archiv)})
    assert [(a.dateiname, a.code) for a in abgelehnt] == [
        ("export.zip › geheim.bpmn", "zip_encrypted")
    ]


def test_bombe_wird_nur_bis_zur_grenze_entpackt(monkeypatch):
    # GIVEN a 9 MiB entry of spaces (under the 10 MiB entry limit, far past the ratio)
    gelesen = []
    echt = zipfile.ZipExtFile.read

    def mitzaehlen(self, n=-1):
        stueck = echt(self, n)
        gelesen.append(len(stueck))
        return stueck

    monkeypatch.setattr(zipfile.ZipExtFile, "read", mitzaehlen)
    archiv = zip_aus({"bombe.bpmn": b"<" + b" " * (9 * 1024 * 1024)})
    _, abgelehnt, _ = _pruefen({"export.zip": archiv})
    # THEN it is refused after 2 MiB read in chunks of 256 KiB: the 9 MiB were never inflated
    assert [a.code for a in abgelehnt] == ["zip_bomb"]
    assert (max(gelesen), sum(gelesen)) == (256 * 1024, 2 * 1024 * 1024)


def test_eintrag_ueber_der_dateigrenze_wird_abgelehnt(monkeypatch):
    monkeypatch.setattr(eingang, "MAX_DATEI", 300 * 1024)
    gross = prozess() + b"<!--" + os.urandom(200 * 1024).hex().encode() + b"-->"
    _, abgelehnt, _ = _pruefen({"export.zip": zip_aus({"gross.bpmn": gross})})
    assert [(a.dateiname, a.code, a.meldung) for a in abgelehnt] == [
        ("export.zip › gross.bpmn", "too_large", "Die Datei ist entpackt größer als 10 MiB.")
    ]


def test_archiv_ueber_seiner_grenze_wird_abgelehnt(monkeypatch):
    monkeypatch.setattr(eingang, "MAX_ZIP", 1000)
    archiv = zip_aus({"a.bpmn": prozess() + b"<!--" + os.urandom(2000).hex().encode() + b"-->"})
    _, abgelehnt, _ = _pruefen({"export.zip": archiv})
    assert [(a.dateiname, a.code) for a in abgelehnt] == [("export.zip", "zip_too_large")]
